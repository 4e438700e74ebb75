"""Reduce a question to the words that identify it, so phrasing differences do not hide a match.

Two views of the same text:

- :func:`tokens` / :func:`normalise`: the identifying words in order, for the fuzzy title score;
- :func:`terms`: retrieval terms for the content matcher. Code names stay whole *and* are split
  (``select_related`` -> ``select_related``, ``select``, ``related``; ``request.data``;
  ``SerializerMethodField``), long names read as their acronyms (Django REST framework -> drf,
  Web Server Gateway Interface -> wsgi), British and American spellings meet (serialiser ->
  serializer), a small synonym table joins words that name one idea (rate limit -> throttling),
  and the Snowball stemmer joins word forms (deploy, deploying, deployment).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Snowball (snowballstemmer): the maintained, pure-Python Porter2 stemmer; no hand-written suffix rules.
import snowballstemmer

PHRASES = (
    (r"django\s+rest\s+framework(\s*\(drf\))?", " drf "),
    (r"\brest\s+framework\b", " drf "),
    (r"\bjson\s+web\s+tokens?\b(\s*\(jwts?\))?", " jwt "),
    (r"\bwhat's\b", " what "),
    (r"\bweb\s+server\s+gateway\s+interface\b(\s*\(wsgi\))?", " wsgi "),
    (r"\basynchronous\s+server\s+gateway\s+interface\b(\s*\(asgi\))?", " asgi "),
    (r"\bcross[\s-]+site\s+request\s+forgery\b(\s*\(csrf\))?", " csrf "),
    (r"\bcross[\s-]+site\s+scripting\b(\s*\(xss\))?", " xss "),
    (r"\bcross[\s-]+origin\s+resource\s+sharing\b(\s*\(cors\))?", " cors "),
    (r"\bobject[\s-]+relational\s+mapp(?:er|ing)\b(\s*\(orm\))?", " orm "),
    (r"\bmodel[\s-]+(?:view[\s-]+template|template[\s-]+view)\b(\s*\((?:mvt|mtv)\))?", " mvt "),
    (r"\bmtv\b", " mvt "),
    (r"\bclass[\s-]+based\s+views?\b(\s*\(cbvs?\))?", " cbv "),
    (r"\bfunction[\s-]+based\s+views?\b(\s*\(fbvs?\))?", " fbv "),
)
# One idea, several names: each left-hand pattern is read as the right-hand words (general terms only).
SYNONYMS = (
    (r"\brate[\s-]+limit(?:s|ing|ed|er)?\b", " throttling "),
    (r"\bauthn\b", " authentication "),
    (r"\bauthz\b", " authorization "),
    (r"\bauth\b", " authentication "),
    (r"\bdbs?\b", " database "),
    (r"\brbac\b|\brole[\s-]+based\s+access(?:\s+control)?\b", " role permission "),
    (r"\baccess\s+control\b", " permission "),
    (r"\bcrud\b", " create read update delete "),
    (r"\bweb\s*sockets?\b", " websocket "),
    (r"\brestful\b", " rest "),
    (r"\benv\b", " environment "),
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
# Words that say how a question is asked, not what it is about: dropped from retrieval terms too.
QUESTION_WORDS = frozenset({
    "work", "works", "working", "role", "purpose", "concept", "different", "differ", "differs", "compare",
    "compared", "handle", "handles", "handling", "implement", "implementing", "implementation", "please",
    "briefly", "typical", "key", "main", "important", "common", "way", "ways", "happen", "happens", "get",
    "make", "like", "well", "just", "only", "each", "other", "own", "more", "most", "much", "many", "need",
    "after", "before", "over", "under", "not", "no", "yes", "have", "has", "had", "all", "e", "g", "etc",
    "here", "where", "while", "up", "out", "now", "new", "first", "time", "thing", "things", "help", "helps",
    "write", "create", "created", "creating",
})
KEEP_PLURAL = frozenset({"https", "status", "always", "alias", "access", "class", "process", "previous",
                         "various", "less", "unless", "cors", "was", "is", "this", "its", "has", "does",
                         "pros", "cons", "series", "analysis", "basis"})
TOKEN = re.compile(r"[a-z0-9]+(?:\+[a-z0-9]+)?")
# A code name: dotted (request.data, manage.py), snake_case, a call (is_valid()), camelCase, or N+1.
CODE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?:\(\))?"
                  r"|[A-Za-z0-9]*_[A-Za-z0-9_]+(?:\(\))?"
                  r"|[A-Za-z][A-Za-z0-9]*\(\)"
                  r"|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z]+(?:[A-Z][a-z0-9]*)+"
                  r"|\b[A-Za-z]\+\d\b")
CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+")
EMPHASIS = re.compile(r"(?<![A-Za-z0-9_])_([^_\n]+?)_(?![A-Za-z0-9_])")  # Markdown _italics_, not snake_case
BRITISH = re.compile(r"(?<=[a-z]{3})is(e|es|ed|er|ers|ing|ation|ations)$")
_STEMMER = snowballstemmer.stemmer("english")


def singular(word: str) -> str:
    """A light plural strip: ``cookies`` -> ``cookie``, ``viewsets`` -> ``viewset``."""
    if word in KEEP_PLURAL or len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


def _one_pass(table: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], list[str]]:
    """A table of (pattern, replacement) as one alternation, so a text is scanned once."""
    return re.compile("|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _) in enumerate(table))), [r for _, r in table]


_PHRASES = _one_pass(PHRASES)
_PHRASES_AND_SYNONYMS = _one_pass(PHRASES + SYNONYMS)


def _expand(text: str, table: tuple[re.Pattern[str], list[str]]) -> str:
    pattern, replacements = table
    return pattern.sub(lambda m: replacements[int(m.lastgroup[1:])], text)


def tokens(text: str) -> list[str]:
    """The identifying words of a question, in order (for the fuzzy title score)."""
    text = text.lower().replace("`", " ").replace("_", " ").replace("-", " ")
    text = _expand(text, _PHRASES)
    return [singular(t) for t in TOKEN.findall(text) if t not in STOP_WORDS]


def normalise(text: str) -> str:
    """A question's identifying words joined by spaces (the string fuzzy matching compares)."""
    return " ".join(tokens(text))


