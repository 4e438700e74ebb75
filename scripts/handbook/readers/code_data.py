"""Question data written as source code: quiz apps keep their questions as object literals in JavaScript or
TypeScript (``[{question: '…', options: […], answer: 1}]``) or as dicts (or keyword calls) in Python.

The document is parsed with a real parser, never with regexes: Python with :mod:`ast`, JavaScript and
TypeScript with tree-sitter's TypeScript grammar (its TSX grammar when the file holds JSX). A document that
either parses without a single error is code; every object whose question key holds a plain string is one
question, recorded at the line its text starts on, and its answer runs to the object's last line. Arrays under an
options key (``options``, ``choices``, ``answers``…) hold options, never questions. An object whose values
hold further questions is a group, and its title is their section. A weak key (``title``, ``text``) counts
only beside an answer key, so ``{title: 'Quiz', …}`` in a component's props is no question.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import tree_sitter
import tree_sitter_typescript

from .base import Document, Found
from .text import collapse

STRONG_KEYS = ("question", "q", "ques", "questiontext", "questiontitle", "prompt")
WEAK_KEYS = ("title", "text", "name")
ANSWER_KEY = re.compile(r"^(answer|correct|option|choice|explanation|solution|alternative|[a-d]$)")
OPTION_LIST_KEY = re.compile(r"^(option|choice|answer|alternative|distractor|incorrect|wrong)")
SECTION_KEYS = ("title", "name", "topic", "category", "section", "heading")
ESCAPES = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": ""}


def key_name(raw: str) -> str:
    """A key as compared: lower case, letters and digits only (``question_text`` and ``questionText`` alike)."""
    return re.sub(r"[^a-z0-9]", "", raw.lower())


@dataclass(frozen=True)
class Item:
    """One object or dict literal: every key (compared form), the keys with string values (with their lines),
    the objects nested under each key, and its last line."""

    keys: frozenset[str]
    strings: dict[str, tuple[str, int]]
    nested: list[tuple[str, Item]]
    end: int


def question_of(item: Item) -> tuple[str, int] | None:
    """The item's question text and line, when it is a question."""
    for key in STRONG_KEYS:
        if key in item.strings and item.strings[key][0].strip():
            return item.strings[key]
    if any(ANSWER_KEY.match(k) for k in item.keys):
        for key in WEAK_KEYS:
            if key in item.strings and item.strings[key][0].strip():
                return item.strings[key]
    return None


def questions(items: list[Item], section: str | None = None) -> Iterator[Found]:
    """Every question among the items and inside them, in source order; a group's title is its section."""
    for item in items:
        own = question_of(item)
        inner = [child for key, child in item.nested if not OPTION_LIST_KEY.match(key)]
        if own is not None and not any(question_of(child) for child in inner):
            yield Found(own[1], collapse(own[0]), section, None, item.end)
            continue
        title = next((item.strings[k][0] for k in SECTION_KEYS if k in item.strings), None)
        yield from questions(inner, collapse(title) if title else section)


# ---- Python -------------------------------------------------------------------------------------------------

def _py_string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _py_string(node.left), _py_string(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _py_items(node: ast.AST) -> list[Item]:
    """The top-level dict literals and keyword calls under ``node`` (nested ones are inside each Item)."""
    pairs: list[tuple[str, ast.AST, int]] = []
    if isinstance(node, ast.Dict):
        pairs = [(k.value, v, v.lineno) for k, v in zip(node.keys, node.values, strict=True)
                 if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    elif isinstance(node, ast.Call) and node.keywords:
        pairs = [(kw.arg, kw.value, kw.value.lineno) for kw in node.keywords if kw.arg]
    if not pairs:
        return [item for child in ast.iter_child_nodes(node) for item in _py_items(child)]
    strings, nested = {}, []
    for raw, value, line in pairs:
        text = _py_string(value)
        if text is not None:
            strings.setdefault(key_name(raw), (text, line))
        else:
            nested += [(key_name(raw), item) for item in _py_items(value)]
    return [Item(frozenset(key_name(raw) for raw, _, _ in pairs), strings, nested, node.end_lineno or node.lineno)]


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
        digits = code[1:].strip("{}")
        try:
            return chr(int(digits, 16))
        except ValueError:
            return code
    if code.startswith(("\n", "\r")):
        return ""  # a line continuation
    return ESCAPES.get(code, code)


def _js_string(node: tree_sitter.Node) -> str | None:
    if node.type in ("string", "template_string"):
        parts = []
        for child in node.named_children:
            if child.type == "template_substitution":
                return None
            text = (child.text or b"").decode("utf-8")
            parts.append(_unescape(text) if child.type == "escape_sequence" else text)
        return "".join(parts)
    if node.type == "binary_expression" and node.child_by_field_name("operator") is not None \
            and node.child_by_field_name("operator").type == "+":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return None
        a, b = _js_string(left), _js_string(right)
        return a + b if a is not None and b is not None else None
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _js_string(node.named_children[0])
    return None


def _js_key(node: tree_sitter.Node) -> str | None:
    if node.type in ("property_identifier", "identifier", "number"):
        return (node.text or b"").decode("utf-8")
    return _js_string(node)


def _js_items(node: tree_sitter.Node) -> list[Item]:
    if node.type != "object":
        return [item for child in node.named_children for item in _js_items(child)]
    keys, strings, nested = set(), {}, []
    for pair in node.named_children:
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if pair.type != "pair" or key is None or value is None:
            continue
        raw = _js_key(key)
        if raw is None:
            continue
        keys.add(key_name(raw))
        text = _js_string(value)
        if text is not None:
            strings.setdefault(key_name(raw), (text, value.start_point[0] + 1))
        else:
            nested += [(key_name(raw), item) for item in _js_items(value)]
    return [Item(frozenset(keys), strings, nested, node.end_point[0] + 1)]


def script_items(text: str) -> list[Item] | None:
    """The items of a JavaScript or TypeScript file, or None when neither grammar parses it without an error."""
    source = text.encode("utf-8")
    for tsx in (False, True):
        tree = _parser(tsx).parse(source)
        if not tree.root_node.has_error:
            return _js_items(tree.root_node)
    return None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=8)
def found_in(text: str) -> tuple[Found, ...]:
    """The questions a text holds as code data: none when it is no code, or code without questions."""
    if not text.strip() or _is_json(text):
        return ()  # JSON is data, read by the YAML/JSON reader (it parses as Python and as JavaScript too)
    items = python_items(text)
    if items is None:
        items = script_items(text)
    return tuple(questions(items or []))


class CodeDataReader:
    name = "code"
    whole_document = True  # a file of code is never one part of a mixed document
    decisive = True  # a program the parser accepts whole is code, whatever its `question:` keys look like to a Q/A reader

    def confidence(self, doc: Document) -> float:
        return 1.0 if found_in(doc.text) else 0.0

    def read(self, doc: Document) -> list[Found]:
        return list(found_in(doc.text))

    def claimed(self, doc: Document) -> list[tuple[int, int]]:
        """Code is read whole: no other reader reads the rest of a file of code."""
        return [(1, len(doc.lines))] if found_in(doc.text) else []
