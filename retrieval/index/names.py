"""How text writes names: a person with the body they belong to and a title, or a name
written out whole however Kiwi split it, and the names an English question gives."""

import re
from collections.abc import Iterable
from functools import lru_cache

from retrieval.index.korean import ENGLISH_STOPWORDS

# What may stand between a name and its title: the body they belong to ("중소벤처기업부",
# "광주과학기술원", "성균관대", "LG"), never an ordinary word ("진행을 맡고").
BODY_WORD = (r"[가-힣A-Za-z·&]*(?:원|부|처|청|대|대학교|회|사|소|단|국|실|그룹|센터|재단|공사|"
             r"[A-Za-z])")
# A name starts a word: not the "연구원" of "AI연구원", nor a word's tail.
NAME_START = r"(?<![가-힣A-Za-z0-9])"
# The particles a name may carry, where it ends a word of its own ("카카오는", "정부에서").
PARTICLE = r"(?:은|는|이|가|을|를|의|와|과|에|에서|에게|로|으로|도|만|랑|하고|처럼)?"

TITLES = (
    "부회장|회장|대표|부사장|사장|장관|차관|대통령|부총리|총리|의원|시장|지사|교수|박사|위원장|"
    "부원장|원장|청장|본부장|이사장|이사|창업자|CEO|CTO|국장|실장|대사|감독|선수|작가|가수|배우|"
    "정책관|조사관|연구위원|연구원|디렉터|단장|센터장|소장|부장|과장|팀장|기자|변호사|최고경영자"
)
"""Titles a document writes after a name ("오영주 장관"), as alternatives of a pattern."""
TITLE_WORDS = frozenset(TITLES.split("|"))
"""The same titles, as a set."""

SURNAME_SYLLABLES = ("김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구"
                     "민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁"
                     "국은편용예경봉사부")
"""Syllables that begin Korean surnames, the most common first."""

# English titles and the Korean title a document writes after the name for each.
ENGLISH_TITLES = {
    "president": "대통령", "chairman": "회장", "minister": "장관", "ceo": "대표", "head": "대표",
    "mayor": "시장", "governor": "지사", "professor": "교수", "founder": "창업자",
}

_HANGUL_WORD = re.compile(r"[가-힣]{2,}")

# The countries and cities news names most: a place as written, no suffix needed.
PLACE_NAMES = (r"서울|부산|인천|대구|대전|광주|울산|세종|제주|판교|수원|여의도|미국|중국|일본|영국|"
               # Cities and provinces news names often; not those that are common words too
               # (전주 is "last week", 경기 "the economy", 용인 "tolerating", 고양 a cat).
               r"경주|포항|창원|청주|천안|성남|춘천|강릉|여수|목포|송도|경북|경남|전북|전남|충북|충남|강원|"
               r"프랑스|독일|러시아|캐나다|호주|베트남|싱가포르|대만|이스라엘|유럽|아프리카|홍콩|두바이|아부다비|"
               r"실리콘밸리|샌프란시스코|뉴욕|워싱턴|보스턴|시애틀|텍사스|도쿄|베이징|상하이|런던|파리|베를린")
# Not a bare 시/군/구/도: "강석구" is a person, "당시" a word.
_PLACE_NAME = re.compile(rf"(?:{PLACE_NAMES}|[가-힣]{{1,8}}(?:특별시|광역시|특별자치도|특별자치시))")


def is_place(name: str) -> bool:
    """True for a name that is a well-known place or an administrative one ("울산광역시")."""
    return bool(_PLACE_NAME.fullmatch(name))


def written_out(term: str, *texts: str) -> bool:
    """True when a Korean name of two or more syllables is written verbatim in one of the texts.

    Kiwi splits a name in some contexts and not others ("기업: 래블업 ·" gives 래블 + 업), so
    a name the text holds letter for letter is there even when its morphemes differ.
    """
    return bool(_HANGUL_WORD.fullmatch(term)) and any(term in t for t in texts)


def written_dotted(term: str, text: str) -> bool:
    """True when a short Korean name is written a syllable at a time between dots ("한·미")."""
    # News writes paired countries and bodies as "한·미", "한·미·일"; a user types "한미".
    return (len(term) <= 4 and bool(_HANGUL_WORD.fullmatch(term))
            and any(dot.join(term) in text for dot in "·ㆍ"))


