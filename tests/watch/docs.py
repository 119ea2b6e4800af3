"""Documents and checks shared by the watch tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from retrieval.documents import read_document
from retrieval.index import Morphology, chunk_document
from retrieval.search import IndexSnapshot

QUESTION = "SK는 울산에 얼마를 투자하나요?"
GPU = "정부는 추경으로 GPU 1.3만장을 확보했다.\n미국 오픈AI는 GPU 72만장을 가동한다.\n"


def sk(amount: str, lines: int = 12) -> str:
    """A document whose every passage carries `amount`, so two versions are told apart."""
    head = f"SK 최태원 회장은 울산 AI 데이터센터에 {amount}을 투자한다고 밝혔다.\n"
    # Long lines make small chunks, so a document spans several of ingest's batches.
    body = "".join(f"울산 사업 {i}단계에는 {amount} 가운데 {i}천억원이 배정되었으며, 이 단계의"
                   f" 공사는 지역 업체 {i}곳과 함께 진행하고 전력과 냉각 설비를 먼저 갖춘 뒤"
                   f" 서버 {i}백 대를 차례로 들여놓는다고 회사는 설명했다.\n"
                   for i in range(1, lines))
    return head + body


def chunk_count(path: Path, morph: Morphology) -> int:
    """How many chunks ingest stores for the file, by the real reader and chunker."""
    doc = read_document(path, path.name)
    return len({chunk.id for chunk, _ in chunk_document(doc, morph)})


def sk_chunks(index: IndexSnapshot) -> list[str]:
    """The texts of sk.txt's chunks in one snapshot."""
    return [c.text for c in index.chunks if c.source == "sk.txt"]


def check_whole(snapshots: Iterable[IndexSnapshot], counts: dict[str, int]) -> int:
    """Every snapshot holds sk.txt at one version, with all of that version's chunks.

    `counts` maps each version's amount to its number of chunks; returns how many
    snapshots held sk.txt at all.
    """
    held = 0
    for index in snapshots:
        texts = sk_chunks(index)
        if not texts:
            continue
        held += 1
        amounts = {a for a in counts if all(a in t for t in texts)}
        assert len(amounts) == 1, f"a snapshot mixes versions of sk.txt: {len(texts)} chunks"
        amount = amounts.pop()
        assert len(texts) == counts[amount], (
            f"a snapshot holds {len(texts)} of sk.txt's {counts[amount]} chunks at {amount}")
    return held
