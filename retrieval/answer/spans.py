"""What kind of answer a question wants (an amount, a date, a person, a place) and where it is."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from typing import Literal

from retrieval.answer.countries import COUNTRY_NAMES
from retrieval.index import (
    BODY_WORD,
    ENGLISH_TITLES,
    HANGUL,
    NAME_START,
    PLACE_NAMES,
    SURNAME_SYLLABLES,
    TITLE_WORDS,
    TITLES,
    in_korean,
    looks_like_person,
    same_post,
)

# "quantity" is any amount; the five after it are amounts of one kind, told apart by unit, so
# a question about money is not answered with a head count or a time of day.
AnswerType = Literal["quantity", "money", "people", "count", "percent", "time", "duration",
                     "date", "person", "place"]
QUANTITIES: frozenset[AnswerType] = frozenset(
    {"quantity", "money", "people", "count", "percent", "time", "duration"})
# Kinds whose spans the patterns below find reliably enough to refuse without one. On held-out
# KorQuAD questions asking for one, the best three sentences lacked it for 2 of 58 dates,
# 1 of 29 head counts and none of 16 sums, shares and times; other counts (2/15) and
# durations (3/11) are left out.
SURE_KINDS: frozenset[AnswerType] = frozenset({"date", "money", "people", "percent", "time"})

# Titles that follow a Korean name ("최태원 회장", "공득조 광주과학기술원 부원장").
_TITLES = TITLES
# The posts a body's name may stand before ("science ministry minister"); not "heads", a verb
# there ("Which company heads the consortium?").
_POSTS = (r"ministers?|ceos?|chairman|chairwoman|presidents?|mayors?|governors?|professors?|"
          r"directors?")
_POST = rf"(?:{_POSTS})\b"
# The English titles a "which …" question asks the holder of: those posts and other roles.
_WHO = (rf"(?:{_POSTS}|founders?|executives?|officials?|heads?|speakers?|panelists?|"
        r"moderators?|experts?|researchers?|person|people|lawmakers?|members)\b")

# Prices asked about by name ("참가비는 얼마였어?"). Running costs are left out: "운영비를
# 얼마나 줄이나" is answered by a share ("40% 절감").
_FEES = "참가비|등록비|입장료|회비|수수료|상금|벌금|과징금|자본금|시가총액|원가|단가|구독료|이용료|사용료|월정액"

# Asked-for kinds, most specific first: "몇 년에" asks for a date, not an amount, and
# "몇 시에" a time of day, not a duration.
# People counted by what they are, beside another kind ("startups and experts").
_PEOPLE_KINDS = (r"(?:experts|officials|executives|representatives|researchers|speakers|guests|"
                 r"ceos|founders|professors|scholars|lawmakers)")
# Who is counted in heads ("사용자 수", "가입자가 얼마나 돼").
_HEADS = r"(직원|임직원|참석자|참가자|가입자|이용자|사용자|회원|인구|관객|학생)"
_ASKS: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    ("time", re.compile(r"몇\s*시(?!간)|\bwhat time\b|\bat what hour\b", re.I)),
    ("date", re.compile(
        r"언제|몇\s*(년|월|일)(?!\s*(동안|간|째|만))|며칠(?!\s*(동안|간|째|만))|날짜|시기|연도|년도|"
        # "When did…" asks; "…promise when he met…" only says when.
        r"^\W*when\b|\bwhen (did|does|do|is|was|were|will|are|has|had|can)\b|"
        r"what (year|date|day|month)|which year", re.I)),
    ("duration", re.compile(
        r"몇\s*(시간|분|초|개월|주|년\s*(동안|간|만)|일\s*(동안|간|만))|며칠\s*(동안|간|만)|"
        r"얼마\s*(동안|나\s*(오래|걸))|"
        # "진행 시간이 얼마", "소요 시간은 얼마나": a length of time asked as an amount.
        r"(?:진행|소요|회의|면담|행사|전체|총)\s*시간\S{0,2}\s*(?:은|는|이|가)?\s*(?:총\s*)?얼마|"
        r"기간|how long|how many (hours|minutes|days|weeks|months|years)", re.I)),
    ("percent", re.compile(
        r"비율|비중|점유율|퍼센트|몇\s*%|what (share|percentage|percent|proportion)|"
        # A rate asked for ("감면율은?", "성장률은 얼마"); a law (법률), autonomy (자율) or
        # an exchange rate (환율, a sum) is none, nor is "몇 배" or "몇 년째" asked of one.
        r"(?<![가-힣])(?!(?:법|규|자|환|효|선|운|조|전|계)[율률](?:은|는|이|가)?(?![가-힣]))[가-힣]+[율률]"
        r"(?:은|는|이|가)?\s*(?:\?|얼마|몇\s*(?:%|퍼센트|프로)|$)", re.I)),
    # A head count ("몇 명", "직원 수") is answered in people, not in cases or places.
    ("people", re.compile(
        rf"몇\s*명|몇\s*사람|인원|{_HEADS}\s*(의\s*)?수|"
        # A town's or country's population is a head count too.
        r"인구(?:는|가|수)|\bpopulation of\b|"
        # "사용자가 얼마나 돼?" asks a head count as "몇 명" does.
        # How many there are, not how much they grew or how long ("얼마나 늘었어").
        rf"{_HEADS}(?:들)?(?:이|가|은|는)?\s*"
        r"얼마(?:나)?\s*(?:돼|되|야|예요|이야|인가|일까|정도|쯤|[?？]|$)|"
        # "쓰는 사람이 얼마나 돼?" asks how many use it.
        r"사람(?:들)?(?:이|은|는)?\s*얼마|"
        r"how many (people|persons|employees|staff|workers|attendees|participants|users|"
        r"members|students|visitors)|"
        # "How many semiconductor design experts …": heads of a trade, however qualified.
        # ("developers" and "designers" are as often firms.)
        r"how many (?:[\w-]+ ){0,2}?(?:experts|engineers|researchers|specialists|"
        r"professionals|scientists)\b(?!\s(?:and|or)\b)|"
        # "How many startups and experts attended?" counts heads of more than one kind, one
        # of them people.
        rf"how many (?:[\w-]+ ){{0,3}}?(?:(?:[\w-]+ )?(?:and|or) (?:[\w-]+ ){{0,2}}?{_PEOPLE_KINDS}"
        rf"|{_PEOPLE_KINDS} (?:and|or) (?:[\w-]+ ){{0,2}}?[\w-]+) (?:attend(?:ed)?|took part|"
        r"participated|joined|were (?:there|present))\b", re.I)),
    ("count", re.compile(
        r"몇\s*(명|곳|가지|개|건|번|회|차례|가구|편|권|층|위|종|대|장|석|팀|기업|사|국)|인원|"
        # "몇 배" asks for a multiple ("80배"), which counts in 배, not for the sums compared.
        r"몇\s*배(?![우터출포정달치경송분상])|how many times|(?:which|what) floor|"
        r"how many", re.I)),
    ("money", re.compile(
        r"(얼마|(?<![대소중])규모|금액|액수|how much|how (big|large)|what (sum|amount|size)|\bsize of).{0,40}"
        # "들었나" and "벌었나" ask what it cost or earned; "조직들이" is a plural.
        rf"(투자|예산|매출|비용|요금|가격|값|시세|자금|기금|지원금|보조금|몸값|가치|연봉|급여|유치|(?<![가-힣])(?:{_FEES})|"
        r"(?<![가-힣])(?:들|벌)(?=었|어|여|일|인|까|나|다|고|는)|"
        r"\b(?:invest(?:s|ed|ing|ments?)?|pledge[sd]?|rais(?:e|es|ed|ing)|fund(?:s|ed|ing)?|"
        r"spen[dt](?:s|ing)?|costs?|pa(?:y|ys|id|ying)|earn(?:s|ed|ing|ings)?|budgets?|"
        r"valuations?|revenues?|prices?|worth|wages?|market (?:cap|capitali[sz]ation|value))\b)|"
        rf"(투자|투자금|투자액|예산|매출|비용|요금|가격|값|시세|자금|기금|지원금|보조금|몸값|가치|연봉|급여|유치|계약|(?<![가-힣])(?:{_FEES}))"
        r"\w{0,4}\s*(은|는|이|가|을|를|의)?\s*(?:(?:정확히|대략|대충|총|모두|전부|실제로|약|도대체)\s*)?"
        r"(얼마|(?<![대소중])규모|금액|액수)|금액|액수|총액|분담액|분담금|시가\s?총액|시총|"
        r"how much (money|investment|funding|capital)|"
        # "What was the total dollar amount of …", "the (total) amount of investment"; not
        # "the total amount of GPUs".
        r"\b(?:dollar|won|cash)\s(?:amount|sum)\b|"
        r"\bamount of (?:money|investment|funding|capital|spending)\b|"
        # "How much is the … deal mentioned in the article worth?", "How much of … is AWS
        # contributing?" (a part of a sum): however long the subject.
        r"\bhow much\b.{0,120}\bworth\b|\bhow much of\b.{0,120}\bcontribut(?:e|es|ed|ing)\b|"
        # "How large was the deal, in dollars?": a size asked in a currency is a sum.
        r"\bhow (?:large|big)\b.{0,120}\bin (?:(?:US|U\.S\.) )?(?:dollars|won|yen|euros)\b|"
        # "몇 억 달러 규모", "몇 조 원": a sum asked in its currency.
        r"몇\s*(?:십|백|천|만|억|조)*\s*(?:원|달러|유로|엔|위안)|"
        r"what(?: is| was|['’]s) .{0,40}\b(budget|valuation|revenue|price|cost|fee|wage|"
        r"market cap(?:itali[sz]ation)?)s?\b|"
        # "What was the contract value …": what a deal is worth, not what a firm values.
        r"\b(?:contract|deal|transaction|order) (?:value|size|amount)\b|"
        r"\b(?:what|the|its|their|total) value of (?:the |its |their |this |that )?(?:[\w-]+ ){0,3}?"
        r"(?:contract|deal|transaction|order)s?\b|"
        # "What is Lablup's cumulative investment raised?" asks the sum it raised.
        r"what(?: is| was|['’]s) .{0,40}\b(?:(?:cumulative|total) (?:investment|funding)"
        r"|(?:investment|funding) raised)\b|"
        r"\bwhat (?:[a-z]+ )?(?:budget|valuation|price|fee|revenue)s? (?:has|had|have|is|was|were|did|does|do|will)\b",
        re.I)),
    ("quantity", re.compile(
        r"얼마|몇|(?<![대소중])규모|비율|비중|금액|액수|수치|how (much|many|large|big)|"
        r"what (share|percentage|amount|number)", re.I)),
    ("person", re.compile(
        r"누구|누가|누군|어떤\s*(사람|인물)|인물은|\bwho(m|se)?\b|"
        # "발제를 맡은 사람은?" ends on whom it asks for; "지원 대상이 되는 사람은?" on who
        # qualifies, which a rule says, not a name.
        r"(?<![가-힣])(?<!되는 )(?<!받는 )(?<!있는 )(?<!대상인 )사람(?:은|이)?\s*[?？]*\s*$|"
        # "대표 이름이 뭐야?" asks for a person; "모델의 이름은?" does not.
        # "이끄는 사람 이름이 뭐지?" too.
        rf"(?:{_TITLES}|(?<![가-힣])사람|인물)(?:들)?\s*(?:의\s*)?(?:이름|성함|성명)|"
        # "What is the name of Upstage's CEO?" as much as "… of the CEO".
        r"what(?:['’]s| is| was) the name of (?:the |[\w-]+['’]s )"
        r"(ceo|president|minister|chairman|head|mayor|founder|director)\b|"
        # "어느 장관이 축사했어?", "Which … Minister gave the speech?" ask for the holder.
        rf"(?<![가-힣])(?:어느|어떤)\s*(?:{_TITLES})(?![가-힣]{{2}})|"
        # The words between say whose title, never what else is asked ("Which AI company has
        # the Kakao CEO worked with?" asks for a firm).
        # A body named right before the title says whose ("Which science ministry minister").
        r"\bwhich (?:(?!(?:has|have|had|is|was|were|are|did|does|do|will|would|can|could)\b)"
        r"(?!(?:compan(?:y|ies)|firms?|universit(?:y|ies)|ministr(?:y|ies)|institutes?|"
        r"agenc(?:y|ies)|organi[sz]ations?|groups?|cit(?:y|ies)|countr(?:y|ies)|offices?|"
        rf"schools?)\b(?! {_POST}))[\w'’-]+ ){{0,4}}?{_WHO}", re.I)),
    ("place", re.compile(
        r"어디|어느\s*(나라|지역|도시|곳|국가|장소|건물|빌딩|호텔|회관|청사|동네|대륙|행사장|회의장|회의실|"
        r"해역|바다|해안|섬|항구|지방|권역)"
        r"|장소|\bwhere\b|which (city|country|region|building|venue|hotel)",
        re.I)),
)

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_SCALE = r"(?:\s?(?:[십백천]*(?:조|억|만)|[십백천]+))"  # "7조", "1천억", "3천", "5백만"
_UNIT = (r"(?:\s?(?:원|달러|유로|엔|위안|개국|개사|개월|가지|개|명|곳|%|퍼센트|배|위|년|일|시간|분|"
         r"초|주|MW|GW|kW|TB|GB|장|대|건|회|석|톤|km|평|가구|편|권|차례|표|점|살|세|호|층|종|kg|m²|"
         r"관객|percent\b|per cent\b|people\b|persons\b|participants\b|attendees\b|employees\b|"
         r"workers\b|students\b))")
_TIME = (r"(?<![\d:])(?:(?:오전|오후|밤|새벽)\s?)?(?:\d{1,2}시(?!간)(?:\s?\d{1,2}분)?(?:\s?\d{1,2}초)?"
         r"|\d{1,2}:\d{2}(?:\s?(?:am|pm))?)(?![\d:])")
"""A time of day: "오전 10시 30분", "14:10"; not "10시간"."""
_MULTIPLE_WORDS = r"(?:두|세|네|다섯|여섯|일곱|여덟|아홉|열|수?십|수?백|수?천|수?만)"
_SPANS: dict[AnswerType, re.Pattern[str]] = {
    # A number counts as an amount only with its scale or unit ("7조원", "20만 원", "48위").
    "quantity": re.compile(
        rf"(?<![\d.,]){_NUMBER}(?:{_SCALE}(?:\s?{_NUMBER}{_SCALE})*(?:\s?여)?{_UNIT}?|(?:\s?여)?{_UNIT})(?![\d])"
        # A multiple is often written in words: "만 배 이상", "두 배", "수십 배".
        rf"|(?<![가-힣]){_MULTIPLE_WORDS}\s?배(?![우터출포정달치경송분상추])"
        # A programme gives a slot's minutes in brackets after its times: "14:30-15:25 (55')".
        r"|(?<=\()\d{1,3}'(?=\))"),
    "date": re.compile(
        r"(?<!\d)(?:\d{4}년(?:\s?\d{1,2}월)?(?:\s?\d{1,2}일)?|\d{1,2}월\s?\d{1,2}일|"
        r"\d{4}[./-]\s?\d{1,2}[./-]\s?\d{1,2}\.?|\d{4}년대|\d{4}\s?년|"
        # Press releases write "'24.2.5(수)", a short year after an apostrophe.
        r"['‘’]\d{2}\.\s?\d{1,2}\.\s?(?:[12]\d|3[01]|0?[1-9])(?!\d)\.?|"
        # A day of the month alone, as news writes it ("28일 서울에서 열린"), not "3일간".
        r"\d{1,2}일(?!\s*(?:간|동안|째|만에|연속))|"
        # A month alone, when news gives no day ("지난해 7월 발표한"), not "3개월".
        r"\d{1,2}월(?!\s?\d{1,2}\s?일))"),
    # "오전 10시 30분", "14:10"; not "10시간".
    # A range ("14:10~15:30", "오후 2시-4시") is one span: when it began and ended.
    "time": re.compile(rf"{_TIME}(?:\s?[~\-–]\s?{_TIME})?", re.I),
}
# Documents in English write dates and sums their own way: "1 August 2024", "Aug. 1, 2024",
# "August 2024", "2024"; "$10 billion", "€35m", "35 million euros", "KRW 1 trillion".
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MONTH_ALONE = re.compile(r"\d{1,2}월")
_ENGLISH_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s{_MONTH}(?:,?\s\d{{4}})?|{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
    rf"|{_MONTH}\s\d{{4}})\b")
# A year alone only after the English words that put one in time ("in 2024", "by 2030").
_ENGLISH_YEAR = re.compile(
    r"\b(?:in|since|by|until|from|before|after|during|of|early|late|mid|spring|summer|"
    r"autumn|fall|winter)\s((?:19|20)\d{2})(?![\d%,]?\d|\.?\s?[./-]?\s?\d)\b", re.I)
# A sum in a Korean text may put a currency sign before a Korean scale ("$10억").
_ENGLISH_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|mn|m|b|k)\b|[십백천]*[조억만])?"
_ENGLISH_MONEY = re.compile(
    rf"(?:(?:US\$|[$€£¥₩])\s?{_NUMBER}{_ENGLISH_SCALE}"
    rf"|\b(?:USD|EUR|GBP|KRW|JPY|CNY)\s?{_NUMBER}{_ENGLISH_SCALE}"
    rf"|(?<![\d.,]){_NUMBER}(?:\s(?:thousand|million|billion|trillion))?"
    r"\s(?:won|dollars?|euros?|pounds?|yen|yuan)\b)", re.I)
_DAY_IN_ENGLISH = re.compile(rf"\d{{1,2}}\s{_MONTH}|{_MONTH}\s\d{{1,2}}\b")

# An amount's kind, read from its unit (or, without one, from a scale only money takes).
_UNIT_KINDS: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    ("money", re.compile(r"(원|달러|유로|엔|위안|[조억]|[조억]대)$")),  # "1천억대": a sum's range
    ("percent", re.compile(r"(%|퍼센트|percent|per cent)$")),
    # "5일" and "3년" are more often dates than spans of time, so they count as neither.
    ("duration", re.compile(r"(시간|분|초|개월|주일?|년간|일간|\d')$")),
    ("people", re.compile(r"(명|인|관객|people|persons|participants|attendees|employees|workers|"
                          r"students)$")),
    ("count", re.compile(r"(개국|개사|가지|개|곳|위|장|대|건|회|석|가구|편|권|차례|표|점|층|종|배)$")),
)
# A Korean name of two to four syllables before a title, at most two words apart
# ("오영주 중소벤처기업부 장관", "최태원 회장").
# A town's head is written as one word with it: "김두겸 울산시장".
# The title ends its word, or takes the particle of whom one speaks to ("김대중 대통령께는").
_TITLE_END = r"(?!(?!께|에게|한테)[가-힣]{2})"
_PERSON = re.compile(
    rf"{NAME_START}([가-힣]{{2,4}})\s(?:{BODY_WORD}\s){{0,2}}(?:{PLACE_NAMES})?(?:{_TITLES})"
    + _TITLE_END)
# Words for a kind of organisation, which stand before a title as a name does ("AI 기업
# 대표", "관련 협회 회장") and name nobody.
_KINDS_OF_BODY = frozenset("기업 업체 회사 기관 협회 학회 단체 정부 부처 그룹 재단 법인 스타트업 "
                           "창업기업 중소기업 대기업 공기업 본부 위원회 연구소 대학 대학교".split())
# Words before 대표 that make it "leading", not a head ("국내 대표 스타트업"), or say whose
# side it speaks for ("민간 대표").
_LEADING_WORDS = frozenset("국내 국외 해외 세계 업계 지역 민간 전국 분야 공동".split())
# The most common Korean surnames: a three-syllable word starting with one is likelier a
# person than the word after it ("채명수 노타 대표": 노타 is the firm).
_SURNAME_SYLLABLES = SURNAME_SYLLABLES
_PERSON_BEFORE_BODY = re.compile(
    rf"{NAME_START}([{_SURNAME_SYLLABLES}][가-힣]{{2}})\s([가-힣A-Za-z0-9]{{2,10}})\s"
    rf"(?:{_TITLES})(?![가-힣]{{2}})"
)
# A name ending like a body ("김유원" like 연구원) after a word that is none: "네이버 클라우드
# 김유원 대표" names 김유원, not 클라우드. Only the thirty commonest surnames: "연구소 소장"
# and "위원회 위원장" open with a rarer one.
_BODY_LIKE_NAME = re.compile(
    rf"{NAME_START}([가-힣A-Za-z0-9]{{2,10}})\s([{_SURNAME_SYLLABLES[:30]}][가-힣]{{2}})\s"
    rf"(?:{_TITLES})(?![가-힣]{{2}})"
)
# Administrative names ("울산광역시", "경기도", "세종시"); common nouns that end alike are not
# places, nor a verb ending in 도 ("아니라도", "하더라도"; 전라도 and 황해도 are places).
_PLACE = re.compile(r"(?<![가-힣])[가-힣]{1,8}(?:특별시|광역시|특별자치도|특별자치시|시|도|군|구)"
                    r"(?=\s|$|에서|에|의|과|와|은|는|이|가|을|를|,|\.)")
_NOT_PLACES = frozenset("당시 동시 수시 상시 즉시 역시 혹시 제시 지시 표시 도시 실시 개시 중시 무시 감시 "
                        "게시 전시 명시 공시 정도 제도 시도 의도 속도 태도 "
                        "용도 강도 한도 각도 구도 주도 연구 요구 추구 도구 기구 지구 가구".split())
# Not 아: "이탈리아도". An ordinal or a plural with 도 ("첫째도", "기업들도") is "also", as
# is a word with 에 before it ("보장에도").
_VERB_ENDING = re.compile(r"(?:(?<!전)라|(?<![황남])해|어|여|워|러|져|째|들|에)도$")
# A building or a school by its kind ("63빌딩", "상의회관", "광주과학기술원") is a place with
# no proper name in it.
_BUILDING = r"[가-힣A-Za-z0-9]{1,10}(?:빌딩|타워|호텔|회관|청사|컨벤션센터|전시장|공항|캠퍼스|과학기술원|대학교|대학)"
_BUILDING_WORD = re.compile(_BUILDING)
# The seas by name, and the words for a stretch of one ("울산 앞바다", "제주 해역").
_SEAS = "동해|서해|남해|황해"
_SEA_PARTS = "앞바다|해역|근해|연안"
# Those, and the countries and cities news names most. The particle must end the word:
# "광주과학기술원" is an institute, not 광주 and 과.
_SURE_PLACE = re.compile(
    # A sea or a stretch of it is where, as a town is ("동해", "울산 앞바다", "제주 해역").
    rf"(?<![가-힣A-Za-z0-9])(?:(?:[가-힣]{{1,6}}|(?:{PLACE_NAMES})\s)(?:{_SEA_PARTS})|{_BUILDING}|{PLACE_NAMES}|{_SEAS})"
    r"(?=\s|$|[,.()]|(?:에서|에|의|과|와|은|는|이|가|을|를|으로|로)(?=\s|$|[,.)]))"
)


# Where something is held or met is a place, whatever its name: "경북 경주에서 열리는".
_HELD_AT = re.compile(r"(?<![가-힣A-Za-z0-9])([가-힣A-Za-z0-9]{2,10})에서\s+(?:열리|열린|열렸|열려|열어|"
                      r"개최|진행되|진행됐|만나|만났|회동)")
_EVENTS = r"면담|회의|회담|행사|세미나|간담회|컨퍼런스|콘퍼런스|포럼|만남|접견|협약식|체결식|토론회|설명회"
# An event or an occasion is what is held, not where ("회의에서 만나", "이 자리에서").
_NOT_VENUE = re.compile(rf"\w*(?:{_EVENTS}|토론|자리|온라인|현장|가운데|과정|분야)")


# Endings a Korean name never has, but a word with a particle or verb ending does.
_NOT_A_NAME = re.compile(r"(는|의|를|을|도|에|와|로|어|에서)$")


def _with_particle(span: str) -> bool:
    """True for a word ending in a particle, or in 이 or 과 after a closed syllable ("셔젤이",
    "기업과")."""
    if _NOT_A_NAME.search(span):
        return True
    # After a final consonant 이 is the subject marker far more often than a name's end,
    # and 과 the "and" that 와 is after a vowel ("기업과 시장" is no 시장, the mayor).
    before = span[-2] if len(span) > 2 and span[-1] in "이과" else ""
    return "가" <= before <= "힣" and (ord(before) - 0xAC00) % 28 != 0


# Fields a degree is in ("전자공학 박사", "경제학 박사"); a name may end in 학 (김철학).
_FIELD = re.compile(r"[가-힣]*(?:공학|과학|경영학|경제학)|의학|법학|약학|물리학|화학|수학|문학|철학|"
                    r"행정학|정치학|사회학|심리학|교육학|통계학|생물학|언어학|역사학")
# A university's short name before a post ("가천대 교수"). A person's name ending in 대 is
# read so too: rarer than a university before a professor.
_UNIVERSITY_POST = r"\s(?:교수|총장|부총장|명예교수|겸임교수|연구교수)"
_MARKED = r"\((?:前|現|전|현)\)|[前現]"  # "(前)", "前": a tenure, never a time ("3년 전")
_MARKED_TENURE = rf"(?:{_MARKED})\s*"
_TENURE = rf"(?:{_MARKED}|(?<![가-힣])[전현])\s*"
_CAREER = r"(?:약력|경력|이력)\s*[:：]"


def _not_a_person(span: str, text: str) -> bool:
    """True for a firm after a tenure marker ("(前) 네이버 … 대표") or opening a career
    list's item ("약력: ■ 래블업 대표"), a field before a degree ("전자공학 박사") or a
    university before a post ("가천대 교수"), wherever the text has the span, and for a
    country ("미국 변호사" is where they practise)."""
    if span in COUNTRY_NAMES:
        return True
    spots = [m for m in re.finditer(rf"{NAME_START}{re.escape(span)}", text)]
    return bool(spots) and all(
        re.search(rf"{_TENURE}$", text[:m.start()])
        # After a marked tenure the firm may come first ("(前) SK 커뮤니케이션 검색사업
        # 본부장"); "3년 전 네이버 최수연 대표" is a time, not a tenure.
        or re.search(rf"{_MARKED_TENURE}(?:[\w&]+\s){{1,2}}$", text[:m.start()])
        or (_FIELD.fullmatch(span) is not None
            and re.match(r"\s(?:박사|석사|학사)", text[m.end():]) is not None)
        or (span.endswith("대") and re.match(_UNIVERSITY_POST, text[m.end():]) is not None)
        # A career list's items are posts held ("주요 약력: ■ 래블업 대표 • 한국통신학회
        # 이사"): a word no name's shape that a bullet opens, before a post, is the firm.
        or (re.search(rf"{_CAREER}[^·]*[■□•▪◆]\s*$", text[:m.start()]) is not None
            and re.match(rf"(?:\([^)]*\))?\s(?:{_TITLES})", text[m.end():]) is not None
            and not looks_like_person(span))
        for m in spots)


def _people(found: list[str], text: str) -> list[str]:
    """The words before a title that name people, each put right where the pattern misread it."""
    # "채명수 노타 대표" reads 노타 as the name when it is the firm the name stands before.
    for m in _PERSON_BEFORE_BODY.finditer(text):
        if not _with_particle(m.group(1)):
            found = [m.group(1) if f == m.group(2) else f for f in found]
    for m in _BODY_LIKE_NAME.finditer(text):
        if _PERSON_BEFORE_BODY.fullmatch(m.group(0)) is None:
            found = [m.group(2) if f == m.group(1) else f for f in found]
    # "AI 기업 대표" names nobody; "그는 대통령", "시리아의 총리": a word with a particle on it
    # is no name, nor is the firm someone once led ("(前) 네이버 … 대표") or a degree's field.
    return [s for s in found if s not in _KINDS_OF_BODY and s not in _LEADING_WORDS
            and not _with_particle(s) and not _not_a_person(s, text)]


NEAR_CHARS = 15
# English titles a question may ask about, as Korean documents write them.
_ENGLISH_TITLES = {**ENGLISH_TITLES, "director": "원장", "cto": "CTO", "ambassador": "대사"}
# Whoever heads a body, by the title its kind of body gives them: "the head of LG AI Research"
# is its 원장, of a firm its 대표.
_LEADERS = frozenset({"대표", "원장", "센터장", "단장", "소장", "회장", "위원장", "청장", "본부장"})
# A whole word that ends in a title: "창업정책관" asks for more than any 정책관.
_TITLE_WORD = re.compile(rf"(?<![가-힣A-Za-z])([가-힣]*?)({_TITLES})(?![가-힣]{{2}})")


# Units of measure a question may ask an amount in ("몇 메가와트", "how many tons"), each
# with the ways a text writes it after a number. A count word (명, 곳, 개) is a kind above.
_MEASURES: tuple[tuple[str, str], ...] = (
    ("메가와트|megawatts?|MW", "MW|메가와트"), ("기가와트|gigawatts?|GW", "GW|기가와트"),
    ("킬로와트|kilowatts?|kW", "kW|킬로와트"), ("톤|tons?|tonnes?", "톤|t\\b"),
    ("킬로미터|kilometers?|kilometres?|km", "km|㎞|킬로미터"),
    ("제곱미터|square meters?|m²|㎡", "m²|㎡|제곱미터"), ("헥타르|hectares?", "ha\\b|헥타르"),
    ("테라바이트|terabytes?|TB", "TB|테라바이트"), ("기가바이트|gigabytes?|GB", "GB|기가바이트"),
    ("페타바이트|petabytes?|PB", "PB|페타바이트"), ("평\\b|평(?=이|은|인|짜리)", "평"),
)
# Counting words a question may ask a number in ("몇 개사", "몇 곳", "which floor"), each with
# the ways a text counts in it. Not 명 (a head count is a kind of its own), nor 번 or 회.
# Firms and sites are counted in 곳 as often as in 개 or 개사 ("몇 개" by "5개사").
_PIECES = "개사|개(?![월국])|곳|개소|종"
_COUNTERS: tuple[tuple[str, str], ...] = (
    # Tasks, projects and contracts are counted in 건 as well ("과제 707건").
    (r"(?:과제|사업|프로젝트|계약|특허|협약)\S*\s몇\s*개(?![월국사])", f"건|{_PIECES}"),
    (r"몇\s*(?:개사|곳)|how many (?:companies|firms|startups)(?! (?:and|or)\b)", _PIECES),
    # "전략 몇 개" is answered by "6가지 전략": things of any kind are counted in 가지 too.
    (r"몇\s*개(?![월국사])", f"{_PIECES}|가지"),
    (r"몇\s*개국|how many countries", r"개국|개\s?나라"),
    (r"몇\s*가지", "가지|종류?"), (r"몇\s*건", "건"),  # "몇 가지의 종류로" is "4종류"
    (r"몇\s*층|(?:which|what) floor|how many floors", "층"),
    (r"몇\s*위(?![가-힣])|\bwhat rank\b", "위"),  # "세계 몇 위" by "1위", not by a count
    (r"몇\s*장(?![관군기비소면르])", "장|매"), (r"몇\s*배(?![우터출포정달치경송분상])", "배"),
    # An age is counted in 살 or 세 ("35세"), never by a head count or a sum; "35세 미만"
    # is a bound some rule sets, not anybody's age.
    (r"몇\s*살|몇\s*세(?!대|기|계|금|배)|\bhow old\b",
     r"(?:살|세)(?:이다|였다|이며|이고|에|의|로|인|가|는|이)?(?![가-힣])(?!\s?(?:미만|이하|이상|초과))"),
)
# A count may be written in words ("네 가지 자원", "두 곳", "만 배") or rounded ("20여개사").
_COUNT_WORDS = r"(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|수?십|수?백|수?천|수?만)\s?"
_ASKED_MEASURE = [
    (re.compile(rf"몇\s*(?:{asked})|(?:how many|how much|in) (?:{asked})\b|(?:{asked})\s*(?:은|는|이|가)?\s*얼마",
                re.I), re.compile(rf"\d[\d,.]*\s?(?:[천만억]\s?)?(?:{written})"))
    for asked, written in _MEASURES
] + [
    (re.compile(asked, re.I),
     re.compile(rf"(?:\d[\d,.]*\s?(?:[천만억]\s?)?(?:여\s?)?|(?<![가-힣]){_COUNT_WORDS})(?:{written})"))
    for asked, written in _COUNTERS
]


_Table = Sequence[tuple[re.Pattern[str], re.Pattern[str]]]


def _written_for(table: _Table, question: str) -> re.Pattern[str] | None:
    """How a text writes what the first of the table's asking patterns the question matches asks for."""
    return next((written for asked, written in table if asked.search(question)), None)


