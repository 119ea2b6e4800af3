"""Fit how far names and typed spans may reorder the selector's candidates, on KorQuAD.

    python bench/fit_reorder.py SLICE [--data DIR]

SLICE is the folder `bench/qa_slice.py` writes (fit/ and heldout/, each with docs/ and
questions.jsonl). For each gap on a grid, a candidate may be moved in front of the selector's
best (for naming the question's names, or for holding the kind of span asked for) only
when its selector score is within that gap of the best. Prints, for the fitting questions
and then the held-out ones, the share whose first chosen sentence holds the gold answer;
the gap to keep (REORDER_GAP) is chosen on the fitting questions alone: the widest within
TOLERANCE of the best, since the seeds' table rows and labelled lists need these moves
and KorQuAD's Wikipedia prose has few of them.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.answer.extractive import prefer_named, prefer_typed  # noqa: E402
from retrieval.answer.question import clean_question  # noqa: E402
from retrieval.evaluation import covers, load_questions  # noqa: E402
from retrieval.pipeline import open_pipeline  # noqa: E402

GAPS = [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, math.inf]
TOLERANCE = 0.015
"""The kept gap is the widest whose fitting share is within this of the best one."""
WHICH = ("both", "names", "spans")
"""The gap limits both preferences, or only the one for names, or only the one for spans."""


def shares(part: Path, data: Path) -> dict[float, float]:
    """For each gap, the share of answerable questions whose first sentence holds the answer."""
    pipe = open_pipeline(part / "docs", data, auto_ingest=True)
    service, searcher = pipe.service, pipe.searcher
    wins = {(g, which): 0 for g in GAPS for which in WHICH}
    asked = [q for q in load_questions(part / "questions.jsonl") if q.answerable and q.must_include]
    for q in asked:
        result = searcher.search(clean_question(q.question).text, service.k)
        if not service.picker.fitted_for(q.question):
            continue
        fitted = service.picker.candidates(result)
        names = searcher.morph.proper_nouns(q.question)
        for gap in GAPS:
            for which in WHICH:
                named = gap if which in ("both", "names") else math.inf
                typed = gap if which in ("both", "spans") else math.inf
                chosen = prefer_typed(q.question, set(result.tokens),
                                      prefer_named(names, fitted, gap=named), gap=typed)
                wins[gap, which] += bool(chosen) and covers(chosen[0].sentence.text,
                                                            q.must_include)
    return {key: won / max(len(asked), 1) for key, won in wins.items()}


def main() -> None:
    """Print the grid for both parts and the gap the fitting part picks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slice", type=Path)
    parser.add_argument("--data", type=Path, default=ROOT / ".policybot-korquad",
                        help="data folders for the two parts' stores (made if missing)")
    args = parser.parse_args()
    fit = shares(args.slice / "fit", args.data / "fit")
    held = shares(args.slice / "heldout", args.data / "heldout")
    print("gap limits  gap     fitting  held-out")
    for which in WHICH:
        for gap in GAPS:
            print(f"{which:11s} {gap:<7} {fit[gap, which]:.3f}    {held[gap, which]:.3f}")
    best = max(fit[gap, "both"] for gap in GAPS)
    kept = max(gap for gap in GAPS if fit[gap, "both"] >= best - TOLERANCE)
    print(f"kept (both, widest within {TOLERANCE} of the best fitting share): {kept},"
          f" fitting {fit[kept, 'both']:.3f}, held-out {held[kept, 'both']:.3f}")


if __name__ == "__main__":
    main()
