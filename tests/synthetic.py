"""A real project grown to a given number of questions with synthetic ones, to measure how the site scales.

The synthetic questions live in one extra topic, so every real page keeps its content and any change in its
weight comes from the size of the bank. Their words are made up: they never match a source question or each
other, so de-duplication and the build's checks pass as they do on the real content.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from handbook.pipeline import Paths, load

SYLLABLES = ["ka", "lo", "mi", "zor", "qu", "ve", "nib", "tal", "ur", "ox", "pem", "dra", "sil", "fen", "gu", "bra"]
TOPIC = "synthetic-scale"


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def _prose(rng: random.Random, sentences: int) -> str:
    return " ".join(" ".join(_words(rng, rng.randint(8, 16))).capitalize() + "." for _ in range(sentences))


def pin_decisions(root: Path) -> None:
    """Record today's "covered" decisions as review decisions: a bigger bank shifts the matcher's word weights,
    and a borderline source question must not turn into a review item of a test that is about page weight."""
    report = load(Paths(root)).report
    path = root / "sources" / "overrides.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    known = {(e["source"], e["ref"]) for kind in ("map", "new", "off_topic") for e in data.get(kind) or []}
    data.setdefault("map", [])
    data["map"] = (data["map"] or []) + [
        {"source": m.source, "ref": m.ref, "id": m.id, "why": "Pinned for the synthetic scale test."}
        for m in report.by_status("covered") if (m.source, m.ref) not in known]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def grow_bank(root: Path, total: int, seed: int = 500) -> int:
    """Add synthetic questions to the project at ``root`` until its bank has ``total``; return how many were added."""
    pin_decisions(root)
    rng = random.Random(seed)
    questions = root / "content" / "questions"
    have = sum(1 for _ in questions.rglob("*.md"))
    with (root / "content" / "topics.yml").open("a", encoding="utf-8") as topics:
        topics.write(f"- id: {TOPIC}\n  title: Synthetic scale test\n  summary: Made-up questions that grow the bank.\n")
    folder = questions / TOPIC
    folder.mkdir()
    for i in range(total - have):
        a, b, c = _words(rng, 3)
        code = "\n".join(f"{x} = {y}({z!r})" for x, y, z in zip(_words(rng, 4), _words(rng, 4), _words(rng, 4), strict=True))
        senior = (f"{_prose(rng, 9)}\n\n!!! question \"Follow-ups\"\n    - {_prose(rng, 1)}\n\n"
                  f"!!! danger \"Red flags\"\n    - {_prose(rng, 1)}")
        (folder / f"synthetic-{i:04d}.md").write_text(
            f"---\nid: synthetic-{i:04d}\ntitle: How does the {a} {b} handle {c}?\ntopic: {TOPIC}\nlevel: mid\n---\n\n"
            f"## Junior\n\n{_prose(rng, 4)}\n\n```python\n{code}\n```\n\n## Mid\n\n{_prose(rng, 6)}\n\n## Senior\n\n{senior}\n",
            encoding="utf-8")
    return total - have
