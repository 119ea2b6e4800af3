"""Write the short answer text from the chosen sentences, leading with the span asked for."""

from __future__ import annotations

from retrieval.answer.contract import Quote
from retrieval.answer.extractive import ScoredSentence
from retrieval.answer.instructions import reads_as_instruction
from retrieval.answer.spans import answer_type, lead_span
from retrieval.index import StoredSentence, strip_lead
from retrieval.search import SearchResult

MAX_ANSWER_CHARS = 300
# A sentence this short, or a list item, reads as a fragment without its heading.
FRAGMENT_CHARS = 25


def _heading(sent: StoredSentence, title: str) -> str:
    """The nearest heading that names something (not the title, not a date or embargo line)."""
    for part in reversed(sent.context.split(" / ")):
        if (part and part != title and sum(ch.isdigit() for ch in part) < len(part) * 0.2
                and not reads_as_instruction(part)):
            return part
    return ""


def _frame(sent: StoredSentence, title: str, lang: str, said: str = "") -> str:
    """The sentence as said in the answer: list arrows dropped, a heading only where needed."""
    body = strip_lead(sent.text) or sent.text
    if sent.kind == "item" or len(body) < FRAGMENT_CHARS:
        heading = _heading(sent, title)
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
            best: ScoredSentence | None = None) -> tuple[str, list[Quote]]:
    """Answer text (≤ 2 sentences, ≤ 300 characters) and the quotes behind it.

    When the question asks for an amount, date, person or place and the first sentence holds
    one such span, the answer starts with it in bold ("**7조원**: …").
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
    framed: list[str] = []
    for s in chosen[:2]:
        # An aside the answer already said (the same heading, or the heading itself) is left out.
        framed.append(_frame(s.sentence, title, lang, " ".join(framed)))
    body = " ".join(framed)
    # The lead comes from the chosen best sentence only; the two are shown in document order.
    lead_from = (best or max(chosen[:2], key=lambda s: s.score)).sentence
    span = lead_span(answer_type(result.query), lead_from.text, set(result.tokens))
    lead = f"**{span}**: " if span else ""
    if lang == "en":
        date = doc_of[first.source].published
        lead += f"According to “{title}”" + (f" ({date})" if date else "") + ": "
    return _clip(lead + body, MAX_ANSWER_CHARS), quotes
