"""Reduce a question to the words that identify it, so phrasing differences do not hide a match.

Two views of the same text:

- :func:`tokens` / :func:`normalise`: the identifying words in order, for the fuzzy title score;
- :func:`terms`: retrieval terms for the content matcher. Code names stay whole *and* are split
  (``select_related`` -> ``select_related``, ``select``, ``related``; ``request.data``;
  ``SerializerMethodField``), long names read as their acronyms (Django REST framework -> drf,
  Web Server Gateway Interface -> wsgi), British and American spellings meet (serialiser ->
  serializer), a small synonym table joins words that name one idea (rate limit -> throttling),
  and the Snowball stemmer joins word forms (deploy, deploying, deployment);
- :func:`neighbour_terms`: two neighbouring words as the one word some texts write
  ("content types" -> contenttypes), a second reading the content matcher scores where the bank uses it.
"""

from __future__ import annotations

import re
import re._constants as _sre  # the parsed-pattern opcodes, to derive the rewrite tables' guard
from functools import lru_cache
from itertools import pairwise

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
    (r"\brbac\b|\brole[\s-]+based\s+(?:\w+\s+)?access(?:\s+control)?\b", " role permission "),  # "role-based (view) access"
    (r"\baccess\s+control\b", " permission "),
    (r"\bcrud\b", " create read update delete "),
    (r"\bweb\s*sockets?\b", " websocket "),
    (r"\bend[\s-]+points?\b", " endpoint "),
    (r"\brestful\b", " rest "),
    # Keys and passwords a project keeps out of its code are its secrets.
    (r"\b(?:credentials|passwords?\s+and\s+keys)\b", " credentials secret "),
    (r"\benv\b", " environment "),
    # "the benefits of X", "the advantages of X", "why use X" ask one thing; so do the drawbacks and the cons.
    (r"\b(?:advantages?|benefits?|pros)\b", " benefit "),
    (r"\bwhy\s+(?:(?:would|should|do|does|did|to)\s+(?:you\s+|we\s+|one\s+)?)?use\b", " benefit "),
    (r"\b(?:disadvantages?|drawbacks?|downsides?|cons)\b", " drawback "),
    # Fewer queries is what optimising them means.
    (r"\breduc(?:e|es|ed|ing)\s+(?:the\s+)?(?:number\s+of\s+)?(?:db\s+|database\s+)?quer(?:y|ies)\b", " optimise queries "),
    # Django's test client is django.test.Client; DRF's is APIClient.
    (r"\btest\s+client\b", " test client apiclient "),
    # The path of a request through the framework, by any of its names.
    (r"\brequest[\s/-]+(?:response[\s-]+)?(?:flow|life[\s-]*cycle|cycle)\b", " request lifecycle "),
    # A database record is a row.
    (r"\brecords?\b", " record row "),
    # A framework's design pattern is its architecture (MVT).
    (r"\b(?:design|architectural)\s+patterns?\b", " architecture pattern "),
    # Real-time updates in a Django app are pushed over WebSockets (Channels).
    (r"\breal[\s-]*time\b", " real-time websocket "),
    # SQL asked in SQL's words: the ORM names the same thing otherwise (GROUP BY is annotate() over values(),
    # an OR of conditions is a Q object, LIMIT/OFFSET is slicing).
    (r"\bby\b(?<=group by)", " by annotate aggregate "),  # matched at "by": a rarer first letter for the guard
    (r"\bor\s+(?=(?:quer(?:y|ies)|conditions?|lookups?)\b)", " or q objects "),  # the noun stays
    (r"\blimit\s+(?:and\s+)?offset\b", " limit offset slicing "),
    (r"\blimit\b(?<=sql limit)", " limit slicing "),
)
# Single words that also read as other words, looked up per word (cheaper than a pattern each):
# management commands are one word ("createsuperuser") that questions ask for in words ("run the
# server"), and "scalable" and "scalability" are about scaling, which the stemmer keeps apart.
WORD_ALSO = {
    "createsuperuser": ("superuser",), "collectstatic": ("collect", "static"), "runserver": ("run", "server"),
    "startapp": ("start", "app"), "startproject": ("start", "project"), "dumpdata": ("dump", "data"),
    "loaddata": ("load", "data"), "changepassword": ("change", "password"), "showmigrations": ("show", "migrations"),
    "makemessages": ("translation", "messages"), "scalable": ("scale",), "scalability": ("scale",),
}
STOP_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "to", "and", "or", "do", "does", "did", "you", "your", "is", "are",
    "was", "be", "been", "being", "it", "its", "what", "whats", "how", "why", "when", "which", "who", "whom",
    "can", "could", "should", "would", "will", "shall", "there", "this", "that", "these", "those", "between",
    "difference", "vs", "versus", "explain", "describe", "define", "tell", "me", "us", "about", "with", "for",
    "by", "from", "into", "as", "at", "meant", "mean", "means", "some", "any", "we", "our", "i", "my", "one",
    "their", "they", "them", "use", "used", "using", "if", "than", "then", "so", "also", "provided", "give",
    "example",
    # interview shorthand: "diff b/w X and Y", "how do u ..."
    "diff", "u", "ur",
})
# Words that say how a question is asked, not what it is about: dropped from retrieval terms too.
QUESTION_WORDS = frozenset({
    "work", "works", "working", "role", "purpose", "concept", "different", "differ", "differs", "compare",
    "compared", "handle", "handles", "handling", "implement", "implementing", "implementation", "please",
    "briefly", "typical", "key", "main", "important", "common", "way", "ways", "happen", "happens", "get",
    "make", "like", "well", "just", "only", "each", "other", "own", "more", "most", "much", "many", "need",
    "after", "before", "over", "under", "not", "no", "yes", "have", "has", "had", "all", "e", "g", "etc",
    "here", "where", "while", "up", "out", "now", "new", "first", "time", "thing", "things",
    "write", "create", "created", "creating", "interview", "interviews", "candidate", "candidates",
    # the aspect asked for (its benefits, its drawbacks), not the subject: rare words that would
    # otherwise outweigh the subject ("the pros and cons of the ORM" is about the ORM)
    "benefit", "drawback",
})
KEEP_PLURAL = frozenset({"https", "status", "always", "alias", "access", "class", "process", "previous",
                         "various", "less", "unless", "cors", "was", "is", "this", "its", "has", "does",
                         "pros", "cons", "series", "analysis", "basis"})
