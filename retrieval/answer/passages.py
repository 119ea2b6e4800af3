"""A passage the answer must read, added to the hits when the search ranked it too low."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from retrieval.search import Hit, SearchResult


def with_passage(result: SearchResult, place: int, holds: Callable[[str], bool],
                 words: Sequence[str] = ()) -> SearchResult:
    """The hits with a passage holding a sentence `holds` accepts, when no hit of the best
    passage's document has one.

    It is the first such passage of the first of the hits' documents that has one, the best
    one's first: the subject asked about is most likely its. A hit of that document that
    has one leaves the hits as they are. With `words`, when none of those documents has one,
    it is the passage naming them that best matches the question. It takes `place` (the
    last the answer reads), the hits from there on moving down one.
    """
    if not result.hits:
        return result
    idx = result.index

    def has(chunk_id: str) -> bool:
        # Sentence by sentence, each under its nearest heading: a programme holds 발제 in
        # one line and names in others.
        return any(holds(idx.sentences[s].near)
                   for s in idx.sentence_ids.get(chunk_id, ()) if s in idx.sentences)

    found = None
    for source in dict.fromkeys(h.chunk.source for h in result.hits):
        # The first document that has one is the one read; a hit of it may be that one.
        if any(h.chunk.source == source and has(h.chunk.id) for h in result.hits):
            return result
        found = next((c for c in idx.chunks if c.source == source and has(c.id)), None)
        if found is not None:
            break
    if found is None and words:
        named = idx.lexical.scores(list(words))
        score = idx.lexical.scores(list(words) + result.tokens)
        found = next((idx.chunks[int(i)] for i in np.argsort(-score, kind="stable")
                      if named[i] > 0 and has(idx.chunks[int(i)].id)), None)
    if found is None or found.id in {h.chunk.id for h in result.hits}:
        return result
    at = min(place, len(result.hits))
    below = result.hits[min(at, len(result.hits) - 1)]  # it ranked lower: its scores are no higher
    hits = list(result.hits)
    hits.insert(at, Hit(found, below.score, below.dense, below.lexical))
    return replace(result, hits=hits)