def asked_measure(question: str) -> re.Pattern[str] | None:
    """How an amount in the unit the question asks for is written ("몇 MW" → "40MW"), if it asks."""
    return _written_for(_ASKED_MEASURE, question)


# The kind of sum a question asks for, where a sum of another kind is no answer ("매출액은
# 얼마" is not answered by money raised), and how a text writes that kind.
# The kind is what is asked for ("매출액은 얼마"), not a word on the way ("추가예산으로 확보한
# 칩은 몇 장"): the asking words follow it.
# A budget is written as one, or as the sum a project or programme runs on ("715억원 규모의
# … 신규과제"); a sum invested or raised is no budget.
_BUDGET = r"예산|추경|과제|사업비|(?<![가-힣])사업(?:\s?규모)?(?![가-힣])"
_SUM_KINDS = tuple(
    (re.compile(rf"(?:{asked})[가-힣]{{0,2}}\s*(?:은|는|이|가|을|를|의)?\s*"
                r"(?:(?:정확히|대략|총|모두|약)\s*)?(?:얼마|규모|금액|액수|수준|총액)"), re.compile(written))
    for asked, written in (
        (r"매출", r"매출"), (r"예산", _BUDGET), (r"연봉|급여|월급", r"연봉|급여|월급|보수"),
        (r"몸값|기업\s?가치|시가\s?총액|시총", r"몸값|가치|시가\s?총액|시총"),
        (r"(?<![가-힣])(?:가격|요금)|구독료|이용료|사용료|월정액", r"가격|요금|원가|단가|구독료|이용료|사용료|월정액"),
        (r"이익|순익|흑자|적자|손실", r"이익|순익|흑자|적자|손실"),
    )
) + tuple(
    # An English question names the kind anywhere ("What is the 2025 AI budget?"), as
    # 시가총액 does in Korean; the text may be Korean or English.
    (re.compile(asked, re.I), re.compile(written, re.I))
    for asked, written in (
        (r"\bbudgets?\b", rf"{_BUDGET}|\bbudget"), (r"\brevenues?\b", r"매출|\brevenue|\bsales\b"),
        (r"\bvaluations?\b|\bmarket (?:cap|capitali[sz]ation|value)\b|시가\s?총액|시총",
         r"몸값|가치|시가\s?총액|시총|\bvalu|\bmarket (?:cap|value)"),
        (r"\bsalar(?:y|ies)\b|\bwages?\b", r"연봉|급여|월급|보수|임금|\bsalar|\bwage|\bpaid\b|\bpay\b"),
        (r"(?<![-\w])profits?\b|\bnet income\b", r"이익|순익|흑자|\bprofit|\bincome\b"),
    ))


