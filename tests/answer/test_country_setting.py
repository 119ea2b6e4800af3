"""A country beside other names is the setting of a question, not a name its passage must write."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.pipeline import Pipeline
from tests.answer.corpus import pipeline_over

pytestmark = pytest.mark.model

_FILLER = "".join(f"{i}번째 부처는 소관 업무에 관한 정책을 세우고 예산을 집행하며 산하 기관을 지도하고"
                  " 감독한다. 각 부처의 장관은 국무회의에 참석해 심의에 참여한다.\n\n"
                  for i in range(1, 13))
DOCS = {
    # Filler keeps the lead, the country and the clash in passages of their own.
    "korea.txt": (
        "정부의 구성\n\n대통령은 국무총리를 임명하며 국무총리는 행정 각부를 통할한다.\n\n"
        + _FILLER + "대한민국은 한반도 남부의 민주공화국이며 수도는 서울이다.\n\n"
        + _FILLER + "2009년 11월 10일 서해 대청도 인근에서 교전이 벌어졌다. 당시 국무총리는"
        " 정운찬이었으며 정부는 즉시 긴급 안보 회의를 소집했다.\n"),
    "weather.txt": (
        "겨울 날씨\n\n"
        "올겨울은 평년보다 기온이 낮고 눈이 많이 내릴 것으로 예상된다.\n\n"
        "기상청은 한파 특보에 대비해 수도관 동파에 유의해 달라고 당부했다.\n"),
}


@pytest.fixture(scope="module")
def korea(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    yield pipeline_over(DOCS, tmp_path_factory, "country")


def test_a_country_the_passage_leaves_unsaid_is_the_setting(korea: Pipeline) -> None:
    # The passage on the clash never writes 대한민국, nor does the document's lead.
    answer = korea.service.ask("2009년 서해 교전 당시 대한민국의 국무총리는 누구인가?")
    assert not answer.abstained, answer.answer
    assert "정운찬" in answer.answer


def test_a_country_the_story_never_writes_is_still_a_name_to_hold(korea: Pipeline) -> None:
    # No passage of the story on the clash writes 중국: it is not that story's setting.
    assert korea.service.ask("2009년 서해 교전 당시 중국의 국무총리는 누구인가?").abstained
