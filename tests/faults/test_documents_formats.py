"""Bad PDF, DOCX, HWPX and HWP files are reported by name and skipped; the rest is ingested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from tests.documents.fixtures import build_docx, build_hwpx, build_pdf
from tests.faults.ingest_cli import PolicybotCli

pytestmark = pytest.mark.model
GOOD = "정부는 AI 반도체 예산을 1조원 늘린다고 밝혔다.\n"


@pytest.fixture
def cli(request: pytest.FixtureRequest, chroma_client: ClientAPI, tmp_path: Path,
        collection_name: str, monkeypatch: pytest.MonkeyPatch) -> PolicybotCli:
    return PolicybotCli(request, chroma_client, tmp_path, collection_name, monkeypatch)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("chroma_client", ["disk"], indirect=True)
def test_bad_files_are_reported_by_name_and_the_rest_ingested(cli: PolicybotCli,
                                                              tmp_path: Path) -> None:
    (cli.docs / "ok.txt").write_text(GOOD, encoding="utf-8")
    build_pdf(cli.docs / "locked.pdf", password="1234")
    build_pdf(cli.docs / "scan.pdf", text=False)
    _truncate(build_docx(cli.docs / "broken.docx"))
    _truncate(build_hwpx(cli.docs / "broken.hwpx"))
    (cli.docs / "old.hwp").write_bytes(build_docx(tmp_path / "x.docx").read_bytes())
    build_pdf(cli.docs / "big.pdf", pages=150)  # about 0.1 MB
    outside = tmp_path / "outside.pdf"
    build_pdf(outside)
    (cli.docs / "link.pdf").symlink_to(outside)
    cli.setenv("POLICYBOT_MAX_FILE_MB", "0.08")
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"ok.txt"}
    reasons = {"locked.pdf": "encrypted", "scan.pdf": "OCR", "broken.docx": "DOCX",
               "broken.hwpx": "HWPX", "old.hwp": "HWPX or PDF", "big.pdf": "MB limit",
               "link.pdf": "outside"}
    lines = result.stderr.splitlines()
    for name, reason in reasons.items():
        assert any(name in line and reason in line for line in lines), (name, result.stderr)


@pytest.mark.parametrize("chroma_client", ["disk"], indirect=True)
def test_a_stored_document_whose_file_breaks_is_kept(cli: PolicybotCli) -> None:
    build_docx(cli.docs / "voucher.docx")
    assert cli.run("ingest").exit_code == 0
    before = cli.ask("AI 바우처 사업은 중소기업에 얼마씩 지원하나요?")
    _truncate(cli.docs / "voucher.docx")
    result = cli.run("ingest")
    assert result.exit_code == 0 and "voucher.docx" in result.stderr
    assert cli.sources() == {"voucher.docx"}
    listed = [json.loads(line) for line in cli.run("sources", "--json").stdout.splitlines()]
    assert [d["source"] for d in listed] == ["voucher.docx"]
    # Quotes still verify against the text kept at ingest, not the broken file on disk.
    assert cli.ask("AI 바우처 사업은 중소기업에 얼마씩 지원하나요?")["quotes"] == before["quotes"]
