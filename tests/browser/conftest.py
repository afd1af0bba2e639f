"""A real Chromium (Debian's), driven by Playwright, against the live test server."""

import importlib
import io
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# This machine has no network beyond loopback: keep Chromium from calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required for the browser tests and is not at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop in this thread; the tests' ORM calls are
        # still plain synchronous code, which Django would otherwise refuse beside a loop.
        # Only while the browser runs: the setting must not leak into other tests.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A desktop-sized page that fails the test if the browser logs an error (a CSP block, say)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda reply: reply.status >= 400 and errors.append(reply.url))
    yield page
    context.close()
    assert not errors, f"the browser reported errors: {errors}"


def screenshot(page, name):
    """Keep a picture of what the test saw, for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def restore_roles():
    """Make the role groups again, as the migrations did.

    The live server needs committed data, so browser tests run in transactions that are
    flushed afterwards, and the flush also removes the groups the migrations made.
    """
    importlib.import_module("newsroom.migrations.0001_roles").create_roles(apps, None)
    importlib.import_module("newsroom.migrations.0002_correction_roles").grant(apps, None)
    importlib.import_module("newsroom.migrations.0003_reporters_add_sources_places").grant(
        apps, None
    )
    importlib.import_module("newsroom.migrations.0004_translator_role").create_role(apps, None)


@pytest.fixture
def demo(settings):
    """The demo story, committed, with its accounts (the loader makes them only in debug)."""
    restore_roles()
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.2 A and AA rules, and axe's best practices (landmarks, one h1, heading order).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def audit(page):
    """Run axe-core in the page; return its serious and critical violations, as readable lines.

    Our pages' content policy refuses inline and injected scripts, and rightly so. Playwright's
    evaluate() runs the engine's source through the browser's debugging protocol, which the
    policy does not govern, so the audited page keeps its real policy.
    """
    if not AXE.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("axe-core is missing: run `npm ci` at the repository root")
        pytest.skip("axe-core is not installed (npm ci)")
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
