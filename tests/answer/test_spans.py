"""Answer types asked by questions, and the spans of each type found in sentences."""

from __future__ import annotations

import pytest

from retrieval.answer.spans import (
    answer_type,
    answers_all,
    asked_event,
    asked_head_kind,
    asked_measure,
    asked_spans,
    asked_sum_kind,
    asked_titles,
    asks_day,
    asks_others,
    asks_phone,
    asks_town,
    asks_venue,
    figure_given,
    has_phone,
    holders,
    lead_span,
    names_venue,
    short_year,
    spans,
)
from retrieval.evaluation import lead_right


@pytest.mark.parametrize(("question", "kind"), [
    ("SK는 울산에 얼마를 투자하나요?", "money"),
    # A sum asked in its currency, not a count of 억.
    ("한국과 UAE의 협력은 몇 억 달러 규모인가요?", "money"),
    ("몇 조 원을 투자해?", "money"),
    ("래블업의 누적 투자유치 금액은?", "money"),
    ("How much did SoftBank pledge to invest?", "money"),
    ("How big was the budget behind the GPUs?", "money"),  # a budget is sized in money
    ("What budget has the government set for the zone?", "money"),
    ("What cost-cutting measures were announced?", None),  # no sum asked
    ("개발에 얼마가 들었나요?", "money"),  # what it cost
    ("개발에 쓴 비용은 정확히 얼마인가요?", "money"),  # an adverb between cost and 얼마
    ("컨퍼런스 참가비는 얼마였어?", "money"),  # a price asked by name
    ("운영비를 얼마나 줄일 수 있어?", "quantity"),  # a saving, often a share ("40% 절감")
    # 대규모, 조직들: no sum asked; the question ends on whom it asks for.
    ("대규모 조직들이 관리되는 현상을 관찰한 사람은?", "person"),
    ("지원 대상이 되는 사람은?", None),  # who qualifies: a rule says, not a name
    ("How big is the fundamental research program?", "quantity"),  # no "fund" in it
    ("How large is the machine learning dataset?", "quantity"),  # nor "earn"
    ("최태원 회장이 제안한 스타트업 육성 목표는 몇 개인가요?", "count"),
    ("How many GPUs did Korea secure?", "count"),
    ("회의에는 몇 명이 참석했나요?", "people"),
    ("LG AI연구원의 직원 수는?", "people"),
    ("실리콘밸리에 몰린 비율은?", "percent"),
    ("세제 혜택의 감면율은?", "percent"),  # a rate, by its ending
    ("중소기업 AI 활용률은 얼마야?", "percent"),
    ("관련 법률은?", None),  # a law ends so too, as does 효율 or 조율
    ("협상 조율은 몇 번 했어?", "count"),
    ("면담은 몇 시에 시작했나요?", "time"),
    ("What time did the meeting start?", "time"),
    ("자유토론은 몇 분 동안 했나요?", "duration"),
    ("How long did the meeting last?", "duration"),
    # A length of time asked as an amount of it.
    ("간담회는 전체 진행 시간이 얼마로 잡혀 있었어?", "duration"),
    ("미국이 한국보다 몇 배 많나요?", "count"),  # a multiple: "80배", not either sum
    ("몇 배우가 출연했나?", "quantity"),
    ("울산 데이터센터는 언제 가동되나요?", "date"),
    ("앨범은 몇 년에 발매되었나?", "date"),
    ("비상사태는 몇 년 만에 해제되었나?", "duration"),  # how long it lasted, not a year
    ("며칠 동안 심문을 받았는가?", "duration"),  # how long, not which day
    ("When was the meeting held?", "date"),
    ("중기부 장관은 누구인가요?", "person"),
    ("어느 장관이 축사를 했어?", "person"),  # which title-holder: a person
    ("Which SMEs and Startups Minister gave the speech?", "person"),
    ("Which KT executive joined the panel?", "person"),
    ("Which company did Kakao work with?", None),  # a firm, no person
    ("Which AI company has the Kakao CEO worked with?", None),  # the CEO is not asked for
    ("Which science ministry minister named the core tasks?", "person"),  # whose minister
    ("Which university's professor studies Chinese startups?", None),  # the university is asked
    ("In which building did Minister Oh hold the meeting?", "place"),  # "did" ends the title
    ("Which company heads the consortium?", None),  # "heads" is the verb here
    ("어느 대학이 먼저 지정되나요?", None),
    ("투자 유치액 1위 기업은 어디야?", None),  # which firm, not where
    ("세미나를 공동 개최한 기관은 어디인가요?", None),
    ("반도체 대학원으로 우선 검토 중인 학교는 어디야?", "place"),  # 광주과학기술원 stands somewhere
    ("Who met President Lee?", "person"),
    ("행사는 어디에서 열렸나요?", "place"),
    ("Where will the data center be built?", "place"),
    ("회의는 어느 건물에서 열렸어요?", "place"),
    ("Which building hosted the meeting?", "place"),
    ("퓨리오사AI가 유치한 투자 총액은 얼마인가요?", "money"),
    ("앨범명은 무엇인가?", None),
    ("What is the ARM school?", None),
    ("그 앱 쓰는 사람이 얼마나 돼?", "people"),  # how many use it: a head count
    ("그 서비스 가입자가 얼마나 되나요?", "people"),  # as "가입자 수는" asks
    ("사용자가 얼마나 늘었어?", "quantity"),  # how much they grew, not how many there are
    ("How many AI model developers attended?", "count"),  # developers are as often firms
    ("How many chip design engineers will the school train?", "people"),  # heads of a trade
    ("What annual revenue did the startup report?", "money"),  # a sum, however qualified
    ("What company valuation did the firm reach?", "money"),
    ("On which floor was the meeting held?", "count"),  # "42층"
    ("What was the size of US private AI investment?", "money"),
    ("What is Upstage's total investment raised so far?", "money"),  # the sum it raised
    ("What is the investment plan for Ulsan?", None),  # a plan, no sum
    ("what's the population of Busan?", "people"),  # a town's head count
    ("부산 인구는 얼마나 돼?", "people"),
    ("How many startups will SK foster, as the US does by population?", "count"),
    ("Which council members spoke at the forum?", "person"),
])
def test_answer_type_of_questions(question: str, kind: str | None) -> None:
    assert answer_type(question) == kind


