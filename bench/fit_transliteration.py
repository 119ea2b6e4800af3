"""Check how English names are matched to the Korean words that sound like them.

    python bench/fit_transliteration.py LOANWORDS_DIR [KOREAN_DOCS_DIR]

LOANWORDS_DIR holds tab-separated "english<TAB>korean" files (lines starting with # are
comments), such as the loanword lists of the public muik/transliteration repository
(data/source/*.txt: the National Institute of Korean Language's loanword examples, Doosan
and Wiktionary lists). KOREAN_DOCS_DIR adds ordinary Korean words as distractors, such as
the fitting part of the KorQuAD slice (bench/qa_slice.py); names are matched against a
document's every word, not only its loanwords.

For each English word, the candidates are the Korean words the alias table itself offers
(`AliasTable.sound_alikes`: same consonant skeleton, both starting with a vowel or both
not, a short skeleton only for a name Kiwi knows or an exact spelling). It prints precision and
recall of keeping every candidate against keeping only the closest spelling, on a held-out
fifth of the English words; nothing is fitted on that fifth.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections import defaultdict
from pathlib import Path

from retrieval.index import AliasTable, Morphology


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
    table = AliasTable([], vocabulary, Morphology())
    parts: dict[str, list[tuple[str, float, bool]]] = {"fit": [], "held-out": []}
    for en, gold in pairs.items():
        part = "held-out" if zlib.crc32(en.encode()) % 5 == 0 else "fit"
        parts[part].extend((en, score, ko in gold) for score, ko in table.sound_alikes(en))
    print(f"{len(pairs)} English words, {len(vocabulary)} Korean words")
    for name, rows in parts.items():
        for closest in (False, True):
            _report(name, rows, closest)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else None)
