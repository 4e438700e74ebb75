"""The "What changed" page: releases of Django and DRF that matter in an interview, one line per change.

``content/changes.yml`` lists the changes, each with its release notes and the bank question that
covers it. This module validates the file (every error names its line; a question id that does not
exist stops the build) and renders the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ContentError
from .frontmatter import node_value
from .loader import compose_file
from .model import Question, merged_into

PRODUCTS = {"Django": "https://docs.djangoproject.com/", "DRF": "https://www.django-rest-framework.org/"}
VERSION = re.compile(r"^\d+\.\d+$")
KEYS = ("product", "version", "change", "notes", "question")


@dataclass(frozen=True)
class Change:
    """One change of one release, and the question that covers it."""

    product: str
    version: str
    change: str
    notes: str
    question: str
    line: int


def load_changes(path: Path, root: Path, questions: list[Question]) -> tuple[list[Change], list[ContentError]]:
    """Read and validate the changes file; a missing file is no change at all."""
    shown, node, errors = compose_file(path, root)
    if node is None:
        return [], errors
    if not isinstance(node, yaml.SequenceNode):
        return [], [ContentError(shown, 1, f"the changes file must be a list of {{{', '.join(KEYS)}}}")]
    ids = {q.id for q in questions}
    retired = merged_into(questions)
    changes: list[Change] = []
    for item_node in node.value:
        line = item_node.start_mark.line + 1
        item = node_value(item_node)
        if not isinstance(item, dict) or set(item) != set(KEYS) or not all(isinstance(item[k], str) and item[k].strip()
                                                                           for k in KEYS):
            errors.append(ContentError(shown, line, f"each change needs exactly {', '.join(KEYS)} (non-empty text)"))
            continue
        if item["product"] not in PRODUCTS:
            errors.append(ContentError(shown, line, f"product '{item['product']}' is not one of {', '.join(PRODUCTS)}"))
        elif not item["notes"].startswith(PRODUCTS[item["product"]]):
            errors.append(ContentError(shown, line, f"notes must link to {PRODUCTS[item['product']]}…"))
        if not VERSION.match(item["version"]):
            errors.append(ContentError(shown, line, f"version '{item['version']}' is not like \"5.2\""))
        qid = retired.get(item["question"], item["question"])
        if qid not in ids:
            errors.append(ContentError(shown, line, f"question '{item['question']}' is no question id of the bank"))
        changes.append(Change(item["product"], item["version"], item["change"].strip(), item["notes"], qid, line))
    return changes, errors


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def changes_page(changes: list[Change], questions: list[Question]) -> str:
    """The page: per product and release, newest first, each change with its notes and its question."""
    by_id = {q.id: q for q in questions}
    front = ("---\ntitle: What changed\ndescription: What changed in Django 5.0 to 6.1 and DRF 3.15 to 3.18 that "
             "an interview can ask about, each with its release notes and the question that covers it.\n---\n")
    intro = ("# What changed\n\nThe changes in recent Django and DRF releases that interviews ask about, newest "
             f"release first: {len(changes)} in all. Each links to its release notes and to the question that "
             "explains it.")
    sections = []
    for product in PRODUCTS:
        versions = sorted({c.version for c in changes if c.product == product}, key=_version_key, reverse=True)
        for version in versions:
            rows = [f"- {c.change} ([release notes]({c.notes})) — "
                    f"[{by_id[c.question].title}]({by_id[c.question].topic}.md#{c.question})"
                    for c in changes if c.product == product and c.version == version]
            sections.append(f"## {product} {version}\n\n" + "\n".join(rows))
    return f"{front}\n{intro}\n\n" + "\n\n".join(sections) + "\n"
