"""Compare readers on generated Korean files, and time ingest per format.

    pip install -e '.[dev]'          # fpdf2, the Korean font and python-hwpx build the files
    python bench/formats.py [--pages 100] [--embed]

Prints, per candidate, how many of the expected Korean sentences and table cells come back
verbatim (whitespace collapsed), and seconds per page; then policybot's own read + split
throughput per format on a generated PDF of `--pages` pages (a table on every fifth page),
and with `--embed` the full ingest into a temporary store with the bundled embedder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.documents import normalize, read_document  # noqa: E402
from retrieval.documents.clean import html_to_text  # noqa: E402
from retrieval.documents.hangul import read_hwpx  # noqa: E402
from retrieval.index import Morphology, chunk_document  # noqa: E402
from tests.documents.fixtures import (  # noqa: E402
    NEWS_HTML,
    TABLE,
    build_docx,
    build_hwpx,
    build_pdf,
    page_text,
)

CHROME = ("로그인", "많이 본 뉴스", "유명 배우", "12℃", "Copyright", "연예 소식")


def score(text: str, expected: list[str]) -> float:
    """Share of the expected strings found verbatim once whitespace is collapsed."""
    flat = normalize(text)
    return sum(normalize(e) in flat for e in expected) / len(expected)


def timed(read: Callable[[], str], pages: int) -> tuple[str, float]:
    """The text a reader gives and its seconds per page."""
    started = time.perf_counter()
    text = read()
    return text, (time.perf_counter() - started) / pages


def pdf_candidates(path: Path, pages: int) -> None:
    import pdfplumber
    import pypdf
    import pypdfium2 as pdfium

    def with_pypdf() -> str:
        return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(path).pages)

    def with_pdfplumber() -> str:
        with pdfplumber.open(path) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)

    def with_pdfium() -> str:
        doc = pdfium.PdfDocument(path)
        try:
            return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        finally:
            doc.close()

    def with_policybot() -> str:
        return read_document(path, path.name).text

    sentences = [page_text(p) for p in range(1, pages + 1)]
    cells = [c for row in TABLE for c in row]
    print(f"PDF, {pages} pages: text = share of page sentences verbatim; cells = table cells found")
    for name, read in (("pypdf", with_pypdf), ("pdfplumber (pdfminer)", with_pdfplumber),
                       ("pypdfium2", with_pdfium), ("policybot (pdfium + pdfplumber tables)",
                                                    with_policybot)):
        text, per_page = timed(read, pages)
        print(f"  {name:40s} text {score(text, sentences):.2f}  cells {score(text, cells):.2f}"
              f"  {per_page * 1000:7.1f} ms/page")


def hwpx_candidates(path: Path) -> None:
    from hwpx import HwpxDocument

    expected = ["행정안전부는 지역 AI 혁신 거점 다섯 곳에 모두 750억원을 배정한다고 밝혔습니다.",
                *[c for row in TABLE for c in row]]

    def with_python_hwpx() -> str:
        return str(HwpxDocument.open(str(path)).text.plain())

    def with_lxml() -> str:
        return read_hwpx(path.read_bytes(), path.name).text

    print("HWPX: share of the sentence and table cells found")
    for name, read in (("python-hwpx text.plain()", with_python_hwpx),
                       ("policybot (lxml over OWPML)", with_lxml)):
        runs = 20
        started = time.perf_counter()
        for _ in range(runs):
            text = read()
        per_file = (time.perf_counter() - started) / runs
        print(f"  {name:40s} found {score(text, expected):.2f}  {per_file * 1000:7.1f} ms/file")


def html_candidates(folder: Path) -> None:
    page = folder / "news.html"
    page.write_text(NEWS_HTML, encoding="utf-8")
    story = ["올해 480억원을 투입한다고 4일 밝혔다.", "지원을 아끼지 않겠다"]
    print("HTML: share of story sentences kept, chrome strings left (of 6)")
    for name, read in (("lxml visible text (before)", lambda: html_to_text(NEWS_HTML)),
                       ("trafilatura main content", lambda: read_document(page, page.name).text)):
        text = read()
        left = sum(c in text for c in CHROME)
        print(f"  {name:40s} story {score(text, story):.2f}  chrome left {left}")


def throughput(folder: Path, pages: int, embed: bool) -> None:
    morph = Morphology()
    files = {"pdf": build_pdf(folder / "long.pdf", pages=pages, table_page=2),
             "docx": build_docx(folder / "w.docx"), "hwpx": build_hwpx(folder / "h.hwpx")}
    morph.sentences("한국어 문장을 한 번 나눠 둡니다.")  # Kiwi's first call loads its model
    print("policybot read (extract + clean), then split into sentences and passages:")
    for fmt, path in files.items():
        started = time.perf_counter()
        doc = read_document(path, path.name)
        read = time.perf_counter() - started
        chunks = chunk_document(doc, morph)
        split = time.perf_counter() - started - read
        unit = f", {doc.page_count / read:6.1f} pages/s read" if doc.page_count else ""
        print(f"  {fmt:5s} read {read:6.2f} s{unit}; {len(chunks)} passages split in {split:.2f} s")
    if embed:
        from retrieval.pipeline import open_pipeline

        only = folder / "pdf-only"
        only.mkdir()
        files["pdf"].rename(only / "long.pdf")
        started = time.perf_counter()
        p = open_pipeline(only, folder / "data")
        seconds = time.perf_counter() - started
        assert p.first_ingest is not None
        print(f"  full ingest of the {pages}-page PDF with embeddings:"
              f" {p.first_ingest.embedded} passages in {seconds:.1f} s"
              f" ({pages / seconds:.2f} pages/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--embed", action="store_true", help="also time a full ingest")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf_candidates(build_pdf(folder / "cand.pdf", pages=args.pages, table_page=2), args.pages)
        hwpx_candidates(build_hwpx(folder / "cand.hwpx"))
        html_candidates(folder)
        throughput(folder, args.pages, args.embed)


if __name__ == "__main__":
    main()
