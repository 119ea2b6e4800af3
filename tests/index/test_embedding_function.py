"""Chroma's view of our embedder: it records which model built a collection, and loads none."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.index.embeddings import HashEmbedder, PolicybotEmbeddingFunction


def test_the_config_names_the_embedder() -> None:
    ef = PolicybotEmbeddingFunction(HashEmbedder(16))
    assert ef.get_config() == {"embedder": "hash-16", "dim": 16}


def test_rebuilt_from_its_config_it_keeps_the_config_and_embeds_on_demand() -> None:
    ef = PolicybotEmbeddingFunction.build_from_config({"embedder": "hash-16", "dim": 16})
    assert ef.get_config() == {"embedder": "hash-16", "dim": 16}
    vectors = ef(["울산 데이터센터"])
    assert np.allclose(vectors[0], HashEmbedder(16).embed_passages(["울산 데이터센터"])[0])


def test_an_unknown_embedder_fails_only_when_asked_to_embed() -> None:
    # Chroma rebuilds the function at every write and read of a collection's schema.
    ef = PolicybotEmbeddingFunction.build_from_config({"embedder": "other-model", "dim": 3})
    assert ef.get_config()["embedder"] == "other-model"
    with pytest.raises(ValueError, match="unknown embedder"):
        ef(["x"])


def test_changing_the_embedder_of_a_collection_is_refused() -> None:
    ef = PolicybotEmbeddingFunction(HashEmbedder(16))
    with pytest.raises(ValueError, match="cannot be changed"):
        ef.validate_config_update({"embedder": "hash-16"}, {"embedder": "hash-32"})
