"""Links between the apps go one way: articles and moderation build on the timeline and the
sources, so the timeline must never reach back into them, nor sources into anything."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEVER = {
    "timeline": ("newsroom.articles", "newsroom.moderation"),
    "newsroom/sources": ("newsroom.articles", "newsroom.moderation", "timeline"),
}


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


@pytest.mark.parametrize("app", NEVER)
def test_an_app_never_imports_the_apps_built_on_it(app):
    found = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for module in imported_modules(path)
        if any(module == other or module.startswith(f"{other}.") for other in NEVER[app])
    ]
    assert not found, found
