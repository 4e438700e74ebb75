"""Read a raw source document and list the interview questions it asks.

Three layouts are understood (``detect_format`` picks one):

* ``markdown`` - ``### 1. Question`` or ``1. ### Question`` headings under ``## Section`` headings;
* ``numbered`` - PDF-to-text numbered lists (``1. What is ...?``) under plain-text section titles;
* ``prose`` - articles whose questions are standalone heading lines.

Broken encodings are repaired with ftfy. Navigation residue ("Back to Top", link-only table of
contents lines) is dropped first, and a heading only counts as a question when an answer of at
least a few words follows it, which leaves out tables of contents and teaser lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from .model import SourceQuestion

FORMATS = ("markdown", "numbered", "prose")
MIN_ANSWER_WORDS = 8
SECTION_WORDS = 8  # a section heading is cited by its first words, not copied whole

NAV_LINE = re.compile(
    r"back to top|^\s*[-*]\s*\[[^\]]*\]\(#[^)]*\)\s*$|^\s*table of contents\s*$|^\s*visit \[[^\]]*\]\(#\)|connect with me",
    re.IGNORECASE,
)
NUMBERED = re.compile(r"^ {0,3}(\d{1,3})[.)]\s+(.+?)\s*$")
MD_SECTION = re.compile(r"^##\s+(.+?)\s*#*\s*$")
MD_QUESTION = re.compile(r"^\s{0,4}(?:(\d{1,3})\.\s+)?#{3,4}\s+(?:(\d{1,3})\.\s+)?(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")

INTERROGATIVES = {"what", "what's", "whats", "how", "why", "when", "where", "which", "who", "is", "are", "do",
                  "does", "can", "should", "would", "could", "will"}
IMPERATIVES = {"explain", "describe", "define", "compare", "differentiate", "difference", "list", "name",
               "walk", "tell"}
SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "with", "vs", "by", "at", "as"}
LEVEL_WORDS = {
    "junior": ("junior", "basic", "beginner", "fundamental"),
    "mid": ("mid-level", "mid level", "intermediate", "mid "),
    "senior": ("senior", "advanced", "expert"),
}


@dataclass
class Candidate:
    """A heading that may be a question, before the answer-length check."""

    line: int
    text: str
    number: int | None
    section: str | None


def repair(raw: str) -> str:
    """Fix mojibake (``â€™``), normalise line ends and drop navigation lines, keeping line numbers."""
    text = ftfy.fix_text(raw.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join("" if NAV_LINE.search(line) else line.rstrip() for line in text.split("\n"))


def clean_inline(text: str) -> str:
    """Strip Markdown emphasis, leading symbols and extra spaces from a heading."""
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    text = re.sub(r"^[^\w`'\"(]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def first_word(text: str) -> str:
    match = WORD.search(text)
    return match.group(0).lower().replace("’", "'") if match else ""


def is_title_case(text: str) -> bool:
    """True when most significant words after the first start with a capital, as headings do."""
    words = [w for w in WORD.findall(text)[1:] if w.lower() not in SMALL_WORDS and len(w) > 3]
    if not words:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.8


def looks_like_question(text: str, *, heading_style: bool = False) -> bool:
    """Whether a heading reads as an interview question.

    With ``heading_style`` (prose articles), a title-cased line with no question mark is taken as a
    section title rather than a question: "How Our Product Can Help You" is an ad heading.
    """
    text = text.strip()
    if not text or len(text) > 200:
        return False
    if text.endswith("?"):
        return True
    word = first_word(text)
    if word in IMPERATIVES:
        return not text.endswith((":", ","))
    if word in INTERROGATIVES and not text.endswith((".", ":", ",", ";", "!")):
        return not (heading_style and is_title_case(text))
    return False


def is_code_like(text: str) -> bool:
    return bool(re.search(r"[(){}\[\]=<>]|^\s*(from|import|def|class|return|@|#)\b", text)) or text.endswith(":")


def is_section_title(text: str) -> bool:
    """A plain-text line that reads as a section title."""
    text = text.strip()
    return (0 < len(text) <= 100 and not is_code_like(text) and not text.endswith((".", ",", ";", "?", "!"))
            and not re.match(r"^[-*•\d]", text) and "\t" not in text and text[0].isupper())


def cite_section(section: str | None) -> str | None:
    """A section heading shortened to its first words: enough to find it, not a copy of the prose."""
    if not section:
        return section
    words = section.split()
    return section if len(words) <= SECTION_WORDS else " ".join(words[:SECTION_WORDS]) + " …"


def level_of(section: str | None) -> str | None:
    """The interview level a section title states, if any."""
    if not section:
        return None
    lowered = f" {section.lower()} "
    for level, words in LEVEL_WORDS.items():
        if any(w in lowered for w in words):
            return level
    return None


def detect_format(text: str) -> str:
    """Guess the layout of a repaired document."""
    lines = text.split("\n")
    md = sum(bool(MD_QUESTION.match(line) and "#" in line) for line in lines)
    numbered = sum(bool(NUMBERED.match(line) and looks_like_question(NUMBERED.match(line).group(2))) for line in lines)
    if md >= 3:
        return "markdown"
    if numbered >= 3:
        return "numbered"
    return "prose"


def _nearest_title(lines: list[str], start: int, stop: int) -> str | None:
    """The closest section-title line above ``start`` and below ``stop``."""
    for index in range(start - 1, stop, -1):
        if is_section_title(lines[index]):
            return clean_inline(lines[index])
    return None


def _numbered_candidates(lines: list[str]) -> list[Candidate]:
    out: list[Candidate] = []
    section: str | None = None
    previous_number, previous_line = 0, -1
    for index, line in enumerate(lines):
        match = NUMBERED.match(line)
        if not match or not looks_like_question(clean_inline(match.group(2))):
            continue
        number = int(match.group(1))
        if number <= previous_number:
            section = _nearest_title(lines, index, previous_line)
        elif previous_line < 0:
            section = _nearest_title(lines, index, -1)
        out.append(Candidate(index + 1, clean_inline(match.group(2)), number, section))
        previous_number, previous_line = number, index
    return out


def _markdown_candidates(lines: list[str]) -> list[Candidate]:
    out: list[Candidate] = []
    section: str | None = None
    heading_since = False
    previous_number = 0
    for index, line in enumerate(lines):
        section_match = MD_SECTION.match(line)
        if section_match:
            section, heading_since = clean_inline(section_match.group(1)), True
            continue
        match = MD_QUESTION.match(line)
        if not match:
            continue
        number = int(match.group(1) or match.group(2) or 0) or None
        if number is not None and number <= previous_number and not heading_since:
            section = None
        out.append(Candidate(index + 1, clean_inline(match.group(3)), number, section))
        previous_number, heading_since = number or previous_number, False
    return out


def _prose_candidates(lines: list[str]) -> list[Candidate]:
    out: list[Candidate] = []
    section: str | None = None
    in_code = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_code = not in_code
            continue
        text = line.strip()
        if in_code or not text or len(text) > 160 or "\t" in text or re.match(r"^[-*•]", text):
            continue
        if looks_like_question(text, heading_style=True):
            out.append(Candidate(index + 1, clean_inline(text), None, section))
        elif is_section_title(text) and is_title_case(text) and len(WORD.findall(text)) >= 3:
            section = clean_inline(text)
            out.append(Candidate(index + 1, "", None, section))  # a boundary, not a question
    return out


def _answer_words(lines: list[str], start: int, end: int) -> int:
    return sum(len(WORD.findall(line)) for line in lines[start:end])


def extract(text: str, fmt: str, skip_sections: list[str] | None = None,
            skip_questions: list[str] | None = None) -> list[SourceQuestion]:
    """List the questions of a repaired document in order, with stable references."""
    lines = text.split("\n")
    finder = {"numbered": _numbered_candidates, "markdown": _markdown_candidates, "prose": _prose_candidates}[fmt]
    candidates = finder(lines)
    skip_s = [re.compile(p, re.IGNORECASE) for p in skip_sections or []]
    skip_q = [re.compile(p, re.IGNORECASE) for p in skip_questions or []]
    questions: list[SourceQuestion] = []
    refs: set[str] = set()
    part, previous_number, ordinal = 1, 0, 0
    for position, cand in enumerate(candidates):
        if not cand.text:
            continue
        end = candidates[position + 1].line - 1 if position + 1 < len(candidates) else len(lines)
        if _answer_words(lines, cand.line, end) < MIN_ANSWER_WORDS:
            continue
        if any(p.search(cand.section or "") for p in skip_s) or any(p.search(cand.text) for p in skip_q):
            continue
        if cand.number is not None and cand.number <= previous_number:
            part += 1
        previous_number = cand.number or previous_number
        ordinal += 1
        ref = _reference(cand, part, ordinal, refs)
        questions.append(SourceQuestion(ref=ref, asked=cand.text, section=cite_section(cand.section),
                                        level=level_of(cand.section), line=cand.line))
    return questions


SLUG_NOISE = {"the", "and", "in", "of", "questions", "question", "interview", "answers", "a", "to"}


def _slug(text: str) -> str:
    """The first three meaningful words of a section title, kebab-cased."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in SLUG_NOISE]
    return "-".join(words[:3]) or "section"


def _reference(cand: Candidate, part: int, ordinal: int, taken: set[str]) -> str:
    """A short, stable, readable reference: ``<section>-<number>``, ``part<k>-<number>`` or ``q<n>``."""
    prefix = _slug(cand.section) if cand.section else f"part{part}"
    base = f"{prefix}-{cand.number}" if cand.number is not None else f"q{ordinal}"
    ref, suffix = base, 2
    while ref in taken:
        ref, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(ref)
    return ref


def ingest_text(raw: str, fmt: str = "auto", skip_sections: list[str] | None = None,
                skip_questions: list[str] | None = None) -> tuple[str, list[SourceQuestion]]:
    """Repair a raw document and extract its questions; returns the format used and the questions."""
    text = repair(raw)
    chosen = detect_format(text) if fmt == "auto" else fmt
    if chosen not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (choose from auto, {', '.join(FORMATS)})")
    return chosen, extract(text, chosen, skip_sections, skip_questions)