def test_amounts_of_one_kind_are_told_apart_by_unit() -> None:
    text = ("5일 오전 10시 30분에 만나 7조원 투자와 인력 1,400여 명 양성, 운영비 40% 절감을 "
            "논의했고 회의는 14:10~15:30, 지원은 12개월, 누적 투자는 161억")
    assert spans("money", text) == ["7조원", "161억"]
    assert spans("people", text) == ["1,400여 명"]
    assert spans("count", "1,400여 명과 707건, 3곳") == ["707건", "3곳"]
    assert spans("percent", text) == ["40%"]
    # A range is one span: when it began and when it ended.
    assert spans("time", text) == ["오전 10시 30분", "14:10~15:30"]
    assert spans("duration", text) == ["12개월"]  # the "30분" of a time of day is no duration
    assert spans("time", "10시간 동안 회의") == []
    # Compound scales, and a sum's range ("1천억대") is money, not a count of vehicles.
    assert spans("money", "KT 등 1천억대 투자유치, 2조 5천억원, 5백만 달러") == [
        "1천억대", "2조 5천억원", "5백만 달러"]
    assert spans("count", "차량 30대와 인력 3천 명") == ["30대"]
    # A day of the month alone is a date, as news writes it; "3일간" is not.
    assert spans("date", "28일 서울에서 3일간 열린 행사") == ["28일"]


def test_quantity_spans_keep_scale_and_unit() -> None:
    assert spans("quantity", "SK 최태원 회장: 7조원 투자, AI 고속도로 건설") == ["7조원"]
    assert spans("quantity", "월 20만 원씩 최대 12개월 지급") == ["20만 원", "12개월"]
    assert spans("quantity", "매스프레소(관다) 대표 1,530억원 투자유치") == ["1,530억원"]
    assert spans("quantity", "민간 투자는 1,090억달러로 30% 늘었다") == ["1,090억달러", "30%"]
    # Parts of a date are not amounts, and a bare number is not an amount either.
    assert spans("quantity", "2025년 6월 20일 서울에서 3 번") == []


def test_date_spans() -> None:
    assert spans("date", "2025년 6월 20일 서울에서 열렸다") == ["2025년 6월 20일"]
    assert spans("date", "보도는 2025.06.21. 에 나왔고 2026년에 시행된다") == ["2025.06.21.", "2026년"]
    assert spans("date", "가동 시기는 정해지지 않았다") == []
    # News often gives a month alone; a stretch of months is no date.
    assert spans("date", "지난해 7월 전략을 발표했고 3개월 뒤 시행했다") == ["7월"]
    assert spans("date", "올해 3월 2차 공모를 열었다") == ["3월"]  # a number after is no day
    # An English question's "when" is not answered by a Korean month alone.
    assert asked_spans("date", "발표 시기는 언제야?", "지난해 7월 발표") == ["7월"]
    assert asked_spans("date", "When was it announced?", "지난해 7월 발표") == []


def test_person_spans_are_names_before_titles() -> None:
    assert spans("person", "SK 최태원 회장은 말했다") == ["최태원"]
    assert spans("person", "오영주 중소벤처기업부 장관은 밝혔다") == ["오영주"]
    # A ministry's name before a title is not a person.
    assert spans("person", "중소벤처기업부 장관이 참석했다") == []
    # Between a name and its title stands only the body they belong to, never a plain word,
    # and a name starts a word ("AI연구원" is no name).
    assert spans("person", "토론은 공득조 광주과학기술원 부원장이 진행을 맡았다") == ["공득조"]
    assert spans("person", "✅ LG AI연구원 배경원 원장") == ["배경원"]
    # A town's head is written as one word with the town.
    assert spans("person", "✅ 김두겸 울산시장") == ["김두겸"]
    # The title may take the particle of whom one speaks to; a longer word is no title.
    assert spans("person", "손 회장은 \"김대중 대통령께는 첫째도 둘째도\"라고 했다") == ["김대중"]
    assert spans("person", "김대중 대통령에게 조언했다") == ["김대중"]
    assert spans("person", "최태원 회장단은 모였다") == []
    # "국내 대표 스타트업" is a leading one, no head named.
    assert spans("person", "국내 대표 인공지능(AI) 창업기업 및 전문가 20여명 참여") == []
    # A profile row's university, country and former employer's unit are nobody.
    assert spans("person", "■ 인공지능법학회 회장 • 가천대 교수 • 미국 변호사") == []
    assert spans("person", "■ 포티투마루 대표 • (前) SK 커뮤니케이션 검색사업 본부장") == []
    assert spans("person", "권석준 성균관대 교수") == ["권석준"]
    # Only a marked tenure lets the firm come first; "3년 전" is a time.
    assert spans("person", "3년 전 네이버 최수연 대표가 말했다") == ["최수연"]
    assert spans("person", "현 카카오 정신아 대표는") == ["정신아"]
    # A career list's items are posts held: the word a bullet opens with is the employer.
    assert spans("person", "성명: AI 기업 대표 (4) · 주요 약력: ■ 래블업 대표 • 한국통신학회 이사") == []
    assert spans("person", "✅ 루닛 서범석 대표") == ["서범석"]
    assert spans("person", "■ 래블업 신정규 대표 • 한국통신학회 이사") == ["신정규"]
    assert spans("person", "경력: • 신정규 대표 (래블업)") == ["신정규"]  # a name's shape


def test_a_towns_head_holds_the_title_asked() -> None:
    assert holders({"시장"}, "김두겸 울산시장은 특별법을 요청했다") == ["김두겸"]


def test_place_spans_skip_common_nouns() -> None:
    assert spans("place", "울산광역시에서 열린 행사") == ["울산광역시"]
    assert spans("place", "당시 경기도 수원시에서") == ["경기도", "수원시"]
    assert spans("place", "제도와 정도의 문제") == []
    # A verb ending in 도 is no province ("아니라도"), a country's name with 도 may be a place.
    assert spans("place", "큰 투자가 아니라도 된다") == []
    assert spans("place", "전라도와 황해도에서") == ["전라도", "황해도"]
    # An ordinal or a plural with the particle 도 is "also"; a composition (구도) is no 구.
    assert spans("place", "첫째도 둘째도 셋째도 ASI, 기업들도 동의") == []
    assert spans("place", "경쟁 구도 속에서") == []
    # The pattern keeps "이탈리아도" (Italy, with the particle 도); the name in it leads.
    assert lead_span("place", "이탈리아도 우승했다", {"우승"}, question="어디가 우승했나?",
                     names=["이탈리아"]) == "이탈리아"


