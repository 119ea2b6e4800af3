"""Fit the sentence selector and the abstention model on the KorQuAD slice's fitting part.

    python bench/qa_slice.py KorQuAD_v1.0_dev.json slice/   # once
    python bench/fit_selector.py slice/                          # writes the two files below

Two steps, so the fit can be checked without the dataset:
1. `features`: ingest `slice/fit/docs` with the project's own pipeline, run every question
   through the same search and feature code the bot uses, and save the numbers (no text) to
   `bench/selector_rows.npz`.
2. `fit`: the selector is a conditional logit (a softmax over each question's candidates, so
   it learns to rank, not to label sentences one by one) with its L2 strength chosen by 5-fold
   cross-validation over the fitting questions; the abstention model is a logistic
   regression. Both are written to `retrieval/answer/selector.json`, and
   `tests/answer/test_selector.py` re-runs this step and asserts the committed weights.

A sentence is a positive when it holds a gold answer span. The abstention model learns from
the fitting part's questions (answerable), the same questions reworded as a paraphrase would
(answerable; see `_reworded`), and the held-out part's questions asked of these documents (not
in them), so no held-out document is ever seen while fitting.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.answer import (  # noqa: E402
    ABSTAIN_FEATURES,
    FEATURES,
    SELECTOR_FEATURES,
    Question,
    Selector,
    abstain_signals,
    answer_type,
    clean_question,
)
from retrieval.evaluation import EvalQuestion, load_questions  # noqa: E402
from retrieval.pipeline import open_pipeline  # noqa: E402
from retrieval.service import PolicyService  # noqa: E402

ROWS = ROOT / "bench" / "selector_rows.npz"
WEIGHTS = ROOT / "retrieval" / "answer" / "selector.json"
C = 1.0  # sklearn's default regularisation for the abstention model; not tuned.
L2_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = 5


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[list[float], float]:
    """A balanced logistic regression (the abstention model), on standardized columns.

    The columns live on very different scales (a cosine margin spans about 0.1, the selector's
    score about 20), and one L2 penalty over raw columns would silence the narrow ones. The
    weights are mapped back to raw columns, so the bot still computes one dot product.
    """
    from sklearn.linear_model import LogisticRegression

    mean, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    model.fit((x - mean) / sd, y)
    w = model.coef_[0] / sd
    b = float(model.intercept_[0]) - float(w @ mean)
    return [round(float(v), 6) for v in w], round(b, 6)


def _rank_fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, l2: float) -> np.ndarray:
    """Conditional logit: maximise the softmax mass each question puts on its answer sentences."""
    from scipy.optimize import minimize

    members = [np.flatnonzero(groups == g) for g in np.unique(groups)]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        total, grad = 0.5 * l2 * float(w @ w), l2 * w
        for idx in members:
            p = np.exp(s[idx] - s[idx].max())
            p /= p.sum()
            pos = y[idx] > 0
            on_answer = p * pos / p[pos].sum()
            total -= float(np.log(p[pos].sum()))
            grad = grad - x[idx].T @ (on_answer - p)
        return total, grad

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def _top1(x: np.ndarray, y: np.ndarray, groups: np.ndarray, w: np.ndarray) -> float:
    s = x @ w
    return float(np.mean([y[idx][np.argmax(s[idx])] for idx in
                          (np.flatnonzero(groups == g) for g in np.unique(groups))]))


def _rank_weights(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[list[float], float]:
    """The selector's weights, its L2 strength picked by cross-validation over questions."""
    questions = np.unique(groups)
    fold_of = {g: i % FOLDS for i, g in enumerate(questions)}
    folds = np.array([fold_of[g] for g in groups])
    cv = {}
    for l2 in L2_GRID:
        cv[l2] = np.mean([_top1(x[folds == k], y[folds == k], groups[folds == k],
                                _rank_fit(x[folds != k], y[folds != k], groups[folds != k], l2))
                          for k in range(FOLDS)])
    best = max(L2_GRID, key=lambda l2: (round(cv[l2], 6), -l2))
    print("cross-validated top-1 by L2: " + "  ".join(f"{k}: {v:.3f}" for k, v in cv.items()))
    w = _rank_fit(x, y, groups, best)
    # A softmax ignores a constant, so the bias is 0; the abstention model reads the raw score.
    return [round(float(v), 6) for v in w], 0.0