def asked_sum_kind(question: str) -> re.Pattern[str] | None:
    """How a text writes the kind of sum a question asks for ("매출액은 얼마" → 매출), if one."""
    return _written_for(_SUM_KINDS, question)


# Whom a head count asked for counts ("직원 수", "how many employees"), where a count of
# others is no answer ("1억명이 가입한" is no firm's staff), and how a text writes them.
# "사람" and "people" say nothing of whom: any head count may answer them. Nor do those at
# an event: "회원 700여명이 … 규탄대회를 열어" counts its 참석자 in no such word.
_HEAD_KINDS = tuple(
    (re.compile(asked, re.I), re.compile(written))
    for asked, written in (
        (r"직원|employees?\b|\bstaff\b|\bworkers\b|\bheadcount\b", r"직원|근로자|종업원|인력"),
        (r"가입자|이용자|사용자|\b(?:users|subscribers)\b", r"가입|이용|사용|쓰는|써"),
    ))


def asked_head_kind(question: str) -> re.Pattern[str] | None:
    """How a text writes whom a head count asked for counts ("직원 수는" → 직원), if it says."""
    if answer_type(question) != "people":
        return None
    return _written_for(_HEAD_KINDS, question)


# What happens at the time an English question asks ("When will the ARM School open?"), and
# how a Korean text writes it beside its date: the day the MOU about the school was signed
# is no day it opens. Korean questions say it in a word the focus check reads ("언제 가동").
_ENGLISH_EVENTS = tuple(
    # A verb in lower case, no part of a hyphened word or a name ("open-source", "start-up",
    # "the Open Innovation Forum").
    (re.compile(rf"(?<![-\w])(?:{asked})\b(?!-)"), re.compile(written))
    for asked, written in (
        (r"open(?:s|ed|ing)?", r"개소|개원|개관|개장|개교|개설|개막|문을 [열연]|오픈|가동|출범|설립"),
        (r"launch(?:es|ed|ing)?", r"출시|출범|발사|공개|시작|개시|런칭|론칭"),
        (r"start(?:s|ed|ing)?|begin(?:s|ning)?|began|commence[sd]?",
         r"시작|착수|개시|가동|착공|돌입|개막|출범"),
        (r"operat(?:e|es|ed|ing|ion|ional)", r"가동|운영|운행"),
        (r"complet(?:e|es|ed|ion)|finish(?:es|ed)?", r"완공|완료|준공|마무리|완성"),
        (r"take[sn]? effect|took effect|come into (?:force|effect)|enforced", r"시행|발효"),
    ))


