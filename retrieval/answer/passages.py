"""A passage the answer must read, added to the hits when the search ranked it too low."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from retrieval.index import Chunk, StoredSentence
from retrieval.search import Hit, SearchResult

LOOKED_AT = 50
"""Passages naming the thing sought, by their match with the question, looked through."""


def with_passage(result: SearchResult, place: int, holds: Callable[[str], bool],
                 words: Sequence[str] = ()) -> SearchResult:
    """The hits with a passage holding a sentence `holds` accepts at `place`, if none read has one.

    The hits' documents are looked in, the best one's first, as the subject asked about is
    most likely its: the first of them that has one gives its first such passage. With
    `words`, when none has one, the passage naming them that best matches the question is
    taken. The answer reads the hits up to `place`; the hits from there on move down one.
    """
    if not result.hits:
        return result
    idx = result.index
    read = result.hits[:place + 1]

    def has(chunk_id: str) -> bool:
        # Sentence by sentence, each under its nearest heading: a programme holds 발제 in
        # one line and names in others.
        return any(holds(idx.sentences[s].near)
                   for s in idx.sentence_ids.get(chunk_id, ()) if s in idx.sentences)

    found = None
    for source in dict.fromkeys(h.chunk.source for h in read):
        if any(h.chunk.source == source and has(h.chunk.id) for h in read):
            return result  # the first document that has one is the one read
        found = next((c for c in idx.chunks_of(source) if has(c.id)), None)
        if found is not None:
            break
    if found is None and words:
        named = idx.lexical.scores(list(words))
        rows = np.flatnonzero(named > 0)
        if len(rows):
            score = idx.lexical.scores(list(words) + result.tokens)[rows]
            best = rows[np.argsort(-score, kind="stable")[:LOOKED_AT]]
            found = next((idx.chunks[int(i)] for i in best if has(idx.chunks[int(i)].id)), None)
    return result if found is None else _inserted(result, found, place)


def _inserted(result: SearchResult, found: Chunk, place: int) -> SearchResult:
    """The hits with `found` at `place`, on the scores of the hit it displaces."""
    at = min(place, len(result.hits))
    below = result.hits[min(at, len(result.hits) - 1)]  # it ranked lower: its scores are no higher
    hits = [h for h in result.hits if h.chunk.id != found.id]  # one ranked lower moves up
    hits.insert(at, Hit(found, below.score, below.dense, below.lexical))
    return replace(result, hits=hits)


def in_section(first: StoredSentence, sent: StoredSentence) -> bool:
    """True when `sent` is under `first`'s nearest heading, reached by the same headings.

    Two speakers' lists may both be headed "핵심 제안"; only the nearest headings are kept,
    so the paths are compared where both have them. A subsection counts.
    """
    if sent.source != first.source:
        return False
    if not first.heading:
        return True
    path = sent.headings
    if first.heading not in path:
        return False
    upto = path[:path.index(first.heading) + 1]
    n = min(len(upto), len(first.headings))
    return upto[-n:] == first.headings[-n:]


def with_section_passage(result: SearchResult, first: StoredSentence, place: int,
                         holds: Callable[[str], bool]) -> SearchResult:
    """The hits with a passage holding a line of `first`'s section that `holds` accepts.

    Nothing changes when a passage read (up to `place`) has one already, or none has, or
    `first` has no heading (its section would be the whole document).
    """
    idx = result.index
    if not first.heading:
        return result

    def has(chunk_id: str) -> bool:
        return any(in_section(first, idx.sentences[s]) and holds(idx.sentences[s].text)
                   for s in idx.sentence_ids.get(chunk_id, ()) if s in idx.sentences)

    if not result.hits or any(has(h.chunk.id) for h in result.hits[:place + 1]):
        return result
    found = next((c for c in idx.chunks_of(first.source) if has(c.id)), None)
    return result if found is None else _inserted(result, found, place)
