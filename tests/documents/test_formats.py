"""Each format's text, table rows, pages and metadata, read from real generated files."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.documents import DocumentMeta, is_verbatim, read_document
from retrieval.errors import DocumentError
from tests.documents.fixtures import build_all, build_docx, build_pdf, page_text

ROWS = ("기업: 매스프레소 · 투자 유치: 1,530억원 · 분야: 수학 특화 언어모델",
        "기업: 래블업 · 투자 유치: 161억원 · 분야: AI 클라우드")
BODY = {"pdf": page_text(2), "html": "올해 480억원을 투입한다고 4일 밝혔다.",
        "docx": "중소기업 300곳에 최대 3억원씩 지원한다.",
        "hwpx": "지역 AI 혁신 거점 다섯 곳에 모두 750억원을 배정한다고 밝혔습니다."}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("formats"))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "hwpx", "html"])
def test_text_and_table_rows_come_back(files: dict[str, Path], fmt: str) -> None:
    doc = read_document(files[fmt], files[fmt].name)
    assert doc.format == fmt
    assert any(BODY[fmt] in line for line in doc.lines), doc.lines
    for row in ROWS:
        assert row in doc.lines and row in doc.rows  # one line per row, headers carried
        assert is_verbatim(row, doc.text)  # and verbatim in the canonical text
    assert not any("1,530억원" in line and line not in doc.rows for line in doc.lines)


def test_pdf_lines_carry_their_page(files: dict[str, Path]) -> None:
    doc = read_document(files["pdf"], "plan.pdf")
    assert doc.page_count == 3
    pages = {line: doc.page_of(i) for i, line in enumerate(doc.lines)}
    for page in (1, 2, 3):
        [line] = [ln for ln in pages if page_text(page)[:20] in ln]
        assert pages[line] == page
    assert all(pages[row] == 2 for row in ROWS)


def test_unpaged_formats_have_no_pages(files: dict[str, Path]) -> None:
    for fmt in ("docx", "hwpx", "html"):
        doc = read_document(files[fmt], files[fmt].name)
        assert doc.page_count is None and doc.page_of(0) is None


def test_file_metadata_gives_title_date_and_url(files: dict[str, Path]) -> None:
    pdf = read_document(files["pdf"], "plan.pdf")
    assert (pdf.title, pdf.published) == ("인공지능 창업 거점 계획", "2025-03-04")
    word = read_document(files["docx"], "voucher.docx")
    assert (word.title, word.published) == ("AI 바우처 지원 공고", "2025-04-01")
    page = read_document(files["html"], "news.html")
    assert page.title == "중기부, AI 스타트업 해외 진출 지원 확대"
    assert (page.published, page.url) == ("2025-03-04", "https://news.example.kr/articles/2025/0304")


def test_metadata_json_still_wins(files: dict[str, Path]) -> None:
    meta = DocumentMeta(title="폴더가 정한 제목", published="2024-12-31")
    doc = read_document(files["pdf"], "plan.pdf", meta)
    assert (doc.title, doc.published) == ("폴더가 정한 제목", "2024-12-31")


def test_saved_news_page_loses_menus_sidebar_and_footer(files: dict[str, Path]) -> None:
    text = "\n".join(read_document(files["html"], "news.html").lines)
    for chrome in ("로그인", "많이 본 뉴스", "유명 배우", "12℃", "Copyright", "연예 소식"):
        assert chrome not in text


def test_a_table_without_a_header_row_still_gives_one_line_per_row(tmp_path: Path) -> None:
    rows = (("담당 부서", "미래기술대응지원단", "박승록 (044-204-7250)"),
            ("담당자", "사무관", "이상영 (044-204-7244)"))
    doc = read_document(build_pdf(tmp_path / "c.pdf", pages=1, table_page=1, table=rows), "c.pdf")
    assert "담당 부서 · 미래기술대응지원단 · 박승록 (044-204-7250)" in doc.rows
    assert "담당자 · 사무관 · 이상영 (044-204-7244)" in doc.rows


def test_hwp5_is_reported_with_what_to_do(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "old.hwp")  # any bytes: an .hwp is refused by its format
    with pytest.raises(DocumentError, match="HWPX or PDF"):
        read_document(path, "old.hwp")
