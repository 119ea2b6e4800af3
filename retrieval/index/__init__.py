"""Turn documents into searchable passages: Kiwi morphemes, chunks, mE5 vectors in Chroma, BM25."""

from retrieval.index.aliases import AliasTable
from retrieval.index.catalog import CanonicalTexts, Catalog, DocumentRecord, TextSource
from retrieval.index.chunk import Chunk, with_context
from retrieval.index.chunking import chunk_document, item_number, sentences_of, strip_lead
from retrieval.index.connection import StoreConnection, connect, make_client
from retrieval.index.embeddings import E5Embedder, Embedder, HashEmbedder
from retrieval.index.fixed_vectors import fixed_vectors
from retrieval.index.glossary import GAZETTEER_FILE, Glossary
from retrieval.index.ingest import IngestReport, IngestStep, Progress, ingest
from retrieval.index.korean import (
    ASKING_WORDS,
    ENGLISH_STOPWORDS,
    HANGUL,
    TALK_WORDS,
    Morpheme,
    Morphology,
    hangul_share,
    in_korean,
    without_fillers,
)
from retrieval.index.letters import lettered
from retrieval.index.lexical import LexicalIndex
from retrieval.index.makers import Makers, written_as_word
from retrieval.index.ministries import Ministries, Ministry
from retrieval.index.names import (
    BODY_WORD,
    ENGLISH_TITLES,
    FULL_YEAR,
    NAME_START,
    PARTICLE,
    PLACE_NAMES,
    SURNAME_SYLLABLES,
    TITLE_WORDS,
    TITLES,
    acronyms,
    by_surname,
    english_known,
    english_names,
    is_place,
    looks_like_person,
    people_beside,
    respelled,
    same_post,
    word_written,
    written_clipped,
    written_dotted,
    written_out,
)
from retrieval.index.store import ChromaStore, ChunkRow, StoredDocument, StoredSentence
from retrieval.index.thesaurus import THESAURUS_FILE, Thesaurus, with_alternates

__all__ = [
    "ASKING_WORDS",
    "BODY_WORD",
    "ENGLISH_STOPWORDS",
    "ENGLISH_TITLES",
    "FULL_YEAR",
    "GAZETTEER_FILE",
    "HANGUL",
    "NAME_START",
    "PARTICLE",
    "PLACE_NAMES",
    "SURNAME_SYLLABLES",
    "TALK_WORDS",
    "THESAURUS_FILE",
    "TITLES",
    "TITLE_WORDS",
    "AliasTable",
    "CanonicalTexts",
    "Catalog",
    "ChromaStore",
    "Chunk",
    "ChunkRow",
    "DocumentRecord",
    "E5Embedder",
    "Embedder",
    "Glossary",
    "HashEmbedder",
    "IngestReport",
    "IngestStep",
    "LexicalIndex",
    "Makers",
    "Ministries",
    "Ministry",
    "Morpheme",
    "Morphology",
    "Progress",
    "StoreConnection",
    "StoredDocument",
    "StoredSentence",
    "TextSource",
    "Thesaurus",
    "acronyms",
    "by_surname",
    "chunk_document",
    "connect",
    "english_known",
    "english_names",
    "fixed_vectors",
    "hangul_share",
    "in_korean",
    "ingest",
    "is_place",
    "item_number",
    "lettered",
    "looks_like_person",
    "make_client",
    "people_beside",
    "respelled",
    "same_post",
    "sentences_of",
    "strip_lead",
    "with_alternates",
    "with_context",
    "without_fillers",
    "word_written",
    "written_as_word",
    "written_clipped",
    "written_dotted",
    "written_out",
]