def asked_event(question: str) -> re.Pattern[str] | None:
    """How a text writes what an English "when" question asks the time of ("open" → 개소), if it says."""
    if answer_type(question) not in {"date", "time"}:
        return None
    return _written_for(_ENGLISH_EVENTS, question)


# A phone number asked for ("연락처", "what's the phone number"), and one written ("044-204-7250").
_ASKS_PHONE = re.compile(r"전화\s*번호|연락처|\b(?:tele)?phone numbers?\b|\bcontact (?:numbers?|details)\b|"
                         r"\bhow (?:can|do|should) (?:i|we) (?:call|phone)\b|\bnumber to call\b|"
                         # The person a release lists to ask ("책임자 … 박승록 (044-…)"): its
                         # contact rows give name and number together.
                         r"(?:보도\s?)?자료\S*\s(?:\S+\s){0,2}?(?:책임자|담당자)|"
                         r"\b(?:responsible|contact) (?:director|official|officer|person)\b|"
                         r"\bperson in charge\b|\bpress release['’]s (?:director|official|contact)\b", re.I)
# Parts set apart by a dash, a dot or an area code's brackets: "2024 2025" is no number.
_PHONE = re.compile(r"(?<!\d)(?:\(0\d{1,2}\)\s?|0\d{1,2}[-.])\d{3,4}[-.]\d{4}(?!\d)")


