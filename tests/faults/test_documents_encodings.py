"""UTF-8 (with or without BOM), CP949/EUC-KR and UTF-16 with a BOM are read, and quoted."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from retrieval.documents import SourceTexts, is_verbatim
from tests.faults.ingest_cli import PolicybotCli

pytestmark = pytest.mark.model

RENT = "청년 월세 지원은 월 20만 원씩 최대 12개월 지급한다.\n신청은 주소지 행정복지센터에서 받는다.\n"
FILES: dict[str, tuple[str, str]] = {
    "utf8.txt": ("utf-8", "정부는 AI 반도체 예산을 1조원 늘린다고 밝혔다.\n"),
    "bom.txt": ("utf-8-sig", "울산 AI 데이터센터에는 7조원이 투자된다.\n"),
    "rent.txt": ("cp949", RENT),
    "euckr.md": ("euc-kr", "# 교육 정책\n초중고 AI 교육 의무화를 검토한다.\n"),
    "utf16.txt": ("utf-16", "GPU 1.3만 장을 추경으로 확보했다.\n"),
    "utf16be.html": ("utf-16-be", "\ufeff<p>국가 AI 컴퓨팅 센터를 세운다.</p>"),
}


@pytest.fixture
def cli(request: pytest.FixtureRequest, chroma_client: ClientAPI, tmp_path: Path,
        collection_name: str, monkeypatch: pytest.MonkeyPatch) -> PolicybotCli:
    return PolicybotCli(request, chroma_client, tmp_path, collection_name, monkeypatch)


def test_korean_encodings_are_read_and_their_quotes_verify(cli: PolicybotCli) -> None:
    for name, (encoding, text) in FILES.items():
        (cli.docs / name).write_bytes(text.encode(encoding))
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == set(FILES)
    assert "교육 의무화" in cli.stored_text() and "컴퓨팅 센터" in cli.stored_text()
    answer = cli.ask("청년 월세 지원은 한 달에 얼마인가요?")
    assert answer["abstained"] is False
    quotes = answer["quotes"]
    assert isinstance(quotes, list)
    assert any(q["source"] == "rent.txt" and "20만 원" in q["text"] for q in quotes), answer
    # The quote checker reads the files back the way ingest did.
    sources = SourceTexts(cli.docs)
    for name, (_, text) in FILES.items():
        got = sources.get(name)
        assert got is not None, name
        first = text.lstrip("\ufeff").removeprefix("<p>").splitlines()[0].split("<")[0]
        assert is_verbatim(first, got), name


def test_other_encodings_get_a_clear_message_each(cli: PolicybotCli) -> None:
    (cli.docs / "ok.txt").write_text(RENT, encoding="utf-8")
    (cli.docs / "latin1.txt").write_bytes("Politique de l'été, café".encode("latin-1"))
    (cli.docs / "nobom16.txt").write_bytes("청년 월세 지원".encode("utf-16-le"))
    (cli.docs / "utf32.txt").write_bytes("청년 월세 지원".encode("utf-32"))
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"ok.txt"}
    lines = {name: [line for line in result.stderr.splitlines() if name in line]
             for name in ("latin1.txt", "nobom16.txt", "utf32.txt")}
    assert all(len(found) == 1 for found in lines.values()), result.stderr
    assert "UTF-8" in lines["latin1.txt"][0] and "CP949" in lines["latin1.txt"][0]
    assert "UTF-16" in lines["nobom16.txt"][0]
    assert "UTF-32" in lines["utf32.txt"][0]