def test_where_something_is_held_is_a_place_whatever_its_name() -> None:
    # 안동 is in no list of places; 경북 is.
    assert spans("place", "다음달 2일까지 경북 안동에서 열리는 APEC 정상회의") == ["경북", "안동"]
    assert spans("place", "안동에서 생산되는 제품") == []
    # What is held is no place: an event, an occasion.
    assert spans("place", "두 사람은 이날 회의에서 만나 협력했다") == []
    assert spans("place", "이 자리에서 만났다") == []
    assert "부산국제금융센터" in spans("place", "부산 기업들은 부산국제금융센터에서 열린 행사에 참석했다.")


def test_a_venue_is_asked_of_a_meeting_or_event() -> None:
    assert asks_venue("이재명 대통령과 손정의 회장의 면담 장소는 어디였어?")
    assert asks_venue("면담은 어디에서 열렸어?")
    assert asks_venue("세미나는 어느 장소에서 열렸나요?")
    assert asks_venue("Where was the seminar held?")
    # "어디" alone may ask for a hospital or a firm; a place of another kind no pattern knows.
    assert not asks_venue("루닛이 계약한 병원은 어디야?")
    assert not asks_venue("경관들이 발포한 장소는 어디인가?")
    # However long the words between say what met.
    assert asks_venue("Where did the meeting between President Lee Jae-myung and Masayoshi Son "
                      "take place?")


def test_others_are_asked_besides_those_named() -> None:
    assert asks_others("분산 에너지 특구 후보지 울산 말고 나머지 6곳은 어디인가요?")
    assert asks_others("울산을 제외한 후보지는 어디야?")
    assert asks_others("SK 외에 간담회에 온 기업은?")
    assert asks_others("Which sites besides Ulsan are candidates?")
    # 외 inside a word is abroad or an exception, and 말고기 is horse meat.
    assert not asks_others("해외에 수출한 기업은 어디야?")
    assert not asks_others("예외에 해당하는 곳은 어디야?")
    assert not asks_others("말고기 요리는 어디서 팔아?")


def test_a_venue_is_where_something_was() -> None:
    assert names_venue("서울 여의도 63빌딩에서 회의를 개최하였다")
    assert names_venue("다음달 2일까지 경북 경주에서 열리는 행사")
    assert names_venue("그랜드 워커힐 서울에서 열린 컨퍼런스")
    # A country before a firm says whose the firm is, not where anyone met.
    assert not names_venue("이재명 대통령은 5일 일본 소프트뱅크 손정의 회장과 만나 논의했다.")
    # A word ending in 시, 도 or 구 is no place: a study, a time, a rule.
    assert not names_venue("이번 연구에서 밝혀졌다")
    assert not names_venue("당시에 논의했다")
    assert not names_venue("새 제도에 따라 지원한다")


def test_buildings_schools_and_known_places_are_places_as_written() -> None:
    assert spans("place", "데이터 센터를 울산에 구축한다") == ["울산"]
    assert spans("place", "여의도 63빌딩 기보 회의실(42층)") == ["여의도", "63빌딩"]
    assert spans("place", "광주과학기술원(GIST)을 우선 검토") == ["광주과학기술원"]
    # The particle must end the word: 광주 is no place inside 광주과학.
    assert spans("place", "광주과학 분야") == []
    assert spans("place", "미국처럼 투자하면") == []
    # No proper name is needed for a building to lead.
    assert lead_span("place", "회의는 여의도 63빌딩에서 열렸다.", {"회의"},
                     question="회의는 어느 건물에서 열렸어요?", names=["여의도"]) == "여의도 63빌딩"


def test_lead_span_is_the_only_one_or_the_one_beside_the_question_words() -> None:
    assert lead_span("quantity", "SK 최태원 회장: 7조원 투자", {"투자"}) == "7조원"
    assert lead_span("quantity", "월 20만 원씩 최대 12개월 지급", {"개월"}) == "12개월"
    # Two amounts and nothing of the question near either: no lead.
    assert lead_span("quantity", "사과 3개와 배 4개", {"포도"}) is None
    assert lead_span("quantity", "인력 2만 명 양성, 예산 300억원 투입", {"예산"}) == "300억원"
    assert lead_span(None, "7조원", set()) is None


def test_asked_titles_in_korean_and_english() -> None:
    assert asked_titles("중기부 장관은 누구인가요?") == {"장관"}
    assert asked_titles("LG AI연구원 원장 누구야?") == {"원장"}  # 연구원 is part of a name
    assert asked_titles("Who is the CEO of Lunit?") >= {"대표"}
    assert asked_titles("누가 발표했나요?") == set()
    # A compound title asks for its holder, who need not hold any other 정책관.
    assert asked_titles("중기부 창업정책관 이름은?") == {"창업정책관", "정책관"}
    # A title before a name says whom the question means, not what it asks.
    assert asked_titles("Who accompanied SoftBank chairman Masayoshi Son when he met "
                        "President Lee Jae-myung?") == set()
    assert asked_titles("Who is Upstage's CEO?") >= {"대표"}


def test_the_title_asked_is_the_one_before_the_asking_word() -> None:
    question = "소뱅 회장이랑 같이 대통령 만나러 온 칩 설계 회사 CEO 이름?"
    assert asked_titles(question) == {"CEO", "대표"}
    assert asked_titles("대통령을 만난 회장은 누구?") == {"회장"}
    assert asked_titles("대통령 성명서를 발표한 장관은 누구?") == {"장관"}
    assert asked_titles("대통령 이름으로 표창을 받은 대표는 누구?") == {"대표"}
    # Whom they met is never the answer, though the sentence names no one by the title asked.
    text = "이재명 대통령은 5일 소프트뱅크 손정의 회장과 만났다."
    assert lead_span("person", text, {"만나"}, asked_titles(question), question=question) is None
    text = "이재명 대통령은 5일 오영주 장관과 만났다."
    for question, lead in (("대통령을 만난 장관은 누구?", "오영주"), ("장관을 만난 대통령은 누구?", "이재명")):
        assert lead_span("person", text, {"만나"}, asked_titles(question),
                         question=question) == lead