def asks_phone(question: str) -> bool:
    """True for a question asking for a phone number, or the person a release lists to call."""
    return bool(_ASKS_PHONE.search(question))


def has_phone(text: str) -> bool:
    """True when a text writes a phone number."""
    return bool(_PHONE.search(text))


# "며칠", "what day": a date down to the day, so a year or a month alone does not answer it.
_ASKS_DAY = re.compile(r"며칠(?!\s*(?:동안|간|째|만))|몇\s*일(?!\s*(?:동안|간|째|만))|날짜|"
                       r"what (?:day|date)\b|which day|on what date", re.I)
_TO_THE_DAY = re.compile(r"\d일|\d[./-]\s?\d{1,2}[./-]\s?\d")


# A question for when something starts, or for when it ends.
_ASKS_START = re.compile(
    r"언제\s*부터|언제\s*(?:시작|개막|개시|개최되기|문을 열)|시작(?:일|\s*날짜|\s*시점)|"
    r"\bwhen (?:does|did|will|do|is|was)\b.{0,80}\b(?:start|begin|open|kick off|commence)|"
    r"\bstart(?:ing)? date\b|\bfrom when\b", re.I)
# "When was it held?" asks for the day it took place, not a day it ran until ("2일까지").
_ASKS_HELD = re.compile(r"열렸|열린|개최(?:됐|된|되었|했|한)|\bheld\b|\btook place\b|"
                        r"\btake place\b", re.I)
