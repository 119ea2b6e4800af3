"""Tests of the Chroma store and hybrid search, on disk and on a server."""
