"""Rebuild the KorQuAD 1.0 slice used to fit and check answer selection, from the dataset file.

    python bench/qa_slice.py KorQuAD_v1.0_dev.json slice/

Only articles 40–59 (0-based, in file order) of KorQuAD 1.0's dev file are used, and nothing
else of that file: the rest of it is kept for judging the project from outside. Articles
40–49 are the fitting part, 50–59 the held-out part. Each part becomes a documents folder
(one text file per Wikipedia article, title on the first line, a `metadata.json`) and a
question set in the project's eval format. Each question also appears once more, asked of
the other part's documents, as "not in the documents": a question paired with the wrong
articles is how the abstention policy learns what a miss looks like.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

FIRST, LAST = 40, 59  # The only articles of the dev file this project may read.
SPLIT = 50  # Articles before it fit the weights; the rest are held out.
SEED = 13
UNANSWERABLE_PER_PART = 120


def _article_file(index: int, title: str) -> str:
    safe = "".join(ch if ch.isalnum() else "_" for ch in title)[:40]
    return f"{index:03d}_{safe}.txt"


def _write_part(articles: list[tuple[int, dict]], out: Path) -> list[dict]:
    """Write one documents folder; return its answerable questions."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    meta: dict[str, dict[str, str]] = {}
    questions: list[dict] = []
    for index, article in articles:
        title = article["title"].replace("_", " ")
        name = _article_file(index, article["title"])
        paragraphs = [p["context"].strip() for p in article["paragraphs"]]
        (docs / name).write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        meta[name] = {"title": title, "publisher": "Wikipedia (KorQuAD 1.0)"}
        for p in article["paragraphs"]:
            for qa in p["qas"]:
                answers = list(dict.fromkeys(a["text"].strip() for a in qa["answers"]))
                questions.append({
                    "id": qa["id"], "question": qa["question"].strip(), "lang": "ko",
                    "kind": "fact", "answerable": True, "sources": [name],
                    "must_include": [answers],
                })
    (docs / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    return questions


def build(dev_file: Path, out: Path) -> dict[str, int]:
    """Write `fit/` and `heldout/` under `out`; return the question counts."""
    data = json.loads(dev_file.read_text(encoding="utf-8"))["data"]
    chosen = list(enumerate(data))[FIRST : LAST + 1]
    parts = {
        "fit": [(i, a) for i, a in chosen if i < SPLIT],
        "heldout": [(i, a) for i, a in chosen if i >= SPLIT],
    }
    answerable = {name: _write_part(arts, out / name) for name, arts in parts.items()}
    rng = random.Random(SEED)
    counts = {}
    for name, other in (("fit", "heldout"), ("heldout", "fit")):
        # The other part's questions, asked here, have no answer in these documents.
        misses = rng.sample(answerable[other], UNANSWERABLE_PER_PART)
        rows = answerable[name] + [
            {**q, "id": "x" + q["id"], "kind": "unanswerable", "answerable": False,
             "sources": [], "must_include": []}
            for q in misses
        ]
        with (out / name / "questions.jsonl").open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        counts[name] = len(rows)
    digest = hashlib.sha256(dev_file.read_bytes()).hexdigest()
    (out / "SOURCE").write_text(f"{dev_file.name} sha256 {digest}, articles {FIRST}-{LAST}\n")
    return counts


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/qa_slice.py KorQuAD_v1.0_dev.json OUT_DIR")
    print(build(Path(sys.argv[1]), Path(sys.argv[2])))
