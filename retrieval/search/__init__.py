"""Hybrid search: dense mE5 vectors fused with Kiwi BM25, weighted per query."""

from retrieval.search.cache import SnapshotCache
from retrieval.search.hit import Hit
from retrieval.search.hybrid import Searcher, SearchResult
from retrieval.search.snapshot import IndexSnapshot

__all__ = [
    "Hit",
    "IndexSnapshot",
    "SearchResult",
    "Searcher",
    "SnapshotCache",
]
