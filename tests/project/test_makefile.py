"""`make demo` and `make test` on a stock machine: which uv they use, which Python uv may take,
and where the demo is served. Read from make's dry run (-n), so nothing is installed here."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def fake_program(folder, name, exit_code=0):
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text(f"#!/bin/sh\nexit {exit_code}\n")
    program.chmod(0o755)
    return program


def make(*args, path, home, **env):
    """Run make with only this PATH and HOME, as a fresh machine would have them."""
    result = subprocess.run(
        [MAKE, "--no-print-directory", *args],
        cwd=ROOT,
        env={"PATH": str(path), "HOME": str(home), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def sync_command(tmp_path, bin_folder):
    return make("-n", "-B", "env", path=bin_folder, home=tmp_path / "home").splitlines()


def test_uv_on_the_path_is_used(tmp_path):
    uv = fake_program(tmp_path / "bin", "uv")
    assert f"{uv} sync --locked" in sync_command(tmp_path, tmp_path / "bin")


def test_a_uv_that_does_not_run_is_passed_over(tmp_path):
    # A pyenv shim, say, for a uv the current Python does not have.
    fake_program(tmp_path / "bin", "uv", exit_code=127)
    fake_program(tmp_path / "bin", "python3", exit_code=1)
    assert ".tools/bin/uv sync --locked" in sync_command(tmp_path, tmp_path / "bin")


def test_uv_installed_for_the_user_is_used(tmp_path):
    uv = fake_program(tmp_path / "home" / ".local" / "bin", "uv")
    fake_program(tmp_path / "bin", "python3", exit_code=1)
    assert f"{uv} sync --locked" in sync_command(tmp_path, tmp_path / "bin")


def test_a_pythons_uv_module_is_used(tmp_path):
    fake_program(tmp_path / "bin", "python3")  # answers `python3 -m uv --version`
    assert "python3 -m uv sync --locked" in sync_command(tmp_path, tmp_path / "bin")


def test_without_uv_the_pinned_uv_goes_into_a_venv_of_its_own(tmp_path):
    # Debian 12 and Ubuntu 24.04 refuse `pip install` into the system's Python (PEP 668).
    fake_program(tmp_path / "bin", "python3", exit_code=1)
    lines = sync_command(tmp_path, tmp_path / "bin")
    pinned = next(
        line.split(":=")[1].strip()
        for line in (ROOT / "Makefile").read_text().splitlines()
        if line.startswith("UV_VERSION")
    )
    assert lines[0] == "python3 -m venv .tools"
    assert (
        f'.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv=={pinned}"'
        in (lines)
    )
    assert lines.index(".tools/bin/uv sync --locked") > 0
    assert not any("--break-system-packages" in line for line in lines)


def test_uv_takes_an_installed_python_first_and_downloads_one_only_if_none(tmp_path):
    fake_program(tmp_path / "bin", "uv")
    shown = make(
        "--eval",
        "show-uv: ; @echo $$UV_PYTHON_PREFERENCE $$UV_PYTHON_DOWNLOADS",
        "show-uv",
        path=tmp_path / "bin",
        home=tmp_path,
    )
    assert shown.split() == ["system", "automatic"]


@pytest.mark.parametrize("port", [None, "8001"])
def test_the_demo_serves_and_prints_the_port_asked_for(tmp_path, port):
    fake_program(tmp_path / "bin", "uv")
    env = {"PORT": port} if port else {}
    lines = make("-n", "demo", path=tmp_path / "bin", home=tmp_path, **env).splitlines()
    site = f"http://127.0.0.1:{port or 8000}"
    assert f"DEBUG=1 .venv/bin/python manage.py load_demo --site {site}" in lines
    assert f"DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:{port or 8000}" in lines