@lru_cache(maxsize=65536)
def _word(word: str) -> str:
    """One plain word as a retrieval term: American spelling, then its Snowball stem."""
    return _STEMMER.stemWord(BRITISH.sub(r"iz\1", word))


def _code_terms(name: str) -> list[tuple[str, str]]:
    """A code name whole (lower case, without ``()``) and its parts, each with the text it came from."""
    bare = name.removesuffix("()")
    whole = bare.lower()
    parts = [p for piece in re.split(r"[._+]", bare) for p in CAMEL.findall(piece)]
    return [(whole, bare), *((_word(p.lower()), p) for p in parts
                             if len(p) > 1 and p.lower() not in STOP_WORDS and p.lower() != whole)]


def surface_terms(text: str) -> list[tuple[str, str]]:
    """Retrieval terms of a text, each with the word of the text it stands for."""
    text = EMPHASIS.sub(r"\1", text.replace("\\_", "_").replace("\\*", ""))
    out: list[tuple[str, str]] = []
    for name in CODE.findall(text):
        out += _code_terms(name)
    plain = CODE.sub(" ", text).lower().replace("’", "'")
    plain = _expand(plain, _PHRASES_AND_SYNONYMS)
    for word in re.findall(r"[a-z][a-z0-9]*", plain):
        if word not in STOP_WORDS and word not in QUESTION_WORDS and len(word) > 1:
            out.append((_word(word), word))
    return out


def terms(text: str) -> list[str]:
    """Retrieval terms of a text: code names whole and split, acronyms, spelling variants, synonyms, stems."""
    return [term for term, _ in surface_terms(text)]
