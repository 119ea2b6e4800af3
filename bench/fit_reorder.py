"""Fit how far a typed span may reorder the selector's candidates, on KorQuAD.

    python bench/fit_reorder.py SLICE [--data DIR]

SLICE is the folder `bench/qa_slice.py` writes (fit/ and heldout/, each with docs/ and
questions.jsonl). Two preferences may move a candidate before the selector's best: one
naming the question's names (only when the best one's passage names none of them, see
`prefer_named`), and one holding the kind of span asked for. For each gap on a grid,
the second may move only candidates whose selector score is within that gap of the best.
Prints, for the fitting questions and then the held-out ones, the share whose first
chosen sentence holds the gold answer, and the two designs this one replaced. The gap
kept (REORDER_GAP) is chosen on the fitting questions alone: the widest within
TOLERANCE of the best, since the seeds' labelled lists and table rows need such moves
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
BEFORE = ("no limit, names whenever the best sentence names none", math.inf)
"""The design this replaced, for comparison."""


def shares(part: Path, data: Path) -> dict[str, float]:
    """For each gap (and the design before), the share of answerable questions whose first
    chosen sentence holds the answer."""
    pipe = open_pipeline(part / "docs", data, auto_ingest=True)
    service, searcher = pipe.service, pipe.searcher
    wins: dict[str, int] = {}
    asked = [q for q in load_questions(part / "questions.jsonl") if q.answerable and q.must_include]
    for q in asked:
        result = searcher.search(clean_question(q.question).text, service.k)
        if not service.picker.fitted_for(q.question):
            continue
        fitted = service.picker.candidates(result)
        names = searcher.morph.proper_nouns(q.question)
        named = prefer_named(names, fitted, result.hits)
        ways = {str(gap): prefer_typed(q.question, set(result.tokens), named, gap=gap)
                for gap in GAPS}
        ways[BEFORE[0]] = prefer_typed(q.question, set(result.tokens),
                                       prefer_named(names, fitted))
        ways["no moves at all"] = fitted
        for way, chosen in ways.items():
            wins[way] = wins.get(way, 0) + (bool(chosen)
                                            and covers(chosen[0].sentence.text, q.must_include))
    return {way: won / max(len(asked), 1) for way, won in wins.items()}


def main() -> None:
    """Print the grid for both parts and the gap the fitting part picks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slice", type=Path)
    parser.add_argument("--data", type=Path, default=ROOT / ".policybot" / "korquad",
                        help="data folders for the two parts' stores (made if missing)")
    args = parser.parse_args()
    fit = shares(args.slice / "fit", args.data / "fit")
    held = shares(args.slice / "heldout", args.data / "heldout")
    print(f"{'typed-span gap (or design)':58s} fitting  held-out")
    for way in fit:
        print(f"{way:58s} {fit[way]:.3f}    {held[way]:.3f}")
    best = max(fit[str(gap)] for gap in GAPS)
    kept = max(gap for gap in GAPS if fit[str(gap)] >= best - TOLERANCE)
    print(f"kept: {kept} (widest within {TOLERANCE} of the best fitting share),"
          f" fitting {fit[str(kept)]:.3f}, held-out {held[str(kept)]:.3f}")

if __name__ == "__main__":
    main()
