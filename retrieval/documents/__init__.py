"""Read document files, strip their web-page chrome, and compare quotes with their text."""

from retrieval.documents.clean import clean_lines, html_to_text
from retrieval.documents.decode import decode_text
from retrieval.documents.files import DEFAULT_MAX_BYTES, document_text
from retrieval.documents.folder import Candidate, Listing, list_documents
from retrieval.documents.metadata import (
    METADATA_FILE,
    DocumentMeta,
    FolderMetadata,
    read_metadata,
)
from retrieval.documents.reader import Document, load_documents, read_document
from retrieval.documents.sources import SourceTexts
from retrieval.documents.verbatim import is_verbatim, normalize

__all__ = [
    "DEFAULT_MAX_BYTES",
    "METADATA_FILE",
    "Candidate",
    "Document",
    "DocumentMeta",
    "FolderMetadata",
    "Listing",
    "SourceTexts",
    "clean_lines",
    "decode_text",
    "document_text",
    "html_to_text",
    "is_verbatim",
    "list_documents",
    "load_documents",
    "normalize",
    "read_document",
    "read_metadata",
]