def respelled(term: str) -> re.Pattern[str] | None:
    """A pattern for a Korean word of three or more syllables with one vowel written otherwise."""
    # Loanwords have no settled spelling: one writer's 휴머노이드 is another's 휴모노이드,
    # 메시지 is also 메세지. Each syllable may change all but its first consonant: Hangul
    # orders syllables by that consonant, so each takes a block of 588 (21 vowels × 28 ends).
    if len(term) < 3 or not _HANGUL_WORD.fullmatch(term):
        return None
    ways = []
    for i, ch in enumerate(term):
        start = 0xAC00 + (ord(ch) - 0xAC00) // 588 * 588
        ways.append(re.escape(term[:i]) + f"[{chr(start)}-{chr(start + 587)}]" + re.escape(term[i + 1:]))
    return re.compile("|".join(ways))


def written_clipped(term: str, words: Iterable[str]) -> bool:
    """True when a short Korean name is a clipping of a longer word among `words` ("소뱅")."""
    # Korean shortens a name to its first syllable and a few more, in order ("소프트뱅크" →
    # 소뱅). The words are the vocabulary's, not running text: no particle is counted in,
    # and a few syllables at most stand between two kept ones.
    if not 2 <= len(term) <= 4 or not _HANGUL_WORD.fullmatch(term):
        return False
    pattern = re.compile(term[0] + "".join(rf"[가-힣]{{0,3}}?{ch}" for ch in term[1:]) + "[가-힣]*")
    return any(len(w) >= len(term) + 2 and pattern.fullmatch(w) for w in words)


_PARTICLES = frozenset("이가은는을를의와과도에")
_WORD = re.compile(r"[\w·ㆍ]+")


def _with_any_final(syllable: str) -> str:
    """A pattern for a Hangul syllable with no final consonant, or with any ("리": 리, 릭, 릴…)."""
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172 or code % 28:
        return re.escape(syllable)
    return f"[{syllable}-{chr(ord(syllable) + 27)}]"


def word_written(term: str, question: str, text: str) -> bool:
    """True when the question's word holding the term, cut at or past the term, is in the text."""
    # Kiwi cuts an unfamiliar name differently in a question than in the documents ("방시혁은"
    # as 방시 + 혁), and may keep a particle on it ("방시혁이" as one proper noun).
    core = term[:-1] if len(term) >= 3 and term[-1] in _PARTICLES else term
    # Kiwi also splits a contracted particle off a name's last syllable ("미스릴" as 미스 + 리
    # + ᆯ), so that syllable may stand in the question with a final consonant the term lacks.
    spelled = re.compile(re.escape(term[:-1]) + _with_any_final(term[-1]))
    for found in _WORD.finditer(question.lower()):
        word = found.group(0)
        at = word.find(term)
        if at < 0:
            hit = spelled.search(word)
            if hit is None:
                continue
            at = hit.start()
        # Prefixes of the word that hold the whole name: "방시혁", "방시혁은" for 혁.
        if any(word[:end] in text for end in range(max(at + len(core), 2), len(word) + 1)):
            return True
    return False


# "영어로 무엇이라고 불리나요": a language the answer is asked in, then how it is called or written.
_LANGUAGES = frozenset("영어 영문 한국어 국어 국문 한글 한자 중국어 일본어 로마자 우리말".split())
_IN_LANGUAGE = (r"\s*(?:으로|로)\s*(?:는\s*)?"
                r"(?:뭐|무엇|무어|어떻게|표기|부르|불리|불러|쓰(?!이)|써|적(?!용)|번역)")


def asked_in(term: str, question: str) -> bool:
    """True when the term is the language or script a name is asked in ("영어로 뭐라고")."""
    # The documents needn't name the language: "Physical" is the English they write.
    return (term in _LANGUAGES
            and bool(re.search(rf"(?<![가-힣]){re.escape(term)}{_IN_LANGUAGE}", question)))


# A capitalised word inside an English question, or an acronym ("Tesla", "France's", "EU").
_ENGLISH_NAME = re.compile(
    r"(?:(?<=[\w,;:'\").] )|(?<=[\w,;:'\").] [\"“‘'(]))([A-Z][A-Za-z0-9&.-]*[A-Za-z0-9])(?:'s|’s)?")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof"})


def english_names(question: str) -> list[str]:
    """The names an English question gives: capitalised words past its first, not function words."""
    # A title before a name ("President Lee") is not the subject; the name is.
    return [w for w in dict.fromkeys(_ENGLISH_NAME.findall(question))
            if w.lower() not in ENGLISH_STOPWORDS and w.lower() not in ENGLISH_TITLES
            and w.lower() not in _HONORIFICS]


def english_known(name: str, text: str) -> bool:
    """True when a (lowercased) text holds an English name, plural, adjective or hyphen aside."""
    word = name.lower().split("-")[0]
    # "GPUs" for GPU, "Korean" for Korea: a form the documents use of the same word.
    forms = {word, word[:-1] if len(word) > 3 and word.endswith("s") else word,
             word[:-2] if len(word) >= 6 else word}
    return any(f in text for f in forms)


