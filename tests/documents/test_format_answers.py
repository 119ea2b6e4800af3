"""Questions answered from PDF, DOCX, HWPX and HTML files: table cells from their row, PDF pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from tests.documents.fixtures import build_all, build_pdf
from tests.faults.ingest_cli import PolicybotCli

pytestmark = pytest.mark.model


@pytest.fixture
def cli(request: pytest.FixtureRequest, chroma_client: ClientAPI, tmp_path: Path,
        collection_name: str, monkeypatch: pytest.MonkeyPatch) -> PolicybotCli:
    return PolicybotCli(request, chroma_client, tmp_path, collection_name, monkeypatch)


def test_seed_table_cell_is_answered_from_its_row(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    answer = e5_pipeline.service.ask("매스프레소가 유치한 투자금 규모는?")
    assert not answer.abstained
    first = answer.quotes[0]
    assert first.source == "002_c1e04058d3b0113a.txt"
    assert "1,530억원" in first.text and "매스프레소" in first.text
    assert "비고 (회사개요):" in first.text and first.page is None
    assert "1,530억원" in answer.answer


def test_an_empty_question_lists_the_documents(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    answer = e5_pipeline.service.ask("   ")
    assert answer.abstained and not answer.quotes
    assert "질문" in answer.answer and "002_c1e04058d3b0113a.txt" in answer.answer


@pytest.mark.parametrize("chroma_client", ["disk"], indirect=True)
def test_pdf_quotes_carry_their_page(cli: PolicybotCli) -> None:
    build_pdf(cli.docs / "plan.pdf", pages=4, table_page=3)
    assert cli.run("ingest").exit_code == 0
    answer = cli.ask("광주 창업 거점에는 얼마를 투입하나요?")
    assert not answer["abstained"]
    quote = answer["quotes"][0]  # type: ignore[index]
    assert "광주" in quote["text"] and quote["page"] == 2
    row = cli.ask("래블업의 투자 유치 금액은?")
    quote = row["quotes"][0]  # type: ignore[index]
    assert "161억원" in quote["text"] and "투자 유치:" in quote["text"] and quote["page"] == 3
    shown = cli.run("ask", "래블업의 투자 유치 금액은?").stdout
    assert "p. 3" in shown


def test_every_format_is_ingested_and_listed(cli: PolicybotCli) -> None:
    build_all(cli.docs)
    assert cli.run("ingest").exit_code == 0
    listed = {d["source"]: d for d in map(json.loads, cli.run("sources", "--json").stdout.splitlines())}
    assert set(listed) == {"plan.pdf", "voucher.docx", "regions.hwpx", "news.html"}
    assert {s: d["format"] for s, d in listed.items()} == {
        "plan.pdf": "pdf", "voucher.docx": "docx", "regions.hwpx": "hwpx", "news.html": "html"}
    assert listed["plan.pdf"]["pages"] == 3 and listed["voucher.docx"]["pages"] is None
    assert listed["plan.pdf"]["title"] == "인공지능 창업 거점 계획"
    assert all(d["passages"] > 0 and d["ingested"] for d in listed.values())
    answer = cli.ask("행정안전부는 지역 AI 혁신 거점에 얼마를 배정하나요?")
    assert answer["quotes"][0]["source"] == "regions.hwpx"  # type: ignore[index]
    assert "750억원" in answer["quotes"][0]["text"]  # type: ignore[index]
    listing = cli.ask("어떤 문서가 있나요?")["answer"]
    assert "인공지능 창업 거점 계획" in str(listing) and "news.html" in str(listing)
