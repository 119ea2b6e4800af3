"""Check how English names are matched to the Korean words that sound like them.

    python bench/fit_transliteration.py LOANWORDS_DIR [KOREAN_DOCS_DIR]

LOANWORDS_DIR holds tab-separated "english<TAB>korean" files (lines starting with # are
comments), such as the loanword lists of the public muik/transliteration repository
(data/source/*.txt: the National Institute of Korean Language's loanword examples, Doosan
and Wiktionary lists). KOREAN_DOCS_DIR adds ordinary Korean words as distractors, such as
the fitting part of the KorQuAD slice (bench/qa_slice.py); names are matched against a
document's every word, not only its loanwords.

For each English word, the candidates are the Korean words the alias table would consider
(same consonant skeleton, both starting with a vowel or both not). It prints precision and
recall of keeping every candidate against keeping only the closest spelling, on a held-out
fifth of the English words; nothing is fitted on that fifth.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from korean_romanizer.romanizer import Romanizer

from retrieval.index.aliases import skeleton


def _pairs(folder: Path) -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = defaultdict(set)
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            en, ko = (part.strip() for part in line.split("\t")[:2])
            if re.fullmatch(r"[A-Za-z]{4,}", en) and re.fullmatch(r"[가-힣]{2,8}", ko):
                pairs[en.lower()].add(ko)
    return pairs


def _report(name: str, rows: list[tuple[str, float, bool]], closest: bool) -> None:
    by_word: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for en, score, is_right in rows:
        by_word[en].append((score, is_right))
    kept = right = 0
    total = sum(int(r) for _, _, r in rows)
    for found in by_word.values():
        best = max(s for s, _ in found)
        chosen = [int(r) for s, r in found if not closest or s == best]
        kept += len(chosen)
        right += sum(chosen)
    precision = right / kept if kept else 0.0
    recall = right / total if total else 0.0
    print(f"{name:8} {'closest only' if closest else 'every match':13} "
          f"precision {precision:.3f}  recall {recall:.3f}  ({right} of {total} right, {kept} kept)")


def main(loanwords: Path, docs: Path | None) -> None:
    pairs = _pairs(loanwords)
    vocabulary = {ko for kos in pairs.values() for ko in kos}
    if docs is not None:
        for path in docs.glob("*.txt"):
            vocabulary.update(re.findall(r"[가-힣]{2,8}", path.read_text(encoding="utf-8")))
    roman = {w: Romanizer(w).romanize() for w in vocabulary}
    by_skeleton: dict[str, set[str]] = defaultdict(set)
    for word, r in roman.items():
        by_skeleton[skeleton(r)].add(word)
    parts: dict[str, list[tuple[str, float, bool]]] = {"fit": [], "held-out": []}
    for en, gold in pairs.items():
        keys = {skeleton(en, english=True)}
        if en.endswith("r"):
            keys.add(skeleton(en[:-1], english=True))
        part = "held-out" if zlib.crc32(en.encode()) % 5 == 0 else "fit"
        for key in keys:
            for ko in by_skeleton.get(key, ()):
                r = roman[ko]
                if (r[0] in "aeiou") != (en[0] in "aeiou") or not (len(key) >= 3 or r == en):
                    continue
                parts[part].append((en, SequenceMatcher(None, en, r).ratio(), ko in gold))
    print(f"{len(pairs)} English words, {len(vocabulary)} Korean words")
    for name, rows in parts.items():
        for closest in (False, True):
            _report(name, rows, closest)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else None)
