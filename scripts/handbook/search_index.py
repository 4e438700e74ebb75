"""The site search index: one document per question (its title, aliases, search keywords, error messages
and the text of each answer tab) and one per other page, in the format the handbook's search worker
(docs/javascripts/search-worker.js) reads.

Material's search plugin still runs: it indexes the hand-written pages (topic, question and print pages
are excluded from it by their front matter), and this module folds its entries into one document per page
and replaces the file it wrote. Answer text comes from the rendered HTML, read with selectolax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from .model import LEVELS, Question

CODE_WORD = re.compile(r"[A-Za-z_@][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
# Python syntax that says nothing about the subject of an example.
SYNTAX = frozenset({"and", "as", "assert", "async", "await", "class", "def", "elif", "else", "for", "from", "if",
                    "import", "in", "is", "lambda", "not", "or", "pass", "return", "self", "cls", "with", "None",
                    "True", "False"})


@dataclass(frozen=True)
class AnswerText:
    """The searchable text of one question's rendered body."""

    tabs: dict[str, str]  # level -> prose (code blocks left out)
    code: str  # the distinct names used in its code blocks


def tidy(text: str) -> str:
    """One line of text; the spaces the parser adds at inline tags before punctuation are taken out."""
    text = " ".join(text.split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,.;:!?)])", r"\1", text))


def code_names(code: str) -> list[str]:
    """The distinct names and words of a code block, in order of appearance, without Python syntax."""
    return list(dict.fromkeys(w for w in CODE_WORD.findall(code) if w not in SYNTAX and len(w) > 1))


def answer_text(body_html: str) -> AnswerText:
    """Split a rendered question body into the prose of each tab and the names of its code."""
    tree = LexborHTMLParser(body_html)
    tab_set = tree.css_first(".tabbed-set")
    blocks = tab_set.css(".tabbed-content > .tabbed-block") if tab_set else []
    if len(blocks) != len(LEVELS):
        raise ValueError(f"a question body has {len(blocks)} answer tabs, not {len(LEVELS)}")
    tabs: dict[str, str] = {}
    names: dict[str, None] = {}
    for level, block in zip(LEVELS, blocks, strict=True):
        for pre in block.css("pre"):
            names.update(dict.fromkeys(code_names(pre.text(deep=True))))
            pre.decompose()
        for hidden in block.css("[data-search-exclude], .headerlink"):
            hidden.decompose()
        tabs[level] = tidy(block.text(deep=True, separator=" "))
    return AnswerText(tabs=tabs, code=" ".join(names))


def question_document(question: Question, topic_title: str, text: AnswerText) -> dict:
    """The index entry of a question; ``location`` is its own page, relative to the site root."""
    doc = {
        "kind": "question", "id": question.id, "location": f"q/{question.id}/", "title": question.title,
        "topic": topic_title, "level": question.level, "aliases": " · ".join(question.aliases),
        "keywords": " · ".join(question.keywords), "errors": " · ".join(question.errors), "code": text.code,
    }
    doc.update(text.tabs)
    return {k: v for k, v in doc.items() if v}


def page_documents(material_docs: list[dict]) -> list[dict]:
    """Material's entries for the other pages (one per section), folded into one document per page."""
    pages: dict[str, dict] = {}
    for entry in material_docs:
        location = entry["location"].split("#", 1)[0]
        text = tidy(LexborHTMLParser(entry.get("text") or "<p></p>").text(separator=" "))
        page = pages.setdefault(location, {"kind": "page", "location": location, "title": entry["title"], "text": ""})
        if "#" not in entry["location"]:
            page["title"] = entry["title"]
        page["text"] = f"{page['text']} {entry['title']} {text}".strip()
    return list(pages.values())


def build(material_index: dict, questions: list[dict], synonyms: list[list[str]]) -> dict:
    """The index the worker reads: Material's ``config`` with the synonyms table added, and every document."""
    config = dict(material_index.get("config", {}))
    config["handbook"] = {"synonyms": synonyms}
    return {"config": config, "docs": questions + page_documents(material_index.get("docs", []))}
