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
question's section or above (headings inside the span a reader claims for a question are its answer's),
and ``ANSWER_LINES`` lines; none below it when the reader says the answer shares the question's line and
that line holds more than the question. Markup is read as its text (:func:`readable`).
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
LINK_TARGET = re.compile(r"(!?)\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")  # [text](target), ![alt](target)
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)  # [name]: target "title"
FENCE_INFO = re.compile(r"^(\s*(?:```|~~~))[^\n]*$", re.MULTILINE)  # ```python: the fence stays, its language goes
CODE_NAME = re.compile(r"[._]|[a-z][A-Z]")  # select_related, manage.py, ForeignKey: names made of parts
CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
BARE_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)\S+")
# The elements Markdown answers and HTML pages use; a "<" before anything else is text, not markup.
ELEMENTS = ("a|abbr|b|blockquote|body|br|caption|code|dd|del|details|div|dl|dt|em|figcaption|figure|h[1-6]|head|"
            "header|hr|html|i|img|ins|kbd|li|main|mark|meta|nav|ol|p|pre|q|s|section|small|span|strong|sub|summary|"
            "sup|table|tbody|td|tfoot|th|thead|title|tr|u|ul|!--|!doctype")
HTML_TAG = re.compile(rf"</?(?:{ELEMENTS})(?=[\s/>])", re.IGNORECASE)
NOT_A_TAG = re.compile(rf"<(?!/?(?:{ELEMENTS})(?=[\s/>]))", re.IGNORECASE)


def answers(doc: Document, found: list[Found]) -> dict[int, str]:
    """The answer to each found question, by the question's line (see the module docstring)."""
    starts = sorted({f.line for f in found})
    following = dict(zip(starts, [*starts[1:], len(doc.lines) + 1], strict=True))
    # a heading inside the span a reader claims for a question and its answer ("### Answer", "#### Example") is
    # part of that answer: it neither ends an answer nor sets a question's section level
    inside = {h.line for h in doc.headings for f in found if f.line < h.line <= f.end}
    headings = [h for h in doc.headings if h.line not in inside]
    out: dict[int, str] = {}
    for item in found:
        last = min(following[item.line] - 1, item.line + ANSWER_LINES, _section_end(headings, item.line))
        if not doc.markdown and item.end >= item.line:  # code data: the answer is the question's own object
            last = min(last, item.end)
        own = doc.lines[item.line - 1] if item.line <= len(doc.lines) else ""
        rest = own.split(item.text, 1)[1] if item.text and item.text in own else ""
        if item.end == item.line and readable(rest).strip(" |*_"):  # the answer shares the question's line (a table row)
            last = item.line
        out[item.line] = readable("\n".join([rest, *doc.lines[item.line:last]]))
    return out


def _section_end(headings: list[Heading], line: int) -> int:
    """The last line before the first heading after ``line`` whose level is that of the nearest heading at or
    above ``line`` (the question's own, or its section's) or higher; with no heading above, the first heading
    after it. ``10**9`` (no end) when no such heading follows."""
    level = 7
    for heading in headings:
        if heading.line > line:
            if heading.level <= level:
                return heading.line - 1
        else:
            level = heading.level
    return 10**9


def readable(text: str) -> str:
    """The words of a piece of Markdown or HTML, at most ``ANSWER_CHARS`` characters, cut at a space: HTML
    elements read as their text (parsed with BeautifulSoup; a ``<`` that opens no HTML element, as in
    ``<int:pk>`` or ``a<b``, is kept as written), link and image targets, reference definitions, URLs and code
    fences' language names dropped."""
    text = REFERENCE.sub(" ", FENCE_INFO.sub(r"\1", text))
    text = BARE_URL.sub(" ", LINK_TARGET.sub(r"\2", text))
    if HTML_TAG.search(text):
        kept = NOT_A_TAG.sub("&lt;", text.replace("&", "&amp;"))  # the parser reads only real elements
        text = BeautifulSoup(kept, "html.parser").get_text(" ")
    if len(text) > ANSWER_CHARS:
        head = text[:ANSWER_CHARS + 1].rsplit(None, 1)
        text = head[0] if len(head) > 1 and head[0].strip() else text[:ANSWER_CHARS]
    return text


def digests(texts: list[str]) -> list[str]:
    """Each answer's digest: its most particular words (weight: log-scaled count times the inverse share of
    the document's answers that use the word), best first, joined by spaces; "" for an answer with none.
    A code name stands for its parts: ``select_related`` leaves no room for ``select`` and ``related``, nor
    ``ForeignKey`` for ``foreign`` and ``key``."""
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
        parts = {p.lower() for word in surface.values() if CODE_NAME.search(word)
                 for p in CAMEL_PART.findall(word) if p.lower() != word.lower()}
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
