"""Tune Material's search index after the search plugin has written it.

* Code names stay whole in the text (the separator does not split ``_``, ``.`` or camelCase), so
  ``post_save`` or ``IsAuthenticated`` match precisely; their parts (``post save``,
  ``is authenticated``) go into an extra ``parts`` field, so "related" still finds
  ``select_related``.
* Topic pages' own entries get a low boost: Material shows only the best entry of each page and
  folds the rest, so a topic title must never outrank the questions under it.
* Code blocks keep only their distinct names and words, in order (a third of the index was code
  syntax repeated in every example): every name a reader could search for stays findable, and the
  index that each page downloads stays small.
"""

from __future__ import annotations

import re

TOPIC_PAGE_BOOST = 0.05
COMPOUND = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+\b|\b[A-Za-z]+[a-z0-9][A-Z][A-Za-z0-9]*\b")
PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
CODE_BLOCK = re.compile(r"<pre>(.*?)</pre>", re.S)
CODE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
# Python syntax that says nothing about the subject of an example.
SYNTAX = frozenset({"and", "as", "assert", "async", "await", "class", "def", "elif", "else", "for", "from", "if",
                    "import", "in", "is", "lambda", "not", "or", "pass", "return", "self", "cls", "with", "None",
                    "True", "False", "amp", "lt", "gt", "quot", "code"})


def parts_of(name: str) -> list[str]:
    """``select_related`` -> select, related; ``SerializerMethodField`` -> serializer, method, field."""
    return [p.lower() for piece in re.split(r"[_.]", name) for p in PART.findall(piece)]


def code_parts(text: str) -> str:
    """The parts of every compound code name in a text, once each, in order of appearance.

    A dotted name also contributes each of its pieces whole (``request.get_signed_cookie`` ->
    ``get_signed_cookie``), so a reader who types the last piece finds it.
    """
    seen: dict[str, None] = {}
    for match in COMPOUND.finditer(re.sub(r"<[^>]+>", " ", text)):
        name = match.group(0)
        pieces = name.split(".") if "." in name else []
        for part in [*(p.lower() for p in pieces), *parts_of(name)]:
            if len(part) > 1:
                seen.setdefault(part, None)
    return " ".join(seen)


def condense_code(text: str) -> str:
    """Replace each ``<pre>`` block by its distinct names and words, once each, in order of appearance."""
    def names(match: re.Match[str]) -> str:
        words = dict.fromkeys(w for w in CODE_WORD.findall(re.sub(r"<[^>]+>", " ", match.group(1)))
                              if w not in SYNTAX and len(w) > 1)
        return f"<pre><code>{' '.join(words)}</code></pre>"
    return CODE_BLOCK.sub(names, text)


def tune(index: dict, topic_ids: list[str]) -> dict:
    """Condense code blocks, add ``parts`` to every entry and lower the boost of topic pages' own entries."""
    topic_pages = {f"{topic_id}/" for topic_id in topic_ids}
    for doc in index["docs"]:
        if "text" in doc:
            doc["text"] = condense_code(doc["text"])
        parts = code_parts(f"{doc.get('title', '')} {doc.get('text', '')}")
        if parts:
            doc["parts"] = parts
        if doc["location"] in topic_pages:
            doc["boost"] = TOPIC_PAGE_BOOST
    return index
