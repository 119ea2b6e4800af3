"""Names the documents give only among those present."""

from __future__ import annotations

from retrieval.answer.attendance import only_present

SENTENCES = [
    "이번 세미나에는 권석준 성균관대 교수, 최동현 쿼타랩 대표 등 약 70여 명이 참석했다.",
    "토론은 공득조 부원장이 진행을 맡고, 배순민 KT AI2X 랩 상무, 제러드 퀸시 데이비스 미스릴 "
    "최고경영자가 참여했다.",
    "제러드 퀸시 데이비스 CEO는 \"스타트업이 스케일업에 어려움을 겪었다\"고 말했다.",
    "권석준 교수는 인재 양성을 강조했다.",
]


def holding(word: str) -> list[str]:
    return [s for s in SENTENCES if word in s]


def test_a_name_only_in_a_list_of_those_present_is_only_present() -> None:
    assert only_present("쿼타랩", ["제안"], holding)
    assert only_present("최동현", [], holding)


def test_someone_listed_and_quoted_elsewhere_is_not_only_present() -> None:
    # 미스릴 is only in the list, but the list item's 데이비스 speaks in another sentence.
    assert not only_present("미스릴", ["이유"], holding)
    # 권석준 is listed, and says something of his own.
    assert not only_present("권석준", [], holding)


def test_a_question_about_what_the_list_says_is_answered_by_it() -> None:
    # "Which KT lab" asks of the item itself: its rare words are in the question.
    assert not only_present("배순민", ["KT", "lab"], holding)
    assert only_present("배순민", ["lab"], holding)


def test_a_name_the_documents_never_hold_is_not_only_present() -> None:
    assert not only_present("테슬라", [], holding)


def test_a_listed_persons_workplace_quoted_elsewhere_leaves_them_only_present() -> None:
    # What someone else at 쿼타랩 said is not what 최동현 said.
    extra = [*SENTENCES, "쿼타랩 연구팀은 새 모델을 공개했다."]

    def held(word: str) -> list[str]:
        return [s for s in extra if word in s]

    assert only_present("최동현", [], held)
    assert not only_present("쿼타랩", [], held)


def test_a_body_of_three_syllables_is_no_person() -> None:
    # 고려대 opens with a surname syllable; its listed professor speaks elsewhere.
    said = ["이번 세미나에는 김철수 고려대 교수, 최동현 쿼타랩 대표 등이 참석했다.",
            "김철수 교수는 인재 양성을 강조했다."]

    def held(word: str) -> list[str]:
        return [s for s in said if word in s]

    assert not only_present("고려대", [], held)
    assert only_present("최동현", [], held)


def test_a_word_of_presence_inside_a_quote_is_what_was_said() -> None:
    # "민간 참여의 폭" is in what 이규엽 said, not a line saying he took part.
    sentences = ["이번 세미나에는 이규엽 대외경제정책연구원 박사 등 70여 명이 참석했다.",
                 "이규엽 박사는 \"정책의 일관성과 민간 참여의 폭이 중요하다\"고 강조했다."]
    assert not only_present("이규엽", [], lambda w: [s for s in sentences if w in s])


def test_a_foreign_name_before_a_title_is_a_persons() -> None:
    # "르네 하스 대표" is a person's name of two words, whose item's other words (the
    # firm, the event) are what others there share.
    said = ["이날 접견에는 반도체 기업 ARM의 르네 하스 대표도 배석했다.",
            "ARM 스쿨을 세워 인재를 양성한다.",
            "대통령은 ARM이 더 폭넓게 협력해 달라고 당부했다."]

    def held(word: str) -> list[str]:
        return [s for s in said if word in s]

    assert only_present("르네", ["말"], held)
    assert only_present("르네 하스", ["말"], held)


def test_a_word_is_as_rare_as_the_item_spells_it() -> None:
    # "arm" (an English question's ARM, lower-cased) is the ARM of five sentences.
    said = ["이날 접견에는 ARM의 르네 하스 대표도 배석했다.", "ARM 스쿨을 세운다.",
            "ARM이 협력한다.", "ARM과 MOU를 맺었다.", "ARM은 설계 기업이다."]

    def held(word: str) -> list[str]:
        return [s for s in said if word in s]

    assert only_present("르네", ["arm"], held)
    assert not only_present("르네", ["arm"], lambda w: held(w)[:1])  # were it rare


def test_a_list_counted_is_a_list_of_those_present() -> None:
    # "(중소기업) … 전문가 등 7명 - * 김동환(포티투마루), …": the footnote read after the line
    # it notes, which counts those listed.
    said = ["(중소기업) AI 분야 기업대표 및 관련 전문가 등 7명 - * 하정우(네이버클라우드), "
            "김동환(포티투마루), 신정규(래블업)"]
    assert only_present("김동환", ["자유토론"], lambda w: [s for s in said if w in s])


def test_a_name_of_two_syllables_listed_with_where_they_work_is_a_persons() -> None:
    listed = ["- 전문가 등 7명 참석 - 하정우(네이버클라우드), 최경진(AI법학회), 우신(부경대)",
              "성명: AI 전문가 · 주요 약력: ■ 부경대 교수 • 중국 인공지능 스타트업 분야 연구 전문가"]

    def in_listed(word: str) -> list[str]:
        return [s for s in listed if word in s]

    # Where 우신 works has a profile row of its own; that is not what 우신 said.
    assert only_present("우신", ["의견"], in_listed)
