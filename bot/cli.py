"""The `policybot` command: ingest, search, ask, chat, eval, and the chat-platform bots."""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from bot.config import Settings, load_settings
from bot.terminal import plain, show, show_hits
from retrieval.errors import PolicybotError
from retrieval.index import IngestReport, IngestStep
from retrieval.index import Progress as ProgressFn
from retrieval.pipeline import Pipeline, open_pipeline

app = typer.Typer(add_completion=False, no_args_is_help=False,
                  help="Answers questions about policy documents with verified verbatim quotes.")
out = Console(soft_wrap=True)
# Never wrapped: an error is one line, whatever the terminal's width.
err = Console(stderr=True, soft_wrap=True)


class _State:
    """Settings loaded once per process, and the pipeline once it is needed."""

    kiwi: Future[Any] | None = None  # Kiwi as the entry point started loading it
    settings: Settings | None = None
    pipeline: Pipeline | None = None
    verbose: bool = False
    watching: bool = False


def settings() -> Settings:
    """The settings, built on first use."""
    if _State.settings is None:
        _State.settings = load_settings()
    return _State.settings


class _ProgressLines:
    """Ingest progress for logs: a line per stored document, and one at least every 10 s.

    Skipped documents are listed once, with the reason, when the ingest ends.
    """

    def __init__(self, every: float = 10.0) -> None:
        self.every = every
        self.last = time.monotonic()

    def __call__(self, step: IngestStep) -> None:
        now = time.monotonic()
        if step.status == "stored" or now - self.last >= self.every:
            self.last = now
            err.print(step.describe(), markup=False, highlight=False)


@contextmanager
def _progress_bar() -> Iterator[ProgressFn]:
    """A rich progress bar on a terminal while the block runs; progress lines when piped."""
    if not err.is_terminal:
        yield _ProgressLines()
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None, rate="")
        started = time.monotonic()
        done = 0  # passages embedded in documents already stored

        def update(step: IngestStep) -> None:
            nonlocal done
            embedded = done + step.embedded
            if step.status == "stored":
                done += step.passages
            seconds = time.monotonic() - started
            rate = f"{embedded / seconds:.0f} passages/s" if embedded and seconds > 0 else ""
            what = f"{step.source[-40:]} {step.embedded}/{step.passages}" if not step.finished else ""
            # The ETA follows documents done: their passages are unknown until each is read.
            bar.update(task, completed=step.number - (not step.finished), total=step.total,
                       description=what or "ingest", rate=rate)

        yield update


def _report_problems(report: IngestReport) -> None:
    """One line per skipped document and per ignored metadata entry."""
    for e in report.errors:
        err.print(f"skipped {e}", markup=False, highlight=False)
    for note in report.notes:
        err.print(f"warning: {note}", markup=False, highlight=False)


def pipeline() -> Pipeline:
    """Open the store, ingesting the documents first if it is empty."""
    if _State.pipeline is None:
        from retrieval.index import Morphology

        s = settings()
        # Without a model the pipeline loads Kiwi itself, beside the embedding model.
        morph = None
        llm = None
        if s.llm:
            from retrieval.llm import CircuitBreaker, LLMAnswerer, build_chat_model

            morph = Morphology.started(_State.kiwi)

            api_key, base_url = s.llm_credentials()
            llm = LLMAnswerer(
                build_chat_model(s.llm, s.llm_timeout, api_key=api_key, base_url=base_url),
                timeout=s.llm_timeout, morph=morph,
                breaker=CircuitBreaker(s.llm_failures, s.llm_cooldown,
                                       overdue_after=s.llm_timeout))
        with _progress_bar() as update:
            _State.pipeline = open_pipeline(
                s.docs, s.data, chroma_host=s.chroma_host, chroma_port=s.chroma_port,
                collection=s.collection, morph=morph, kiwi=_State.kiwi, llm=llm, progress=update,
                check_every=s.store_check_seconds, max_file_bytes=s.max_file_bytes)
        if _State.pipeline.first_ingest is not None:
            _report_problems(_State.pipeline.first_ingest)
            err.print(f"ingested {s.docs}: {_State.pipeline.first_ingest.summary()}",
                      markup=False, highlight=False)
    return _State.pipeline


@contextmanager
def _watching() -> Iterator[None]:
    """Re-ingest the documents folder's changes in the background while the block runs."""
    from bot.watch import start_watching

    if _State.watching:  # `run` falling back to `chat` watches once
        yield
        return
    s = settings()
    watcher = start_watching(pipeline(), s.watch, s.watch_seconds)
    _State.watching = True
    try:
        yield
    finally:
        _State.watching = False
        watcher.stop()


