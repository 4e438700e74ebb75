"""Numbered or bulleted lists of questions: ``1. What is ...?``, ``* ...？``, ``2. **How ...?**``.

Items may wrap over several lines, carry inline code and be followed by code blocks or whole answers
(all inside the item); only outermost lists are read, so numbered or bold items inside an answer are
never questions. A list counts when most of its items read as questions, and then every item counts;
ordered lists that carry on one numbering count as one list (:func:`numbered_runs`). In a question
list, a numbered Title Case label with nothing under it is a section, not a question
(:func:`is_label`), and a task with a whole question on its next line is two questions (:func:`questions_of`).
An answer written on the lines right under the question (no indentation, so CommonMark joins it to the
item) is not part of the question, and a numbered question the list parser missed is found from the
numbering (:func:`fill_numbering_gaps`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it.token import Token

from .base import Document, Found
from .qa import ANSWER
from .text import QUESTION_MARKS, collapse, is_link_only, looks_like_question, plain, question_text

CHECKBOXES = ("[ ]", "[x]", "[X]")
OPTION = re.compile(r"^\s*[A-E][.)]\s+\S")  # a lettered choice of a multiple-choice question
BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")  # a list marker before a line's text
NESTED_BULLET = re.compile(r"^\s{2,}[-*+]\s+\S")  # an item of a list inside an item
# how a quiz marks the right choice among an item's options: highlighted, ticked, or said to be correct
MARKED_CHOICE = re.compile(r"<mark>|[\u2705\u2714\u2611]|\(correct\)|\bcorrect answer\b", re.IGNORECASE)
MIN_CHOICES = 2
QUESTION_SHARE = 0.5  # a list is a question list when more than this share of its items reads as questions
SECTION_LISTS = 3     # this many lists of bare prompts with only headings between them are judged as one list


@dataclass(frozen=True)
class Item:
    line: int
    end: int
    source: str  # the item's first paragraph (or heading), as written
    number: int | None = None  # an ordered item's own number


def outer_lists(tokens: list[Token]) -> list[list[Item]]:
    """The items of each outermost list, in order."""
    lists: list[list[Item]] = []
    depth = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:
                lists.append([])
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1 and token.map:
            first = tokens[index + 1]
            text = tokens[index + 2].content if first.type in ("paragraph_open", "heading_open") else ""
            number = int(token.info) if token.info.isdigit() else None
            lists[-1].append(Item(token.map[0] + 1, token.map[1], text, number))
    return lists


def asked(source: str) -> str:
    """The question of an item: its first lines alone when they make a whole question (a question mark, or a
    task ending in a full stop) and the lines after them, joined to the item without indentation, read as
    its answer ("1. What is X?" then "X is ..."), or when an answer marker ("Ans:") or a lettered choice
    ("A. ...") follows them. A question that wraps keeps all its lines."""
    lines = source.split("\n")
    for cut in range(1, len(lines)):
        if ANSWER.match(lines[cut]) or OPTION.match(lines[cut]):
            return "\n".join(lines[:cut])  # "Ans: ..." or a choice "A. ..." under the question ends it
        head, rest = "\n".join(lines[:cut]), collapse("\n".join(lines[cut:]))
        text = plain(head)
        whole = text.endswith(QUESTION_MARKS) or (text.endswith(".") and looks_like_question(text))
        if whole and rest and not looks_like_question(rest):
            return head
    return source


def is_option(text: str) -> bool:
    """A quiz option or task item: ``[ ] ...`` / ``[x] ...`` that asks nothing. A checklist of questions
    (``1. [x] What is a decorator?``, the reader ticking off what they studied) is a list of questions."""
    stripped = text.lstrip()
    if not stripped.startswith(CHECKBOXES):
        return False
    return not looks_like_question(question_text(asked(without_checkbox(stripped)))[1])


def without_checkbox(text: str) -> str:
    """The item's text without a leading task-list checkbox."""
    stripped = text.lstrip()
    return stripped[3:].lstrip() if stripped.startswith(CHECKBOXES) else text


