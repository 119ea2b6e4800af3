"""The signals a candidate sentence is judged on, as one row of numbers per sentence."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from retrieval.answer.spans import AnswerType, has_span, short_year
from retrieval.index import FULL_YEAR, written_out

# The order of the columns; the fitted weights file names them, so a mismatch fails loudly.
FEATURES = (
    "dense",         # cosine of the sentence's mE5 vector and the question's
    "dense_gap",     # how far below the best candidate's cosine
    "own",           # IDF-weighted share of the question's words in the sentence itself
    "context",       # the same, with the sentence's headings
    "bm25",          # BM25 of the sentence among the candidates, scaled to the best
    "bigrams",       # share of the question's adjacent word pairs found adjacent in the sentence
    "novel",         # share of the sentence's words the question doesn't use (the answer is new)
    "proper",        # share of the question's names and numbers in the sentence or its headings
    "type_match",    # the question asks for an amount/date/person/place and the sentence has one
    "type_miss",     # it asks for one and the sentence has none
    "heading",       # the sentence is a heading
    "chunk_rank",    # 1 / (1 + rank of its chunk in search)
    "chunk_score",   # its chunk's fused search score, scaled to the best chunk
    "previous",      # `own` of the sentence right before it: an answer often follows the match
    "next",          # `own` of the sentence right after it
    "new_names",     # share of the sentence's names and numbers the question doesn't use
    "length",        # log length, scaled so 300 characters is 1
)

# Columns that describe a corpus's style more than whether a sentence answers: Wikipedia's
# headings are bare titles and its sentences long, while a press release states facts in
# headings and short list items. The selector leaves them out so its weights carry over.
STYLE = ("heading", "length")
SELECTOR_FEATURES = tuple(f for f in FEATURES if f not in STYLE)

_BM25_K1, _BM25_B = 1.2, 0.75


@dataclass(frozen=True)
class Candidate:
    """A sentence of a top chunk, with what the features are computed from."""

    text: str
    context_text: str
    tokens: tuple[str, ...]
    context_tokens: frozenset[str]
    proper: frozenset[str]
    kind: str
    chunk_id: str
    order: int
    hit_rank: int
    hit_score: float
    dense: float


def _verbatim_name(term: str, c: Candidate) -> bool:
    """A Korean name written out in the sentence or its headings, however Kiwi split it there.

    A year counts written short too: "2027년까지" is asked of "27년까지" and "'27".
    """
    if FULL_YEAR.fullmatch(term):
        short = short_year(term)
        return any(short.search(t) for t in (c.text, c.context_text))
    return written_out(term, c.text, c.context_text)


def _bm25(q_tokens: list[str], cands: list[Candidate], idf: dict[str, float]) -> np.ndarray:
    """BM25 of each candidate, with the corpus IDF and the candidates' own lengths."""
    if not cands:
        return np.zeros(0)
    avg = sum(len(c.tokens) for c in cands) / len(cands) or 1.0
    out = np.zeros(len(cands))
    for i, c in enumerate(cands):
        tf: dict[str, int] = {}
        for t in c.tokens:
            tf[t] = tf.get(t, 0) + 1
        norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * len(c.tokens) / avg)
        out[i] = sum(idf[t] * tf[t] * (_BM25_K1 + 1) / (tf[t] + norm) for t in q_tokens if t in tf)
    top = float(out.max())
    return out / top if top > 0 else out


def feature_matrix(
    cands: list[Candidate],
    q_tokens: list[str],
    q_proper: list[str],
    asked: AnswerType | None,
    idf: dict[str, float],
    lexical_weight: float,
) -> np.ndarray:
    """One row of FEATURES per candidate.

    Word-overlap columns are scaled by `lexical_weight`, the share of the question's words the
    corpus knows: for an English question about Korean text they are noise, and fade out.
    """
    n = len(cands)
    x = np.zeros((n, len(FEATURES)))
    if n == 0:
        return x
    total = sum(idf[t] for t in q_tokens) or 1.0

    def share(present: frozenset[str] | set[str]) -> float:
        return sum(idf[t] for t in q_tokens if t in present) / total

    own = np.array([share(set(c.tokens)) for c in cands])
    q_pairs = set(pairwise(q_tokens))
    q_set = set(q_tokens)
    q_names = set(q_proper)
    best_dense = max(c.dense for c in cands)
    best_hit = max(c.hit_score for c in cands) or 1.0
    by_place = {(c.chunk_id, c.order): i for i, c in enumerate(cands)}
    bm25 = _bm25(q_tokens, cands, idf)
    for i, c in enumerate(cands):
        before, after = (by_place.get((c.chunk_id, c.order + d)) for d in (-1, 1))
        # A question that names nothing misses no name: 1, so that "none named" never reads
        # as "every name missing" to the abstention model.
        proper = (sum(1 for t in q_proper if t in c.context_tokens or t in c.tokens
                      or _verbatim_name(t, c)) / len(q_proper)) if q_proper else 1.0
        typed = has_span(asked, c.text)
        x[i] = (
            c.dense,
            c.dense - best_dense,
            lexical_weight * own[i],
            lexical_weight * share(c.context_tokens | set(c.tokens)),
            lexical_weight * bm25[i],
            lexical_weight * (len(q_pairs & set(pairwise(c.tokens)))
                              / len(q_pairs) if q_pairs else 0.0),
            lexical_weight * (sum(t not in q_set for t in c.tokens) / len(c.tokens)
                              if c.tokens else 0.0),
            proper,
            float(asked is not None and typed),
            float(asked is not None and not typed),
            float(c.kind == "heading"),
            1.0 / (1 + c.hit_rank),
            c.hit_score / best_hit,
            lexical_weight * (own[before] if before is not None else 0.0),
            lexical_weight * (own[after] if after is not None else 0.0),
            len(c.proper - q_names) / len(c.proper) if c.proper else 0.0,
            math.log1p(len(c.text)) / math.log1p(300),
        )
    return x
