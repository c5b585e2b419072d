"""A build that is interrupted (Ctrl-C) or fails leaves site/ as it was and no site.partial/."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("docs", "build", "facts"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    if (REPO / ".cache" / "charts").is_dir():  # charts already drawn: a faster build
        shutil.copytree(REPO / ".cache" / "charts", project / ".cache" / "charts")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    return project


def wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize(
    "moment",
    ["site.partial", "site.partial/fa"],
    ids=["while-english-builds", "while-persian-builds"],
)
def test_ctrl_c_leaves_the_previous_site_and_no_partial_build(tmp_path: Path, moment: str) -> None:
    project = project_copy(tmp_path)
    env = {**os.environ, "CROSSCHECK_ONLY_LANGUAGE": "fa", "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for(project / moment, build)
        build.send_signal(signal.SIGINT)
        _, stderr = build.communicate(timeout=120)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode != 0, stderr.decode(errors="replace")[-2000:]
    assert not (project / "site.partial").exists()
    assert not (project / "site.previous").exists()
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"
