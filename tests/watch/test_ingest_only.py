"""Ingesting only the paths that changed: just those files are read, embedded or removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from retrieval.index import ChromaStore, HashEmbedder, Morphology, ingest
from tests.watch.docs import GPU, sk


@pytest.fixture
def store(chroma_client: ClientAPI, collection_name: str) -> ChromaStore:
    return ChromaStore(chroma_client, HashEmbedder(), collection_name)


def _texts(store: ChromaStore, source: str) -> str:
    return " ".join(c.text for c, _, _ in store.load_chunks() if c.source == source)


def test_only_the_named_files_are_embedded_and_removed(
    tmp_path: Path, store: ChromaStore, morph: Morphology
) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "gpu.txt").write_text(GPU, encoding="utf-8")
    (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
    (docs / "sub" / "a.txt").write_text(sk("1조원"), encoding="utf-8")
    ingest(docs, store, morph)
    (docs / "sk.txt").write_text(sk("8조원"), encoding="utf-8")
    (docs / "gpu.txt").write_text(GPU.replace("1.3만장", "2만장"), encoding="utf-8")

    report = ingest(docs, store, morph, only={"sk.txt"})
    assert report.documents == 1 and report.stored == 1
    assert "8조원" in _texts(store, "sk.txt") and "7조원" not in _texts(store, "sk.txt")
    assert "1.3만장" in _texts(store, "gpu.txt")  # changed on disk, but not named: untouched

    (docs / "sub" / "a.txt").unlink()
    (docs / "sk.txt").unlink()
    report = ingest(docs, store, morph, only={"sub"})  # a folder names what is under it
    assert report.removed > 0 and report.embedded == 0
    assert {c.source for c, _, _ in store.load_chunks()} == {"gpu.txt", "sk.txt"}

    # Every named file gone: removed, not kept as "the folder looks empty".
    (docs / "gpu.txt").unlink()
    ingest(docs, store, morph, only={"gpu.txt", "sk.txt"})
    assert store.count() == 0
