"""Table rows become one line each, carrying the column headers; tab-separated text too."""

from __future__ import annotations

from retrieval.documents import Document, document_text, is_verbatim, read_document
from retrieval.documents.tables import tab_separated, table_lines
from retrieval.index import Morphology, sentences_of
from tests.paths import SEEDS

SEED = SEEDS / "002_c1e04058d3b0113a.txt"


def test_rows_name_their_cells_by_the_header() -> None:
    lines, rows = table_lines([["기업", "금액"], ["래블업", "161억원"], ["포티투마루", "250억원"]])
    assert lines == ["기업 금액", "기업: 래블업 · 금액: 161억원", "기업: 포티투마루 · 금액: 250억원"]
    assert rows == lines[1:]


def test_merged_header_and_row_spanning_cells() -> None:
    grid = [["구분", "", "금액"], ["기업", "래블업", "161억원"], ["", "포티투마루", "250억원"]]
    _, rows = table_lines(grid)
    # The empty header continues "구분"; the empty first cell sits under "기업" above it.
    assert rows == ["구분: 기업 래블업 · 금액: 161억원", "구분: 기업 포티투마루 · 금액: 250억원"]


def test_first_row_with_values_is_not_a_header() -> None:
    _, rows = table_lines([["담당", "박승록 (044-204-7250)"], ["담당자", "이상영 (044-204-7244)"]])
    assert rows == ["담당 · 박승록 (044-204-7250)", "담당자 · 이상영 (044-204-7244)"]


def test_prose_without_tabs_is_left_alone() -> None:
    text = "첫 문장입니다.\n둘째\t하나뿐인 탭 줄\n셋째 문장입니다."
    assert tab_separated(text) == (text, [])


def test_seed_participant_row_is_one_verbatim_line_with_headers() -> None:
    text = document_text(SEED, SEED.name)
    [row] = [line for line in text.splitlines() if "매스프레소(관다) 대표" in line]
    assert row.startswith("성명: AI 기업 대표 (4) · 주요 약력: ")
    assert "· 비고 (회사개요): 수학 특화 LLM을 개발해" in row and "1,530억원 투자유치 성공" in row
    assert is_verbatim(row, text)
    assert "\t" not in text.split("성명", 1)[1]


def test_a_row_is_one_sentence_of_its_own() -> None:
    doc: Document = read_document(SEED, SEED.name)
    sents = sentences_of(doc, Morphology())
    [row] = [s for s in sents if "매스프레소(관다) 대표" in s.text]
    assert row.kind == "row" and "1,530억원" in row.text and row.text.startswith("성명:")
    assert all(s.page is None for s in sents)