def test_lead_person_holds_the_asked_title() -> None:
    text = "토론은 공득조 광주과학기술원 부원장이 진행을 맡고, 조경원 중소벤처기업부 창업정책관이 참여했다."
    titles = asked_titles("패널토론에 나온 창업정책관 이름은?")
    assert lead_span("person", text, {"토론"}, titles) == "조경원"
    assert lead_span("person", text, {"토론"}) == "공득조"


def test_no_one_leads_when_no_one_holds_the_asked_title() -> None:
    # "Which Minister gave the speech?" is not answered by a CEO's name.
    text = "제러드 퀸시 데이비스 CEO는 스타트업의 어려움을 말했다."
    titles = asked_titles("Which SMEs and Startups Minister gave the speech?")
    assert lead_span("person", text, {"스타트업"}, titles) is None
    assert lead_span("person", text, {"스타트업"}) == "데이비스"


def test_lead_is_never_what_the_question_already_says() -> None:
    text = "이명박 대통령은 라스무센 총리와 회담했다."
    question = "이명박 대통령은 덴마크에서 누구와 회담했나?"
    assert lead_span("person", text, {"회담"}, question=question) == "라스무센"
    # An English question's words hold the Korean names it uses.
    assert lead_span("person", text, {"이명박"}, question="Whom did President Lee meet?") == "라스무센"


def test_lead_is_never_a_figure_the_question_gives() -> None:
    unicorns = "미국 유니콘 기업 161개 가운데 64개(40%)가 이 지역에 있다."
    assert lead_span("count", unicorns, set(),
                     question="How many of the 161 US unicorn companies are in the area?") == "64개"
    pentacorns = "펜타콘 기업(50억달러 이상) 79개 가운데 45개(57%)가 이 지역에 위치해 있다."
    assert lead_span("count", pentacorns, set(),
                     question="Of the 79 pentacorns in the US, how many are there?") == "45개"
    # A figure in another unit is another amount; a date holding the year asked is no amount.
    assert lead_span("people", "4월 25일, 정부는 다라에 전차를 전개해 적어도 25명을 살해하였다.", set(),
                     question="4월 25일 정부는 다라에 전차를 전개해 몇명을 살해하였는가?") == "25명"
    assert lead_span("date", "2011년 3월 일본에서 대지진이 발생했다.", set(),
                     question="2011년 몇월에 일본에서 대지진이 발생하였나?") == "2011년 3월"


def test_lead_person_is_no_word_with_a_particle() -> None:
    assert lead_span("person", "그는 대통령 후보로 나섰다.", set(), question="") is None


def test_lead_place_is_a_proper_name() -> None:
    text = "행사는 경주시에서 열렸고, 서울에서 개설되기도 했다."
    assert spans("place", text) == ["경주시", "개설되기도", "서울"]  # the pattern can't tell
    assert lead_span("place", text, {"행사"}, question="행사는 어디서?",
                     names=["경주시", "서울"]) == "경주시"


def test_holders_are_names_written_before_the_title() -> None:
    text = "한성숙 중기부 장관은 축사에서 말했고, 오영주 장관과 백준호 퓨리오사AI 대표도 왔다."
    assert holders({"장관"}, text) == ["한성숙", "오영주"]
    assert holders({"대표"}, text) == ["백준호"]
    assert holders({"회장"}, text) == []
    assert holders(set(), text) == []


def test_lead_right_reads_the_bold_lead() -> None:
    assert lead_right("**7조원**: SK는 …", (("7조",),)) is True
    assert lead_right("**1,090억달러**: 미국은 …", (("7조",),)) is False
    assert lead_right("SK는 7조원을 …", (("7조",),)) is None


@pytest.mark.parametrize(("question", "text", "held"), [
    ("데이터센터는 몇 메가와트 규모인가요?", "용량 100MW 규모의 데이터센터", True),
    ("How many megawatts will it draw?", "100 메가와트를 쓴다", True),
    ("데이터센터는 몇 메가와트 규모인가요?", "운영비 40% 절감", False),
    ("창고는 몇 평이야?", "창고 300평", True),
    ("몇 톤을 수출했나?", "3만 톤을 수출했다", True),
    ("몇 톤을 수출했나?", "100 times more", False),
    # A counting word is a unit too.
    ("참가한 스타트업은 몇 개사였나요?", "국내외 스타트업 20여개사가 참가했다", True),
    ("참가한 스타트업은 몇 개사였나요?", "스타트업 5곳이 참가했다", True),  # firms in 곳
    ("참가한 스타트업은 몇 개사였나요?", "스타트업 관계자 70여 명이 참석했다", False),
    ("몇 가지 자원을 꼽았나?", "네 가지 자원으로 다음을 제시했다", True),  # a count in words
    ("버스를 몇 가지의 종류로 나누었나?", "버스를 4종류로 나누었다", True),
    ("사람보다 몇 배 뛰어나?", "인간 능력의 만 배 이상", True),
    ("작년 신규 과제는 몇 개였나?", "작년 707건, 715억원 규모의 신규과제를 수행", True),
    ("작년 신규 과제는 몇 개였나?", "작년 715억원 규모", False),
    ("참가한 스타트업은 몇 개였나요?", "투자 유치 30건", False),  # firms are not counted in 건
    ("특구 사업 후보지는 몇 개야?", "울산 포함 7곳", True),  # the sites, in 곳
    ("On which floor was it held?", "기보 회의실(42층)", True),
    ("On which floor was it held?", "63빌딩 회의실", False),
])
def test_an_amount_asked_in_a_unit_is_found_only_in_that_unit(question: str, text: str,
                                                                held: bool) -> None:
    measure = asked_measure(question)
    assert measure is not None and bool(measure.search(text)) is held


@pytest.mark.parametrize("question", ["몇 명이 왔어?", "평가는 어땠나?", "평창에서 열렸나?",
                                      "How many people came?"])
def test_no_unit_asked(question: str) -> None:
    assert asked_measure(question) is None


