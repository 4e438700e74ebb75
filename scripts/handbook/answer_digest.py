"""What a source's own answer to each of its questions is about: a few of the answer's most telling words.

A question often names no subject of its own ("What does the following code do?", "How do you handle
it at scale?") while the answer below it does. Ingest records, for every question, a *digest* of its
answer in the document: at most :data:`DIGEST_WORDS` words, those most particular to this answer within
its document (TF-IDF over the document's answers: a word every answer uses says little), best first.
The de-duplication report reads the digest as the question's context (:mod:`handbook.candidate_order`).
A digest is a list of words, never a sentence of the source; a question the document does not answer
has none.

An answer (:func:`answers`) is the rest of the question's own line (a table row's other cells, "Q: … A: …")
and the lines below it, up to the first of: the next question, the next heading at the level of the
question's section or above, and ``ANSWER_LINES`` lines; none below it when the reader says the answer
shares the question's line. Markup is read as its text: HTML tags (parsed with BeautifulSoup) and the
targets of Markdown links and images are dropped.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from bs4 import BeautifulSoup

from .normalise import surface_terms
from .readers.base import Document, Found, Heading

DIGEST_WORDS = 12     # enough to name an answer's subject; few enough never to repeat the source's prose
ANSWER_LINES = 40     # an answer's opening: the lines below its question that the digest reads
ANSWER_CHARS = 3000
LINK_TARGET = re.compile(r"(!?)\[([^\]]*)\]\([^)]*\)")  # Markdown [text](target) and ![alt](target)
BARE_URL = re.compile(r"\b(?:https?|ftp)://\S+")
TAG_HINT = re.compile(r"<[a-zA-Z/!]")  # text that holds HTML: the parser reads it


def answers(doc: Document, found: list[Found]) -> dict[int, str]:
    """The answer to each found question, by the question's line (see the module docstring)."""
    starts = sorted({f.line for f in found})
    following = dict(zip(starts, [*starts[1:], len(doc.lines) + 1], strict=True))
    headings = doc.headings
    out: dict[int, str] = {}
    for item in found:
        last = min(following[item.line] - 1, item.line + ANSWER_LINES, _section_end(headings, item.line))
        if item.end == item.line:  # the reader says the answer shares the question's line (a table row)
            last = item.line
        own = doc.lines[item.line - 1] if item.line <= len(doc.lines) else ""
        rest = own.split(item.text, 1)[1] if item.text and item.text in own else ""
        out[item.line] = readable("\n".join([rest, *doc.lines[item.line:last]]))
    return out


def _section_end(headings: list[Heading], line: int) -> int:
    """The last line before the next heading at the level of ``line``'s section or above (the question's own
    heading counts as its section); a document's last line when none follows."""
    level = 7
    for heading in headings:
        if heading.line > line:
            if heading.level <= level:
                return heading.line - 1
        else:
            level = heading.level
    return 10**9


def readable(text: str) -> str:
    """The words of a piece of Markdown or HTML: tags and link targets dropped, at most ``ANSWER_CHARS``
    characters, cut at a space."""
    text = BARE_URL.sub(" ", LINK_TARGET.sub(r"\2", text))
    if TAG_HINT.search(text):
        text = BeautifulSoup(text, "html.parser").get_text(" ")
    if len(text) > ANSWER_CHARS:
        text = text[:ANSWER_CHARS].rsplit(None, 1)[0]
    return text


def digests(texts: list[str]) -> list[str]:
    """Each answer's digest: its most particular words (weight: log-scaled count times the inverse share of
    the document's answers that use the word), best first, joined by spaces; "" for an answer with none.
    A code name stands for its parts: ``select_related`` leaves no room for ``select`` and ``related``."""
    bags = []
    for text in texts:
        counts: Counter[str] = Counter()
        surface: dict[str, str] = {}
        for term, word in surface_terms(text):
            counts[term] += 1
            surface.setdefault(term, word)
        bags.append((counts, surface))
    used_by = Counter(term for counts, _ in bags for term in counts)
    total = len(bags)
    out = []
    for counts, surface in bags:
        weight = {t: (1 + math.log(n)) * (math.log((1 + total) / (1 + used_by[t])) + 1) for t, n in counts.items()}
        parts = {p.lower() for word in surface.values() if re.search(r"[._]", word)
                 for p in re.split(r"[._]+", word) if p}
        words: list[str] = []
        for term in sorted(weight, key=lambda t: (-weight[t], t)):
            word = surface[term]
            if word.lower() in parts or word.lower() in (w.lower() for w in words):
                continue
            words.append(word)
            if len(words) == DIGEST_WORDS:
                break
        out.append(" ".join(words))
    return out
