"""Real Korean documents in each format, built with the format libraries themselves.

Each has paragraphs, a table of investments and (the PDF) several pages; the facts differ per
format, so a test can tell which file an answer came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

TABLE = (("기업", "투자 유치", "분야"),
         ("매스프레소", "1,530억원", "수학 특화 언어모델"),
         ("래블업", "161억원", "AI 클라우드"))


def page_text(page: int) -> str:
    """The body sentence of a PDF page: each page names its own budget and city."""
    city = {1: "대전", 2: "광주", 3: "부산", 4: "대구"}.get(page, "세종")
    return (f"{page}단계 사업으로 중소벤처기업부는 {city}에 인공지능 창업 거점을 세우고"
            f" {page * 120}억원을 투입한다고 밝혔습니다. 이 거점은 지역 스타트업의 실증을 돕습니다.")


def build_pdf(path: Path, pages: int = 3, table_page: int = 2, *, title: str = "인공지능 창업 거점 계획",
              password: str | None = None, text: bool = True,
              table: Sequence[Sequence[str]] = TABLE) -> Path:
    """A PDF set in Noto Sans KR (bundled by a PyPI package), one table on `table_page`."""
    import pylopdf_fonts_ko
    from fpdf import FPDF, FontFace

    pdf = FPDF()
    pdf.add_font("kr", fname=str(pylopdf_fonts_ko.sans_path()))
    pdf.set_font("kr", size=11)
    pdf.set_title(title)
    pdf.set_creation_date(dt.datetime(2025, 3, 4, tzinfo=dt.UTC))
    for page in range(1, pages + 1):
        pdf.add_page()
        if not text:
            pdf.rect(20, 20, 100, 60)  # a page with a drawing and no text layer, as a scan
            continue
        pdf.multi_cell(0, 8, page_text(page))
        if page == table_page:
            pdf.ln(4)
            with pdf.table(headings_style=FontFace(emphasis="")) as t:
                for row in table:
                    cells = t.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(4)
            pdf.multi_cell(0, 8, "위 표는 주요 참여 기업의 투자 유치 실적입니다.")
    if password:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.output(str(path))
    return path


def build_docx(path: Path, *, title: str = "AI 바우처 지원 공고") -> Path:
    """A Word file with a heading, paragraphs, a table and core properties."""
    import docx

    doc = docx.Document()
    doc.core_properties.title = title
    doc.core_properties.created = dt.datetime(2025, 4, 1, 9, 0)
    doc.add_heading("AI 바우처 지원 사업", level=1)
    doc.add_paragraph("과학기술정보통신부는 AI 바우처 사업으로 중소기업 300곳에 최대 3억원씩 지원한다.")
    table = doc.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("신청은 5월 31일까지 온라인으로 받는다.")
    doc.save(str(path))
    return path


def build_hwpx(path: Path) -> Path:
    """An HWPX file written by python-hwpx: paragraphs around a table."""
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    doc.add_paragraph("지역 AI 혁신 거점 조성 계획")
    doc.add_paragraph("행정안전부는 지역 AI 혁신 거점 다섯 곳에 모두 750억원을 배정한다고 밝혔습니다.")
    table = doc.add_table(len(TABLE), len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("선정 결과는 7월에 발표합니다.")
    doc.save_to_path(str(path))
    return path


NEWS_HTML = """<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>중기부, AI 스타트업 해외 진출 지원 확대 | 정책뉴스</title>
<meta property="og:title" content="중기부, AI 스타트업 해외 진출 지원 확대">
<meta property="og:url" content="https://news.example.kr/articles/2025/0304">
<meta property="article:published_time" content="2025-03-04T09:00:00+09:00"></head>
<body><nav><ul><li><a href="/">홈</a></li><li><a href="/politics">정치</a></li>
<li><a href="/economy">경제</a></li><li><a href="/login">로그인</a></li></ul></nav>
<div class="weather">서울 맑음 12℃</div>
<aside class="sidebar"><h3>많이 본 뉴스</h3><ol><li><a href="/1">유명 배우 결혼 발표</a></li>
<li><a href="/2">코스피 사상 최고치</a></li></ol></aside>
<article><h1>중기부, AI 스타트업 해외 진출 지원 확대</h1>
<p>중소벤처기업부는 인공지능 스타트업의 해외 진출을 돕기 위해 올해 480억원을 투입한다고 4일 밝혔다.</p>
<p>이번 사업은 딥테크 분야 초기 기업을 대상으로 하며, 선정된 기업에는 최대 10억원이 지원된다.</p>
<table><tr><th>기업</th><th>투자 유치</th><th>분야</th></tr>
<tr><td>매스프레소</td><td>1,530억원</td><td>수학 특화 언어모델</td></tr>
<tr><td>래블업</td><td>161억원</td><td>AI 클라우드</td></tr></table>
<p>장관은 "한국 AI 기업이 세계 시장에서 경쟁할 수 있도록 지원을 아끼지 않겠다"고 말했다.</p>
</article>
<div class="related"><h3>관련기사</h3><ul><li><a href="/x">연예 소식 모음</a></li></ul></div>
<footer>Copyright 정책뉴스 All rights reserved.</footer></body></html>
"""


def build_html(path: Path) -> Path:
    """A saved news page: menus, a weather widget, a sidebar and a footer around the story."""
    path.write_text(NEWS_HTML, encoding="utf-8")
    return path


def build_all(folder: Path) -> dict[str, Path]:
    """One document of each format in `folder`, by format name."""
    folder.mkdir(parents=True, exist_ok=True)
    return {"pdf": build_pdf(folder / "plan.pdf"), "docx": build_docx(folder / "voucher.docx"),
            "hwpx": build_hwpx(folder / "regions.hwpx"), "html": build_html(folder / "news.html")}