def _lines(question: str) -> Iterator[str]:
    """The question itself, or one question per stdin line for '-', each as it arrives."""
    if question == "-":
        # Read lazily, so a long-running pipe gets each answer before sending the next line.
        for line in sys.stdin:
            yield line.rstrip("\n")
        return
    yield question


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    """Set up logging once (secrets never reach it)."""
    _State.verbose = verbose
    level = logging.INFO if verbose else getattr(logging, settings().log_level.upper(),
                                                 logging.WARNING)
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Chroma and HTTP clients are chatty at INFO; our own lines are what matter.
    for noisy in ("chromadb", "httpx", "urllib3", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@app.command()
def ingest(path: Annotated[Path | None, typer.Argument(help="Folder or file (default: POLICYBOT_DOCS).")] = None) -> None:
    """Ingest documents: new chunks are embedded, unchanged ones kept, deleted ones removed."""
    target = path or settings().docs
    if not target.exists():
        err.print(f"no such file or folder: {target}", markup=False)
        raise typer.Exit(2)
    p = pipeline()
    if p.first_ingest is not None and target.resolve() == settings().docs.resolve():
        report = p.first_ingest  # opening the store has just ingested this very folder
    else:
        with _progress_bar() as update:
            report = p.ingest(target, update)
        _report_problems(report)
    out.print(report.summary(), markup=False, highlight=False)


@app.command()
def search(
    question: Annotated[str, typer.Argument(help="The question, or '-' for one per stdin line.")],
    k: Annotated[int, typer.Option("--k", help="How many passages.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Show the passages ranked for a question."""
    p = pipeline()
    for q in _lines(question):
        result = p.service.search(q, k)
        if as_json:
            print(json.dumps({"question": q, "results": [h.to_dict() for h in result.hits]},
                             ensure_ascii=False), flush=True)
        else:
            show_hits(out, q, result.hits)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, or '-' for one per stdin line.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer contract as JSON.")] = False,
) -> None:
    """Answer a question with verified quotes."""
    p = pipeline()
    for q in _lines(question):
        answer = p.service.ask(q)
        if as_json:
            print(answer.to_json(), flush=True)
        else:
            show(out, answer)


@app.command()
def chat(
    as_json: Annotated[bool, typer.Option("--json", help="One Answer per line, as JSON.")] = False,
) -> None:
    """Ask questions in a terminal session (/quit to leave); piped stdin is answered line by line.

    Follow-ups ("그럼 카카오는?", "what about Kakao?") are read against the earlier questions.
    """
    from bot.terminal import ChatSession, run_repl

    session = ChatSession(pipeline().service)
    if as_json or not sys.stdin.isatty():
        for line in sys.stdin:
            if line.strip():
                answer = session.ask(line)
                if as_json:
                    print(answer.to_json(), flush=True)
                else:
                    out.print(plain(answer), markup=False, highlight=False)
        return
    with _watching():
        run_repl(session, out)


@app.command(name="eval")
def evaluate_cmd(
    file: Annotated[Path, typer.Argument(help="A JSON-lines question set.")],
    as_json: Annotated[bool, typer.Option("--json", help="Metrics as JSON.")] = False,
    answers: Annotated[bool, typer.Option(help="Also score answers (ask), not only search.")] = True,
    sentences: Annotated[bool, typer.Option(
        "--sentences", help="Also compare answer-sentence choice: selector, old formula, BM25.")] = False,
) -> None:
    """Score search and answers on a question set."""
    from retrieval.evaluation import evaluate, load_questions, summary_lines

    p = pipeline()
    questions = load_questions(file)
    docs = {c.source: p.service.sources.get(c.source) or "" for c in p.searcher.chunks}
    for q in questions[:2]:  # Warm caches so latency figures are for a running bot.
        p.service.ask(q.question)
    report = evaluate(questions, lambda q: p.service.search(q).hits,
                      p.service.ask if answers else None, docs).to_dict()
    if sentences:
        from retrieval.sentence_eval import sentence_choice

        report["sentence_choice"] = sentence_choice(questions, p.service)
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for line in summary_lines(report):
            out.print(line, markup=False, highlight=False)


@app.command()
def slack(
    http: Annotated[bool, typer.Option("--http", help="Serve Slack's HTTP endpoint.")] = False,
    port: Annotated[int | None, typer.Option("--port", help="Port for --http (SLACK_PORT, 3000).")] = None,
    host: Annotated[str | None, typer.Option(
        "--host", help="Address for --http (SLACK_HOST, 127.0.0.1); 0.0.0.0 only behind a proxy.")] = None,
) -> None:
    """Run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)."""
    from bot.slack import run_slack

    with _watching():
        run_slack(settings(), pipeline().service, http=http or settings().slack_app_token is None,
                  port=port, host=host)


@app.command()
def discord(
    sync: Annotated[bool, typer.Option("--sync", help="Register the /ask command with Discord.")] = False,
) -> None:
    """Run the Discord bot."""
    from bot.discord import run_discord

    with _watching():
        run_discord(settings(), pipeline().service, sync=sync)


@app.command()
def sources(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document.")] = False,
) -> None:
    """List the stored documents: title, date, format, pages, passages and when ingested."""
    p = pipeline()
    records = p.sources()
    if not records and p.store.count() != 0:
        err.print("the store predates its document list: run policybot ingest once",
                  markup=False)
    for r in records:
        if as_json:
            print(json.dumps(r.to_dict(), ensure_ascii=False), flush=True)
        else:
            pages = f", {r.pages} pages" if r.pages is not None else ""
            out.print(f"{r.source}\t{r.title} ({r.published or 'no date'}) — {r.format}{pages},"
                      f" {r.passages} passages, ingested {r.ingested}",
                      markup=False, highlight=False)


@app.command()
def feedback(
    as_json: Annotated[bool, typer.Option("--json", help="Export as JSON lines.")] = False,
) -> None:
    """List the 👍/👎 votes from Slack and Discord."""
    from bot.feedback import FeedbackStore

    path = settings().data / "feedback.sqlite3"
    if not path.exists():
        err.print("no feedback yet", markup=False)
        return
    store = FeedbackStore(path)
    try:
        for v in store.votes():
            if as_json:
                print(v.to_json())
            else:
                out.print(f"{'👍' if v.vote == 'up' else '👎'} {v.platform} {v.question!r} → "
                          f"{v.answer[:60]!r} ({v.mode})", markup=False, highlight=False)
    finally:
        store.close()


@app.command()
def run(
    port: Annotated[int | None, typer.Option("--port", help="Port for Slack's HTTP mode.")] = None,
    host: Annotated[str | None, typer.Option(
        "--host", help="Address for Slack's HTTP mode (SLACK_HOST, 127.0.0.1).")] = None,
) -> None:
    """Start whatever is configured: Slack and/or Discord, otherwise the terminal chat."""
    s = settings()
    if not (s.slack_enabled or s.discord_enabled):
        with _watching():
            chat()
        return
    with _watching():
        _run_bots(s, port, host)


def _run_bots(s: Settings, port: int | None, host: str | None) -> None:
    """Slack and/or Discord side by side; the first to fail stops both."""
    service = pipeline().service
    from bot.feedback import open_feedback

    # One store for both bots, so a broken one is reported once.
    store = open_feedback(s.data / "feedback.sqlite3")
    failures: list[BaseException] = []
    stopped = threading.Event()

    def surface(target: Callable[..., None], *args: Any, **kwargs: Any) -> None:
        try:
            target(*args, **kwargs)
        except BaseException as exc:  # reported by the main thread, not as a thread traceback
            failures.append(exc)
        finally:
            stopped.set()

    threads = []
    if s.discord_enabled:
        from bot.discord import run_discord

        threads.append(threading.Thread(target=surface, args=(run_discord, s, service),
                                        kwargs={"feedback": store}, daemon=True, name="discord"))
    if s.slack_enabled:
        from bot.slack import run_slack

        threads.append(threading.Thread(
            target=surface, args=(run_slack, s, service),
            kwargs={"http": s.slack_app_token is None, "port": port, "host": host,
                    "feedback": store}, daemon=True, name="slack"))
    for t in threads:
        t.start()
    try:
        # A surface that fails to start stops the whole process, with its one-line reason.
        while not failures and any(t.is_alive() for t in threads):
            stopped.wait(1.0)
            stopped.clear()
    except KeyboardInterrupt:
        pass
    if failures:
        raise failures[0]


def main(kiwi: Future[Any] | None = None) -> None:
    """Run the command; any failure becomes one clear line; `-v` adds the traceback.

    `kiwi` is Kiwi already loading (see bot.launch), used instead of loading another.
    """
    _State.kiwi = kiwi
    verbose = any(arg in ("-v", "--verbose") for arg in sys.argv[1:])
    try:
        app()
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except PolicybotError as exc:
        _fail(str(exc), 1, verbose or _State.verbose)
    except Exception as exc:
        reason = " ".join(str(exc).split())[:300]
        _fail(f"unexpected error: {type(exc).__name__}: {reason}"
              + ("" if verbose or _State.verbose else " (run with -v for the traceback)"),
              1, verbose or _State.verbose)
    except BaseException as exc:  # Rust panics in chromadb's bindings are BaseExceptions
        if isinstance(exc, SystemExit):
            raise
        _fail(f"unexpected error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
              " (run with -v for the traceback)", 1, verbose or _State.verbose)


def _fail(message: str, code: int, show_traceback: bool = False) -> None:
    """Print the traceback when asked, then the one line, and exit."""
    if show_traceback:
        traceback.print_exc(file=sys.stderr)
    print(f"policybot: {message}", file=sys.stderr, flush=True)
    sys.exit(code)
