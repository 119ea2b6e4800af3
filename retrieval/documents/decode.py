"""Turn a file's bytes into text: UTF-8 (with or without BOM), CP949/EUC-KR, or UTF-16 with a BOM.

The accepted set is closed, so the choice is made by strict decoding rather than by a
guessing detector: a file is read the same way at ingest and when quotes are checked.
"""

from __future__ import annotations

import codecs
import re

# Form feeds and vertical tabs break lines (page breaks in text exported from PDFs); every
# other control character (C0, DEL, C1) becomes a space so no terminal escape, bell or NUL
# reaches the index, a terminal or a chat message. Tab, LF and CR stay as they are.
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_BINARY_SHARE = 0.01  # more control characters than this and it is not text


class UndecodableError(ValueError):
    """The bytes are not text in an encoding policybot reads."""


def replace_controls(text: str) -> str:
    """The text with control characters made spaces and page breaks made newlines."""
    return _LINE_BREAKS.sub("\n", _CONTROLS.sub(" ", text))


def _from_utf16(raw: bytes) -> str:
    try:
        return raw.decode("utf-16")  # the BOM says which byte order, and is dropped
    except UnicodeDecodeError as exc:
        raise UndecodableError(
            f"starts with a UTF-16 byte-order mark but is not UTF-16 (byte {exc.start});"
            " save it as UTF-8") from exc


def decode_text(raw: bytes) -> str:
    """Decode a document's bytes, or raise UndecodableError saying what the file is instead."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise UndecodableError("is UTF-32, which is not read; save it as UTF-8")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _from_utf16(raw)
    else:
        nul = raw.find(b"\x00")
        if nul >= 0:
            raise UndecodableError(f"has a NUL byte at byte {nul}: a binary file, or UTF-16"
                                   " without a byte-order mark; save it as UTF-8")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as utf8:
            try:
                text = raw.decode("cp949")  # a superset of EUC-KR
            except UnicodeDecodeError:
                raise UndecodableError(
                    f"is not UTF-8, CP949/EUC-KR or UTF-16 with a byte-order mark"
                    f" (byte {utf8.start}); save it as UTF-8") from utf8
    if "\x00" in text:
        raise UndecodableError("has NUL characters: a binary file, not text")
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) * _BINARY_SHARE):
        raise UndecodableError(f"has {controls} control characters: a binary file, not text")
    return replace_controls(text)
