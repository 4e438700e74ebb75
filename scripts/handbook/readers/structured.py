"""YAML or JSON lists of questions: ``- title: ...`` / ``{"question": ...}`` items, or plain strings
under a ``questions`` key. Line numbers come from the YAML parser's node marks (JSON is read as YAML)."""

from __future__ import annotations

import yaml

from .base import Document, Found
from .text import collapse

QUESTION_KEYS = ("question", "q", "title", "prompt", "text")
LIST_KEYS = ("questions", "items", "faq", "quiz")


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) else None


def _items(node: yaml.Node, key: str | None = None) -> list[Found]:
    """Questions in every sequence of the tree whose items carry a question key (or are strings under a list key)."""
    out: list[Found] = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                fields = {_scalar(k): (k, v) for k, v in item.value if _scalar(k)}
                name = next((k for k in QUESTION_KEYS if k in {f.lower() for f in fields}), None)
                if name:
                    k, v = next(pair for f, pair in fields.items() if f.lower() == name)
                    text = _scalar(v)
                    if text and text.strip():
                        out.append(Found(k.start_mark.line + 1, collapse(text), None, None, item.end_mark.line))
                        continue
                out += _items(item)
            elif key in LIST_KEYS and _scalar(item):
                out.append(Found(item.start_mark.line + 1, collapse(_scalar(item) or ""), None, None, item.end_mark.line + 1))
            else:
                out += _items(item)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            out += _items(v, (_scalar(k) or "").lower())
    return out


def parse(doc: Document) -> yaml.Node | None:
    try:
        node = yaml.compose(doc.text)
    except yaml.YAMLError:
        return None
    return node if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) else None


class StructuredReader:
    name = "structured"

    def confidence(self, doc: Document) -> float:
        node = parse(doc)
        return 1.0 if node is not None and _items(node) else 0.0

    def read(self, doc: Document) -> list[Found]:
        node = parse(doc)
        return _items(node) if node is not None else []
