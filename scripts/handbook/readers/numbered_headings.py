"""Numbered question headings at more than one level: ``### 12. What is a view?`` then ``## 43. How ...?``.

Long guides number their questions across the whole document while the answers carry numbered
sub-headings of their own (``### 1. Atomicity``), often at the same level as the questions, and
may move the questions to another level part-way. One heading level cannot tell them apart; the
numbering can. Headings are grouped into runs as the document numbers them (``n`` joins the run
that expects ``n``, whatever level or text stands between), and the long runs are the questions:
an answer's sub-headings start again at 1 and stop after a few, or name topics rather than ask.
"""

from __future__ import annotations

from .base import Document, Found, Heading
from .headings import questions_at
from .text import looks_like_question, question_text

MIN_RUN = 5  # a run of numbered headings this long, most of them asking something, carries the questions
QUESTION_SHARE = 0.5


def _likest(runs: list[list[Heading]], asking: bool) -> int:
    """Which of the runs expecting a heading's number it carries on: the latest that asks as the heading does
    (an answer's "4. Tips" goes on its own "1.-3." topics, a question "4. How ...?" on the questions), else
    the latest."""
    for index in range(len(runs) - 1, -1, -1):
        if asks(runs[index]) == asking:
            return index
    return len(runs) - 1


def heading_runs(headings: list[Heading]) -> list[list[Heading]]:
    """Numbered headings grouped by the numbering they carry on (``n`` after ``n - 1``), in document order."""
    runs: list[list[Heading]] = []
    waiting: dict[int, list[list[Heading]]] = {}  # a number -> the runs expecting it next, latest last
    numbered = [(h, *question_text(h.text)) for h in headings]
    numbered = [(h, number, text) for h, number, text in numbered if number is not None and text]
    for index, (heading, number, text) in enumerate(numbered):
        expecting = waiting.get(number)
        if expecting:
            again = next((n == number for _, n, _ in numbered[index + 1:] if n in (number, number + 1)), False)
            # another heading with this number comes before the next number: this one is the latest run's
            # (an answer's "4." before the questions' "4."); else the run that asks as this heading does
            run = expecting.pop(-1 if again else _likest(expecting, looks_like_question(text)))
        else:
            run = []
            runs.append(run)
        run.append(heading)
        waiting.setdefault(number + 1, []).append(run)
    return runs


def asks(run: list[Heading]) -> bool:
    """Whether most headings of a run read as questions (an answer's "1. Atomicity", "2. Consistency" do not)."""
    return sum(looks_like_question(question_text(h.text)[1]) for h in run) > QUESTION_SHARE * len(run)


class NumberedHeadingsReader:
    name = "numbered-headings"

    def _chosen(self, doc: Document) -> tuple[list[Heading], int, int]:
        """The headings of the long runs that ask, how many numbered headings the document has, and how many
        of those read as questions."""
        runs = heading_runs(doc.headings)
        chosen = sorted((h for run in runs if len(run) >= MIN_RUN and asks(run) for h in run), key=lambda h: h.line)
        numbered = [h for run in runs for h in run]
        return chosen, len(numbered), sum(looks_like_question(question_text(h.text)[1]) for h in numbered)

    def confidence(self, doc: Document) -> float:
        """The share of the chosen headings that ask, times the share of the asking numbered headings chosen."""
        chosen, numbered, asking = self._chosen(doc)
        if not chosen or (len({h.level for h in chosen}) < 2 and len(chosen) == numbered):
            return 0.0  # one level and no numbered answer headings: the headings reader's layout
        asked = sum(looks_like_question(question_text(h.text)[1]) for h in chosen)
        return asked / len(chosen) * asked / asking

    def read(self, doc: Document) -> list[Found]:
        return questions_at(doc, self._chosen(doc)[0])
