"""The Ukrainian and Russian catalogues are complete and compiled.

Three ways a catalogue goes wrong without anyone seeing it on an English page: a string marked
in the code but never extracted (it shows in English), an entry left untranslated or fuzzy
(gettext skips it, so it shows in English too), and a .po changed but not compiled (the site
reads the .mo). Read with gettext's own tools (msgen, msgfmt) and Python's gettext module.
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "newsroom" / "locale"
LANGUAGES = ("uk", "ru")
DOMAINS = {"django": "html,txt,py", "djangojs": "js"}
# The one command the catalogues are made with (the Makefile's `messages`), less the extensions.
MAKEMESSAGES = [
    "makemessages",
    *("--locale", "uk", "--locale", "ru"),
    "--no-obsolete",
    *("--add-location", "file"),
    *("--ignore", ".venv", "--ignore", "node_modules", "--ignore", "tests", "--ignore", "bench"),
    *("--ignore", "static/vendor", "--ignore", ".tools"),
]
# Not copied: what makemessages ignores anyway, and git's and Python's own files.
NOT_COPIED = (".git", ".venv", "node_modules", ".tools", "tests", "bench", "__pycache__")

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgen") is None,
    reason="gettext's tools are not installed (.ci/run installs them)",
)


def catalogues(root=ROOT):
    """Every committed .po of the translated languages, as (language, domain, path)."""
    return [
        (language, domain, root / "newsroom" / "locale" / language / "LC_MESSAGES" / f"{domain}.po")
        for language in LANGUAGES
        for domain in DOMAINS
        if (LOCALE / language / "LC_MESSAGES" / f"{domain}.po").exists()
    ]


def compiled(po, folder, *, every_entry=False):
    """The catalogue msgfmt makes of ``po``, as gettext reads it: {msgid: msgstr}, plural forms
    keyed (msgid, n). ``every_entry`` first gives each entry its msgid as translation (msgen),
    so that none is left out and the keys are every msgid."""
    mo = folder / f"{po.parent.parent.parent.name}-{po.stem}-{every_entry}.mo"
    source = po.read_bytes()
    if every_entry:
        source = run(["msgen", "-"], source)
    run(["msgfmt", "--check-format", "--output-file", str(mo), "-"], source)
    with mo.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog


def run(command, stdin=b""):
    result = subprocess.run(command, input=stdin, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def msgids(catalogue):
    return {key[0] if isinstance(key, tuple) else key for key in catalogue} - {""}


def test_there_are_catalogues_to_check():
    assert {language for language, _, _ in catalogues()} == set(LANGUAGES)


def test_every_marked_string_is_in_the_catalogues(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)
    environment = {**os.environ, "PYTHONPATH": str(copy)}
    for domain, extensions in DOMAINS.items():
        command = [sys.executable, "manage.py", *MAKEMESSAGES, "--domain", domain]
        result = subprocess.run(
            [*command, "--extension", extensions],
            cwd=copy,
            env=environment,
            capture_output=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode()
    for language, domain, fresh in catalogues(copy):
        committed = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
        missing = msgids(compiled(fresh, tmp_path, every_entry=True)) - msgids(
            compiled(committed, tmp_path, every_entry=True)
        )
        assert not missing, f"{committed.relative_to(ROOT)} lacks {sorted(missing)}: make messages"
    for language in LANGUAGES:
        # A domain that has strings now but no committed catalogue yet.
        for domain in DOMAINS:
            fresh = copy / "newsroom" / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
            committed = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
            assert committed.exists() or not fresh.exists(), f"{domain}.po for {language} is new"


@pytest.mark.parametrize(("language", "domain", "po"), catalogues())
def test_every_entry_is_translated_and_none_is_fuzzy(tmp_path, language, domain, po):
    everything = msgids(compiled(po, tmp_path, every_entry=True))
    # msgfmt leaves out what is fuzzy or untranslated, which the site would show in English.
    translated = compiled(po, tmp_path)
    empty = msgids({key: text for key, text in translated.items() if not text})
    missing = everything - (msgids(translated) - empty)
    assert not missing, f"{po.relative_to(ROOT)}: no translation for {sorted(missing)}"
    header = po.read_text().split('msgid ""', 1)[0].splitlines()
    flags = [line for line in header if line.startswith("#,")]
    assert not any("fuzzy" in line for line in flags), f"{po.relative_to(ROOT)}: fuzzy header"


@pytest.mark.parametrize(("language", "domain", "po"), catalogues())
def test_the_compiled_catalogue_is_the_po_compiled(tmp_path, language, domain, po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: make messages"
    with mo.open("rb") as file:
        committed = gettext.GNUTranslations(file)._catalog
    assert committed == compiled(po, tmp_path), f"{mo.relative_to(ROOT)} is stale: make messages"