def test_a_place_lead_takes_the_venue_written_after_it() -> None:
    text = "대한상의는 17일 서울 중구 상의회관에서 세미나를 열었다."
    assert lead_span("place", text, {"세미나"}, question="세미나는 어디서 열렸나?",
                     names=["서울", "중구", "상의회관"]) == "서울 중구 상의회관"
    # A place that is only part of a word in the other's venue stays a place of its own.
    text = "회의는 광주에서 열렸고 광주과학기술원 연구진이 발표했다."
    assert lead_span("place", text, {"회의"}, question="회의는 어디서 열렸나?",
                     names=["광주"]) == "광주"
    # Words with particles are not a venue: "출신으로" ends the place.
    assert lead_span("place", "그는 통영시 출신으로 부산에서 자랐다.", {"출신"},
                     question="어디 출신인가?", names=["통영시", "부산"]) == "통영시"


@pytest.mark.parametrize(("question", "day"), [
    ("회의는 며칠에 열렸나요?", True),
    ("세미나가 열린 날짜는?", True),
    ("On what day was the seminar held?", True),
    ("회의는 언제 열렸나요?", False),  # a year or a month may answer "when"
    ("며칠 동안 심문을 받았는가?", False),  # a duration
    ("What year did it open?", False),
])
def test_a_question_asks_for_a_day_or_not(question: str, day: bool) -> None:
    assert asks_day(question) is day


def test_only_dates_that_name_a_day_are_days() -> None:
    text = "2025년 이후 AI 2단계가 시작되며, 회의는 5일 열렸고 '24.2.5(수)와 2025. 6. 21.에도 모였다."
    # Press releases write a date as "'24.2.5(수)": a short year, a day.
    assert asked_spans("date", "회의는 며칠에 열렸나요?", text) == ["5일", "'24.2.5",
                                                                 "2025. 6. 21."]


def test_a_time_asked_with_when_needs_the_day_too() -> None:
    question = "간담회는 언제 몇 시에 열렸나요?"
    assert answers_all("time", question, "(일시/장소) '24.2.5(수), 14:10~15:30, 여의도")
    # One item of the programme gives a time, not the day the meeting was held.
    assert not answers_all("time", question, "시 간: 14:20-14:30 (10') · 주요 내용: 발제")
    assert answers_all("time", "간담회는 몇 시에 열렸나요?", "시 간: 14:20-14:30 (10')")


def test_a_day_asked_is_never_led_by_a_year() -> None:
    text = "2025년 이후 AI 2단계가 시작되며, 회의는 5일 열렸다."
    question = "회의는 며칠에 열렸나요?"
    assert lead_span("date", text, {"회의"}, question=question) == "5일"
    assert lead_span("date", "2025년 이후 AI 2단계가 시작된다.", {"회의"}, question=question) is None


def test_a_word_with_a_subject_marker_is_no_person() -> None:
    # "셔젤이 감독을 맡았다": 이 after a closed syllable marks the subject; 감독 is no title here.
    text = "이 영화는 데이미언 셔젤이 감독을 맡았다."
    assert lead_span("person", text, {"영화"}, question="이 영화의 감독은 누구인가?") is None
    assert lead_span("person", "오영주 중소벤처기업부 장관이 말했다.", {"중소벤처기업부"},
                     question="중소벤처기업부 장관은 누구?") == "오영주"


def test_a_word_with_the_and_particle_is_no_person() -> None:
    # "기업과 시장을": 과 after a closed syllable is "and", and 시장 the market, not a mayor.
    text = "정부도 AI 기업과 시장을 더욱 확대하겠다고 밝혔다."
    assert spans("person", text) == []
    assert lead_span("person", text, {"정부"}, question="발표는 누가 했어요?") is None


def test_a_firm_between_a_name_and_its_title_is_not_the_person() -> None:
    text = "백준호 퓨리오사AI 대표, 채명수 노타 대표, 조원영 SW정책연구소 실장이 참여했다."
    assert lead_span("person", text, {"노타"}, question="Who is the CEO of Nota?") == "채명수"


def test_a_firm_led_once_or_a_degrees_field_is_no_person() -> None:
    question = "업스테이지 CTO는 누구?"
    assert lead_span("person", "• (前) 네이버 클로바X 대표", set(), question=question) is None
    assert lead_span("person", "• KAIST 전자공학 박사", set(), question=question) is None
    # A name may end in 학; only a field before a degree is left out.
    assert lead_span("person", "그는 김철학 박사를 만났다.", {"만났"},
                     question="누구를 만났나?") == "김철학"


@pytest.mark.parametrize(("kind", "text", "found"), [
    ("date", "It entered into force on 1 August 2024. Rules apply from Aug. 2, 2025.",
     ["1 August 2024", "Aug. 2, 2025"]),
    ("date", "Machines run from summer 2024; the plan dates from May 2023.", ["May 2023", "2024"]),
    ("date", "2025. 6. 21. 회의, GH200 칩, it may 2 times", ["2025. 6. 21."]),  # no English date
    ("money", "Fines reach 35 million euros, $10 billion, €35m or KRW 1 trillion.",
     ["35 million euros", "$10 billion", "€35m", "KRW 1 trillion"]),
    ("percent", "or 7% of turnover, up 3 percent", ["7%", "3 percent"]),
    ("people", "About 70 people attended; 1,200 employees work there.",
     ["70 people", "1,200 employees"]),
    ("people", "영화는 600만 관객을 동원했다.", ["600만 관객"]),
    ("people", "In 2024 students at KAIST built a chip.", []),  # a year, not a head count
    ("money", "$10억 규모의 투자", ["$10억"]),  # one sum, not "10억" beside it
])
def test_english_documents_dates_and_sums(kind: str, text: str, found: list[str]) -> None:
    assert sorted(spans(kind, text)) == sorted(found)  # type: ignore[arg-type]


def test_a_day_asked_of_english_dates() -> None:
    text = "It entered into force on 1 August 2024, in 2024."
    assert asked_spans("date", "On what day did it enter into force?", text) == ["1 August 2024"]