_ASKS_END = re.compile(
    r"언제\s*까지|종료(?:일|\s*시점)|마감(?:일)?|\buntil when\b|\bend date\b|"
    r"\bwhen (?:does|did|will|do|is|was)\b.{0,80}\b(?:end|finish|close|wrap up)", re.I)


# A rank asked ("몇 위", "what rank"), and one written ("1위", "3 위").
_ASKS_RANK = re.compile(r"몇\s*위|순위|등수|\b(?:what|which) (?:rank|place|position)\b|\branks?\b|"
                        r"\branked\b", re.I)
_RANK = re.compile(r"\d[\d,.]*\s?위")


# A place asked as a town or a country, not as a venue or a site.
_ASKS_TOWN = re.compile(r"(?:어느|어떤|무슨)\s*(?:도시|나라|국가|지역|지방|권역|해역|바다|해안)|"
                        # "수출한 나라는 어디야": a country, then 어디. Not a city: the spans know
                        # countries, not every town ("도시는 어디" may be 퀘벡).
                        r"(?<![가-힣])(?:나라|국가)(?:는|은|가|이)?\s*어디(?!에|서|로)|"
                        r"\b(?:which|what) (?:city|country|town|region|nation)\b|"
                        # Where a firm is based is a town or a country, never a venue.
                        r"\bwhere\b.{0,60}(?:\bheadquartered\b|(?<!-)\bbased\b)|본사\w{0,2}\s*어디", re.I)


_ASKS_CITY = re.compile(r"도시|\b(?:city|town)\b", re.I)
# Not "어느 해안 도시": a town on the coast is a town.
_ASKS_SEA = re.compile(r"(?:어느|어떤|무슨)\s*(?:해역|바다|해안)(?!\s*(?:도시|지역|마을|지방))|"
                       r"\b(?:which|what) (?:sea|waters)\b", re.I)
_SEA = re.compile(rf"(?:{_SEAS}|{_SEA_PARTS})$")


def asks_town(question: str) -> bool:
    """True when a question asks for a city, region or country ("어느 도시", "which country")."""
    return bool(_ASKS_TOWN.search(question))


def asks_day(question: str) -> bool:
    """True when the question asks for a date down to the day ("며칠", "what day")."""
    return bool(_ASKS_DAY.search(question))


def month_alone(span: str) -> bool:
    """True for a date that gives only the month ("7월"), which news writes in passing."""
    return bool(_MONTH_ALONE.fullmatch(span))


def asked_spans(kind: AnswerType | None, question: str, text: str) -> list[str]:
    """The spans of the kind asked in the text: for a day asked ("며칠"), only the dates that
    name one ("5일", "2025. 6. 21."), not a year or a month alone."""
    if kind is None:
        return []
    found = spans(kind, text)
    if kind == "date" and not in_korean(question):
        # An English question's "when" is answered in full: a Korean month alone is too
        # loose a tie to what it asks of.
        found = [s for s in found if not month_alone(s)]
    if kind == "date" and asks_day(question):
        found = [s for s in found if _TO_THE_DAY.search(s) or _DAY_IN_ENGLISH.search(s)]
    if kind == "date":
        # "When does it start?" is not answered by the day it runs until ("2일까지"), nor
        # "until when" by the day it runs from.
        bound = ("까지" if _ASKS_START.search(question)
                 else "부터" if _ASKS_END.search(question)
                 else "까지" if _ASKS_HELD.search(question) else None)
        if bound is not None:
            found = [s for s in found
                     if not re.search(rf"{re.escape(s)}\s?{bound}", text)]
    if kind == "place" and _ASKS_TOWN.search(question):
        # "어느 도시", "which country": a town or a country, not a building in one
        # ("광주과학기술원" is an institute); a town asked is no country ("한국").
        found = [s for s in found if not _BUILDING_WORD.fullmatch(s)
                 and not (_ASKS_CITY.search(question) and s in COUNTRY_NAMES)]
        if _ASKS_SEA.search(question):
            # "어느 해역", "which waters": a sea or a stretch of it, not the town on its shore.
            found = [s for s in found if _SEA.search(s)]
    if kind in QUANTITIES:
        # "How many bills are pending in the 22nd Assembly?" is not answered by its "22대":
        # a figure the question gives is what it asks about, not the answer.
        found = [s for s in found if not figure_given(s, question)]
    measure = asked_measure(question) if kind == "count" else None
    if measure is not None:
        # "몇 곳" is answered by "7곳", not by the "20여개사" beside it.
        found = [s for s in found if measure.search(s)]
    elif kind == "count" and not _ASKS_RANK.search(question):
        # "How many GPUs" is not answered by a firm's "세계 1위": a rank counts nothing.
        found = [s for s in found if not _RANK.fullmatch(s)]
    return found


_ASKED = dict(_ASKS)


def answers_all(kind: AnswerType | None, question: str, text: str) -> bool:
    """True when the text holds every span the question asks for: "언제 몇 시에 열렸나" asks
    for the day as well as the time, and a time alone ("14:20-14:30", one item of the
    programme) is not when the meeting was."""
    if not asked_spans(kind, question, text):
        return False
    return kind != "time" or not _ASKED["date"].search(question) or bool(spans("date", text))


# "1위 기업은 어디야?" asks which firm, not where: a body is no place span ("공동 개최한
# 기관은 어디" was led by the seminar's venue). A school is where it stands ("광주과학기술원").
_ORGANISATION_WHERE = re.compile(
    r"(?:기업|회사|업체|기관|단체|스타트업|은행|정당|부처|협회|재단)"
    r"\s*(?:은|는|이|가)?\s*(?:어디|어느\s*곳)"
    # "어디랑 공동 개최한 거야" asks with whom, not where.
    r"|(?<![가-힣])어디(?:랑|와|하고)\s")


def answer_type(question: str) -> AnswerType | None:
    """The kind of span the question asks for, if it asks for one."""
    for kind, pattern in _ASKS:
        if pattern.search(question):
            if kind == "place" and _ORGANISATION_WHERE.search(question):
                return None
            return kind
    return None


_UNIT_OF_TIME = r"\d[\d,.]*\s?(?:년|개월|주(?!년)|일|시간|분(?!기)|초)"
_LONGER = re.compile(rf"(?<![\d.,]){_UNIT_OF_TIME}(?:\s?{_UNIT_OF_TIME})+")


