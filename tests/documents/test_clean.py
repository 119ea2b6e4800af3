"""Cleaning web chrome and chunking Korean text."""

from __future__ import annotations

import re
from pathlib import Path

from retrieval.documents import Document, clean_lines, is_verbatim, load_documents, read_document
from retrieval.index import Morphology, chunk_document, sentences_of, strip_lead

PAGE = """2025.12.08 (월)

  • 맑음서울 1.3℃
  • 흐림울산 8.0℃
기상청 제공

![[출처=대한상공회의소]](https://cdn.example.kr/photo.jpg)
정부는 AI 반도체 지원을 늘리겠다고 밝혔다. 예산은 1조원 규모다.

✅ 김두겸 울산시장

  • 해양 수중 데이터 센터 → 운영비 40% 절감
김두겸 울산시장
28일 행사장에서 토론이 진행되고 있다. 왼쪽부터 홍길동 대표. 이성민 기자
이성민 기자 minute@example.kr
꼭 봐야할 주요뉴스
 "300억짜리 광고를 무료로 했네"…
<ⓒ경제신문 무단전재 배포금지>
"""


def test_weather_images_captions_and_footer_are_removed() -> None:
    lines = clean_lines(PAGE)
    text = "\n".join(lines)
    assert "℃" not in text and "기상청" not in text
    assert "https://" not in text and "![" not in text
    assert "주요뉴스" not in text and "무단전재" not in text and "300억" not in text
    assert "이성민 기자" not in text
    # The heading stays; the bare caption repeating it under a photo goes.
    assert sum(line.strip() == "김두겸 울산시장" for line in lines) == 0
    assert any("김두겸 울산시장" in line for line in lines)
    assert any("1조원" in line for line in lines)


def test_clean_lines_stay_verbatim() -> None:
    for line in clean_lines(PAGE):
        assert is_verbatim(line, PAGE)


def test_no_stored_chunk_holds_chrome(seeds: Path, morph: Morphology) -> None:
    docs, errors = load_documents(seeds)
    assert len(docs) == 5 and not errors
    chrome = re.compile(r"℃|기상청|!\[|https?://|가장 많이 읽힌|꼭 봐야할|무단전재|마스크영역|본문 바로가기")
    for doc in docs:
        for chunk, _ in chunk_document(doc, morph):
            assert not chrome.search(chunk.text), (doc.source, chunk.text[:80])


def _document(tmp_path: Path, text: str) -> Document:
    """A text file of the given lines, read as ingest reads it."""
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path, "doc.txt")


def test_korean_sentences_split_and_verbatim(tmp_path: Path, morph: Morphology) -> None:
    doc = _document(tmp_path, "AI 정책 회의\n정부는 AI 투자를 늘린다. 예산은 2조원이다. 기업들은 환영했다.\n")
    sents = [s.text for s in sentences_of(doc, morph)]
    assert sents == ["AI 정책 회의", "정부는 AI 투자를 늘린다.", "예산은 2조원이다.", "기업들은 환영했다."]


def test_list_item_keeps_its_heading(tmp_path: Path, morph: Morphology) -> None:
    doc = _document(
        tmp_path,
        "✅ SK 최태원 회장\n\n📌 핵심 제안\n\n  1. AI 바우처 확대\n    → 중소기업에 AI 이용권을 준다.\n"
        "  2. AI 스타트업 펀드 조성\n    → 5년 내 2만 개 육성 목표.\n")
    item = next(s for s in sentences_of(doc, morph) if "2만 개" in s.text)
    assert "AI 스타트업 펀드 조성" in item.context
    assert "SK 최태원 회장" in item.context
    assert "AI 바우처" not in item.context
    chunks = chunk_document(doc, morph)
    holder = next(c for c, _ in chunks if "2만 개" in c.text)
    assert "AI 스타트업 펀드 조성" in holder.text
    assert strip_lead("→ 5년 내 2만 개 육성 목표.") == "5년 내 2만 개 육성 목표."


def test_a_heading_is_no_heading_over_its_sibling(tmp_path: Path, morph: Morphology) -> None:
    doc = _document(
        tmp_path,
        "주요 기업 발언\n\n✅ 카카오 정신아 대표\n\n📌 핵심 제안\n\n  • 공공 데이터 허브 구축\n\n"
        "✅ 루닛 서범석 대표\n\n루닛은 국내 1호 의료 AI 기업입니다.\n")
    sents = sentences_of(doc, morph)
    lunit = next(s for s in sents if s.text == "✅ 루닛 서범석 대표")
    # The heading before it with the same mark is a sibling: neither it nor what it held
    # is context for 루닛's heading or text.
    assert lunit.context == "주요 기업 발언"
    text = next(s for s in sents if "1호" in s.text)
    assert text.context == "주요 기업 발언 / 루닛 서범석 대표"


def test_unreadable_files_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("정부는 AI 예산을 늘린다고 밝혔다.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("   \n\n", encoding="utf-8")
    docs, errors = load_documents(tmp_path)
    assert [d.source for d in docs] == ["good.txt"]
    messages = " ".join(str(e) for e in errors)
    assert "latin1.txt" in messages and "binary.md" in messages and "empty.txt" in messages


def test_html_is_stripped_to_text(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(
        "<html><head><script>var x=1;</script></head><body><h1>AI 정책</h1>"
        "<p>정부는 <b>AI</b> 예산을 늘린다.</p></body></html>", encoding="utf-8")
    docs, errors = load_documents(tmp_path)
    assert not errors
    text = "\n".join(docs[0].lines)
    assert "var x" not in text and "<p>" not in text and "정부는" in text