def _reworded(service: PolicyService, item: EvalQuestion, q: Question,
              rng: random.Random) -> np.ndarray | None:
    """Abstention signals of the question as a paraphrase would put it (still answerable).

    KorQuAD questions reuse their article's words, so a model fitted on them alone reads
    "few shared words" as "not in the documents", and refuses paraphrases. Here 40–80% of the
    words the question shares with its answer's passage are deleted and counted as words
    the corpus never mentions, as a paraphrase's own words would be.
    """
    gold = [s for group in item.must_include for s in group]
    passage = next((h.chunk.text for h in service.searcher.search(q.text, 10).hits
                    if any(s in h.chunk.text for s in gold)), None)
    morph = service.searcher.morph
    shared = [k for k in morph.key_terms(q.text) if passage and k in passage]
    if len(shared) < 2:
        return None
    drop = rng.sample(shared, max(1, round(len(shared) * rng.uniform(0.4, 0.8))))
    words = q.text.split()
    kept = [w for w in words if not any(d in w for d in drop)]
    if len(kept) < 2 or len(kept) == len(words):
        return None
    shorter = clean_question(" ".join(kept))
    _, cands, ev = service.examine(shorter)
    if not cands:
        return None
    signals = abstain_signals(ev, cands, answer_type(shorter.text))
    left, removed = max(len(morph.key_terms(shorter.text)), 1), len(words) - len(kept)
    signals[ABSTAIN_FEATURES.index("missing")] += removed
    signals[ABSTAIN_FEATURES.index("coverage")] *= left / (left + removed)
    return signals


def features(slice_dir: Path) -> None:
    """Step 1: the selector and abstention rows of the fitting part, saved without text."""
    questions = load_questions(slice_dir / "fit" / "questions.jsonl")
    with tempfile.TemporaryDirectory() as data:
        # Features don't depend on the weights, so the old ones need not fit the new features.
        service = open_pipeline(slice_dir / "fit" / "docs", Path(data),
                                fitted_selector=False).service
        rows, labels, groups, kept = [], [], [], []
        for n, item in enumerate(questions):
            q = clean_question(item.question)
            _, cands, ev = service.examine(q)
            kept.append((item, q, cands, ev))
            if not item.answerable or not cands:
                continue
            gold = [s for group in item.must_include for s in group]
            hits = [any(s in c.sentence.text for s in gold) for c in cands]
            if not any(hits):
                continue  # Search missed the answer; no sentence choice can be learned here.
            for c, hit in zip(cands, hits, strict=True):
                assert c.features is not None
                rows.append(c.features)
                labels.append(int(hit))
                groups.append(n)
        x, y = np.array(rows)[:, [FEATURES.index(f) for f in SELECTOR_FEATURES]], np.array(labels)
        # The abstention rows need the fitted selector's scores, so fit it here first.
        weights, bias = _rank_weights(x, y, np.array(groups))
        service.picker.selector = Selector(np.array(weights), bias, np.zeros(len(ABSTAIN_FEATURES)), 0.0)
        a_rows, a_labels = [], []
        rng = random.Random(0)
        for item, q, _, _ in kept:
            _, cands, ev = service.examine(q)
            if cands:
                a_rows.append(abstain_signals(ev, cands, answer_type(q.text)))
                a_labels.append(int(not item.answerable))
            reworded = _reworded(service, item, q, rng) if item.answerable else None
            if reworded is not None:
                a_rows.append(reworded)
                a_labels.append(0)
    np.savez_compressed(ROWS, x=x.round(6), y=y, groups=np.array(groups),
                        ax=np.array(a_rows).round(6), ay=np.array(a_labels))
    print(f"{len(y)} candidate rows from {len(set(groups))} questions; "
          f"{len(a_labels)} abstention rows ({sum(a_labels)} not in the documents)")


def fit(rows_file: Path = ROWS) -> dict[str, dict[str, object]]:
    """Step 2: the weights, from the saved rows."""
    rows = np.load(rows_file)
    weights, bias = _rank_weights(rows["x"], rows["y"], rows["groups"])
    a_weights, a_bias = _fit(rows["ax"], rows["ay"])
    return {
        "selector": {"features": list(SELECTOR_FEATURES), "weights": weights, "bias": bias},
        "abstain": {"features": list(ABSTAIN_FEATURES), "weights": a_weights, "bias": a_bias},
        "fitted_on": {"data": "KorQuAD 1.0 dev, articles 40-49 (bench/qa_slice.py)",
                      "model": "selector: conditional logit, L2 by 5-fold CV; abstention: "
                               f"sklearn LogisticRegression(C={C}, class_weight='balanced') on "
                               "standardized columns",
                      "rows": len(rows["y"]), "abstain_rows": len(rows["ay"])},
    }


def write(weights: dict[str, dict[str, object]]) -> None:
    """Save the weights where `Selector.load()` reads them."""
    WEIGHTS.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 2:
        features(Path(sys.argv[1]))
    elif len(sys.argv) != 1 or not ROWS.exists():
        sys.exit("usage: python bench/fit_selector.py SLICE_DIR   (or no argument to refit "
                 "from bench/selector_rows.npz)")
    write(fit())
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
