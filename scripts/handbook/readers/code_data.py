"""Question data written as source code: quiz apps keep their questions as object literals in JavaScript or
TypeScript (``[{question: '…', options: […], answer: 1}]``) or as dicts (or keyword calls) in Python.

The document is parsed with a real parser, never with regexes: Python with :mod:`ast`, JavaScript and
TypeScript with tree-sitter's TypeScript grammar (its TSX grammar when the file holds JSX). A text that
parses without a single error is code (JavaScript that happens to be valid Python, such as
``module.exports = [...]``, is read as JavaScript when Python finds no question in it).

* An object whose question key (``question``, ``q``, ``questionText``…) holds a plain string is a question,
  recorded at the line its text starts on; its answer runs to the object's last line. Questions nested in
  it (follow-ups) are questions too.
* A weak key (``title``, ``text``, ``prompt``) makes a question only beside an answer: an array of options
  (``options``, ``choices``, ``answers``…), a plain ``answer``/``correct…``/``explanation`` value, or two
  lettered options ``a``…``d``. So ``{title: 'Home', path: '/'}`` in a component is no question.
* Arrays of options hold options, never questions. An object that is no question but holds questions is a
  group, and its title is their section.

* An array of rows (``[["What is X?", "…"], …]`` or a list of tuples) is a list of questions when nearly
  every row's first cell is a string, most of those ask, and most rows hold an answer beside it (an array of
  options, or two words or more that do not ask); the rest of each row is its answer.
* A question has two words of letters, or one that asks: ``'q'``, ``'7'`` or a ``'Question'`` label is none.

Not read: positional calls (``Q("What is X?", "…")``), strings built with
substitutions (``f"…{x}"``, `` `…${x}` ``), and two questions on one line (ingest keeps one question per
line). Confidence is the share of questions that ask or carry an answer; a file with two or more is read
as code whatever other readers make of its lines (:meth:`CodeDataReader.decisive`); a single question
found in code is read only when no reader does better.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import tree_sitter
import tree_sitter_typescript

from .base import Document, Found
from .text import collapse, looks_like_question

STRONG_KEYS = ("question", "q", "ques", "questiontext", "questiontitle", "questionstem")
WEAK_KEYS = ("title", "text", "prompt")
OPTION_KEYS = frozenset({"options", "option", "choices", "choice", "answers", "alternatives", "distractors",
                         "incorrectanswers", "wronganswers", "variants", "responses"})
ANSWER_KEYS = frozenset({"answer", "correct", "correctanswer", "correctoption", "correctindex", "correctchoice",
                         "rightanswer", "explanation", "solution"})
LETTER_KEYS = ("a", "b", "c", "d")
SECTION_KEYS = ("title", "name", "topic", "category", "section", "heading")
DATA_CALLEE = re.compile(r"^(?:dict|OrderedDict)$|question|quiz|(?<!dis)card|faq|item|mcq|^q$", re.IGNORECASE)  # Python calls read as data
# Only a text with a question key followed by ":" or "=" is parsed at all: parsing every Markdown document
# twice over would cost a second per 10,000 lines.
GATE = re.compile(r"""(?im)["']?\b(?:question\w*|q|ques|prompt|title|text)["']?\s*[:=]\s*[rRuUbB]{0,2}[(\[{"'`]"""
                  r"""|[\[(,]\s*[\[(]\s*[rRuUbB]{0,2}["'`]""")  # or a row that opens with a question: ["What is X?", …]
ESCAPES = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": ""}
OCTAL = re.compile(r"^[0-7]{1,3}$")


def key_name(raw: str) -> str:
    """A key as compared: lower case, letters and digits only (``question_text`` and ``questionText`` alike)."""
    return re.sub(r"[^a-z0-9]", "", raw.lower())


@dataclass(frozen=True)
class Item:
    """One object or dict literal: each key (compared form) with the kind of its value (``string``,
    ``array``, ``object`` or ``other``), the string values with the line their text starts on, the objects
    nested under each key, and its last line."""

    kinds: dict[str, str]
    strings: dict[str, tuple[str, int]]
    nested: list[tuple[str, Item]]
    end: int


def answered(item: Item) -> bool:
    """Whether the object carries an answer: options, a plain answer value, or two lettered options."""
    kinds = item.kinds
    return (any(kinds.get(k) == "array" for k in OPTION_KEYS)
            or any(kinds.get(k) == "other" or (kinds.get(k) == "string" and item.strings[k][0].strip())
                   for k in ANSWER_KEYS)
            or sum(kinds.get(k) == "string" for k in LETTER_KEYS) >= 2)


def wordy(text: str) -> bool:
    """Whether a text can be a question at all: two words of letters, or one that asks (never 'q', '7', 'Question')."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    return len(words) >= 2 or (bool(words) and looks_like_question(text))