@pytest.mark.parametrize(("text", "found"), [
    ("면담은 1시간 10분간 진행됐다", ["1시간 10분"]),
    ("진행일정 (1시간 20분)", ["1시간 20분"]),
    ("지원 기간은 2년 6개월이다", ["2년 6개월"]),
    # A time of day or a date is no part of a length of time.
    ("오전 10시 30분에 시작해 3시간 이어졌다", ["3시간"]),
])
def test_a_length_of_time_in_several_units_is_one_span(text: str, found: list[str]) -> None:
    assert spans("duration", text) == found


def test_a_kind_of_organisation_before_a_title_is_no_person() -> None:
    # A table row reads "성명: AI 기업 대표 (4)": the firm's kind, then the title.
    assert lead_span("person", "성명: AI 기업 대표 (4) · 주요 약력: 매스프레소 대표", set()) is None
    assert lead_span("person", "백준호 퓨리오사AI 대표는 말했다", set()) == "백준호"
    # The name before it is the person ("홍길동 기업 대표"), as before any body word.
    assert lead_span("person", "홍길동 기업 대표는 말했다", set()) == "홍길동"


def test_a_row_naming_only_kinds_of_body_holds_no_person() -> None:
    # What a sentence is scored on agrees with what can lead it: the firm's kind, the firm
    # once led and the degree's field name nobody.
    row = "성명: AI 기업 대표 (4) · ■ 업스테이지 CTO • (前) 네이버 클로바X 대표 • KAIST 전자공학 박사"
    assert spans("person", row) == []
    assert spans("person", "✅ 네이버 클라우드 김유원 대표") == ["김유원"]


def test_the_counts_asked_are_those_in_the_counting_word() -> None:
    text = "울산 포함 7곳을 검토 중이며 20여명이 참석했다. 5개사를 육성한다."
    assert asked_spans("count", "후보지는 몇 곳이야?", text) == ["7곳", "5개사"]
    assert asked_spans("count", "몇 층에서 열렸어?", text) == []


def test_a_figure_the_question_gives_is_no_amount_asked() -> None:
    text = "AI 지원 법안들이 현재 22대 국회에 계류 중이며, 법안 3건이 통과됐다."
    question = "How many AI bills are pending in the 22nd National Assembly?"
    assert asked_spans("count", question, text) == ["3건"]


def test_a_unit_before_its_head_is_no_body_like_name() -> None:
    # 연구원, 위원회 open with a rare surname's syllable; only common ones make a name.
    assert lead_span("person", "김구 연구원 원장이 말했다", set()) == "김구"


def test_a_name_that_ends_like_a_body_is_the_person() -> None:
    # "김유원" ends in 원 as 연구원 does; the word before it ("클라우드") is no name.
    assert lead_span("person", "네이버 클라우드 김유원 대표 (핵심 제안)", set()) == "김유원"
    assert lead_span("person", "한국 최태원 회장은 말했다", set()) == "최태원"
    assert lead_span("person", "채명수 노타 대표는 말했다", set()) == "채명수"


@pytest.mark.parametrize(("text", "found"), [
    # A part stands alone elsewhere, or a date took the same words: each read by position.
    ("11시간 10분 걸렸고 다시 1시간", ["11시간 10분", "1시간"]),
    ("3일 열린 회의는 2주 3일간 이어졌다", ["2주 3일"]),
])
def test_a_length_of_time_is_read_where_it_stands(text: str, found: list[str]) -> None:
    assert spans("duration", text) == found


def test_a_short_year_date_needs_a_day_of_the_month() -> None:
    assert spans("date", "'24.2.51") == []


def test_a_year_written_short() -> None:
    short = short_year("2024")
    assert short.search("제1차 국가인공지능위원회('24.9)") and short.search("'24.2.5(수)")
    assert short.search("24년 7월") and short.search("24.2.5.")
    assert not short.search("점유율 24.5%") and not short.search("124년")


def test_a_start_asked_is_not_the_day_it_runs_until() -> None:
    text = "이번 행사는 다음달 2일까지 경주에서 열리는 APEC 정상회의 주간의 부대행사다."
    assert asked_spans("date", "When does the APEC summit week start?", text) == []
    assert asked_spans("date", "APEC 주간은 언제부터 시작해?", text) == []
    assert asked_spans("date", "APEC 주간은 언제까지야?", text) == ["2일"]
    assert asked_spans("date", "행사는 언제 열려?", text) == ["2일"]
    # The day it was held is the day it took place, not a day it ran until.
    assert asked_spans("date", "On what day was the panel held?", text) == []
    assert asked_spans("date", "패널토론은 며칠에 열렸어?", text) == []
    assert asked_spans("date", "패널토론은 며칠에 열렸어?", "28일 서울에서 열린 행사") == ["28일"]
    since = "신청은 3월 2일부터 받는다."
    assert asked_spans("date", "신청은 언제까지야?", since) == []
    assert asked_spans("date", "When does registration open?", since) == ["3월 2일"]


def test_a_town_asked_is_no_building_nor_a_country() -> None:
    text = "산업부는 반도체특성화 대학원 지정을 추진 광주과학기술원에서 협약을 맺었다"
    assert asks_town("MOU는 어느 도시에서 서명됐나요?")
    assert asks_town("In which country is Mithril headquartered?")
    assert not asks_town("면담 장소는 어디였어?")
    assert asks_town("수중 데이터센터는 울산 앞바다 어느 해역에 들어서나요?")
    # A town's word alone is no town ("제조업 특화 도시").
    assert asked_spans("place", "어느 도시야?", "울산은 제조업 특화 도시로 꼽힌다") == ["울산"]
    # A sea or a stretch of it is where; a sea asked is not answered by a town on its shore.
    assert asked_spans("place", "어느 해역이야?", "울산 앞바다와 동해에서") == ["울산 앞바다", "동해"]
    assert asked_spans("place", "어느 해역에 들어서나요?", "울산은 제조업 특화 도시 해양 수중 데이터 센터") == []
    assert asked_spans("place", "어느 도시야?", "울산은 제조업 특화 도시") == ["울산"]
    assert asked_spans("place", "면담 장소는 어디였어?", text) == ["광주과학기술원"]
    assert asked_spans("place", "MOU는 어느 도시에서 서명됐나요?", text) == []
    assert asked_spans("place", "MOU는 어느 도시에서 서명됐나요?", "한국과 미국이 서울에서 서명") == ["서울"]
    assert asked_spans("place", "어느 나라에서 서명됐나요?", "미국에서 서명했다") == ["미국"]
    # The kind of place, then 어디: a country is; a city may be one no span knows.
    assert asks_town("서버린 AI 패키지를 처음으로 수출한 나라는 어디야?")
    assert asks_town("협정을 맺은 국가가 어디예요?")
    assert not asks_town("그 국가는 어디에 예산을 가장 많이 써?")  # where it spends, not a country
    assert not asks_town("보상금을 요구한 도시는 어디인가?")
    assert not asks_town("우리나라는 어디에 투자해?")