def numbered_runs(lists: list[list[Item]]) -> list[list[Item]]:
    """The lists regrouped as the document numbers them: an ordered list whose first number continues an
    earlier ordered list (``n`` after ``n - 1``) is part of it, whatever lists stand between them. A
    document that puts an unindented answer under each numbered question makes each question a list of
    its own; read together, they are one numbered list again. A list starting anew (an answer's steps,
    ``1.`` after ``6.``) begins a run of its own; bullet lists stay as they are."""
    runs: list[list[Item]] = []
    open_runs: dict[int, list[Item]] = {}  # the next number each ordered run expects -> the run
    for items in lists:
        first, last = items[0].number, items[-1].number
        if first is None or last is None:
            runs.append(items)
            continue
        run = open_runs.pop(first, None)
        if run is None:
            run = []
            runs.append(run)
        run += items
        open_runs[last + 1] = run
    return runs


def is_title_case(text: str) -> bool:
    """Every word longer than three letters starts with a capital: "REST Framework and APIs"."""
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", plain(text)) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def is_label(item: Item, doc: Document, next_line: int) -> bool:
    """A numbered section label inside a question list ("24. REST Framework and APIs"): no question, Title
    Case, and nothing under it before the next item. A topic with an answer under it is a question."""
    text = question_text(asked(item.source))[1]
    if looks_like_question(text) or not is_title_case(text):
        return False
    below = doc.lines[item.line:next_line - 1]  # 0-based slice: the lines after the item's first, before the next
    return not any(line.strip() for line in below[len(item.source.split("\n")) - 1:])


def _share(items: list[Item], doc: Document | None = None) -> float:
    """The share of items that read as questions, or (given the document) have an answer or a quiz's choices
    marked under them."""
    return sum(looks_like_question(question_text(asked(i.source))[1])
               or (doc is not None and (has_answer(i, doc) or has_marked_choices(i, doc))) for i in items) / len(items)


def has_marked_choices(item: Item, doc: Document) -> bool:
    """Whether the item is a quiz question: a list of choices under it, one of them marked as the right one
    ("<mark>True</mark>", "✅"). A quiz states as often as it asks ("The urls.py file is present in the
    project package and the app package." with True / False under it): its statements are questions too."""
    choices = [line for line in doc.lines[item.line:item.end] if NESTED_BULLET.match(line)]
    return len(choices) >= MIN_CHOICES and any(MARKED_CHOICE.search(line) for line in choices)


def has_answer(item: Item, doc: Document) -> bool:
    """Whether the first line under the item is marked as its answer ("  - **Answer:** ..."): a topic with an
    answer under it is a prompt ("- Management commands" then "- **Answer:** Commands invoked ...")."""
    below = [line for line in doc.lines[item.line:item.end] if line.strip()]
    return bool(below) and bool(ANSWER.match(BULLET.sub("", below[0])))


def section_runs(doc: Document, lists: list[list[Item]]) -> list[list[int]]:
    """Runs of lists that follow each other with nothing between them but headings, each list of bare one-line
    items: a question list split by topic ("## Deployment" then "- Steps to deploy a Django app.")."""
    heading_lines = {h.line for h in doc.headings}

    def bare(items: list[Item]) -> bool:  # one line each, nothing under it
        return all(not any(doc.lines[j].strip() for j in range(i.line, i.end)) for i in items)

    def only_headings(start: int, end: int) -> bool:  # 1-based lines start..end-1
        return all(n in heading_lines or not doc.lines[n - 1].strip() for n in range(start, end))

    runs: list[list[int]] = []
    last_end = 0
    for k, items in enumerate(lists):
        if not bare(items):
            last_end = 0
            continue
        start = items[0].line
        if runs and last_end and only_headings(last_end, start):
            runs[-1].append(k)
        else:
            runs.append([k])
        last_end = max(i.end for i in items) + 1
    return [run for run in runs if len(run) >= SECTION_LISTS]


def without_restarts(items: list[Item]) -> list[Item]:
    """A numbered question list without the steps of an answer that CommonMark joined to it: items numbered
    anew (``1.``, ``2.`` after ``10.``, and the steps that follow them) that ask nothing. A list that numbers
    every item ``1.`` numbers nothing anew. An item numbered out of turn that reads as a
    question stays ("41. Explain decorators." among the 190s)."""
    out: list[Item] = []
    last = None  # the number of the last item kept
    steps = None  # the number of the last answer step dropped
    if all(item.number in (None, 1) for item in items):
        return items  # a list that numbers every item "1." numbers nothing anew
    for item in items:
        anew = item.number is not None and last is not None and (
            item.number <= last or (steps is not None and item.number == steps + 1))
        if anew and not looks_like_question(question_text(asked(item.source))[1]):
            steps = item.number
            continue
        out.append(item)
        last, steps = (item.number if item.number is not None else last), None
    return out