def own_question(item: Item) -> tuple[tuple[str, int] | None, bool]:
    """The item's question text and line (or None), and whether a strong key gave it."""
    for key in STRONG_KEYS:
        if key in item.strings and wordy(item.strings[key][0]):
            return item.strings[key], True
    if answered(item):
        for key in WEAK_KEYS:
            if key in item.strings and wordy(item.strings[key][0]):
                return item.strings[key], False
    return None, False


@dataclass(frozen=True)
class Asked:
    """A question found in code, and whether it reads as one: it asks, or its object carries an answer."""

    found: Found
    sure: bool


def questions(items: list[Item], section: str | None = None, strong_only: bool = False) -> list[Asked]:
    """Every question among the items and inside them, in source order; a group's title is its section.
    Inside a question, only strong-key objects are questions (its weak-key children are its options)."""
    out: list[Asked] = []
    stack: list[tuple[Item, str | None, bool]] = [(item, section, strong_only) for item in reversed(items)]
    while stack:
        item, within, strong = stack.pop()
        own, by_strong_key = own_question(item)
        inner = [child for key, child in item.nested if key not in OPTION_KEYS]
        if own is not None and (by_strong_key or not strong):
            text = collapse(own[0])
            out.append(Asked(Found(own[1], text, within, None, item.end), answered(item) or looks_like_question(text)))
            stack += [(child, within, True) for child in reversed(inner)]
            continue
        title = next((item.strings[k][0] for k in SECTION_KEYS if k in item.strings), None)
        stack += [(child, collapse(title) if title else within, strong) for child in reversed(inner)]
    return out


def answer_cell(text: str | None, is_array: bool) -> bool:
    """A cell that answers: an array (of options), or text of two or more words that does not itself ask."""
    return is_array or (text is not None and sum(bool(re.search(r"[^\W\d_]", w)) for w in text.split()) >= 2
                        and not looks_like_question(collapse(text)))


N = TypeVar("N")
# What one node of a string expression holds: its own text parts and the nodes to read after them, left to
# right, or None for a node that is no plain string (a name, a call, a substitution).
Split = tuple[list[str], list[N]] | None


def joined(node: N, split: Callable[[N], Split[N]]) -> str | None:
    """The string a literal, or a concatenation of literals, writes (None when any part is no literal). Walked
    with a stack: a long chain of ``+`` would overflow the recursion."""
    parts: list[str] = []
    pending = [node]
    while pending:
        step = split(pending.pop())
        if step is None:
            return None
        texts, children = step
        parts += texts
        pending += reversed(children)
    # "\ud83d\ude00" decodes to two surrogates: join them into the one character they write
    return "".join(parts).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def asks_in_rows(firsts: list[str], size: int, answered_rows: int | None = None) -> bool:
    """Whether an array's rows are questions with their answers: at least two rows, nearly every element a row
    whose first cell is a string, most of those asking, and most rows with an answer cell beside it
    (:func:`answer_cell`): so route tables (``"/items/?"``), Django's ``choices`` and test parameters are none."""
    return (len(firsts) >= 2 and len(firsts) >= 0.9 * size
            and sum(looks_like_question(collapse(text)) for text in firsts) >= 0.8 * len(firsts)
            and (answered_rows is None or answered_rows >= 0.8 * len(firsts)))


def _text_line(start_line: int, raw: str) -> int:
    """The line a string's text starts on: past its opening quotes, brackets and blank lines."""
    match = re.search(r"[^\s\"'`(]", raw)
    return start_line + raw[:match.start() if match else 0].count("\n")


# ---- Python -------------------------------------------------------------------------------------------------

def _py_split(node: ast.AST) -> Split[ast.AST]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value], []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [], [node.left, node.right]
    return None


