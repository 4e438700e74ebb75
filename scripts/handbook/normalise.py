"""Reduce a question to the words that identify it, so phrasing differences do not hide a match."""

from __future__ import annotations

import re

PHRASES = (
    (r"django\s+rest\s+framework(\s*\(drf\))?", " drf "),
    (r"\brest\s+framework\b", " drf "),
    (r"\bjson\s+web\s+tokens?\b(\s*\(jwts?\))?", " jwt "),
    (r"\bwhat's\b", " what "),
)
STOP_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "to", "and", "or", "do", "does", "did", "you", "your", "is", "are",
    "was", "be", "been", "being", "it", "its", "what", "whats", "how", "why", "when", "which", "who", "whom",
    "can", "could", "should", "would", "will", "shall", "there", "this", "that", "these", "those", "between",
    "difference", "vs", "versus", "explain", "describe", "define", "tell", "me", "us", "about", "with", "for",
    "by", "from", "into", "as", "at", "meant", "mean", "means", "some", "any", "we", "our", "i", "my", "one",
    "their", "they", "them", "use", "used", "using", "if", "than", "then", "so", "also", "provided", "give",
    "example",
})
KEEP_PLURAL = frozenset({"https", "status", "always", "alias", "access", "class", "process", "previous",
                         "various", "less", "unless", "cors", "was", "is", "this", "its", "has", "does",
                         "pros", "cons", "series", "analysis", "basis"})
TOKEN = re.compile(r"[a-z0-9]+(?:\+[a-z0-9]+)?")


def singular(word: str) -> str:
    """A light plural strip: ``cookies`` -> ``cookie``, ``viewsets`` -> ``viewset``."""
    if word in KEEP_PLURAL or len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The identifying words of a question, in order."""
    text = text.lower().replace("`", " ").replace("_", " ").replace("-", " ")
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, replacement, text)
    return [singular(t) for t in TOKEN.findall(text) if t not in STOP_WORDS]


def normalise(text: str) -> str:
    """A question's identifying words joined by spaces (the string fuzzy matching compares)."""
    return " ".join(tokens(text))
