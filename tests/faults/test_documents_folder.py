"""Only regular files under the documents folder are read; links out and odd names are refused."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from retrieval.documents import SourceTexts
from tests.faults.ingest_cli import PolicybotCli

pytestmark = pytest.mark.model

GOOD = "정부는 AI 반도체 예산을 1조원 늘린다고 밝혔다.\n"
SECRET = "root:x:0:0:root:/root:/bin/bash\n관리자 비밀번호는 hunter2 입니다.\n"


@pytest.fixture
def cli(request: pytest.FixtureRequest, chroma_client: ClientAPI, tmp_path: Path,
        collection_name: str, monkeypatch: pytest.MonkeyPatch) -> PolicybotCli:
    return PolicybotCli(request, chroma_client, tmp_path, collection_name, monkeypatch)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    return folder


def test_links_out_of_the_folder_are_reported_and_never_indexed(cli: PolicybotCli,
                                                                outside: Path) -> None:
    (cli.docs / "ok.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "x.txt").symlink_to(outside / "secret.txt")
    (cli.docs / "up.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (cli.docs / "linked").symlink_to(outside, target_is_directory=True)
    (cli.docs / "alias.txt").symlink_to("ok.txt")  # a link that stays inside is fine
    os.mkfifo(cli.docs / "pipe.txt")  # reading a FIFO would block the ingest for ever
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"ok.txt", "alias.txt"}
    assert "hunter2" not in cli.stored_text() and "root:x" not in cli.stored_text()
    lines = result.stderr.splitlines()
    for name in ("x.txt", "up.txt"):
        assert any(name in line and "outside" in line for line in lines), result.stderr
    assert any("pipe.txt" in line for line in lines), result.stderr
    search = cli.run("search", "--json", "관리자 비밀번호")
    assert "hunter2" not in search.stdout


def test_a_file_replaced_by_a_link_out_loses_what_it_had_stored(cli: PolicybotCli,
                                                                outside: Path) -> None:
    (cli.docs / "ok.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "x.txt").write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n", encoding="utf-8")
    assert cli.run("ingest").exit_code == 0
    (cli.docs / "x.txt").unlink()
    (cli.docs / "x.txt").symlink_to(outside / "secret.txt")
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"ok.txt"} and "hunter2" not in cli.stored_text()
    assert SourceTexts(cli.docs).get("x.txt") is None


def test_odd_file_names(cli: PolicybotCli) -> None:
    fine = ["보고서 (최종) #1.txt", "with space & 'quote'.md", "emoji 🚀.txt"]
    for i, name in enumerate(fine):
        (cli.docs / name).write_text(f"{i}번 문서: 정부는 AI 예산을 늘린다고 밝혔다.\n",
                                     encoding="utf-8")
    # A name written in decomposed Hangul (as macOS writes it) still finds its metadata.
    nfd = unicodedata.normalize("NFD", "정책.txt")
    (cli.docs / nfd).write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n", encoding="utf-8")
    (cli.docs / "metadata.json").write_text(
        json.dumps({"정책.txt": {"title": "청년 정책 안내"}}, ensure_ascii=False), encoding="utf-8")
    bad = [b"caf\xe9.txt", b"two\nlines.txt", b"\x1b[31mred.txt"]
    for raw in bad:
        with open(os.path.join(os.fsencode(cli.docs), raw), "w", encoding="utf-8") as f:
            f.write(GOOD)
    (cli.docs / ".trash").mkdir()
    (cli.docs / ".trash" / "old.txt").write_text(GOOD, encoding="utf-8")
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {*fine, nfd}
    titles = {meta["title"] for source, _, meta in cli.rows() if source == nfd}
    assert titles == {"청년 정책 안내"}
    assert "\x1b" not in result.stderr and "two\nlines" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 3, result.stderr
    assert all("rename" in line for line in skipped), result.stderr
