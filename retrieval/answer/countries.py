"""Which country a question asks about, and whether a sentence is about another one."""

from __future__ import annotations

import re

# Each country with the ways Korean text names it; Korean documents call their own country
# 국내 or 우리나라 as often as 한국.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "한국": ("한국", "우리나라", "국내", "대한민국", "韓", "한·", "K-"),
    # One Hanja or syllable names a country only in pairs ("한·미", "美 증시"); 中 and 日 are
    # as often a word's part ("中企") or a day ("5日").
    "미국": ("미국", "美", "·미"), "중국": ("중국", "·중"), "일본": ("일본", "·일"),
    "영국": ("영국",), "프랑스": ("프랑스",), "독일": ("독일",), "러시아": ("러시아",),
    "캐나다": ("캐나다",), "인도": ("인도",), "대만": ("대만",), "이스라엘": ("이스라엘",),
    "싱가포르": ("싱가포르",), "베트남": ("베트남",),
}


COUNTRY_NAMES = frozenset([*_COUNTRIES, "유럽", "아프리카", "아시아", "북미", "남미", "중동"])
"""Countries and continents by their Korean names: no town, when a town is asked for."""


# A country's best-known cities and regions are of it too ("북미 … 샌프란시스코가 973건").
_CITIES: dict[str, tuple[str, ...]] = {
    "미국": ("북미", "실리콘밸리", "샌프란시스코", "뉴욕", "워싱턴", "로스앤젤레스", "보스턴", "시애틀"),
    "중국": ("베이징", "상하이"), "일본": ("도쿄", "오사카"), "영국": ("런던",), "독일": ("베를린",),
}
# A city ends its word, or a particle does: "보스턴다이내믹스" and "워싱턴포스트" are firms.
_CITY_END = r"(?=(?:에서의|에서는|에서|에는|에도|에|의|은|는|이|가|을|를|과|와|로|으로|도|만)?(?![가-힣A-Za-z]))"


def _as_word(way: str) -> str:
    """A pattern for one way of naming a country, standing as a word where it must."""
    if "가" <= way[0] <= "힣":
        # It starts a word: "인도네시아" is not 인도, "미국산" is still 미국.
        return rf"(?<![가-힣]){re.escape(way)}(?!네시아)"
    if way[0] == "·":
        return rf"{re.escape(way)}(?![가-힣])"  # "한·미", not "한·미래"
    return re.escape(way)


_NAMED = {country: re.compile("|".join([*map(_as_word, ways),
                                        *(rf"(?<![가-힣]){re.escape(c)}{_CITY_END}"
                                          for c in _CITIES.get(country, ()))]))
          for country, ways in _COUNTRIES.items()}


def countries(text: str) -> set[str]:
    """The countries the text names, in any of the ways listed."""
    return {country for country, pattern in _NAMED.items() if pattern.search(text)}


# A country is whose figure is asked only with the possessive or as the topic ("한국의
# 유니콘", "한국은 몇 위"); elsewhere it is where something went ("일본으로 파견"), what
# it is compared with ("미국보다") or part of an event's name ("일본 대지진").
_WHOSE = re.compile(r"^(?:의|은|는)(?![가-힣])"
                    # "한국 AI 스타트업 투자 건수는": bare before words without particles
                    # that end in the figure asked, as topic ("일본 대지진으로" is no such),
                    # or in the topic a count is asked of ("우리나라 AI 유니콘 기업은 몇 개").
                    r"|^\s(?:[가-힣A-Za-z]+\s){0,4}[가-힣]*(?:건수|개수|규모|금액|비율|비중|순위)"
                    r"(?:은|는|이|가)(?![가-힣])"
                    # Going there, coming from there or set against it is no figure of its
                    # own ("미국 출장 인원은 몇 명", "미국 대비", "미국 외 국가").
                    r"|^\s(?![^?몇]*(?:출장|방문|파견|진출|수출|여행|유학|원정|출신|관세|제재))"
                    r"(?!(?:대비|외|제외|말고|빼고)(?![가-힣]))"
                    r"(?:[가-힣A-Za-z]+(?<![로에서을를한은는이가의고과와인])\s){0,3}"
                    # An adverb may stand before 몇 ("유니콘이 지금 몇 개").
                    r"[가-힣A-Za-z]+(?:은|는|이|가)(?:\s(?:지금|현재|총|모두|전부|대략|약))?\s몇(?![가-힣])")


