"""`make check` in a fresh clone with Debian's own python3 (no pip, PEP 668): the README's
promise for a plain Debian machine, tried with the system PATH only."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

DEBIAN_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.mark.slow
def test_make_check_in_a_fresh_clone_with_debians_python(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.fail("the test needs git and a git checkout of crosscheck")
    clone = tmp_path / "crosscheck"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    assert git("rev-parse", "HEAD", cwd=clone) == git("rev-parse", "HEAD", cwd=REPO)
    python = shutil.which("python3", path=DEBIAN_PATH)
    assert python is not None and not python.startswith(str(REPO))
    env = {**os.environ, "PATH": DEBIAN_PATH}
    for name in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH"):
        env.pop(name, None)  # nothing of this checkout's environment may help the clone
    done = subprocess.run(
        ["make", "check"], cwd=clone, env=env, capture_output=True, text=True, timeout=1200
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    assert "0 error(s)" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert (clone / ".tools" / "bin" / "uv").is_file(), "uv was bootstrapped into .tools/"