PLAIN_WORD = re.compile(r"[a-z][a-z0-9]*")  # a word of prose, lower case
WORD_RUN_END = re.compile(r"[^a-z0-9 \t-]+")  # punctuation or a line break: the words either side are no neighbours
TOKEN = re.compile(r"[a-z0-9]+(?:\+[a-z0-9]+)?")
# A code name: dotted (request.data, manage.py), snake_case, a call (is_valid()), camelCase, or N+1.
CODE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?:\(\))?"
                  r"|[A-Za-z0-9]*_[A-Za-z0-9_]+(?:\(\))?"
                  r"|[A-Za-z][A-Za-z0-9]*\(\)"
                  r"|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z]+(?:[A-Z][a-z0-9]*)+"
                  r"|\b[A-Za-z]\+\d\b")
# Something every code name contains (a dot before a name, ``_``, ``()``, ``+digit``, a capital after a
# lower-case letter or digit): a text without it has no code name, and the costly CODE scan is skipped.
CODE_HINT = re.compile(r"\.[A-Za-z_]|_|\(\)|\+\d|[a-z0-9][A-Z]")
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


def _starts(items: object) -> set[tuple[bool, str]] | None:
    """How a parsed pattern can start: (after a word boundary?, first letter) pairs; None when not known."""
    items = list(items)  # type: ignore[call-overload]
    boundary = bool(items) and items[0] == (_sre.AT, _sre.AT_BOUNDARY)
    items = items[1:] if boundary else items
    if not items:
        return None
    op, arg = items[0]
    if op is _sre.LITERAL:
        return {(boundary, chr(arg))}
    if op is _sre.BRANCH:
        choices = [_starts(branch) for branch in arg[1]]
    elif op is _sre.SUBPATTERN:
        choices = [_starts(arg[-1])]
    else:
        return None
    if any(c is None for c in choices):
        return None
    return {(boundary or at, letter) for c in choices for at, letter in c}  # type: ignore[union-attr]


def _guard(patterns: list[str]) -> str:
    """A zero-width test every match of the alternation must pass: a word boundary and/or one of the first letters.

    Python's regex engine tries every branch of an alternation at every position of the text; the
    guard rejects most positions with one character-class test, so the rewrite costs a third as
    much and matches exactly the same text (each branch still checks everything it did before).
    """
    at_boundary: set[str] = set()
    anywhere: set[str] = set()
    for pattern in patterns:
        starts = _starts(re._parser.parse(pattern))
        if starts is None:
            return ""
        for boundary, letter in starts:
            (at_boundary if boundary else anywhere).add(letter)
    parts = [f"\\b(?=[{re.escape(''.join(sorted(at_boundary)))}])"] if at_boundary else []
    parts += [f"(?=[{re.escape(''.join(sorted(anywhere)))}])"] if anywhere else []
    return f"(?:{'|'.join(parts)})"


