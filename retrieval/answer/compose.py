"""Write the short answer text from the chosen sentences, leading with the span asked for."""

from __future__ import annotations

from collections.abc import Callable, Collection

from retrieval.answer.contract import Quote
from retrieval.answer.extractive import (
    FRAGMENT_CHARS,
    ScoredSentence,
    labels_above,
    reads_as_banner,
)
from retrieval.answer.instructions import reads_as_instruction
from retrieval.answer.spans import answer_type, asked_titles, has_span, lead_span
from retrieval.index import StoredSentence, strip_lead
from retrieval.search import SearchResult

MAX_ANSWER_CHARS = 300


def _heading(sent: StoredSentence, title: str) -> str:
    """The nearest heading that names something (not the title, a date, an embargo line or a banner)."""
    for part in reversed(sent.headings):
        if (part and part != title and sum(ch.isdigit() for ch in part) < len(part) * 0.2
                and not reads_as_instruction(part) and not reads_as_banner(part)):
            return part
    return ""


def _body(sent: StoredSentence) -> str:
    """The sentence without its list arrow or bullet."""
    return strip_lead(sent.text) or sent.text


def _frame(sent: StoredSentence, title: str, lang: str, said: str = "",
           with_heading: str = "") -> str:
    """The sentence as said in the answer: list arrows dropped, a heading only where needed.

    `with_heading`: the heading the answer's lead came from, shown whatever the sentence is.
    """
    body = _body(sent)
    if with_heading or sent.kind == "item" or len(body) < FRAGMENT_CHARS:
        heading = with_heading or _heading(sent, title)
        if heading and strip_lead(heading) not in f"{said} {body}":
            return f"{body} (under {heading})" if lang == "en" else f"{body} ({heading})"
    return body


def _clip(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def compose(chosen: list[ScoredSentence], result: SearchResult, lang: str,
            best: ScoredSentence | None = None,
            names: Callable[[str], Collection[str]] | None = None,
            span: str | None = None) -> tuple[str, list[Quote]]:
    """Answer text (≤ 2 sentences, ≤ 300 characters) and the quotes behind it.

    When the question asks for an amount, date, person or place and the first sentence holds
    one such span, the answer starts with it in bold ("**7조원**: …"); `span`, when given,
    is the one to lead with.
    """
    doc_of = {h.chunk.source: h.chunk for h in result.hits}  # source → its metadata
    quotes = []
    for s in chosen:
        chunk = doc_of[s.sentence.source]
        quotes.append(Quote(text=s.sentence.text, source=chunk.source, title=chunk.title,
                            published=chunk.published, url=chunk.url, page=s.sentence.page,
                            score=round(s.dense, 4)))
    first = chosen[0].sentence
    title = doc_of[first.source].title
    # The lead comes from the chosen best sentence only; the two are shown in document order.
    lead_from = (best or max(chosen[:2], key=lambda s: s.score)).sentence
    kind, words = answer_type(result.query), set(result.tokens)
    titles = asked_titles(result.query)

    def lead_of(text: str) -> str | None:
        # Kiwi reads the text only where its names are needed: for a place.
        return lead_span(kind, text, words, titles, result.query,
                         names(text) if names is not None and kind == "place" else None)

    span = span or lead_of(lead_from.text)
    from_heading = ""
    if span is None and kind is not None and not has_span(kind, lead_from.text):
        # "루닛은 국내 1호 의료 AI 창업 기업으로…" under "루닛 서범석 대표" answers "who runs
        # Lunit" with its heading; the heading is then shown, so the reader sees where it is.
        for label in labels_above(lead_from):
            span = lead_of(label)
            if span is not None:
                from_heading = label
                break
    framed: list[str] = []
    bodies = " ".join(_body(s.sentence) for s in chosen[:2])
    for s in chosen[:2]:
        # An aside the answer already says (the same heading, the heading itself, or the
        # other sentence shown) is left out.
        framed.append(_frame(s.sentence, title, lang, f"{' '.join(framed)} {bodies}",
                             with_heading=from_heading if s.sentence is lead_from else ""))
    body = " ".join(framed)
    lead = f"**{span}**: " if span else ""
    if lang == "en":
        date = doc_of[first.source].published
        lead += f"According to “{title}”" + (f" ({date})" if date else "") + ": "
    return _clip(lead + body, MAX_ANSWER_CHARS), quotes
