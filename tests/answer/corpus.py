"""A pipeline over a handful of documents written by a test, for answers on a corpus of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.pipeline import Pipeline, open_pipeline


def pipeline_over(docs: dict[str, str], tmp_path_factory: pytest.TempPathFactory,
                  name: str) -> Pipeline:
    """The documents written to a folder of their own, ingested into a store of their own."""
    folder = tmp_path_factory.mktemp(f"{name}-docs")
    for file, text in docs.items():
        (folder / file).write_text(text, encoding="utf-8")
    return open_pipeline(folder, Path(tmp_path_factory.mktemp(f"{name}-data")))