def _py_string(node: ast.AST) -> str | None:
    return joined(node, _py_split)


def _py_kind(node: ast.AST) -> str:
    if _py_string(node) is not None:
        return "string"
    if isinstance(node, (ast.List, ast.Tuple)):
        return "array"
    if isinstance(node, (ast.Dict, ast.Call)):
        return "object"
    return "other"


def _py_pairs(node: ast.AST) -> list[tuple[str, ast.AST]] | None:
    """The key-value pairs of a dict literal or of a call that reads as data, else None."""
    if isinstance(node, ast.Dict):
        return [(k.value, v) for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    if isinstance(node, ast.Call) and node.keywords:
        callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if DATA_CALLEE.search(callee):
            return [(kw.arg, kw.value) for kw in node.keywords if kw.arg]
    return None


def _py_rows(node: ast.AST) -> list[Item] | None:
    """A list of rows whose first cell is a question (``[("What is X?", "…"), …]``), as items; else None."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return None
    rows = [(text, row) for row in node.elts if isinstance(row, (ast.List, ast.Tuple)) and len(row.elts) >= 2
            and (text := _py_string(row.elts[0])) is not None]
    answered_rows = sum(any(answer_cell(_py_string(cell), isinstance(cell, (ast.List, ast.Tuple))) for cell in row.elts[1:])
                        for _, row in rows)
    if not asks_in_rows([text for text, _ in rows], len(node.elts), answered_rows):
        return None
    return [Item({"question": "string"}, {"question": (text, _text_line(row.elts[0].lineno, text))}, [],
                 getattr(row, "end_lineno", None) or row.lineno) for text, row in rows]


def _py_items(node: ast.AST) -> list[Item]:
    """The outermost dict literals and data calls under ``node`` (nested ones are inside each Item)."""
    rows = _py_rows(node)
    if rows is not None:
        return rows
    pairs = _py_pairs(node)
    if pairs is None:
        return [item for child in ast.iter_child_nodes(node) for item in _py_items(child)]
    kinds, strings, nested = {}, {}, []
    for raw, value in pairs:
        key = key_name(raw)
        kinds.setdefault(key, _py_kind(value))
        text = _py_string(value)
        if text is not None:
            strings.setdefault(key, (text, _text_line(value.lineno, text)))
        else:
            nested += [(key, item) for item in _py_items(value)]
    return [Item(kinds, strings, nested, getattr(node, "end_lineno", None) or node.lineno)]


def python_items(text: str) -> list[Item] | None:
    """The items of a Python module, or None when the text is no Python."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    return _py_items(tree)


# ---- JavaScript and TypeScript --------------------------------------------------------------------------------

@lru_cache(maxsize=2)
def _parser(tsx: bool) -> tree_sitter.Parser:
    grammar = tree_sitter_typescript.language_tsx() if tsx else tree_sitter_typescript.language_typescript()
    return tree_sitter.Parser(tree_sitter.Language(grammar))


def _unescape(sequence: str) -> str:
    code = sequence[1:]
    if code[:1] in ("u", "x"):
        try:
            return chr(int(code[1:].strip("{}"), 16))
        except ValueError:
            return code
    if OCTAL.match(code) and code != "0":
        return chr(int(code, 8))
    if code.startswith(("\n", "\r")):
        return ""  # a line continuation
    return ESCAPES.get(code, code)


def _source(node: tree_sitter.Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def _js_split(node: tree_sitter.Node) -> Split[tree_sitter.Node]:
    if node.type in ("string", "template_string"):
        if any(child.type == "template_substitution" for child in node.named_children):
            return None
        return [_unescape(_source(c)) if c.type == "escape_sequence" else _source(c) for c in node.named_children], []
    if node.type == "binary_expression" and (op := node.child_by_field_name("operator")) is not None and op.type == "+":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        return None if left is None or right is None else ([], [left, right])
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return [], [node.named_children[0]]
    return None


def _js_string(node: tree_sitter.Node) -> str | None:
    return joined(node, _js_split)


def _js_kind(node: tree_sitter.Node) -> str:
    if _js_string(node) is not None:
        return "string"
    return {"array": "array", "object": "object"}.get(node.type, "other")


def _js_key(node: tree_sitter.Node) -> str | None:
    if node.type in ("property_identifier", "identifier", "number"):
        return _source(node)
    return _js_string(node)


def _js_rows(node: tree_sitter.Node) -> list[Item] | None:
    """An array of rows whose first cell is a question (``[["What is X?", "…"], …]``), as items; else None."""
    if node.type != "array":
        return None
    elements = [child for child in node.named_children if child.type != "comment"]
    rows = [(text, row) for row in elements if row.type == "array" and row.named_child_count >= 2
            and (text := _js_string(row.named_children[0])) is not None]
    answered_rows = sum(any(answer_cell(_js_string(cell), cell.type == "array") for cell in row.named_children[1:])
                        for _, row in rows)
    if not asks_in_rows([text for text, _ in rows], len(elements), answered_rows):
        return None
    return [Item({"question": "string"},
                 {"question": (text, _text_line(row.named_children[0].start_point[0] + 1, _source(row.named_children[0])))},
                 [], row.end_point[0] + 1) for text, row in rows]


def _js_items(root: tree_sitter.Node) -> list[Item]:
    """The outermost object literals (and question rows) under ``root``, each with its nested objects (walked
    with a stack)."""
    out: list[Item] = []
    pending = [root]
    while pending:
        node = pending.pop()
        if node.type == "object":
            out.append(_js_object(node))
        elif (rows := _js_rows(node)) is not None:
            out += rows
        else:
            pending += reversed(node.named_children)
    return out


def _js_object(node: tree_sitter.Node) -> Item:
    kinds, strings, nested = {}, {}, []
    for pair in node.named_children:
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if pair.type != "pair" or key is None or value is None or (raw := _js_key(key)) is None:
            continue
        name = key_name(raw)
        kinds.setdefault(name, _js_kind(value))
        text = _js_string(value)
        if text is not None:
            strings.setdefault(name, (text, _text_line(value.start_point[0] + 1, _source(value))))
        else:
            nested += [(name, item) for item in _js_items(value)]
    return Item(kinds, strings, nested, node.end_point[0] + 1)


def script_items(text: str) -> list[Item] | None:
    """The items of a JavaScript or TypeScript file, or None when it does not parse without an error (the
    TSX grammar is tried only for a text that holds a JSX tag)."""
    source = text.encode("utf-8")
    for tsx in (False, True):
        if tsx and "</" not in text and "/>" not in text:
            break
        tree = _parser(tsx).parse(source)
        if not tree.root_node.has_error:
            return _js_items(tree.root_node)
    return None


# ---- the reader ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CodeReading:
    """The questions a text holds as code data, and the share of them that ask or carry an answer."""

    found: tuple[Found, ...]
    sure: float


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=8)
def reading(text: str) -> CodeReading:
    """The text read as code data: nothing when it is no code, is JSON (the YAML/JSON reader's), or holds
    no question key at all."""
    if not GATE.search(text) or _is_json(text):
        return CodeReading((), 0.0)
    try:
        asked = questions(python_items(text) or [])
        if not asked:
            asked = questions(script_items(text) or [])
    except RecursionError:  # nesting deeper than Python's stack: no data file is written so
        return CodeReading((), 0.0)
    if not asked:
        return CodeReading((), 0.0)
    return CodeReading(tuple(a.found for a in asked), sum(a.sure for a in asked) / len(asked))


class CodeDataReader:
    name = "code"
    whole_document = True  # a file of code is never one part of a mixed document
    markdown = False  # its "# comments" are no headings: sections come from the data's own groups

    def confidence(self, doc: Document) -> float:
        read = reading(doc.text)
        return read.sure if len(read.found) >= 2 else 0.6 * read.sure

    def decisive(self, doc: Document) -> bool:
        """Two or more questions that mostly ask or carry answers: the file is code, whatever another reader
        makes of its lines (a Q/A reader takes ``question:`` keys for question markers and glues the options on)."""
        read = reading(doc.text)
        return len(read.found) >= 2 and read.sure >= 0.5

    def read(self, doc: Document) -> list[Found]:
        return list(reading(doc.text).found)

    def claimed(self, doc: Document) -> list[tuple[int, int]]:
        """A file read as code is claimed whole, so no other reader reads the rest of it."""
        return [(1, len(doc.lines))] if self.decisive(doc) else []
