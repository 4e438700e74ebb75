"""Read the real question bank for content tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT
from handbook.body import code_blocks, prose_lines
from handbook.frontmatter import split_front_matter
from handbook.loader import load_content

TOPICS, QUESTIONS = load_content(ROOT / "content", ROOT)


@dataclass(frozen=True)
class Block:
    """A code block of the bank and where it is."""

    where: str
    lang: str
    code: str


def all_blocks() -> list[Block]:
    blocks = []
    for q in QUESTIONS:
        path = ROOT / q.path
        front, _ = split_front_matter(path.read_text(encoding="utf-8"), q.path)
        for block in code_blocks(front.body):
            blocks.append(Block(f"{q.path}:{front.body_line + block.index}", block.lang, block.code))
    return blocks


ADMONITION = re.compile(r"^(!!!|\?\?\?)")


def prose_words(answer: str) -> int:
    """Words of prose in an answer: code blocks and admonitions (Follow-ups, Red flags) excluded."""
    words = 0
    in_admonition = False
    for _, line, in_code in prose_lines(answer):
        if in_code:
            continue
        if ADMONITION.match(line):
            in_admonition = True
            continue
        if in_admonition and (line.startswith("    ") or not line.strip()):
            continue
        in_admonition = False
        words += len(re.findall(r"[A-Za-z0-9][\w'’./+-]*", line))
    return words


def question_file(qid: str) -> Path:
    return next(ROOT / q.path for q in QUESTIONS if q.id == qid)