def spans(kind: AnswerType, text: str) -> list[str]:
    """The distinct spans of that kind in the text, in order."""
    if kind == "time":
        found = [m.group(0).strip() for m in _SPANS["time"].finditer(text)]
    elif kind == "money":
        # The amounts already hold the English sums ("$10 billion"), which carry no unit.
        amounts = spans("quantity", text)
        english = [s for s in amounts if _ENGLISH_MONEY.fullmatch(s)]
        # "$10억" is one sum, not "10억" beside it.
        found = [s for s in amounts if amount_kind(s) == kind
                 and not any(s in e for e in english)] + english
    elif kind in QUANTITIES and kind != "quantity":
        found = [s for s in spans("quantity", text) if amount_kind(s) == kind]
        if kind == "duration":
            # "10시 30분" is a time of day, so its "30분" is no duration.
            times = " ".join(spans("time", text))
            found = [s for s in found if s not in times]
            # "1시간 10분" is one length of time, not two; dates and times of day are no part
            # of one ("6월 20일 3일간"). A part is dropped only where it stands inside one.
            masked = list(text)
            for pattern in (_SPANS["date"], _SPANS["time"]):
                for m in pattern.finditer(text):
                    masked[m.start():m.end()] = " " * (m.end() - m.start())
            joined = list(_LONGER.finditer("".join(masked)))

            def inside(span: str) -> bool:
                spots = [m.span() for m in re.finditer(re.escape(span), text)]
                return bool(spots) and all(any(j.start() <= a and b <= j.end() for j in joined)
                                           for a, b in spots)

            found = [j.group(0) for j in joined] + [s for s in found if not inside(s)]
    elif kind == "person":
        found = _people([m.group(1) for m in _PERSON.finditer(text)], text)
    elif kind == "place":
        # "하스 대표도" is the CEO also, not a province.
        found = [m.group(0) for m in _PLACE.finditer(text)
                 if m.group(0) not in _NOT_PLACES and not _VERB_ENDING.search(m.group(0))
                 and m.group(0)[:-1] not in TITLE_WORDS]
        found += [m.group(0) for m in _SURE_PLACE.finditer(text)]
        # Only a place the patterns above missed: "63빌딩에서 열렸다" is found already.
        found += [h for h in (m.group(1) for m in _HELD_AT.finditer(text))
                  if not any(h in f for f in found) and not _NOT_VENUE.fullmatch(h)]
    else:
        found = [m.group(0).strip() for m in _SPANS[kind].finditer(text)]
        if kind == "date":
            found += [m.group(0).strip() for m in _ENGLISH_DATE.finditer(text)]
            found += [m.group(1) for m in _ENGLISH_YEAR.finditer(text)]
        if kind == "quantity":
            found += [m.group(0).strip() for m in _ENGLISH_MONEY.finditer(text)]
            # Parts of a date ("2025년", "6월 20일") are not amounts.
            dates = " ".join(spans("date", text))
            # Nor is a year before an English word ("In 2024 students built…").
            found = [s for s in found if not re.fullmatch(r"\d{4}\s?년|(?:19|20)\d{2} [A-Za-z]+", s)
                     and s not in dates]
    return list(dict.fromkeys(s for s in found if s))


def people_named(text: str) -> list[str]:
    """The people a text names before a title ("최태원 회장" names 최태원)."""
    return spans("person", text)


def amount_kind(span: str) -> AnswerType | None:
    """The kind of an amount span, from its unit: "7조원" is money, "20여명" a head count."""
    for kind, unit in _UNIT_KINDS:
        if unit.search(span.replace(" ", "")):
            return kind
    return None


def has_span(kind: AnswerType | None, text: str) -> bool:
    """True when the text holds a span of the kind (False for no kind)."""
    return kind is not None and bool(spans(kind, text))


_LEADING_FIGURE = re.compile(r"\d[\d,.]*")


# A sum written with Korean scale words ("1천억원대", "7조 원", "1조5000억원"), then its
# unit when written. "제3조" is an article of a law, not 3조.
_PART = r"\d[\d,.]*[ \t\u00a0\u3000]?[십백천만억조]+"
_SCALED = re.compile(rf"(?<![\d.,제])((?:{_PART}[ \t\u00a0\u3000]?)+)(원|달러|명|개사|개|곳|건|장)?")
_PART_OF = re.compile(r"(\d[\d,.]*)\s?([십백천만억조]+)")
_SCALE_OF = {"십": 10, "백": 100, "천": 1_000, "만": 10_000, "억": 10**8, "조": 10**12}
_CURRENCIES = frozenset({"원", "달러", ""})


def _scaled(text: str) -> list[tuple[float, str]]:
    """The sums written with scale words in the text, as (value, unit or "")."""
    out = []
    for m in _SCALED.finditer(text):
        total = 0.0
        for part in _PART_OF.finditer(m.group(1)):
            try:
                value = float(part.group(1).replace(",", ""))
            except ValueError:
                break
            # "1천억" is 1 × 천 × 억; "1조5000억" is 1조 + 5000억.
            for ch in part.group(2):
                value *= _SCALE_OF[ch]
            total += value
        else:
            out.append((total, m.group(2) or ""))
    return out


# An English question writes a sum in words ("7 trillion won", "$1.3 billion", "KRW 2 trillion").
_ENGLISH_SCALED = re.compile(
    r"(?:(?P<pre>US\$|\$|₩|KRW|USD)\s?)?(?P<n>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<scale>thousand|million|billion|trillion)\b(?:\s(?P<post>won|dollars?|USD|KRW))?", re.I)
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ENGLISH_CURRENCY = {"$": "달러", "us$": "달러", "usd": "달러", "dollar": "달러", "dollars": "달러",
                     "₩": "원", "krw": "원", "won": "원"}


def _english_scaled(text: str) -> list[tuple[float, str]]:
    """The sums an English text writes in scale words, as (value, Korean unit or "")."""
    out = []
    for m in _ENGLISH_SCALED.finditer(text):
        currency = (m.group("pre") or m.group("post") or "").lower()
        value = float(m.group("n").replace(",", "")) * _SCALE_WORDS[m.group("scale").lower()]
        out.append((value, _ENGLISH_CURRENCY.get(currency, "")))
    return out


def _same_unit(a: str, b: str) -> bool:
    """True when two sums' units can be the same: equal, or one unwritten beside a currency."""
    return a == b or (not (a and b) and a in _CURRENCIES and b in _CURRENCIES)


def figure_given(span: str, question: str) -> bool:
    """True for an amount whose figure the question gives, bare or in the span's own unit.

    "the 161 US unicorns" gives "161개"; "4월 25일" gives no "25명", "10억원" no "10억달러",
    "16%" no "16명". A sum with scale words is the same sum however its unit is written
    ("1천억원대" gives "1천억대").
    """
    spans_sum = _scaled(span)
    if spans_sum:
        value, unit = spans_sum[0]
        # "SK's 7 trillion won investment" gives "7조원".
        return any(math.isclose(v, value) and _same_unit(unit, u)
                   for v, u in _scaled(question) + _english_scaled(question))
    m = _LEADING_FIGURE.match(span)
    if m is None or len(m.group(0)) < 2 or amount_kind(span) is None:
        return False
    unit = span[m.end():].replace(" ", "")
    given = re.finditer(rf"(?<![\d.,]){re.escape(m.group(0))}(?!\d|[.,]\d)\s?(\S*)", question)
    return any(g.group(1).startswith(unit) if HANGUL.match(g.group(1)) or g.group(1)[:1] in "%$"
               else True for g in given)


