"""What a source's own answer to each of its questions is about: a few of the answer's most telling words.

A question often names no subject of its own ("What does the following code do?", "How do you handle
it at scale?") while the answer below it does. Ingest records, for every question, a *digest* of the
text between it and the next question: at most :data:`DIGEST_WORDS` words, those most particular to
this answer within its document (TF-IDF over the document's answers: a word every answer uses says
little), best first. The de-duplication report reads the digest as the question's context
(:mod:`handbook.candidate_order`). A digest is a list of words, never a sentence of the source.
"""

from __future__ import annotations

import math
from collections import Counter

from bs4 import BeautifulSoup

from .normalise import surface_terms

DIGEST_WORDS = 12     # enough to name an answer's subject; few enough never to repeat the source's prose
ANSWER_LINES = 40     # an answer's opening: the lines below its question that the digest reads
ANSWER_CHARS = 3000


def answer_texts(lines: list[str], starts: list[int], html: bool = False) -> list[str]:
    """The text below each question (``starts``: 1-based question lines, in any order) up to the next
    question or the end, at most ``ANSWER_LINES`` lines and ``ANSWER_CHARS`` characters; with ``html``, the
    text of that part of an HTML page (parsed with BeautifulSoup), not its markup."""
    ordered = sorted(set(starts))
    following = dict(zip(ordered, [*ordered[1:], len(lines) + 1], strict=True))
    out = []
    for start in starts:
        below = "\n".join(lines[start:min(following[start] - 1, start + ANSWER_LINES)])
        if html:
            below = BeautifulSoup(below, "html.parser").get_text(" ")
        out.append(below[:ANSWER_CHARS])
    return out


def digests(answers: list[str]) -> list[str]:
    """Each answer's digest: its most particular words (weight: log-scaled count times the inverse share of
    the document's answers that use the word), best first, joined by spaces; "" for an answer with none."""
    bags = []
    for text in answers:
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
        words: list[str] = []
        for term in sorted(weight, key=lambda t: (-weight[t], t)):
            word = surface[term]
            if word.lower() not in (w.lower() for w in words):
                words.append(word)
            if len(words) == DIGEST_WORDS:
                break
        out.append(" ".join(words))
    return out
