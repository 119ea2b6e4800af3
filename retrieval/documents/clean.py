"""Strip web-page chrome (weather, image links, captions, promo lists, footers) from text."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style|nav|footer|header|aside)\b.*?</\1>", re.S | re.I)
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|tr|section|article)>|<br\s*/?>", re.I)
_IMAGE_LINK = re.compile(r"!\[[^\]]*(?:\][^\]]*)?\]\([^)]*\)")
_URL_ONLY = re.compile(r"^\s*(https?://\S+)\s*$")
_WEATHER = re.compile(r"-?\d+(?:\.\d+)?\s*(?:℃|°C)")
_WEATHER_CREDIT = re.compile(r"^(기상청 제공|날씨)$")
_SKIP_LINK = re.compile(r"^(본문 바로가기|Skip to (main )?content|메뉴 바로가기)$", re.I)
_PAGE_DATE = re.compile(r"^\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}\s*\([월화수목금토일]\)$")
# A caption or byline ends with a reporter's name: "... 이성민 기자" or "이성민 기자 a@b.kr".
_BYLINE = re.compile(r"(^|\s)[가-힣]{2,4} ?기자(\s+\S+@\S+)?$")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_FOOTER = re.compile(
    r"^(댓글(\s*\d+)?|꼭 봐야할 주요뉴스|많이 본 뉴스|가장 많이 읽힌 뉴스.*|관련기사|"
    r"저작권자.*|.*무단\s?전재.*|Copyright.*|All rights reserved.*|.*ⓒ.*)$",
    re.I,
)
_DECOR = re.compile(r"^[\W_]*$")


def html_to_text(markup: str) -> str:
    """Turn an HTML page into plain lines of text."""
    text = _SCRIPT.sub(" ", markup)
    text = _BLOCK_END.sub("\n", text)
    text = _TAG.sub(" ", text)
    return html.unescape(text)


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
    if _WEATHER.search(s) and len(s) < 40:
        return True
    if _URL_ONLY.match(s):
        return True
    if _BYLINE.search(s) and not s.endswith(("다.", "다", ".")):
        return True
    return bool(_EMAIL.search(s) and len(s) < 60)


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
        line = re.sub(r"^(\s*)[^|]{0,40}기자\s*\|\s*", r"\1", line)
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