# The syllables countries go by in a pair ("한·미 세미나", "한·불").
_IN_PAIRS = frozenset("한미중일영불독러")
_WORDS = {way for ways in _COUNTRIES.values() for way in ways if way.isalpha()}


def only_countries(name: str) -> bool:
    """True for a name that is countries alone ("한·미", "한미", "대한민국"), no body or person."""
    parts = name.split("·") if "·" in name else (
        list(name) if len(name) == 2 and all(ch in _IN_PAIRS for ch in name) else [name])
    return all(p in _WORDS or (len(parts) > 1 and p in _IN_PAIRS) for p in parts)


def asked_countries(question: str) -> set[str]:
    """The countries whose own figure or news the question asks about ("한국의 유니콘")."""
    return {country for country, pattern in _NAMED.items()
            if any(_WHOSE.match(question[m.end():]) for m in pattern.finditer(question))}


# The whole world's figure is no one country's ("전 세계 병원 7,500곳" is not Korea's count).
_WORLD = re.compile(r"전\s?세계|전\s?지구|글로벌 시장")
# Where the clause a figure stands in begins: whose figure it is is said within it.
_CLAUSE_END = re.compile(r"[,.;:·]\s|며\s|으며\s|고\s|데\s")
# The world as what a figure is measured against ("전 세계 유니콘 중 3개") is no owner.
_WORLD_OWNS = re.compile(rf"(?:{_WORLD.pattern})(?!\s?(?:[가-힣]+\s)?(?:중|가운데|에서|대비))")


def figures_of_another(asked: set[str], text: str, figures: list[str]) -> bool:
    """True when each figure's clause names the whole world or another country, none asked.

    "국내 1호 … 기업으로, 전 세계 병원 7,500곳에서": the sentence names Korea, but the count
    is the world's. "한국은 … 전 세계 6위" is Korea's rank.
    """
    def another(at: int) -> bool:
        ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
        clause = text[ends[-1] if ends else 0:at]
        named = countries(clause)
        return bool(named - asked or _WORLD_OWNS.search(clause)) and not named & asked

    def of_another(figure: str) -> bool:
        spots = [m.start() for m in re.finditer(rf"(?<![\d.,]){re.escape(figure)}", text)]
        return bool(spots) and all(another(at) for at in spots)

    return bool(asked) and bool(figures) and all(of_another(f) for f in figures)


def about_another_country(asked: set[str], text: str, world: bool = False) -> bool:
    """True when the text names a country (or with `world`, the whole world), none of them asked."""
    named = countries(text)
    return (bool(asked) and bool(named or (world and _WORLD.search(text)))
            and not named & asked)


# A city is asked as where things are ("뉴욕에 본사를 둔", "서울의 스타트업"): with a
# particle of place or of belonging. A region ("북미") holds its cities, so it is no other one.
_TOWNS = tuple(c for cities in _CITIES.values() for c in cities if c != "북미")
_TOWN = re.compile(rf"(?<![가-힣])({'|'.join(_TOWNS)}){_CITY_END}")
_WHERE = re.compile(r"^(?:에서의|에서는|에서|에는|에도|에|의)(?![가-힣])")


def asked_towns(question: str) -> set[str]:
    """The cities the question asks about as where things are ("뉴욕에 본사를 둔 곳")."""
    return {m.group(1) for m in _TOWN.finditer(question) if _WHERE.match(question[m.end():])}


# Silicon Valley and San Francisco are one bay area in the news ("실리콘밸리와 샌프란시스코
# 지역"): a figure of one is of the other.
_SAME_AREA = {"실리콘밸리": "샌프란시스코", "샌프란시스코": "실리콘밸리"}


def about_another_town(asked: set[str], text: str) -> bool:
    """True when the text names a city, none of them the ones asked about."""
    named = {m.group(1) for m in _TOWN.finditer(text)}
    named |= {_SAME_AREA[t] for t in named if t in _SAME_AREA}
    return bool(asked) and bool(named) and not named & asked
