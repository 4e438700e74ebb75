"""``mkdocs serve`` regenerates the pages when a question file changes, and does not loop."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_on_a_question_change_without_a_loop(project: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/web-and-rest/"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file",
         str(project / "mkdocs.yml")], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(process.stdout.readline, "")), daemon=True).start()
    try:
        assert wait_for(lambda: "What is CORS?" in get(url), 90), "".join(log)
        question = project / "content" / "questions" / "web-and-rest" / "cors.md"
        marker = "Live reload marker sentence."
        question.write_text(question.read_text(encoding="utf-8").replace("## Junior\n", f"## Junior\n\n{marker}\n", 1),
                            encoding="utf-8")
        assert wait_for(lambda: marker in get(url), 60), "the page was not regenerated:\n" + "".join(log)
        time.sleep(2)
        builds = sum("Building documentation" in line for line in log)
        time.sleep(6)
        assert sum("Building documentation" in line for line in log) == builds, "rebuild loop:\n" + "".join(log)
    finally:
        process.terminate()
        process.wait(timeout=20)
