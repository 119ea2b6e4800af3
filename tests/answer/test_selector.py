"""The fitted selector: its weights load, match the features, and the fit script reproduces them."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from retrieval.answer import ABSTAIN_FEATURES, FEATURES, SELECTOR_FEATURES, Selector
from tests.paths import ROOT

WEIGHTS = ROOT / "retrieval" / "answer" / "selector.json"


def _fit_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fit_selector", ROOT / "bench" / "fit_selector.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_weights_load_for_the_current_features() -> None:
    selector = Selector.load()
    assert selector.weights.shape == (len(SELECTOR_FEATURES),)
    assert selector.abstain_weights.shape == (len(ABSTAIN_FEATURES),)


def test_weights_for_other_features_fail_loudly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    data["selector"]["features"] = data["selector"]["features"][:-1]
    bad = tmp_path / "selector.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        Selector.load(bad)


def test_fit_script_reproduces_the_committed_weights() -> None:
    pytest.importorskip("sklearn")
    assert _fit_script().fit() == json.loads(WEIGHTS.read_text(encoding="utf-8"))


def test_scores_rank_a_sentence_that_shares_the_question_words_higher() -> None:
    selector = Selector.load()
    base = np.zeros(len(FEATURES))
    base[FEATURES.index("dense")] = 0.85
    matched = base.copy()
    matched[FEATURES.index("own")] = 0.8
    matched[FEATURES.index("bm25")] = 1.0
    scores = selector.score(np.stack([base, matched]))
    assert scores[1] > scores[0]