FULL_YEAR = re.compile(r"(?:19|20)\d{2}")
"""A four-digit year, as a whole token or term ("2027")."""

# Letters and digits bound it, not \b: in Korean text a particle follows ("UAE의", "SK는").
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9&]{1,9}(?![A-Za-z0-9])")


def acronyms(question: str) -> list[str]:
    """The all-capital names a question gives ("KT", "SK", "AWS"), in order."""
    return list(dict.fromkeys(_ACRONYM.findall(question)))


def looks_like_person(name: str) -> bool:
    """True for a Korean name of three syllables that starts with a surname ("오영주")."""
    return len(name) == 3 and bool(_HANGUL_WORD.fullmatch(name)) and name[0] in SURNAME_SYLLABLES


# Titles that name one post: a firm's head is its 대표, 사장, CEO or 최고경영자.
_SAME_POST = ("대표", "대표이사", "사장", "CEO", "최고경영자")


def same_post(title: str) -> tuple[str, ...]:
    """The titles a text may give the post a title names ("사장" → 대표, CEO, …)."""
    return _SAME_POST if title in _SAME_POST else (title,)


def people_beside(body: str, text: str, titles: tuple[str, ...]) -> list[str]:
    """The people a text names with a body and one of the titles ("제러드 퀸시 데이비스
    미스릴(Mithril) 최고경영자", "매스프레소 이용재 대표"): who holds that post there."""
    # A foreign name runs to three words; the body may carry its own name in brackets.
    # Spaces only: a heading's last words on the line above are no part of a name.
    b = re.escape(body) + r"(?:\([^)]{1,30}\))?"
    alts = "|".join(sorted(map(re.escape, titles), key=len, reverse=True))
    title = rf"(?:{alts})(?![가-힣]{{2}})"
    before = rf"{NAME_START}((?:[가-힣]{{1,5}} ){{0,2}}[가-힣]{{2,5}}) {b} {title}"
    after = rf"{NAME_START}{b} ([가-힣]{{2,4}}) {title}"
    found = [_name_only(m.group(1)) for m in re.finditer(before, text)]
    found += [m.group(1) for m in re.finditer(after, text)]
    # A Korean name is a surname and two syllables; a foreign one is written in words.
    return [f for f in dict.fromkeys(found) if looks_like_person(f) or len(f.split()) > 1]


# A word ending in a particle or a verb's ending is no part of a name ("진행을 맡고 채명수").
_NOT_NAME = re.compile(r"(을|를|이|가|은|는|고|며|의|에|와|과|로|서|도|한|된|인|던)$")


def _name_only(words: str) -> str:
    """The name at the end of a run of words: those after the last word that is no name."""
    kept: list[str] = []
    for word in reversed(words.split()):
        if _NOT_NAME.search(word):
            break
        kept.append(word)
    return " ".join(reversed(kept))


# Words of one syllable that sit before a title and are no surname: "전 장관" (former),
# "현 대표" (current), "신 회장" is left a surname.
_BEFORE_TITLES = frozenset("전현")


def by_surname(term: str, question: str, corpus: str) -> bool:
    """True when `term` is a surname before a title ("오 장관") the documents give someone so named."""
    # Questions clip a person the way news does on second mention ("오 장관" for 오영주 장관).
    if len(term) != 1 or term not in SURNAME_SYLLABLES or term in _BEFORE_TITLES:
        return False
    return _by_surname(term, question, corpus)


@lru_cache(maxsize=256)
def _by_surname(term: str, question: str, corpus: str) -> bool:
    """by_surname's scan of the documents, remembered: a question asks it once per word."""
    # "오 장관님께서", "오 장관은": an honorific and a particle may follow the title.
    titles = [m.group(1) for m in re.finditer(
        rf"(?<![가-힣]){term}\s?({TITLES})(?:님)?(?:께서|{PARTICLE})(?![가-힣])", question)]
    # The title may end a longer one ("입법조사관" for "정 조사관"), but not a deputy's
    # ("부장관" is no 장관).
    # The firm may stand between, whatever its name ends in ("채명수 노타 대표"), but not
    # another person, nor a line's end ("연구\n오영주 장관" names no 연).
    return any(not (m.group(1) and looks_like_person(m.group(1)))
               for t in titles
               for m in re.finditer(rf"(?<![가-힣]){term}[가-힣]{{1,2}} (?:{BODY_WORD} |([가-힣A-Za-z0-9·&]{{2,10}}) )?"
                                    rf"(?:[가-힣]*(?<!부))?{t}(?![가-힣]{{2}})", corpus))
