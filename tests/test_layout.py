"""The source tree keeps its flow: imports only run downstream, and across packages by name."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import ROOT

# The steps data goes through, lowest first. A module may import its own step or a lower one.
RETRIEVAL_STEPS = ["documents", "index", "search", "answer", "llm"]
# Modules at the top of `retrieval/` assemble the steps; `errors` is the one leaf all may use.
RETRIEVAL_TOP = {"service", "pipeline", "evaluation", "sentence_eval"}
BOT_SURFACES = {"slack", "discord", "terminal"}
PLATFORMS = {"slack_bolt", "slack_sdk", "discord", "aiohttp", "bot"}


def _modules(package: str) -> Iterator[tuple[str, Path]]:
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _cases(*packages: str) -> list[object]:
    return [pytest.param(m, p, id=m) for package in packages for m, p in _modules(package)]


def _imports(path: Path) -> Iterator[str]:
    """Every module a file imports, lazy and type-checking-only imports included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _retrieval_rank(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "errors":
        return -1
    if parts[1] in RETRIEVAL_STEPS:
        return RETRIEVAL_STEPS.index(parts[1])
    assert parts[1] in RETRIEVAL_TOP, f"{module} is in no known step"
    return len(RETRIEVAL_STEPS)


def _step(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


@pytest.mark.parametrize(("module", "path"), _cases("retrieval"))
def test_retrieval_imports_run_downstream(module: str, path: Path) -> None:
    mine = _retrieval_rank(module)
    for imported in _imports(path):
        top = imported.split(".")[0]
        assert top not in PLATFORMS, f"{module} imports the chat platform {imported}"
        if top == "retrieval" and _step(imported) != _step(module):
            assert _retrieval_rank(imported) <= mine, f"{module} imports upstream {imported}"


@pytest.mark.parametrize(("module", "path"), _cases("bot"))
def test_bot_surfaces_stay_apart(module: str, path: Path) -> None:
    parts = module.split(".")
    mine = parts[1] if len(parts) > 1 else ""
    for imported in _imports(path):
        theirs = imported.split(".")
        if theirs[0] != "bot" or len(theirs) < 2 or theirs[1] == mine or mine == "cli":
            continue
        # The shared parts serve every surface; a surface never reaches into another.
        assert theirs[1] not in BOT_SURFACES, f"{module} imports another surface: {imported}"


@pytest.mark.parametrize(("module", "path"), _cases("retrieval", "bot"))
def test_packages_are_imported_by_their_names(module: str, path: Path) -> None:
    # The steps and surfaces are packages; the modules at the top of `retrieval/` and `bot/` are
    # imported by their own names.
    packages = {
        m for m, p in [*_modules("retrieval"), *_modules("bot")]
        if p.name == "__init__.py" and "." in m
    }
    for imported in _imports(path):
        owner = imported.rsplit(".", 1)[0]
        if owner in packages and imported not in packages and not module.startswith(owner):
            pytest.fail(f"{module} imports the inside of {owner}: {imported}")


def test_each_package_says_what_it_does() -> None:
    for module, path in [*_modules("retrieval"), *_modules("bot")]:
        if path.name == "__init__.py":
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert doc and "\n" not in doc, f"{module} needs a one-line docstring"