def lead_span(kind: AnswerType | None, text: str, question_words: set[str],
              titles: set[str] | None = None, question: str | None = None,
              names: Collection[str] | None = None) -> str | None:
    """The one span an answer can lead with: the only one, or the one nearest the question's words.

    A person asked for by title ("창업정책관은 누구") is one who holds it, when the text has one.
    With the `question`, a span it already gives is never the answer; with the text's proper
    `names` (Kiwi's), a place is one of them ("개설되기도" only ends like "경기도").
    """
    if kind is None:
        return None
    found = asked_spans(kind, question or "", text)
    if kind == "person":
        if titles:
            # Holders are people even where the title is a compound the person pattern misses;
            # with none, no one leads: "Which Minister …" is not answered by a CEO's name.
            found = holders(titles, text)
        if question is not None:
            # "대통령 만나러 온 회사 대표 이름?": the 대통령 is whom they met, not the answer.
            context = ({m.group(2) for m in _TITLE_WORD.finditer(question)}
                       - asked_titles(question) - (titles or set()))
            met = set(holders(context, text))
            found = [f for f in found if f not in met]
        found = _people(found, text)
    if question is not None:
        # "이명박 대통령은 누구와 회담했나" is not answered by 이명박, nor "President Lee …"
        # by 이재명 (its words hold the Korean names an English question uses).
        found = [s for s in found if s not in question and s not in question_words
                 and not figure_given(s, question)]
    if kind == "place" and names is not None:
        # A building is a place as written; any other span only by a proper name in it.
        found = list(dict.fromkeys(
            s if _BUILDING_WORD.fullmatch(s) else max((n for n in names if n in s), key=len)
            for s in found if _BUILDING_WORD.fullmatch(s) or any(n in s for n in names)))
    if kind == "place":
        # "서울 중구 상의회관에서" is one place: a span that is a word of another's venue is
        # part of it ("광주" is no word of "광주과학기술원").
        venues = {s: _with_venue(s, text) for s in found}
        found = [s for s in found if not any(
            len(venues[t]) > len(venues[s])
            and re.search(rf"(?<![가-힣A-Za-z0-9]){re.escape(s)}(?![가-힣A-Za-z0-9])", venues[t])
            for t in found)]
    if len(found) <= 1:
        if not found:
            return None
        return _with_venue(found[0], text) if kind == "place" else found[0]
    words = [w for w in question_words if len(w) > 1]

    def distance(span: str) -> int:
        at = text.find(span)
        gaps = [min(abs(m.start() - (at + len(span))), abs(at - (m.start() + len(w))))
                for w in words for m in re.finditer(re.escape(w), text)]
        return min(gaps, default=len(text))

    ranked = sorted((distance(s), s) for s in found)
    near, runner_up = ranked[0], ranked[1]
    # Lead only when one span is clearly the nearest, and near enough to be about the question.
    if near[0] > NEAR_CHARS or near[0] >= runner_up[0]:
        return None
    return _with_venue(near[1], text) if kind == "place" else near[1]


# Up to three words after a district, the last one ending in 에서: the venue it names
# ("중구 상의회관에서", "광진구 그랜드 워커힐 서울에서"). No word of it may carry a particle.
_VENUE = re.compile(r"((?:\s[^\s,.·'\"“”‘’()]+){1,3}?)에서(?=\s|$)")
_PARTICLE_END = re.compile(r"(으로|로|의|는|은|을|를|이|가|와|과|도|만|고|며|서)$")


def _with_venue(span: str, text: str) -> str:
    """A place with the venue written right after it, when the text names one there."""
    at = text.find(span)
    m = _VENUE.match(text, at + len(span)) if at >= 0 else None
    if m is None or any(_PARTICLE_END.search(w) for w in m.group(1).split()):
        return span
    return span + m.group(1)


_ASK_WORD = re.compile(r"누구|누가|누군|이름|성함|성명(?!서)")


_ASKS_VENUE = re.compile(
    rf"(?:{_EVENTS})\s*(?:의\s*)?장소|"
    r"(?:어디|(?:어느|어떤|무슨)\s*(?:장소|곳|건물))(?:에서|서)\s*(?:열|개최|진행|만나|만났|회동)|"
    r"\bwhere (?:was|were|is|will|did)\b.{0,100}\b(?:held|hold|meet|met|take place|took place)\b|"
    r"\b(?:which|what) (?:venue|building|hall|hotel)\b",
    re.I)


# Where an event was: a building, a place the event is held or met at, or any place with
# the particle of where ("서울에서", "경주에"). A country standing before a firm ("일본
# 소프트뱅크") says whose the firm is.
# A bare 시, 도 or 구 ending is left out: "연구에서", "당시에", "제도에" are no places.
_AT_PLACE = re.compile(
    rf"(?<![가-힣A-Za-z0-9])(?:[가-힣]{{1,8}}(?:특별시|광역시|특별자치도|특별자치시)|{PLACE_NAMES})"
    r"(?:에서|에)(?![가-힣])")


def names_venue(text: str) -> bool:
    """True when the text says where something was: a building, or a place it was held at."""
    return bool(_BUILDING_WORD.search(text) or _HELD_AT.search(text) or _AT_PLACE.search(text))


def asks_venue(question: str) -> bool:
    """True when a question asks where a meeting or event took place ("면담 장소는 어디").

    Press releases name the venue of the events they report; "어디" alone may ask for a
    hospital or a firm, and a place of any other kind may be one no pattern knows.
    """
    return bool(_ASKS_VENUE.search(question))


def asked_heads(question: str) -> set[str]:
    """The titles asked, with every head's title for "the head of …" (원장 of an institute)."""
    # "the head of X", "who heads X": not a head office or coach, nor "head-to-head".
    heads = _LEADERS if re.search(r"\bhead of\b|\bheads\s+[A-Z]", question, re.I) else set()
    return asked_titles(question) | heads


def asked_posts(question: str) -> set[str]:
    """Every title a text may give the posts asked ("사장" → 대표, CEO, …; "head of" → 원장 …)."""
    return {p for t in asked_heads(question) for p in same_post(t)}


def asked_titles(question: str) -> set[str]:
    """The titles a question asks the holder of ("중기부 장관은 누구", "Who is the CEO")."""
    matches = list(_TITLE_WORD.finditer(question))
    asks = list(_ASK_WORD.finditer(question))
    if asks and len({m.group(2) for m in matches}) > 1:
        # "대통령 만나러 온 회사 대표 이름?" asks for the 대표: the title written last before
        # the (last) word that asks, the others only say whom they met.
        before = [m for m in matches if m.end() <= asks[-1].start()]
        matches = before[-1:] or matches
    found = {part for m in matches for part in (m.group(1) + m.group(2), m.group(2))}
    # "chairman Masayoshi Son" says whom the question means; "the CEO of Upstage" asks.
    words = [m.group(1).lower() for m in re.finditer(r"\b([A-Za-z]+)\b(?!\s+[A-Z][a-z])", question)]
    return found | {_ENGLISH_TITLES[w] for w in words if w in _ENGLISH_TITLES}


def holders(titles: set[str], text: str) -> list[str]:
    """Names written right before one of the titles ("오영주 장관" holds 장관)."""
    if not titles:
        return []
    alts = "|".join(sorted(map(re.escape, titles), key=len, reverse=True))
    pattern = (rf"{NAME_START}([가-힣]{{2,4}})\s(?:{BODY_WORD}\s){{0,2}}(?:{PLACE_NAMES})?"
               rf"(?:{alts}){_TITLE_END}")
    return list(dict.fromkeys(re.findall(pattern, text)))


def short_year(year: str) -> re.Pattern[str]:
    """A four-digit year written short: "'24", "24년", "'24.2.5" (not "24.5%")."""
    s = year[2:]
    return re.compile(rf"['’‘]{s}(?!\d)|(?<![\d.]){s}년|(?<![\d.]){s}\.\d{{1,2}}\.")


# "울산 말고 나머지 6곳은 어디", "SK 외에 누가": the ones a question names are not what it asks.
_ASKS_OTHERS = re.compile(
    r"나머지|(?:말|빼)고(?![가-힣])|제외(?:한|하고|하면)|(?:^|\s)(?:이|그\s?)?외(?:에|의)(?![가-힣])"
    r"|\b(?:other than|besides|apart from|except|aside from|the rest)\b|\bremaining\b", re.I)


def asks_others(question: str) -> bool:
    """True when a question asks for the ones besides those it names ("울산 말고 나머지 곳")."""
    return bool(_ASKS_OTHERS.search(question))
