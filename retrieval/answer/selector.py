"""Score candidate sentences with weights fitted on public Korean reading-comprehension data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from retrieval.answer.features import FEATURES, SELECTOR_FEATURES

WEIGHTS_FILE = "selector.json"


@dataclass(frozen=True)
class Selector:
    """A linear scorer over SELECTOR_FEATURES: higher means likelier to hold the answer."""

    weights: np.ndarray
    bias: float
    abstain_weights: np.ndarray
    abstain_bias: float

    @classmethod
    def load(cls, path: Path | None = None) -> Selector:
        """The committed weights (or another file written by bench/fit_selector.py)."""
        if path is None:
            raw = resources.files("retrieval.answer").joinpath(WEIGHTS_FILE).read_text("utf-8")
        else:
            raw = path.read_text(encoding="utf-8")
        data = json.loads(raw)
        sel, abst = data["selector"], data["abstain"]
        if (tuple(sel["features"]) != SELECTOR_FEATURES
                or tuple(abst["features"]) != ABSTAIN_FEATURES):
            raise ValueError("the selector weights were fitted for other features; re-run "
                             "bench/fit_selector.py")
        return cls(np.array(sel["weights"]), float(sel["bias"]),
                   np.array(abst["weights"]), float(abst["bias"]))

    def score(self, x: np.ndarray) -> np.ndarray:
        """The selector's logit for each row of FEATURES."""
        return x[:, _COLUMNS] @ self.weights + self.bias if len(x) else np.zeros(0)

    def miss_probability(self, signals: np.ndarray) -> float:
        """Probability that the documents don't hold the answer, from ABSTAIN_FEATURES."""
        z = float(signals @ self.abstain_weights + self.abstain_bias)
        return 1.0 / (1.0 + np.exp(-z))


def odds_shares(scores: np.ndarray) -> np.ndarray:
    """Each candidate's share of the selector's odds: the softmax of one question's logits."""
    odds = np.exp(scores - scores.max())
    return np.asarray(odds / odds.sum())


_COLUMNS = [FEATURES.index(f) for f in SELECTOR_FEATURES]

# What the abstention model reads for one question (see AbstainSignals in abstain.py).
ABSTAIN_FEATURES = (
    "best_logit",     # the selector's score of the best sentence
    "best_own",       # its own word overlap with the question
    "margin",         # best sentence cosine minus the nearest off-topic reference sentence
    "missing",        # how many of the question's key terms the corpus never mentions
    "coverage",       # share of the key terms in the top chunks
    "proper_best",    # share of the question's names and numbers in the best sentence
    "type_missing",   # the question asks for a kind of span none of the top sentences has
    "best_share",     # the best sentence's share of the selector's odds over all candidates
    "dense_top",      # the best sentence cosine itself
)
