"""Repeated sections and paragraphs are stored once and never break an ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from tests.faults.ingest_cli import PolicybotCli

pytestmark = pytest.mark.model

ANSWER = "자세한 내용은 고객센터로 문의하시기 바랍니다."
FAQ = "# 자주 묻는 질문\n\n" + f"## 문의\n{ANSWER}\n\n" * 3
PARAGRAPH = ("청년 월세 지원은 월 20만 원씩 최대 12개월 지급한다. "
             "신청은 주소지 행정복지센터에서 받는다. 소득 기준은 중위소득 60% 이하다.\n\n")


@pytest.fixture
def cli(request: pytest.FixtureRequest, chroma_client: ClientAPI, tmp_path: Path,
        collection_name: str, monkeypatch: pytest.MonkeyPatch) -> PolicybotCli:
    return PolicybotCli(request, chroma_client, tmp_path, collection_name, monkeypatch)


def _write(cli: PolicybotCli) -> None:
    (cli.docs / "faq.md").write_text(FAQ, encoding="utf-8")
    (cli.docs / "repeated.txt").write_text(PARAGRAPH * 28, encoding="utf-8")
    (cli.docs / "other.txt").write_text("정부는 AI 반도체 예산을 1조원 늘린다고 밝혔다.\n",
                                        encoding="utf-8")


def test_repeated_sections_are_stored_once_and_the_rest_lands(cli: PolicybotCli) -> None:
    _write(cli)
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"faq.md", "repeated.txt", "other.txt"}
    # Equal content is stored once: one answer sentence, and no two chunks alike.
    sentences = cli.rows(f"{cli.collection}_sentences")
    assert [text for source, text, _ in sentences if source == "faq.md"].count(ANSWER) == 1
    for source in ("faq.md", "repeated.txt"):
        texts = [text for s, text, _ in cli.rows() if s == source]
        assert len(texts) == len(set(texts)) < (3 if source == "faq.md" else 28)
    again = cli.run("ingest")
    assert again.exit_code == 0 and "0 passages embedded" in again.stdout


def test_a_new_data_folder_with_repeats_can_answer(cli: PolicybotCli) -> None:
    _write(cli)
    answer = cli.ask("청년 월세 지원은 한 달에 얼마인가요?")
    assert answer["abstained"] is False
    quotes = answer["quotes"]
    assert isinstance(quotes, list) and any(q["source"] == "repeated.txt" for q in quotes)