def test_a_word_with_a_particle_before_도_is_no_province() -> None:
    # "보장에도" is 보장 + 에 + 도 (also), "대표도" the CEO also.
    assert spans("place", "AI 접근권 보장에도 기여하겠다") == []
    assert spans("place", "ARM의 르네 하스 대표도 배석했다") == []
    assert spans("place", "경기도 성남시에서 열렸다") == ["경기도", "성남시"]


def test_a_rank_counts_nothing_unless_a_rank_is_asked() -> None:
    text = "수학 특화 LLM을 개발해 세계 1위 에듀테크 기업, 오픈AI 한 곳에서만 72만장의 H100"
    assert asked_spans("count", "How many H100 GPUs does it operate?", text) == ["72만장"]
    assert asked_spans("count", "세계 몇 위 기업이야?", text) == ["1위"]
    assert asked_spans("count", "What rank is it?", "세계 1위 기업") == ["1위"]


def test_how_many_of_two_kinds_attended_is_a_head_count() -> None:
    question = "Roughly how many startups and experts attended the minister's meeting?"
    assert answer_type(question) == "people"
    assert asked_spans("people", question, "창업기업(스타트업)과 전문가 20여명이 참석한 가운데") == ["20여명"]
    # Firms and institutes are counted as firms; startups alone too.
    assert answer_type("How many companies and research institutes participated?") == "count"
    assert answer_type("How many startups attended?") == "count"
    assert asked_spans("count", "How many startups attended?", "20여명이 참석") == []


def test_a_sum_the_question_gives_is_the_same_however_its_unit_is_written() -> None:
    question = "업스테이지의 1천억원대 투자 유치 중 KT가 단독으로 투자한 금액은 얼마인가요?"
    assert figure_given("1천억대", question) and figure_given("1천억원", question)
    assert not figure_given("1,530억원", question)
    assert figure_given("7조원", "SK의 7조 원 투자는 언제야?")
    assert not figure_given("10억달러", "10억원 투자했나?")  # another currency
    assert not figure_given("10만명", "10만원 내면 돼?")  # another unit
    # An English question writes the sum in words.
    assert figure_given("7조원", "How much of SK's 7 trillion won investment is AWS's?")
    assert figure_given("1,090억달러", "Is the $109 billion America's?")
    assert not figure_given("7조원", "Is it 7 billion won?")
    assert not figure_given("3조원", "제3조에 따르면 얼마야?")  # an article of a law
    # A sum of several scale words is one sum.
    assert figure_given("2.3조원", "2조3천억원 투자 중 얼마?")
    assert not figure_given("1조5000억원", "1조원 규모 중 얼마?")
    text = "금융·법률·의료 등 산업별 맞춤형 AI 언어모델 개발로 KT 등 1천억대 투자유치"
    assert lead_span("money", text, set(), question=question) is None


def test_a_multiple_written_in_words_is_an_amount() -> None:
    text = "ASI를 ‘인간 능력의 만 배 이상을 뛰어넘는 지능’으로 규정하며 두 배로 늘었다. 배우 세 명"
    assert spans("quantity", text) == ["만 배", "두 배"]
    # 배우, 배터리, 배출 are words of their own.
    assert spans("quantity", "다섯 배터리와 세 배출구") == []


def test_how_much_a_deal_is_worth_asks_for_a_sum_however_long_the_deal() -> None:
    assert answer_type("How much is the joint chip and power agreement that the chairman's "
                       "visit story brings up worth?") == "money"


def test_a_contracts_size_and_a_share_of_a_sum_ask_for_a_sum() -> None:
    assert answer_type("루닛과 메이오클리닉의 공동개발 계약 규모는 얼마인가요?") == "money"
    assert answer_type("7조원 중 AWS의 분담액은 얼마인가요?") == "money"
    assert answer_type("계약 기간은 얼마나 되나요?") != "money"  # how long, not how much
    assert answer_type("몇 건의 계약을 맺었나요?") == "count"
    assert answer_type("얼마나 많은 기업과 계약했나요?") != "money"  # how many firms


def test_whats_a_valuation_asks_for_a_sum_and_where_a_firm_is_based_for_a_town() -> None:
    assert answer_type("What's Upstage's current valuation?") == "money"
    assert asks_town("Where is Lunit headquartered?")
    assert asks_town("루닛 본사는 어디야?")
    assert asks_town("Where is the startup based?")
    assert not asks_town("Where was the meeting held?")
    # "data-based" is no firm's base, and "feedback" or "costume" no cost.
    assert not asks_town("Where was the data-based meeting held?")
    assert answer_type("What's the feedback the chairman gave?") != "money"
    assert answer_type("What's the costume of the mascot?") != "money"
    assert answer_type("What's the price of the chip?") == "money"
    assert answer_type("How much of the 7 trillion won investment is AWS contributing?") == "money"
    assert answer_type("What was the total dollar amount of AI investment?") == "money"
    assert answer_type("What was the amount of investment?") == "money"
    assert answer_type("그 회사를 이끄는 사람 이름이 뭐지?") == "person"
    assert answer_type("참석한 사람 수는?") is None


