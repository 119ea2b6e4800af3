"""Korean names for the English names in a question, learned from the documents themselves."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from typing import Any

from korean_romanizer.romanizer import Romanizer

from retrieval.index.glossary import Glossary
from retrieval.index.korean import ENGLISH_STOPWORDS, Morphology
from retrieval.index.names import BODY_WORD, ENGLISH_TITLES, NAME_START

# "션 란돌프(Sean Randolph)", "아마존웹서비스(AWS)", and the other way round. A Korean name
# may end in Latin letters ("오픈AI(OpenAI)").
_KO_EN = re.compile(r"([가-힣]{1,12}(?: [가-힣]{1,12})?(?:[A-Z][A-Za-z0-9]{0,3})?)\s?"
                    r"\(([A-Za-z][A-Za-z0-9 .&'-]{1,40})\)")
# "중소벤처기업부(이하 중기부)": the document's own short name for what it just named.
_SHORT = re.compile(r"([가-힣A-Za-z]{2,20})\s?\(이하\s?['‘\"“]?([가-힣A-Za-z]{1,12})['’\"”]?\)")
_EN_KO = re.compile(r"([A-Za-z][A-Za-z0-9.&'-]{1,30})\s?\(([가-힣]{1,12}(?: [가-힣]{1,12})?)\)")
# Names before a title: "손정의 회장", "이재명 대통령", "오영주 중소벤처기업부 장관".
_PERSON = re.compile(
    rf"{NAME_START}([가-힣]{{2,4}})\s(?:{BODY_WORD}\s)?"
    r"(대통령|회장|장관|대표|시장|지사|교수|창업자|총리|의원|위원장|사장)(?![가-힣]{2})"
)
# Titles that pick out a person when reading an English question's names. The answer
# side adds others of its own (spans._ENGLISH_TITLES); one merged table widened both, and
# was measured worse.
_TITLES = {**ENGLISH_TITLES, "chair": "회장", "prime": "총리", "lawmaker": "의원",
           "chief": "대표"}
# How Korean surnames are usually written in English.
_SURNAMES = {
    "이": "lee yi rhee i", "김": "kim gim", "박": "park pak bak", "최": "choi choe chey",
    "정": "jung jeong chung", "손": "son sohn", "오": "oh o", "조": "cho jo", "윤": "yoon yun",
    "장": "jang chang", "임": "lim im rim", "한": "han", "신": "shin sin", "유": "yoo yu ryu",
    "강": "kang gang", "송": "song", "홍": "hong", "황": "hwang", "안": "ahn an",
    "권": "kwon gwon", "문": "moon mun", "배": "bae", "서": "seo suh", "노": "roh noh",
    "하": "ha", "전": "jeon chun", "고": "ko go", "양": "yang", "구": "koo ku gu",
}
# More surnames, read only with a given name after them ("Baek Jun-ho"): alone, many are
# English words ("Won", "Do", "Sun", "Kong"), which the one-person fallback would make people.
_MORE_SURNAMES = {
    "백": "baek paek baik paik", "남": "nam", "심": "shim sim", "곽": "kwak gwak", "성": "sung seong",
    "차": "cha", "주": "joo ju", "우": "woo", "민": "min", "진": "jin", "지": "ji", "엄": "eom um",
    "채": "chae", "원": "won", "천": "cheon", "방": "bang", "공": "kong gong", "현": "hyun",
    "함": "ham", "변": "byun byeon", "염": "yeom", "여": "yeo", "추": "choo chu", "도": "do",
    "석": "seok suk", "선": "sun", "설": "seol", "길": "gil", "연": "yeon", "위": "wi",
    "표": "pyo", "명": "myung", "기": "ki", "반": "ban", "라": "ra", "왕": "wang", "금": "keum",
    "탁": "tak", "국": "kook", "어": "eo", "은": "eun", "용": "yong",
}
_VARIANTS = {v: k for k, vs in _SURNAMES.items() for v in vs.split()}
_FULL_VARIANTS = {**{v: k for k, vs in _MORE_SURNAMES.items() for v in vs.split()}, **_VARIANTS}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_HANGUL_WORD = re.compile(r"[가-힣]+")
_POSSESSIVE = re.compile(r"'s?$")
_VOWELS = re.compile(r"[aeiouy]+", re.I)
# Capitalised words that are not names of the documents' own ("Korea" is not 고려 or 구글).
_NOT_NAMES = frozenset("korea korean koreans seoul's asia asian america american japan china "
                       "chinese english europe european".split())
# Common English words past the stopwords, never tried as names in a question typed in lower
# case ("has" sounds like 하스).
_COMMON = frozenset("has have had having get gets got make makes made use used new old one two "
                    "three many more most also just only like want wants know think need needs "
                    "give gave go goes went come came see saw way well year years time first last "
                    "next total far long big small good best other same say says told ask asked "
                    "plan plans open opens between during before after since because however "
                    "although never very built build train raise raised announce message point "
                    "reason current today tomorrow yesterday mark june july rose where there "
                    "which while still about against among around within without".split())
# English endings no name has in a question ("announced", "funding", "quickly", "nation").
_ENGLISH_ENDING = re.compile(r"(?:ed|ing|ly|tion|sion|ment|ness|ous|ive|ful|less|able)$")
# A word the glossary translates has a meaning ("Science", "Trade" in a ministry's name): it
# is heard as that, not as whatever document word shares its consonants (산수, 뚜렷). Its
# loanword ("Conference" as 컨퍼런스) is one of its meanings.
_MEANINGS = Glossary.load()


def skeleton(roman: str, english: bool = False) -> str:
    """Consonants only, with the sounds Korean writes alike merged ('Lablup' ~ 'raebeureop')."""
    s = roman.lower()
    if english:
        # Sounds Korean spells otherwise: "Upstage" is 업스테이지, "Mathpresso" 매스프레소.
        s = re.sub(r"g(?=[ei])", "j", s).replace("th", "s")
        # A hard c ("Cloud", "Kakao's Cafe") is a k; only a soft one is written like s.
        s = re.sub(r"c(?=[aoulrk])", "k", s).replace("ck", "k")
        # A soft c is an s ("Quincy" is 퀸시, "Francisco" 프란시스코).
        s = re.sub(r"c(?=[eiy])", "s", s)
    s = s.replace("ph", "p").replace("ch", "j").replace("sh", "s").replace("ng", "n")
    s = s.translate(str.maketrans("rfpvktqcz", "lbbbgdgjj"))
    out = [c for c in s if c.isalpha() and c not in "aeiouyw" and c != "h"]
    # Korean adds a vowel after a final consonant, so a doubled letter is one sound.
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


def _first_sound(given: str) -> str:
    """The first letter of a Korean given name romanised ("태원" → t)."""
    return Romanizer(given).romanize()[:1].lower() if given else ""


class AliasTable:
    """Parenthetical pairs, titled names and romanized proper nouns from the corpus."""

    def __init__(self, texts: Iterable[str], vocabulary: Iterable[str], morph: Morphology) -> None:
        self.morph = morph
        self.pairs: dict[str, set[str]] = defaultdict(set)   # english (lower) → korean
        # surname → how often each (name, title) pair occurs; the frequent pair is the person.
        self.people: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        self.short: dict[str, set[str]] = defaultdict(set)  # short name → full names
        self.full_names: set[str] = set()  # three-syllable words that open with a surname
        for text in texts:
            for full, short in _SHORT.findall(text):
                if short != full:
                    self.short[short].add(full)
            for ko, en in _KO_EN.findall(text):
                # The name is the last word: "중국 딥시크(DeepSeek)" names 딥시크.
                self.pairs[en.lower().strip()].add(ko.split()[-1])
            for en, ko in _EN_KO.findall(text):
                self.pairs[en.lower().strip()].add(ko.split()[-1])
            for name, title in _PERSON.findall(text):
                self.people[name[0]][(name, title)] += 1
            # Any word opening with a surname may be a full name ("강석구 대한상의
            # 조사본부장"): kept whole, as Kiwi often cuts a name it doesn't know.
            self.full_names.update(w[:3] for w in _HANGUL_WORD.findall(text)
                                   if len(w) >= 3 and (w[0] in _SURNAMES or w[0] in _MORE_SURNAMES))
        # Morphemes, not words: "울산과" is 울산 with a particle.
        self._words = {w for w in vocabulary if re.fullmatch(r"[가-힣]{2,8}", w)}
        self._by_skeleton: dict[str, set[str]] | None = None
        self._by_sound: dict[tuple[str, int, str], set[str]] | None = None
        self._foreign: frozenset[str] | None = None

    def to_json(self) -> dict[str, Any]:
        """The pairs and titled names found, as plain JSON (the vocabulary is kept elsewhere)."""
        return {"pairs": {en: sorted(kos) for en, kos in self.pairs.items()},
                "short": {short: sorted(fulls) for short, fulls in self.short.items()},
                "people": {s: [[name, title, n] for (name, title), n in found.items()]
                           for s, found in self.people.items()},
                "full_names": sorted(self.full_names)}

    @classmethod
    def from_json(cls, data: dict[str, Any], vocabulary: Iterable[str],
                  morph: Morphology) -> AliasTable:
        """A table as `to_json` wrote it, without reading the corpus again."""
        table = cls([], vocabulary, morph)
        for en, kos in data["pairs"].items():
            table.pairs[str(en)].update(str(k) for k in kos)
        for short, fulls in data.get("short", {}).items():
            table.short[str(short)].update(str(f) for f in fulls)
        table.full_names.update(str(n) for n in data.get("full_names", ()))
        for surname, found in data["people"].items():
            for name, title, n in found:
                table.people[str(surname)][(str(name), str(title))] = int(n)
        return table

    def spellings(self, name: str) -> set[str]:
        """A name and the other names the documents give it ("중기부" and "중소벤처기업부")."""
        out = {name} | self.short.get(name, set())
        out.update(short for short, fulls in self.short.items() if name in fulls)
        return out

    def foreign_names(self) -> frozenset[str]:
        """Korean spellings of the documents' English names ("딥시크" of "DeepSeek").

        Only a Korean word that sounds like its English pair counts: "총(New Guns)" glosses a
        phrase, while a transliteration is a name even where Kiwi reads it as a common noun.
        """
        # Romanizing every pair costs about 0.07 ms each: once per table, not per question.
        if self._foreign is None:
            self._foreign = frozenset(self._transliterated_pairs())
        return self._foreign

    def _transliterated_pairs(self) -> set[str]:
        out: set[str] = set()
        for en, kos in self.pairs.items():
            if len(en.split()) > 2:  # "The Bay Council Economic Institute" is not one name.
                continue
            sound = skeleton(en.split()[-1], english=True)
            # A name ending in Latin letters ("오픈AI") is read by English questions only: as a
            # Korean question's name it held 오픈AI apart from 엔비디아 in "오픈AI가 돌리는
            # 엔비디아 칩", which the H100s beside 오픈AI answer.
            out.update(ko for ko in kos
                       if len(ko) >= 2 and len(sound) >= 2 and not re.search(r"[A-Za-z0-9]", ko)
                       and skeleton(Romanizer(ko).romanize()) == sound)
        return out

    def _skeletons(self) -> dict[str, set[str]]:
        # Built on the first English question only: Korean questions never need it.
        if self._by_skeleton is None:
            index: dict[str, set[str]] = defaultdict(set)
            for w in self._words:
                index[skeleton(Romanizer(w).romanize())].add(w)
            self._by_skeleton = index
        return self._by_skeleton

    def sound_alikes(self, word: str) -> list[tuple[float, str]]:
        """The documents' words with an English word's consonants, each with how alike it is spelled."""
        keys = {skeleton(word, english=True)}
        if word.lower().endswith("r"):
            keys.add(skeleton(word[:-1], english=True))  # Korean drops a final r: Naver, 네이버.
        scored: list[tuple[float, str]] = []
        for key in keys:
            for ko in sorted(self._skeletons().get(key, ())):
                roman = Romanizer(ko).romanize()
                # Both start with a vowel, or both with a consonant: "Ulsan" is not 활성화.
                if (roman[0] in "aeiou") != (word[0].lower() in "aeiou"):
                    continue
                # Short skeletons match too much; there Kiwi must know the word as a name, or
                # the word must be spelled as the Korean romanizes, vowels and all ("Kakao"
                # is 카카오, whose skeleton is a lone g).
                if (len(key) >= 3 or (len(key) == 2 and self.morph.is_proper_noun(ko))
                        or roman == word.lower()):
                    scored.append((SequenceMatcher(None, word.lower(), roman).ratio(), ko))
        return scored

    def _transliterations(self, word: str) -> list[str]:
        """Korean words that sound like an English one ("Ulsan" 울산, "Lablup" 래블업)."""
        scored = self.sound_alikes(word)
        # Of the words with the same consonants, the one spelled most alike, vowels and all
        # ("Gyeongju" is 경주, not 경제 or 강조). On a held-out fifth of 23,000 public
        # loanword pairs, keeping only the closest raised precision from 0.029 to 0.41 and
        # kept 0.70 of the right matches (bench/fit_transliteration.py).
        best = max((score for score, _ in scored), default=0.0)
        return [ko for score, ko in scored if score == best]

    def _full_name(self, surname: str, given: str) -> str | None:
        """The one name the documents write that sounds like surname + `given` ("Seok-gu")."""
        if not given[0].isupper():
            return None
        if self._by_sound is None:
            # Built on the first English question that names someone: romanizing costs.
            self._by_sound = defaultdict(set)
            for n in self.full_names:
                self._by_sound[(n[0], len(n) - 1, skeleton(Romanizer(n[1:]).romanize()))].add(n)
        # A syllable a vowel: the skeleton alone hears "Seok" in 석구 ("seokgu"), and a
        # one-syllable word after a surname ("Lee Is") is no given name of a 3-letter one.
        key = (surname, len(_VOWELS.findall(given)), skeleton(given.replace("-", "")))
        found = self._by_sound.get(key, set())
        return next(iter(found)) if len(found) == 1 else None

    @staticmethod
    def _unknown_word(word: str) -> bool:
        """True for a word long enough, and English by no list or ending, to be tried as a name."""
        w = word.lower()
        return (len(w) >= 5 and w not in ENGLISH_STOPWORDS and w not in _COMMON
                and not _MEANINGS.korean_words(w) and not _ENGLISH_ENDING.search(w))

    def korean_names(self, question: str) -> list[str]:
        """Korean spellings of the names an English question uses, in the question's order."""
        return self.renderings(question)[0]

    def recased(self, question: str, is_name: Callable[[str], bool] | None = None) -> str:
        """An English question typed all in lower case, with the names in it capitalised.

        Chat is often typed so ("how much has lablup raised?"), and a name is told from a word
        by its capital: each word that is no common one is tried as a name, and kept capitalised
        where the alias table renders it ("lablup" as 래블업, "son masayoshi" as 손정의). With
        `is_name`, a word heard by its sound alone must sound like a Korean word it calls a
        name: "candidate" sounds like no firm, only like 칸다 and common nouns.
        """
        if any(ch.isupper() for ch in question):
            return question
        plain = {w for w in _WORD.findall(question)
                 if w in ENGLISH_STOPWORDS or w in _COMMON or _MEANINGS.korean_words(w)}

        def titled(m: re.Match[str]) -> str:
            return m.group(0) if m.group(0) in plain else m.group(0).capitalize()

        # A first word is read as no name: one put before it lets the question's own be one.
        text = "So " + _WORD.sub(titled, question)
        _, used = self.renderings(text, by_sound=False)
        # By its sound alone only a longer word that reads as no English one ("lablup", not
        # "built" or "between", which sound like document words too).
        _, heard = self.renderings(text)
        used |= {w for w in heard - used if len(w) >= 5 and not _ENGLISH_ENDING.search(w)
                 and (is_name is None or any(is_name(ko) for ko in self._transliterations(w)))}
        return _WORD.sub(lambda m: m.group(0).capitalize() if m.group(0) in used else m.group(0),
                         question)

    def renderings(self, question: str, by_sound: bool = True,
                   capitalised: bool = False) -> tuple[list[str], set[str]]:
        """The Korean names an English question uses, and the English words they stand for.

        `by_sound=False` leaves out names found only by how a word sounds ("France" as 프랑스);
        `capitalised=True`, a pair's English written in lower case ("the gist of it" is no GIST).
        """
        lower = question.lower()
        # "Lunit's CEO" names Lunit: the possessive is no part of the name.
        words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(question)]
        words = [w for w in words if len(w) >= 2]
        found: list[str] = []
        used: set[str] = set()
        for en, kos in self.pairs.items():
            # An acronym ("AI", "AWS") is searchable as it is; its Korean gloss only adds noise.
            if en.isupper() or (en.isalpha() and len(en) <= 5 and en.upper() in question):
                continue
            at = re.search(rf"(?<![a-z0-9]){re.escape(en)}(?![a-z0-9])", lower)
            if at and (not capitalised or question[at.start()].isupper()):
                found.extend(sorted(kos))
                used.update(en.split())
        titles = {_TITLES[w.lower()] for w in words if w.lower() in _TITLES}
        for i, w in enumerate(words[1:], 1):  # The first word is capitalised anyway.
            surname = _FULL_VARIANTS.get(w.lower()) if w[0].isupper() else None
            full = self._full_name(surname, words[i + 1]) if surname and i + 1 < len(words) else None
            if full is not None:
                # "Kang Seok-gu" is 강석구 by its sound, whatever title goes with it.
                found.append(full)
                used.update((w.lower(), words[i + 1].lower()))
                continue
            if w.lower() not in _VARIANTS:
                continue
            # A romanised given name beside the surname that is not this person's ("Son
            # Heung-min", "Jae-suk Yoo") names somebody else.
            # The first sound is enough to tell: "Tae-won" may be 태원, "Heung-min" is no 정의.
            beside = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words) and "-" in words[j]]
            people = self.people.get(surname, Counter()) if surname else Counter()
            if beside:
                people = Counter({p: n for p, n in people.items()
                                  if any(_first_sound(p[0][1:]) == b[0].lower() for b in beside)})
            titled = Counter({p: n for p, n in people.items() if p[1] in titles})
            # The person most often named with that title, else the one person of that surname.
            if titled:
                found.append(titled.most_common(1)[0][0][0])
            elif len({name for name, _ in people}) == 1:
                found.append(next(iter(people))[0])
            else:
                continue
            # The surname stands for the person, and so do given names written beside it.
            near = words[max(i - 1, 1) : i + 2]
            used.update(n.lower() for n in near if n[0].isupper() and n.lower() not in _TITLES)
        for i, w in enumerate(words[1:-1] if by_sound else (), 1):
            # "Gachon University" is 가천대 as Korean news writes it, the 대 its university:
            # the word alone sounds like other words (가칭).
            if w[0].isupper() and words[i + 1].lower() in {"university", "univ"}:
                schools = [k for k in self._transliterations(f"{w}dae") if k.endswith("대")]
                found.extend(schools)
                used.update({w.lower()} if schools else set())
        # The first word is capitalised anyway: it is tried as a name only when it is no
        # English word ("Kakao CEO …", not "Explain …").
        first = words[:1] if (words and by_sound and self._unknown_word(words[0])) else []
        for w in first + (words[1:] if by_sound else []):
            # A word a name already stands for sounds like nothing else ("Sang-im" of 유상임
            # is no 상임 or 상무).
            if w.lower() in used:
                continue
            # A hyphenated word is a romanized Korean given name ("Jun-ho"), no loanword:
            # by its bare consonants it sounds like anything (하정우).
            if (w[0].isupper() and len(w) >= 4 and "-" not in w
                    and w.lower() not in _NOT_NAMES.union(_TITLES)):
                meanings = _MEANINGS.korean_words(w)
                sounds = [k for k in self._transliterations(w) if not meanings or k in meanings]
                found.extend(sounds)
                if sounds:
                    used.add(w.lower())
        return list(dict.fromkeys(found)), used
