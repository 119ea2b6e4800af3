"""English words of policy and technology, with the Korean words documents use for them."""

from __future__ import annotations

import re
from importlib import resources

_WORD = re.compile(r"[a-z][a-z-]*[a-z]")
GLOSSARY_FILE = "glossary.tsv"
GAZETTEER_FILE = "gazetteer.tsv"  # well-known places, firms and bodies, in Korean


class Glossary:
    """Korean counterparts for an English question's words, so BM25 can match Korean text."""

    def __init__(self, entries: dict[str, tuple[str, ...]],
                 bodies: frozenset[str] = frozenset()) -> None:
        self.entries = entries
        self.bodies = bodies  # the Korean names of public bodies, from their section
        # Some things English says in two words and Korean in one ("large companies" is
        # 대기업): such an entry is looked for as a phrase, before the words one by one.
        self.phrases = {re.compile(r"\b" + r"\s+".join(map(re.escape, k.split())) + r"\b"): v
                        for k, v in entries.items() if " " in k}

    @classmethod
    def load(cls, text: str | None = None, bundled: str = GLOSSARY_FILE) -> Glossary:
        """A bundled table (the glossary, or GAZETTEER_FILE), or `text` in the same form."""
        if text is None:
            text = resources.files("retrieval.index").joinpath(bundled).read_text("utf-8")
        entries: dict[str, tuple[str, ...]] = {}
        bodies: set[str] = set()
        in_bodies = False
        for line in text.splitlines():
            if line.startswith("#"):
                # A comment that opens a section says what its lines are.
                in_bodies = line.startswith(_BODIES) or (in_bodies and not line.startswith("# "))
                continue
            english, _, korean = line.partition("\t")
            words = tuple(w.strip() for w in korean.split(",") if w.strip())
            if english.strip() and words:
                entries[english.strip().lower()] = words
                if in_bodies:
                    bodies.update(words)
        return cls(entries, frozenset(bodies))

    def korean_words(self, question: str) -> list[str]:
        """The Korean words for the question's phrases, then its words, in the question's order."""
        lower = question.lower()
        found = [k for phrase, ways in self.phrases.items() if phrase.search(lower) for k in ways]
        for word in _WORD.findall(lower):
            found.extend(k for part in self._parts(word) for k in self.entries.get(part, ()))
        return list(dict.fromkeys(found))

    def named(self, question: str) -> list[tuple[str, str]]:
        """Bodies the question writes out in capitals ("Korea Chamber of Commerce and
        Industry"), as (the words written, a Korean name): named as an acronym is."""
        lower = question.lower()
        found: list[tuple[str, str]] = []
        for phrase, ways in self.phrases.items():
            # "Large Companies" in a title-cased question is no body.
            if not any(w in self.bodies for w in ways):
                continue
            written = _capitalised(question, phrase.search(lower))
            if written:
                found += [(written, way) for way in ways]
        return found

    def rendered(self, question: str) -> set[str]:
        """The question's English words the glossary has Korean for."""
        lower = question.lower()
        return {w for w in _WORD.findall(lower) if any(p in self.entries for p in self._parts(w))
                } | {w for phrase in self.phrases if (m := phrase.search(lower))
                     for w in _WORD.findall(m.group(0))}

    def _parts(self, word: str) -> list[str]:
        """The entries a word is looked up as: itself, else its hyphened parts or their stems."""
        # "second-stage" is stage's 단계, "tasks" task's 과제, "attracting" attract's.
        if word in self.entries:
            return [word]
        out = []
        for part in word.split("-"):
            stem = next((s for s in _stems(part) if s in self.entries), None)
            if stem is not None:
                out.append(stem)
        return out

    def written(self, name: str, corpus: str) -> bool:
        """True when the table knows the name and a (lowercased) corpus writes it in a spelling."""
        ways = self.entries.get(name.lower())
        return ways is not None and any(_written(w.lower(), corpus) for w in (name.lower(), *ways))

    def unwritten(self, names: list[str], corpus: str) -> list[str]:
        """Those of `names` the table knows that a (lowercased) corpus writes in no spelling."""
        return [n for n in names if n.lower() in self.entries and not self.written(n, corpus)]

    def unwritten_phrases(self, question: str, corpus: str) -> list[str]:
        """Names of several words in capitals ("Bank of Korea") a (lowercased) corpus never writes."""
        lower = question.lower()
        found = []
        for phrase, ways in self.phrases.items():
            m = phrase.search(lower)
            written = _capitalised(question, m)
            if m and written and not any(_written(w.lower(), corpus) for w in (m.group(0), *ways)):
                found.append(written)
        return found


# The comment that opens the section of public bodies in the glossary.
_BODIES = "# Korean public bodies"
# Words a body's name leaves in lower case ("Ministry of Science and ICT").
_SMALL = frozenset("of and for the on in & to".split())

def _capitalised(question: str, m: re.Match[str] | None) -> str:
    """The words a match spans as the question writes them, if each main one is capitalised."""
    written = question[m.start():m.end()] if m else ""
    return written if all(w[0].isupper() for w in written.split() if w.lower() not in _SMALL) else ""


def _written(spelling: str, corpus: str) -> bool:
    """True when a corpus writes a spelling: a Latin one as a word of its own ("sf" is no "transfer")."""
    if re.fullmatch(r"[a-z0-9 .'&-]+", spelling):
        return re.search(rf"(?<![a-z0-9]){re.escape(spelling)}(?![a-z0-9])", corpus) is not None
    return spelling in corpus


# Words that only look like a plural or an -ing form of another ("news" is no new).
_NOT_INFLECTED = frozenset("news acting landing business means series species always".split())


def _stems(word: str) -> list[str]:
    """The word, then what it may be a plural, a past or an -ing form of."""
    out = [word]
    if word in _NOT_INFLECTED:
        return out
    for ending, bases in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)),
                          ("ed", ("", "e")), ("ing", ("", "e"))):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            out += [word[: -len(ending)] + b for b in bases]
    # A doubled consonant before the ending: "planned" is plan, "running" run.
    out += [w[:-1] for w in out[1:] if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl"]
    return out
