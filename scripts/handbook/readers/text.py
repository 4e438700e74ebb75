"""Text rules the readers share: what reads as a question, and how a question's markers come off."""

from __future__ import annotations

import re

INTERROGATIVES = {"what", "what's", "whats", "how", "why", "when", "where", "which", "who", "whom", "whose", "is", "are",
                  "do", "does", "did", "can", "could", "should", "would", "will", "have", "has", "was", "were"}
IMPERATIVES = {"explain", "describe", "define", "compare", "contrast", "differentiate", "difference", "differences",
               "list", "name", "walk", "tell", "give", "discuss", "outline", "implement", "write", "show", "design",
               "illustrate", "summarize", "summarise", "distinguish", "elaborate", "enumerate"}
# Nouns that open a prompt naming what to talk about ("Importance of X", "Types of X"): a task, like "Explain".
ASPECTS = {"importance", "significance", "purpose", "advantages", "disadvantages", "benefits", "drawbacks", "pros",
           "types", "kinds", "features", "role", "uses", "use"}
QUESTION_MARKS = ("?", "？", "؟")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A question's own number: "12.", "12)", "Q12.", "Q12:", "Q 12 -", "Q-12", "Q#12", and a follow-up's "4a." / "4b)".
OWN_NUMBER = re.compile(r"^(?:Q\s?[-#]?\s?(\d{1,4})\s?[.):\-–]?\s*|(\d{1,4})(?:[a-z]?[.)]|\s?[:\-–])\s+)(?=\S)")
WRAPPERS = ("***", "**", "__", "*", "_")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain(text: str) -> str:
    """Text without Markdown emphasis and code markers, for judging it (never for recording it)."""
    return collapse(re.sub(r"\\(?=[_*`])|[*`]|(?<!\w)_|_(?!\w)", "", text))


def first_word(text: str) -> str:
    match = WORD.search(plain(text))
    return match.group(0).lower().replace("’", "'") if match else ""


def looks_like_question(text: str) -> bool:
    """Whether a line reads as an interview question: a question mark, or a question or task word first."""
    text = plain(text)
    if not text or len(text) > 400:
        return False
    if text.endswith(QUESTION_MARKS):
        return True
    word = first_word(text)
    if word in IMPERATIVES or task_after_adverb(text) or topic_prompt(text):
        return not text.endswith((":", ","))
    return word in INTERROGATIVES and not text.endswith((":", ",", ";", "!"))


def topic_prompt(text: str) -> bool:
    """A prompt that names the aspect to talk about: "Importance of X.", "Types of X", "Advantages of X"."""
    words = [w.lower() for w in WORD.findall(plain(text))[:3]]
    return len(words) == 3 and words[0] in ASPECTS and words[1] == "of"


def task_after_adverb(text: str) -> bool:
    """A task word after a leading adverb or "please": "Briefly explain ...", "Please describe ..."."""
    words = [w.lower() for w in WORD.findall(plain(text))[:2]]
    return len(words) == 2 and (words[0].endswith("ly") or words[0] == "please") and words[1] in IMPERATIVES


def split_number(text: str) -> tuple[int | None, str]:
    """A leading own number (``3.``, ``Q12.``) and the text after it."""
    match = OWN_NUMBER.match(text)
    if not match:
        return None, text
    return int(match.group(1) or match.group(2)), text[match.end():]


def unwrap(text: str) -> str:
    """Remove emphasis that wraps the whole text (``**How ...?**``), never emphasis inside it."""
    for marker in WRAPPERS:
        if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker):
            inner = text[len(marker):-len(marker)]
            if marker not in inner and not inner.startswith(("*", "_", " ")) and not inner.endswith(("*", " ")):
                return unwrap(inner.strip())
    return text


def question_text(text: str) -> tuple[int | None, str]:
    """The question as recorded: whitespace collapsed, own number and whole-text emphasis removed."""
    text = collapse(text)
    bare = re.fullmatch(r"(?:Q\s?[-#]?\s?)?(\d{1,4})\s?[.):\-–]?", unwrap(text), re.IGNORECASE)
    if bare:  # a marker with no question after it
        return int(bare.group(1)), ""
    number, rest = split_number(unwrap(text))
    if number is None:
        return None, unwrap(text)
    return number, unwrap(collapse(rest))


def is_link_only(text: str) -> bool:
    """A list item or line that is only a link (table of contents, navigation)."""
    return bool(re.fullmatch(r"\s*(?:\d+[.)]\s*)?\[[^\]]*\]\([^)]*\)\s*[.,;]?\s*", text))
