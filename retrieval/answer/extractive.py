"""Pick the sentences that answer a question and compose a short answer from them."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np

from retrieval.answer.contract import Quote
from retrieval.answer.instructions import reads_as_instruction
from retrieval.index import Morphology, StoredSentence, strip_lead
from retrieval.search import IndexSnapshot, Searcher, SearchResult

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 300
TOP_CHUNKS = 4


@dataclass(frozen=True)
class ScoredSentence:
    """A candidate sentence with the scores that ranked it."""

    sentence: StoredSentence
    chunk_id: str
    order: int
    hit_rank: int
    dense: float
    lexical: float
    score: float
    own: float = 0.0  # overlap with the sentence's own words, headings left out


class SentencePicker:
    """Scores the sentences of the top chunks against the question."""

    def __init__(self, searcher: Searcher, morph: Morphology) -> None:
        self.searcher = searcher
        self.morph = morph

    def overlap(self, q_tokens: list[str], text: str, index: IndexSnapshot | None = None) -> float:
        """IDF-weighted share of the question's tokens found in the text."""
        if not q_tokens:
            return 0.0
        lexical = (index or self.searcher.index).lexical
        return lexical.share(q_tokens, set(self.morph.tokens(text)))

    def candidates(self, result: SearchResult) -> list[ScoredSentence]:
        """Every sentence of the top chunks, best first; never one that talks to the assistant."""
        seen: set[str] = set()
        out: list[ScoredSentence] = []
        q_tokens = list(dict.fromkeys(result.tokens))
        idx = result.index  # the snapshot the hits came from, so nothing mixes with a reload
        for rank, hit in enumerate(result.hits[:TOP_CHUNKS]):
            for order, sid in enumerate(idx.sentence_ids.get(hit.chunk.id, [])):
                sent = idx.sentences.get(sid)
                vec = idx.sentence_vector(sid)
                if sent is None or vec is None or sid in seen:
                    continue
                seen.add(sid)
                if reads_as_instruction(sent.text):
                    # A document that tells the assistant what to say is not evidence of it.
                    log.info("skipped a sentence addressed to the assistant: %.80r", sent.text)
                    continue
                dense = float(np.dot(vec, result.vector))
                lexical = self.overlap(q_tokens, f"{sent.context} {sent.text}", idx)
                # Dense carries English questions; lexical overlap sharpens Korean ones.
                score = dense + 0.07 * result.lexical_weight * lexical - 0.01 * rank
                if sent.kind == "heading" and len(sent.text) < 12:
                    score -= 0.02  # A bare heading says little on its own.
                own = self.overlap(q_tokens, sent.text, idx)
                out.append(ScoredSentence(sent, hit.chunk.id, order, rank, dense, lexical, score,
                                          own))
        out.sort(key=lambda s: -s.score)
        return out


def _frame(sent: StoredSentence, title: str) -> str:
    """The sentence as a standalone statement: arrows dropped, headings in front."""
    body = strip_lead(sent.text) or sent.text
    # Headings that are dates or embargo lines ("보도시점 2. 5.(수) 14:00") name nothing.
    parts = [p for p in sent.context.split(" / ")
             if p and p != title and sum(ch.isdigit() for ch in p) < len(p) * 0.2
             and not reads_as_instruction(p)]
    prefix = " · ".join(parts[-2:])
    return f"{prefix}: {body}" if prefix else body


def _clip(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def compose(chosen: list[ScoredSentence], result: SearchResult, lang: str) -> tuple[str, list[Quote]]:
    """Answer text (≤ 2 sentences, ≤ 300 characters) and the quotes behind it."""
    doc_of = {h.chunk.source: h.chunk for h in result.hits}  # source → its metadata
    quotes = []
    for s in chosen:
        chunk = doc_of[s.sentence.source]
        quotes.append(Quote(text=s.sentence.text, source=chunk.source, title=chunk.title,
                            published=chunk.published, url=chunk.url, score=round(s.dense, 4)))
    first = chosen[0].sentence
    title = doc_of[first.source].title
    framed = [_frame(s.sentence, title) for s in chosen[:2]]
    if len(framed) == 2 and chosen[0].sentence.context == chosen[1].sentence.context:
        framed[1] = strip_lead(chosen[1].sentence.text) or chosen[1].sentence.text
    body = " ".join(framed)
    if lang == "en":
        date = doc_of[first.source].published
        lead = f"According to “{title}”" + (f" ({date})" if date else "") + ": "
        return _clip(lead + body, MAX_ANSWER_CHARS), quotes
    return _clip(body, MAX_ANSWER_CHARS), quotes


_QUANTITY = re.compile(r"얼마|몇|비율|비중|규모|how (much|many)|what (share|percentage)", re.I)
# "…라고 했나요?", "what did X say": the answer is somebody's words, so a quotation.
_SPEECH = re.compile(r"(라고|다고)\s*(했|말했|밝혔|강조했|언급했)|말한 것|what did .{1,60} say", re.I)
_DIGIT = re.compile(r"\d")
_QUOTE_MARK = re.compile(r"[“”\"]")


def _prefer(cands: list[ScoredSentence], wanted: re.Pattern[str],
            gap: float) -> list[ScoredSentence]:
    """Move close candidates whose own text matches `wanted` to the front.

    Among them, the one stated in words of the question comes first ("투자" → "7조원 투자").
    """
    best = cands[0].score
    picked = [c for c in cands
              if wanted.search(strip_lead(c.sentence.text)) and c.score >= best - gap]
    picked.sort(key=lambda c: (-c.own, -c.score))
    return picked + [c for c in cands if c not in picked]


def prefer_answer_type(question: str, cands: list[ScoredSentence]) -> list[ScoredSentence]:
    """For 'how much / 몇' prefer numbers; for 'what did they say' prefer quotations."""
    if not cands:
        return cands
    if _QUANTITY.search(question):
        return _prefer(cands, _DIGIT, gap=0.07)
    if _SPEECH.search(question):
        return _prefer(cands, _QUOTE_MARK, gap=0.05)
    return cands


def choose(cands: list[ScoredSentence], max_quotes: int = 3,
           neighbour_gap: float = 0.05) -> list[ScoredSentence]:
    """The best sentence, the sentence next to it when that one carries on, then close runners-up.

    An answer often sits right after the sentence that matches the question best
    ("…MOU를 체결했다." → "핵심은 … 설립 구상이다."), so the neighbour gets a wider margin.
    """
    if not cands:
        return []
    best = cands[0]
    chosen = [best]
    words = set(best.sentence.text.split())
    for c in cands[1:]:
        if len(chosen) >= max_quotes:
            break
        same_doc = c.sentence.source == best.sentence.source
        neighbour = c.chunk_id == best.chunk_id and abs(c.order - best.order) == 1
        # A neighbour is judged on meaning alone: it rarely repeats the question's words.
        if neighbour and c.sentence.kind != "heading":
            close = c.dense >= best.dense - neighbour_gap
        else:
            close = c.score >= best.score - 0.02
        if not same_doc or not close:
            continue
        new = set(c.sentence.text.split()) - words
        if len(new) < 3:
            continue
        chosen.append(c)
        words |= new
    # Read the first two in document order so the answer flows as the source does.
    head = sorted(chosen[:2], key=lambda c: (c.chunk_id != best.chunk_id, c.order))
    return head + chosen[2:]
