"""Every document in ../shared/incoming ingests exactly as its hand-checked gold list says.

Count, line numbers and question text must match (the failure message lists the precise
differences); the on-topic decision must agree with the gold flag on the entries that are not
borderline. Skipped when ../shared is absent: tests/test_ingest.py covers every reader on fixtures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED
from handbook.ingest import ingest_document

INCOMING = SHARED / "incoming"
GOLD = sorted(INCOMING.glob("*.gold.json")) if INCOMING.is_dir() else []
pytestmark = pytest.mark.skipif(not GOLD, reason=f"{INCOMING} is absent: the incoming documents and gold lists are not here")
MIN_TOPIC_ACCURACY = 0.95


def document_of(gold: Path) -> Path:
    stem = gold.name.removesuffix(".gold.json")
    (doc,) = [p for p in INCOMING.glob(f"{stem}.*") if not p.name.endswith(".gold.json")]
    return doc


def read_gold(gold: Path) -> tuple[Path, list[dict]]:
    return document_of(gold), json.loads(gold.read_text(encoding="utf-8"))["questions"]


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_ingest_matches_the_gold_list(gold: Path) -> None:
    doc, expected = read_gold(gold)
    got = ingest_document(doc.read_bytes().decode("utf-8"), doc.name).questions
    want = [(q["line"], q["question"]) for q in expected]
    have = [(q.line, q.asked) for q in got]
    missing = [w for w in want if w not in have]
    extra = [h for h in have if h not in want]
    assert have == want, (f"{doc.name}: {len(have)} questions, gold has {len(want)}\n"
                          + "".join(f"  missing {line}: {text!r}\n" for line, text in missing)
                          + "".join(f"  extra   {line}: {text!r}\n" for line, text in extra))


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_off_topic_mark_agrees_with_the_gold_flag(gold: Path) -> None:
    doc, expected = read_gold(gold)
    marks = {q.line: q.off_topic for q in ingest_document(doc.read_bytes().decode("utf-8"), doc.name).questions}
    judged = [q for q in expected if not q.get("borderline") and q["line"] in marks]
    wrong = [q for q in judged if marks[q["line"]] == q["django_or_drf"]]
    accuracy = 1 - len(wrong) / len(judged)
    assert accuracy >= MIN_TOPIC_ACCURACY, (f"{doc.name}: on-topic accuracy {accuracy:.3f}\n"
                                            + "".join(f"  line {q['line']}: gold django_or_drf={q['django_or_drf']}: "
                                                      f"{q['question']!r}\n" for q in wrong))