def test_a_sum_of_a_kind_asked_is_written_in_that_kind() -> None:
    kind = asked_sum_kind("그 회사의 작년 매출액은 얼마인가요?")
    assert kind is not None and kind.search("매출 300억원") and not kind.search("300억원 투자유치")
    worth = asked_sum_kind("이 스타트업 몸값은 얼마야?")
    assert worth is not None and worth.search("기업가치 10억달러 이상")
    # A sum of money of no particular kind, or a price inside another word, asks no kind.
    assert asked_sum_kind("SK는 얼마를 투자하나요?") is None
    fee = asked_sum_kind("그 앱의 월 구독료는 얼마인가요?")
    assert fee is not None and fee.search("월 구독료 9,900원") and not fee.search("1,530억원 투자유치")
    assert asked_sum_kind("평가격차는 얼마야?") is None
    # The kind is what is asked for, not a word on the way to it.
    assert asked_sum_kind("추가예산으로 확보한 칩은 몇 장이야?") is None
    profit = asked_sum_kind("그 회사 순이익은 얼마야?")
    assert profit is not None and profit.search("영업이익 흑자 전환") and not profit.search("투자유치")
    # A budget is a project's or a programme's sum too, never a sum invested.
    budget = asked_sum_kind("정부의 2025년 AI 관련 예산 총액은 얼마인가요?")
    assert budget is not None and budget.search("715억원 규모의 AI분야 R&D 신규과제를 수행")
    assert not budget.search("미국의 AI 민간 투자 규모는 1,090억달러")
    # An English question names the kind anywhere in it, as 시가총액 does in Korean.
    english = asked_sum_kind("What is the government's AI budget for 2025?")
    assert english is not None and english.search("예산 2조원") and not english.search("투자 7조원")
    cap = asked_sum_kind("What is Naver's current market capitalization?")
    assert cap is not None and cap.search("시가총액 30조원") and not cap.search("1억명이 가입한")
    assert asked_sum_kind("네이버 시가총액은?") is cap
    assert answer_type("What is Naver's current market capitalization?") == "money"
    wage = asked_sum_kind("What is Korea's minimum wage for 2025?")
    assert wage is not None and wage.search("최저임금 1만30원") and not wage.search("7조원 투자")
    assert answer_type("What is Korea's minimum wage for 2025?") == "money"


def test_a_count_of_things_may_be_written_in_gaji() -> None:
    measure = asked_measure("정준화 조사관이 내놓은 전략은 몇 개야?")
    assert measure is not None and measure.search("6가지 전략을 제시했다")
    # Firms and sites are not counted in 가지.
    sites = asked_measure("후보지는 몇 곳이야?")
    assert sites is not None and not sites.search("6가지 전략")


def test_a_post_asked_by_name_asks_for_a_person() -> None:
    assert answer_type("What is the name of Upstage's CEO?") == "person"
    assert answer_type("What's the name of the minister?") == "person"
    assert answer_type("What is the name of Samsung's headquarters?") != "person"
    assert answer_type("간담회에 온 국회의원들 이름 알려줘") == "person"


def test_whom_a_head_count_counts_is_written_beside_it() -> None:
    staff = asked_head_kind("업스테이지 직원 수는 몇 명인가요?")
    assert staff is not None and staff.search("임직원 300명") and not staff.search("1억명이 가입한")
    users = asked_head_kind("How many users does the math app have?")
    assert users is not None and users.search("전세계 약 1억명이 가입한")
    # People, or those at an event, may be counted in any words ("회원 700여명이 … 열어").
    assert asked_head_kind("How many people attended the seminar?") is None
    assert asked_head_kind("규탄대회의 참석자 수는?") is None
    # Only a head count asks whom it counts: "직원 교육 예산은 얼마" asks a sum.
    assert asked_head_kind("직원 교육 예산은 얼마야?") is None


def test_what_happens_when_an_english_question_asks_is_written_with_the_date() -> None:
    opens = asked_event("When will the ARM School open?")
    assert opens is not None and opens.search("내년 3월 개교") and not opens.search("5일 MOU를 체결했다")
    effect = asked_event("When does the AI Basic Act take effect?")
    assert effect is not None and effect.search("2026년 1월 시행")
    # A "when" that names no such event, or a question asking no time, asks none.
    assert asked_event("When was the MOU signed?") is None
    assert asked_event("Who will open the ARM School?") is None
    # No part of a hyphened word or a name.
    assert asked_event("When was the open-source model released?") is None
    assert asked_event("When is the Open Innovation Forum held?") is None
    assert asked_event("When did the start-up support programme get announced?") is None


def test_what_a_deal_is_worth_is_a_sum() -> None:
    assert answer_type("What was the contract value of Lunit's agreement with the Mayo Clinic?") == "money"
    assert answer_type("What is the value of the deal they signed?") == "money"
    assert answer_type("What are the core values of the strategy?") != "money"
    assert answer_type("What is the strategic value of the agreement for Korea?") != "money"


def test_a_size_asked_in_a_currency_is_a_sum() -> None:
    assert answer_type("How large was the chip deal they signed, in dollars?") == "money"
    assert answer_type("How large was the delegation?") != "money"


def test_a_phone_number_asked_and_written() -> None:
    assert asks_phone("담당자 연락처 알려줘") and asks_phone("What's the director's phone number?")
    assert not asks_phone("Who attended the meeting?")
    # The person a release lists to ask is in its contact rows, with the number.
    assert asks_phone("Who is the responsible director for the press release?")
    assert asks_phone("보도자료 책임자는 누구야?") and asks_phone("이 자료의 담당자는?")
    assert not asks_phone("Who is responsible for AI policy?") and not asks_phone("AI 정책 담당자는?")
    # A phone mentioned is no number asked for.
    assert not asks_phone("What did the minister say on the phone?")
    assert not asks_phone("두 사람의 전화 통화 내용은?") and not asks_phone("전화위복이 된 계기는?")
    assert has_phone("책임자 단 장 박승록 (044-204-7250)") and has_phone("문의: 02-123-4567")
    # A date, a sum or a span of years is no phone number.
    assert not has_phone("2025-02-05") and not has_phone("1,090억달러") and not has_phone("2020-2024")
    assert not has_phone("총 010 2024 2025년")


def test_a_programmes_minutes_in_brackets_are_a_duration() -> None:
    row = "시 간: 14:30-15:25 (55') · 주요 내용: 자유토론 · 비고: 참석자"
    assert spans("duration", row) == ["55'"]
    assert lead_span("duration", row, {"자유토론"}) == "55'"
    # A short year after an apostrophe is a date, and a quote mark no unit.
    assert spans("quantity", "'24.2.5(수) 회의") == []
    assert spans("duration", "it's 5' long") == []
