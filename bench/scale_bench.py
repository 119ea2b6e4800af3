"""Serve a 100k-passage collection, on disk and on a `chroma run` server, and time it.

    python bench/scale_bench.py [--passages 100000]

The collection is built without embedding 100k passages: the seeds are ingested once (real
vectors), then copied under new document names until the store holds the wanted number of
passages (chunks plus sentences, in the seeds' proportion). Each copy's vectors are the real
ones with a small random perturbation (cosine about 0.98 to the original) and its chunks keep
the morphemes stored at ingest, as a real ingest stores them. The copies are real files in a
documents folder, so answers verify their quotes as usual. Text repeats across copies, so
the figures measure speed and memory at that size, not answer quality.

Prints, for each store: build time; the start-up of the first process to open the store
(it reads Chroma and writes the index cache under the data folder) and its peak RSS; process
start to first answer and that process's peak RSS (a cold `policybot ask`, which finds the
cache); and, from a fresh process serving the store, its start-up (opening the store and
mapping in the cached indexes), warm search and ask p50/p95 and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import child_run, pct, rss_mb, server_peak_mb  # noqa: E402
from retrieval.index import (  # noqa: E402
    ChromaStore,
    E5Embedder,
    Morphology,
    StoredSentence,
    ingest,
    make_client,
)
from retrieval.pipeline import INDEX_CACHE, open_pipeline  # noqa: E402

QUESTIONS = [
    "SK는 울산에 얼마를 투자하나요?", "루닛의 기술은 몇 곳의 병원에서 쓰이나요?",
    "중소기업의 AI 활용률은?", "ARM 스쿨은 무엇인가요?", "What did Son advise President Lee?",
    "How many GPUs did Korea secure?", "딥시크가 보여준 것은?", "울산시장은 무엇을 요청했나요?",
    "미국의 AI 민간 투자 규모는?", "파이썬 리스트 정렬",
]
NOISE = 0.01  # per-dimension; with 384 dimensions the copy keeps cosine ~0.98 to its original


def _perturb(vectors: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    out = vectors + rng.normal(0.0, NOISE, vectors.shape).astype(np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def _seed_rows(client_dir: Path, seeds: Path) -> tuple[list, list, list, np.ndarray, dict]:
    """Ingest the seeds for real and read back every chunk and sentence with its vector."""
    store = ChromaStore(make_client(client_dir), E5Embedder())
    ingest(seeds, store, Morphology())
    got = store.chunks.get(include=["documents", "metadatas", "embeddings"])
    sents, svecs = store.load_sentences()
    return (got["ids"], got["documents"], got["metadatas"], np.asarray(got["embeddings"]),
            {"sentences": sents, "vectors": svecs})


def build(store: ChromaStore, docs: Path, seeds: Path, base: tuple, passages: int) -> float:
    """Fill `store` and `docs` with copies of the seeds; return the seconds it took."""
    ids, texts, metas, cvecs, srows = base
    sents: list[StoredSentence] = srows["sentences"]
    svecs: np.ndarray = srows["vectors"]
    per_copy = len(ids) + len(sents)
    copies = max(1, round(passages / per_copy))
    rng = np.random.default_rng(0)
    started = time.perf_counter()
    batch_meta: list[dict] = []
    batch_ids: list[str] = []
    batch_docs: list[str] = []
    batch_vecs: list[np.ndarray] = []
    for n in range(copies):
        prefix = f"copy{n:04d}/"
        for path in seeds.iterdir():
            if path.is_file():
                (docs / prefix).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, docs / prefix / path.name)
        store.add_sentences(
            [StoredSentence(f"{prefix}{s.id}", s.text, s.context, s.kind, prefix + s.source)
             for s in sents], _perturb(svecs, rng))
        for id_, text, meta in zip(ids, texts, metas, strict=True):
            m = dict(meta)
            m["source"] = prefix + m["source"]
            m["sentence_ids"] = json.dumps([prefix + s for s in json.loads(m["sentence_ids"])])
            batch_ids.append(prefix + id_)
            batch_docs.append(text)
            batch_meta.append(m)
        batch_vecs.append(_perturb(cvecs, rng))
        if len(batch_ids) >= 1000 or n == copies - 1:
            vecs = np.concatenate(batch_vecs)
            for start in range(0, len(batch_ids), 256):
                part = slice(start, start + 256)
                store.chunks.upsert(ids=batch_ids[part], documents=batch_docs[part],
                                    metadatas=batch_meta[part], embeddings=vecs[part])
            batch_ids, batch_docs, batch_meta, batch_vecs = [], [], [], []
    (docs / "metadata.json").write_text("{}", encoding="utf-8")
    store.mark_changed()
    return time.perf_counter() - started


def serve(docs: Path, data: Path, host: str | None, port: int,
          startup_only: bool = False) -> dict[str, float]:
    """Open the store as a bot does, then time searches and answers (run in a fresh process)."""
    cpu = time.process_time()
    t = time.perf_counter()
    pipe = open_pipeline(docs, data, chroma_host=host, chroma_port=port, auto_ingest=False)
    figures = {"startup_s": time.perf_counter() - t, "startup_cpu_s": time.process_time() - cpu,
               "chunks": len(pipe.searcher.chunks), "sentences": len(pipe.searcher.sentences)}
    if startup_only:
        return figures
    search_ms, ask_ms = [], []
    for q in QUESTIONS:
        pipe.service.ask(q)  # warm-up
    for _ in range(3):
        for q in QUESTIONS:
            t = time.perf_counter()
            pipe.service.search(q)
            search_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            pipe.service.ask(q)
            ask_ms.append((time.perf_counter() - t) * 1000)
    figures.update(search_p50_ms=pct(search_ms, 50), search_p95_ms=pct(search_ms, 95),
                   ask_p50_ms=pct(ask_ms, 50), ask_p95_ms=pct(ask_ms, 95), serving_rss_mb=rss_mb())
    return figures


def measure(label: str, docs: Path, data: Path, host: str | None, port: int) -> dict[str, float]:
    """A cold `policybot ask`, then a fresh process serving the store; print one line."""
    env = {**os.environ, "POLICYBOT_DATA": str(data), "POLICYBOT_DOCS": str(docs),
           "PYTHONPATH": str(ROOT)}
    env.pop("POLICYBOT_LLM", None)
    if host:
        env.update(CHROMA_HOST=host, CHROMA_PORT=str(port))
    else:
        env.pop("CHROMA_HOST", None)
    exe = str(Path(sys.executable).parent / "policybot")
    # The first process finds no cache: it reads Chroma, builds the indexes and writes it.
    shutil.rmtree(data / INDEX_CACHE, ignore_errors=True)
    first = child_run([sys.executable, __file__, "--serve", str(docs), str(data), host or "",
                       str(port), "--startup-only"], env)
    opened = json.loads(first.stdout.strip().splitlines()[-1])
    cold = child_run([exe, "ask", "--json", QUESTIONS[0]], env)
    served = child_run([sys.executable, __file__, "--serve", str(docs), str(data), host or "",
                        str(port)], env)
    figures = {"first_startup_s": opened["startup_s"],
               "first_startup_cpu_s": opened["startup_cpu_s"], "first_peak_rss_mb": first.peak_mb,
               "cold_first_answer_s": cold.seconds, "cold_first_answer_cpu_s": cold.cpu_seconds,
               "cold_peak_rss_mb": cold.peak_mb, "serving_peak_rss_mb": served.peak_mb,
               **json.loads(served.stdout.strip().splitlines()[-1])}
    print(f"{label}: {figures['chunks']:.0f} chunks + {figures['sentences']:.0f} sentences;"
          f" first start-up (writes the cache) {opened['startup_s']:.1f} s"
          f" ({opened['startup_cpu_s']:.1f} CPU s), peak RSS {first.peak_mb:.0f} MB;"
          f" cold ask {cold.seconds:.1f} s ({cold.cpu_seconds:.1f} CPU s), peak RSS"
          f" {cold.peak_mb:.0f} MB; serving process: start-up {figures['startup_s']:.1f} s"
          f" ({figures['startup_cpu_s']:.1f} CPU s), search p50 {figures['search_p50_ms']:.0f} ms"
          f" p95 {figures['search_p95_ms']:.0f} ms, ask p50 {figures['ask_p50_ms']:.0f} ms"
          f" p95 {figures['ask_p95_ms']:.0f} ms, peak RSS {served.peak_mb:.0f} MB", flush=True)
    return figures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"chroma run did not listen on port {port} within {timeout:.0f} s")


def main() -> None:
    """Build the collection on disk and on a server, and print the figures of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--serve", nargs=4, metavar=("DOCS", "DATA", "HOST", "PORT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--startup-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        docs, data, host, port = args.serve
        print(json.dumps(serve(Path(docs), Path(data), host or None, int(port),
                               args.startup_only)))
        return
    seeds = ROOT / "seeds"
    work = Path(tempfile.mkdtemp(prefix="policybot-scale-"))
    server: subprocess.Popen[bytes] | None = None
    results: dict[str, dict[str, float]] = {}
    try:
        base = _seed_rows(work / "seed-store", seeds)
        docs = work / "docs"

        data = work / "disk"
        store = ChromaStore(make_client(data), E5Embedder())
        took = build(store, docs, seeds, base, args.passages)
        print(f"on disk: built in {took:.0f} s ({store.count()} chunks)", flush=True)
        del store
        results["disk"] = measure("on disk", docs, data, None, 0)
        results["disk"]["build_s"] = took

        port = _free_port()
        chroma = str(Path(sys.executable).parent / "chroma")
        server = subprocess.Popen([chroma, "run", "--host", "127.0.0.1", "--port", str(port),
                                   "--path", str(work / "server")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for(port)
        store = ChromaStore(make_client(work / "client", "127.0.0.1", port), E5Embedder())
        took = build(store, work / "docs-server", seeds, base, args.passages)
        print(f"chroma run: built in {took:.0f} s ({store.count()} chunks)", flush=True)
        del store
        results["server"] = measure("chroma run", work / "docs-server", work / "client",
                                    "127.0.0.1", port)
        results["server"]["build_s"] = took
        results["server"]["server_peak_rss_mb"] = server_peak_mb(server.pid)
        print(f"chroma run server process: peak RSS {server_peak_mb(server.pid):.0f} MB")
        print(json.dumps({k: {n: round(v, 2) for n, v in r.items()} for k, r in results.items()}))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
