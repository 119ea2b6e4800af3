"""Hybrid search: dense mE5 vectors fused with Kiwi BM25, weighted per query."""

from retrieval.search.hit import Hit
from retrieval.search.hybrid import Searcher, SearchResult

__all__ = [
    "Hit",
    "SearchResult",
    "Searcher",
]