def question_items(doc: Document) -> list[Item]:
    out = []
    lists = []
    for items in numbered_runs(outer_lists(doc.tokens)):
        items = [i for i in items if i.source.strip() and not is_link_only(i.source) and not is_option(i.source)]
        if items:
            lists.append([replace(i, source=without_checkbox(i.source)) for i in items])
    # a question list split by topic: when most prompts of the run read as questions, the few that name a
    # topic ("Caching strategies in Django.") are prompts too
    together = {k for run in section_runs(doc, lists) if _share([i for k in run for i in lists[k]]) > QUESTION_SHARE
                for k in run}
    for k, items in enumerate(lists):
        if _share(items, doc) > QUESTION_SHARE or k in together:
            out += without_restarts(items)
    out.sort(key=lambda i: i.line)
    nexts = [i.line for i in out[1:]] + [len(doc.lines) + 1] if out else []
    return [i for i, after in zip(out, nexts, strict=True) if not is_label(i, doc, after)]


def questions_of(source: str) -> list[tuple[int, str]]:
    """The questions of an item, each with its line offset: usually one (:func:`asked`), but a task ending in
    a full stop with a whole question on the next line asks two ("2. Explain X." / "How does Y work?")."""
    lines = source.split("\n")
    head = plain(lines[0])
    rest = collapse("\n".join(lines[1:]))
    if (len(lines) > 1 and head.endswith(".") and looks_like_question(head)
            and plain(rest).endswith(QUESTION_MARKS) and looks_like_question(rest)):
        return [(0, lines[0]), (1, rest)]
    return [(0, asked(source))]


class ListReader:
    name = "list"

    def confidence(self, doc: Document) -> float:
        items = question_items(doc)
        if len(items) < 2:
            return 0.0
        return _share(items, doc)

    def read(self, doc: Document) -> list[Found]:
        out = []
        for item in question_items(doc):
            for offset, source in questions_of(item.source):
                number, text = question_text(source)
                line = item.line + offset
                out.append(Found(line, text, doc.section_above(line), item.number or number if not offset else None,
                                 item.end))
        return fill_numbering_gaps(doc, out)


NUMBERED_LINE = re.compile(r"^\s{0,3}(\d{1,4})(?:[.)]\s+|\s+)(\S.*)$")  # "16. ...", and in a gap "124 ..."


def fill_numbering_gaps(doc: Document, found: list[Found]) -> list[Found]:
    """Questions the numbering says are missing: between items ``n`` and ``m > n + 1``, a line ``n+1. ...``
    (or ``n+1 ...``, its full stop forgotten) that reads as a question. An item numbered out of turn between
    two in turn (not a ``1.``, which starts the numbering anew) does not stop the search. CommonMark does
    not start a list with any number but 1 right under a paragraph, so "16. What is ...?" directly below
    an answer's last line is no list item."""
    out: list[Found] = []
    before: int | None = None  # the number the numbering had reached
    for index, item in enumerate(found):
        out.append(item)
        after = found[index + 1] if index + 1 < len(found) else None
        number = item.number
        if (number is not None and number != 1 and before is not None and after is not None
                and after.number is not None and before < after.number and not before < number < after.number):
            number = before  # numbered out of turn ("41." among the 190s; a "1." starts anew): the numbering goes on
        before = number if number is not None else before
        if number is None or after is None or after.number is None or after.number <= number + 1:
            continue
        expected = number + 1
        for line in range(item.line + 1, after.line):
            match = NUMBERED_LINE.match(doc.lines[line - 1])
            if (match and int(match.group(1)) == expected and line not in doc.code_lines
                    and looks_like_question(match.group(2))):
                out.append(Found(line, question_text(match.group(2))[1], doc.section_above(line), expected))
                expected += 1
    return out
