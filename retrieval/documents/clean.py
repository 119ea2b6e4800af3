"""Strip web-page chrome (weather, image links, captions, promo lists, footers) from text.

Every pattern here runs in time linear in the line: character classes stop at the next
bracket or token, and the costlier checks only run on short lines. A document is one line
as often as not (minified HTML, pasted data), so a backtracking pattern would stall ingest.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

# Elements whose text is never content: code, styling, and page furniture.
_DROP = ("script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math",
         "nav", "footer", "header", "aside")
_BLOCKS = frozenset(
    "address article blockquote body br caption dd div dl dt fieldset figcaption figure form"
    " h1 h2 h3 h4 h5 h6 hr html li main ol p pre section table tbody td tfoot th thead title tr"
    " ul".split())
# Alt text may hold one level of brackets ("![[출처=…]](url)"); no class spans a bracket, so
# each character is looked at from one opening "![" only.
_IMAGE_LINK = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([^)\n]*\)")
_URL_ONLY = re.compile(r"^\s*(https?://\S+)\s*$")
_WEATHER = re.compile(r"-?\d+(?:\.\d+)?\s*(?:℃|°C)")
_WEATHER_CREDIT = re.compile(r"^(기상청 제공|날씨)$")
_SKIP_LINK = re.compile(r"^(본문 바로가기|Skip to (main )?content|메뉴 바로가기)$", re.I)
_PAGE_DATE = re.compile(r"^\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}\s*\([월화수목금토일]\)$")
# A caption or byline ends with a reporter's name: "... 이성민 기자" or "이성민 기자 a@b.kr".
_BYLINE = re.compile(r"(^|\s)[가-힣]{2,4} ?기자(\s+[^\s@]+@\S+)?$")
_BYLINE_PREFIX = re.compile(r"^(\s*+)[^|]{0,40}기자\s*\|\s*")
_EMAIL = re.compile(r"(?<![^\s<(])[^\s@]+@[^\s@]+\.\w+")
_FOOTER = re.compile(
    r"^(댓글(\s*\d+)?|꼭 봐야할 주요뉴스|많이 본 뉴스|가장 많이 읽힌 뉴스.*|관련기사|"
    r"저작권자.*|.*무단\s?전재.*|Copyright.*|All rights reserved.*|.*ⓒ.*)$",
    re.I,
)
_DECOR = re.compile(r"^[\W_]*$")
# Raw HTML in markdown that a renderer never shows.
_MD_HIDDEN = re.compile(r"<!--|<(script|style|template|noscript)(?=[\s/>])", re.I)
_MD_CLOSE = {tag: re.compile(rf"</{tag}(?=[\s/>])[^>]*>?", re.I)
             for tag in ("script", "style", "template", "noscript")}


def html_to_text(markup: str) -> str:
    """The text an HTML page shows, one block per line; script and style text never included.

    lxml (libxml2's HTML5 tokenizer) ends a script where a browser does (`</SCRIPT >`,
    `</script\n>`), treats an unclosed one as running to the end, and parses in linear time.
    """
    if not markup.strip():
        return ""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                  no_network=True, default_doctype=False, collect_ids=False)
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return ""  # nothing but comments, doctype or markup
    etree.strip_elements(root, *_DROP, with_tail=False)
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if tag and el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    return "".join(parts)


def markdown_visible(text: str) -> str:
    """Markdown without the raw HTML a renderer hides: comments, script and style blocks.

    An unclosed script or style hides the rest of the file; an unclosed comment is text.
    Each search starts where the last one ended, so the scan is linear.
    """
    out: list[str] = []
    pos, comments_close = 0, True
    while match := _MD_HIDDEN.search(text, pos):
        out.append(text[pos : match.start()])
        tag = (match.group(1) or "").lower()
        if not tag:
            end = text.find("-->", match.end()) if comments_close else -1
            comments_close = end >= 0  # none closes after this one either
            out.append("" if comments_close else match.group(0))
            pos = end + 3 if comments_close else match.end()
            continue
        close = _MD_CLOSE[tag].search(text, match.end())
        if close is None:
            return "".join(out)
        pos = close.end()
    out.append(text[pos:])
    return "".join(out)


def _strip_marks(line: str) -> str:
    """Drop emoji, bullets and markup so two spellings of one heading compare equal."""
    return re.sub(r"[^\w가-힣]+", "", line)


def is_chrome(line: str) -> bool:
    """True for a line that is page furniture rather than content."""
    s = line.strip()
    if not s or _DECOR.match(s):
        return True
    if _WEATHER_CREDIT.match(s) or _SKIP_LINK.match(s) or _PAGE_DATE.match(s):
        return True
    if len(s) < 40 and _WEATHER.search(s):
        return True
    if _URL_ONLY.match(s):
        return True
    if not s.endswith(("다.", "다", ".")) and _BYLINE.search(s):
        return True
    return len(s) < 60 and bool(_EMAIL.search(s))


def clean_lines(text: str) -> list[str]:
    """Return the content lines of a page, chrome removed, each still verbatim."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Everything after a footer marker late in the page is promo lists and copyright.
    cut, offset = len(raw), 0
    for i, line in enumerate(raw):
        if offset > len(text) * 0.4 and _FOOTER.match(line.strip()):
            cut = i
            break
        offset += len(line) + 1
    lines: list[str] = []
    headings: set[str] = set()
    for line in raw[:cut]:
        # Keep the indent: it is what nests a bullet under the item above it.
        line = _IMAGE_LINK.sub("", line).rstrip()
        # "시민행정신문 이정하 기자 | 본문…": keep the story, drop the byline in front.
        line = _BYLINE_PREFIX.sub(r"\1", line)
        if is_chrome(line):
            continue
        key = _strip_marks(line)
        first = line.lstrip()[0]
        marked = not (first.isalnum() or first in "\"'“‘(")
        # A bare short line repeating an earlier marked heading is the photo caption under it.
        if len(line) <= 40 and not marked and key in headings:
            continue
        if marked:
            headings.add(key)
        lines.append(line)
    return lines