def _one_pass(table: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], list[str]]:
    """A table of (pattern, replacement) as one alternation behind a guard, so a text is scanned once, quickly."""
    alternation = "|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _) in enumerate(table))
    return re.compile(f"{_guard([p for p, _ in table])}(?:{alternation})"), [r for _, r in table]


_PHRASES_AND_SYNONYMS = _one_pass(PHRASES + SYNONYMS)


def _expand(text: str, table: tuple[re.Pattern[str], list[str]]) -> str:
    pattern, replacements = table
    return pattern.sub(lambda m: replacements[int(m.lastgroup[1:])], text)


def tokens(text: str) -> list[str]:
    """The identifying words of a question, in order (for the fuzzy title score).

    Phrases and synonyms are read as the retrieval terms read them, so "the advantages of X" and
    "why use X" meet here too."""
    text = text.lower().replace("`", " ").replace("_", " ").replace("-", " ")
    text = _expand(text, _PHRASES_AND_SYNONYMS)
    return [singular(w) for t in TOKEN.findall(text) for w in (t, *WORD_ALSO.get(t, ())) if w not in STOP_WORDS]


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


def _code_and_prose(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """A text's code names' terms, and the stretches of prose between the code names, in lower case."""
    text = EMPHASIS.sub(r"\1", text.replace("\\_", "_").replace("\\*", ""))
    code: list[tuple[str, str]] = []
    stretches = [text]
    if CODE_HINT.search(text):
        stretches, end = [], 0
        for found in CODE.finditer(text):  # one scan: the code names, and the text between them
            code += _code_terms(found.group())
            stretches.append(text[end:found.start()])
            end = found.end()
        stretches.append(text[end:])
    return code, [part.lower().replace("’", "'") for part in stretches]


def _prose_terms(prose: str) -> list[tuple[str, str]]:
    """Retrieval terms of lower-case prose whose phrases and synonyms are read already."""
    out = []
    for word in PLAIN_WORD.findall(prose):
        if word not in STOP_WORDS and word not in QUESTION_WORDS and len(word) > 1:
            out.append((_word(word), word))
            out += [(_word(also), word) for also in WORD_ALSO.get(word, ())]
    return out


def _neighbours(stretches: list[str]) -> list[tuple[str, str]]:
    """Each two neighbouring words of these stretches of prose as one term (see :func:`neighbour_terms`)."""
    out: dict[str, str] = {}
    for stretch in stretches:
        for run in WORD_RUN_END.split(_expand(stretch, _PHRASES_AND_SYNONYMS)):
            for first, second in pairwise(PLAIN_WORD.findall(run)):
                if min(len(first), len(second)) < 3 or first in STOP_WORDS or second in STOP_WORDS:
                    continue
                joined = _word(first + second)
                # the joined stem keeps the first word whole and more than one letter of the second:
                # "handle real" stems to "handler", a word of its own
                if joined.startswith(first) and len(joined) >= len(first) + 2:
                    out.setdefault(joined, f"{first} {second}")
    return list(out.items())


def _surface(code: list[tuple[str, str]], stretches: list[str]) -> list[tuple[str, str]]:
    """A text's retrieval terms from its code names' terms and its prose (phrases may span a code name)."""
    return code + _prose_terms(_expand(" ".join(stretches), _PHRASES_AND_SYNONYMS))


def surface_terms(text: str) -> list[tuple[str, str]]:
    """Retrieval terms of a text, each with the word of the text it stands for."""
    return _surface(*_code_and_prose(text))


def neighbour_terms(text: str) -> list[tuple[str, str]]:
    """Each two neighbouring words of a text's prose as one term ("content types" -> contenttyp), with the
    two words: how a text may write a word that others write as one ("static files", "super user").

    Joined are words of three letters or more that are no stop words ("in form" is never "inform"), next to
    each other with only spaces or a hyphen between them (never across a comma, a full stop or a line), never
    across a code name, and read after phrases and synonyms ("Model-Template-View" is mvt, not "templateview").
    Each joined term once, in the order of the text."""
    return _neighbours(_code_and_prose(text)[1])


def terms_and_neighbours(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """:func:`surface_terms` and :func:`neighbour_terms` of one text, from one scan of its code names."""
    code, stretches = _code_and_prose(text)
    return _surface(code, stretches), _neighbours(stretches)


def terms(text: str) -> list[str]:
    """Retrieval terms of a text: code names whole and split, acronyms, spelling variants, synonyms, stems."""
    return [term for term, _ in surface_terms(text)]
