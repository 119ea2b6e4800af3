"""Reference vectors are embedded once per model and read back after, never from a bad file."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from retrieval.index import HashEmbedder, fixed_vectors

TEXTS = ["오늘 서울은 맑습니다.", "The football team won."]


class CountingEmbedder(HashEmbedder):
    """A hash embedder that records how many passages it embedded."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.embedded = 0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        return super().embed_passages(texts)


def test_a_second_start_reads_the_vectors_instead_of_embedding(tmp_path: Path) -> None:
    first = CountingEmbedder()
    made = fixed_vectors(first, TEXTS, tmp_path)
    second = CountingEmbedder()
    again = fixed_vectors(second, TEXTS, tmp_path)
    assert first.embedded == 2 and second.embedded == 0
    np.testing.assert_array_equal(made, again)


def test_another_model_or_other_texts_embed_afresh(tmp_path: Path) -> None:
    fixed_vectors(CountingEmbedder(64), TEXTS, tmp_path)
    other = CountingEmbedder(32)
    assert fixed_vectors(other, TEXTS, tmp_path).shape == (2, 32) and other.embedded == 2
    more = CountingEmbedder(64)
    fixed_vectors(more, [*TEXTS, "하나 더"], tmp_path)
    assert more.embedded == 3


def test_a_damaged_file_is_embedded_again_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    expected = fixed_vectors(CountingEmbedder(), TEXTS, tmp_path)
    (kept,) = tmp_path.glob("*.npy")
    kept.write_bytes(b"\x93NUMPY garbage")
    again = CountingEmbedder()
    with caplog.at_level(logging.WARNING):
        got = fixed_vectors(again, TEXTS, tmp_path)
    assert again.embedded == 2 and "embedding again" in caplog.text
    np.testing.assert_array_equal(got, expected)
    assert fixed_vectors(CountingEmbedder(), TEXTS, tmp_path).shape == (2, 64)  # rewritten


def test_a_folder_that_cannot_be_written_still_gives_the_vectors(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    emb = CountingEmbedder()
    assert fixed_vectors(emb, TEXTS, blocked / "null-vectors").shape == (2, 64)
    assert emb.embedded == 2
