"""Read document files, strip their web-page chrome, and compare quotes with their text."""

from retrieval.documents.clean import clean_lines, html_to_text
from retrieval.documents.reader import Document, load_documents, read_document
from retrieval.documents.sources import SourceTexts
from retrieval.documents.verbatim import is_verbatim, normalize

__all__ = [
    "Document",
    "SourceTexts",
    "clean_lines",
    "html_to_text",
    "is_verbatim",
    "load_documents",
    "normalize",
    "read_document",
]
