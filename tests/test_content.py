"""The bank itself: length bands per level, the handbook's own words, no residue from the sources."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bank import QUESTIONS, prose_words
from conftest import ROOT, SHARED

BANDS = {"junior": (50, 130), "mid": (90, 200), "senior": (110, 250)}
VERBATIM = SHARED / "tools" / "verbatim_check.py"


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_each_level_is_within_its_length_band(question) -> None:
    for level, (low, high) in BANDS.items():
        words = prose_words(question.answers[level])
        assert low <= words <= high, f"{question.path}: {level} has {words} words of prose (band {low}-{high})"


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_levels_deepen(question) -> None:
    junior, mid, senior = (prose_words(question.answers[lv]) for lv in ("junior", "mid", "senior"))
    assert senior > junior, f"{question.path}: the senior answer should go further than the junior one"
    assert senior > mid, f"{question.path}: the senior answer ({senior} words) says less than the mid one ({mid})"


FIRST_PERSON = re.compile(r"\b(I|I'm|I've|my|Cathay)\b")


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_no_first_person_or_project_stories(question) -> None:
    """Everything a reader sees; `keywords:` and `errors:` are never shown and are written as readers type
    ("stop clients flooding my API")."""
    shown = [question.title, *question.aliases, *question.answers.values(),
             *(f"{c.claim} {c.fact}" for c in question.corrections)]
    text = "\n".join(shown)
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    prose = re.sub(r"`[^`]*`", "", prose)
    assert not FIRST_PERSON.findall(prose), f"{question.path}: first-person or project reference"


def test_senior_answers_carry_follow_ups_and_red_flags() -> None:
    missing = [q.id for q in QUESTIONS
               if '!!! question "Follow-ups"' not in q.answers["senior"] or '!!! danger "Red flags"' not in q.answers["senior"]]
    assert not missing, f"senior answers without Follow-ups and Red flags: {missing}"


@pytest.mark.skipif(not VERBATIM.exists(), reason=f"{VERBATIM} is absent (../shared is not beside this checkout)")
def test_no_sentence_is_copied_from_a_source() -> None:
    done = subprocess.run([sys.executable, str(VERBATIM), "content", "docs"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().startswith("0 shared passage(s)")


@pytest.mark.skipif(not VERBATIM.exists(), reason=f"{VERBATIM} is absent (../shared is not beside this checkout)")
def test_source_wording_outside_the_bank_is_only_cited_question_titles() -> None:
    """The registry (`asked:`) and the dedup labels (`question:`) quote each source's question titles,
    as citations. Any other text there, or anywhere else in the repository, is the handbook's own."""
    paths = ["sources", "tests", "scripts", "examples", "README.md", "CONTRIBUTING.md"]
    done = subprocess.run([sys.executable, str(VERBATIM), *paths], cwd=ROOT, capture_output=True, text=True)

    def plain(text: str) -> str:
        return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("'", "").replace("\u2019", "")).split())

    uncited = []
    found = re.findall(r'^(\S+): \d+ words shared with \S+: "(.*)"$', done.stdout, flags=re.M)
    for path, passage in found:
        text = (ROOT / path).read_text(encoding="utf-8")
        titles = re.findall(r"^\s*-?\s*(?:asked|question): (.*)$", text, flags=re.M)
        if not path.startswith(("sources/", "tests/data/")) or not any(passage in plain(t) for t in titles):
            uncited.append(f"{path}: {passage}")
    assert found, "the check found no cited title at all: is it reading the registry?"
    assert uncited == []


def test_each_error_message_has_one_home() -> None:
    """A pasted error message should find the one question that explains it (`errors:` front matter)."""
    homes: dict[str, list[str]] = {}
    for q in QUESTIONS:
        for message in q.errors:
            homes.setdefault(message.strip().lower(), []).append(q.id)
    shared = {message: ids for message, ids in homes.items() if len(ids) > 1}
    assert not shared, shared


def test_search_keywords_and_errors_are_short_and_distinct() -> None:
    for q in QUESTIONS:
        for value in (*q.keywords, *q.errors):
            assert "\n" not in value and len(value) <= 300, f"{q.path}: {value[:60]}"
        assert len(set(map(str.lower, q.keywords))) == len(q.keywords), f"{q.path}: a keyword is listed twice"
