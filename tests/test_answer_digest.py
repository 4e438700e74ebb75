"""The digest of a source's own answer: the words that tell what it is about, recorded by ingest for each question."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import ROOT
from handbook.answer_digest import ANSWER_CHARS, ANSWER_LINES, DIGEST_WORDS, answers, digests, readable
from handbook.calibration import LABELS, load_labels
from handbook.ingest import ingest_document
from handbook.model import Source
from handbook.readers import Document
from handbook.readers.base import Found
from handbook.sources import dump_source, load_source, load_sources

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def answer_of(text: str, found: list[Found]) -> dict[int, str]:
    return answers(Document("doc.md", text), found)


def test_the_answer_is_the_text_between_a_question_and_the_next() -> None:
    text = "Q1?\nfirst answer\nmore of it\nQ2?\nsecond answer\n\nQ3?"
    got = answer_of(text, [Found(1, "Q1?"), Found(4, "Q2?"), Found(7, "Q3?")])
    assert got == {1: "\nfirst answer\nmore of it", 4: "\nsecond answer\n", 7: ""}


def test_an_answer_ends_at_the_next_heading_of_its_section_level_not_at_its_own_sub_headings() -> None:
    """A question with no answer, then a new section: it gets nothing of the next section's title. A heading
    question's own sub-headings are part of its answer."""
    text = ("## Basics\n\n1. What is an app?\n\n## Celery and Redis\n\n"
            "### What is a task queue?\n\n#### Example\n\nbroker worker retry\n\n### Next?\n")
    got = answer_of(text, [Found(3, "What is an app?"), Found(7, "What is a task queue?"), Found(13, "Next?")])
    assert "Celery" not in got[3] and "Redis" not in got[3]
    assert digests([got[3]]) == [""]
    assert "Example" in got[7] and "broker worker retry" in got[7]


def test_a_heading_question_ends_at_the_next_heading_of_its_own_level() -> None:
    """Its own heading sets the level: a following heading of that level ends it even when it is no question."""
    text = "## Views\n\n### What is a view?\n\nA callable.\n\n### Notes\n\nunrelated notes\n"
    got = answer_of(text, [Found(3, "What is a view?", end=6)])
    assert "callable" in got[3] and "unrelated" not in got[3]


def test_headings_inside_an_answer_neither_end_it_nor_set_the_next_questions_section() -> None:
    """Each answer opens with its own '### Answer'; with no heading above the first question, and the second
    right under the first one's answer heading, both keep their answers."""
    text = ("1. What is a signal?\n### Answer\nreceiver post_save\n"
            "2. What is a manager?\n### Answer\nobjects queryset\n## Next part\nnothing")
    got = answer_of(text, [Found(1, "What is a signal?", end=3), Found(4, "What is a manager?", end=6)])
    assert "post_save" in got[1] and "objects queryset" in got[4] and "nothing" not in got[4]


def test_an_answer_on_the_questions_own_line_is_read_there() -> None:
    """A table row: the reader says the answer shares the question's line (end == line); the other cells are it,
    and the text after the table is no row's answer."""
    text = ("| Question | Answer |\n|---|---|\n| What is WSGI? | The sync server gateway |\n"
            "| What is ASGI? | Async one |\n\nClosing words about deployment.")
    got = answer_of(text, [Found(3, "What is WSGI?", end=3), Found(4, "What is ASGI?", end=4)])
    assert "sync server gateway" in got[3] and "ASGI" not in got[3]
    assert "Async one" in got[4] and "deployment" not in got[4]


def test_a_one_line_question_whose_reader_ends_it_there_keeps_the_answer_below() -> None:
    """A list item ends on its own line when a code block follows it: the code is still its answer."""
    text = "1. What does the following code do?\n```python\nBook.objects.select_related('author')\n```\n2. Next?"
    got = answer_of(text, [Found(1, "What does the following code do?", end=1), Found(5, "Next?", end=5)])
    assert "select_related" in got[1] and "python" not in got[1].split()


def test_a_long_answer_is_read_only_as_far_as_its_opening() -> None:
    text = "Q?\n" + "\n".join(f"line{n}" for n in range(200))
    got = answer_of(text, [Found(1, "Q?")])[1]
    assert got.split() == [f"line{n}" for n in range(ANSWER_LINES)]
    assert len(readable("word " * 2000)) <= ANSWER_CHARS and not readable("word " * 2000).endswith("wor")


def test_markup_is_read_as_its_text() -> None:
    """HTML tags (parsed, also inside Markdown), link and image targets and bare URLs are no words of the answer."""
    text = readable('<details><summary>More</summary><br/><p class="x">Use <code>select_related</code>.</p></details>\n'
                    "![diagram](img/d5d7044e_img.jpg) See [the docs](https://docs.djangoproject.com/x) or https://a.b/c")
    assert "select_related" in text and "diagram" in text and "the docs" in text
    assert not {"details", "summary", "br", "class", "img", "jpg", "https", "docs.djangoproject.com"} & set(
        text.replace(".", " ").split())
    assert "a.b" not in text and "https:" not in text
    refs = readable("See [the flow][f].\n\n[f]: ./images/celery_flow.png\nor www.example.com/x today")
    assert "celery_flow" not in refs and "example" not in refs and "today" in refs


def test_a_less_than_sign_that_opens_no_html_element_is_kept() -> None:
    """URL converters, comparisons, generics and a QuerySet's repr are the answer's words, not markup."""
    code = 'path("books/<int:pk>/") if a<b: print(a) <QuerySet [<Book: Dune>]> List<int> <br/> done'
    text = readable(code)
    assert "<int:pk>" in text and "a<b" in text and "<QuerySet [<Book: Dune>]>" in text and "List<int>" in text
    assert "<br/>" not in text and "done" in text


def test_a_long_answer_is_cut_at_a_space_and_a_blank_opening_does_not_fail() -> None:
    assert readable(" " * 3001 + "word").strip() == ""
    assert readable("w " * 1500 + "keep").split() == ["w"] * 1500


def test_the_digest_keeps_what_is_particular_to_one_answer() -> None:
    """Words every answer uses say least of one; a name only this answer uses, most (and more the more it is used)."""
    texts = ["Django makes this easy: select_related follows the foreign key; select_related joins.",
             "Django makes this easy: a receiver of post_save runs after save.",
             "Django makes this easy."]
    first, second, third = digests(texts)
    assert first.split()[0] == "select_related"
    assert not {"select", "related"} & set(first.split())  # the code name stands for its parts
    assert digests(["ForeignKey links a row; ForeignKey again", "nothing else"])[0].split()[:1] == ["ForeignKey"]
    assert not {"foreign", "key"} & {w.lower() for w in digests(["ForeignKey links a row", "x"])[0].split()}
    assert first.split()[-3:] == ["django", "easy", "makes"]
    assert "post_save" in second.split() and "select_related" not in second.split()
    assert set(third.split()) == {"django", "easy", "makes"}


def test_a_digest_has_a_bounded_number_of_distinct_words_and_none_for_no_answer() -> None:
    long_answer = " ".join(f"word{n} unique{n}" for n in range(60))
    (digest, empty) = digests([long_answer, ""])
    words = digest.split()
    assert len(words) == DIGEST_WORDS and len({w.lower() for w in words}) == DIGEST_WORDS
    assert empty == ""


def test_ingest_records_each_questions_answer_digest() -> None:
    result = ingest_document((FIXTURES / "qa.txt").read_text(encoding="utf-8"), "qa.txt")
    about = {q.asked: q.about for q in result.questions}
    assert "pages" in about["Explain pagination for big product lists."].split()
    assert "limit" in about["What is throttling?"].split()


def test_ingest_digests_an_html_page_from_its_text() -> None:
    result = ingest_document((FIXTURES / "page.html").read_text(encoding="utf-8"), "page.html")
    about = {q.asked: set(q.about.split()) for q in result.questions}
    assert {"url", "lists", "products"} <= about["What is a product endpoint?"]
    assert "paginator" in about["How do you paginate orders?"]
    assert {"limit", "client"} <= about["Explain throttling."]
    assert not {"p", "h2", "code", "pre"} & set().union(*about.values())


def test_the_registry_writes_a_digest_only_where_there_is_one_and_reads_it_back(tmp_path: Path) -> None:
    """Two questions with nothing between them: the first has no answer, so no `about:` key at all."""
    raw = "Q: What is a view?\nQ: What is a URLconf?\nA: It maps paths to views with path() and include().\n"
    result = ingest_document(raw, "qa.txt", "qa")
    assert result.questions[0].about == ""
    assert "include" in result.questions[1].about.split()
    path = tmp_path / "qa.yml"
    source = Source(id="qa", title="QA", kind="text", origin="qa.txt", credit="someone", url="https://example.org",
                    ingest={"format": result.layout}, path=str(path), questions=result.questions)
    path.write_text(dump_source(source), encoding="utf-8")
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    assert "about" not in entries[0] and entries[1]["about"] == result.questions[1].about
    loaded, errors = load_source(path, tmp_path)
    assert not errors and loaded is not None
    assert [q.about for q in loaded.questions] == [q.about for q in result.questions]


def test_tuning_labels_carry_the_digest_their_registry_records() -> None:
    """The labels of registered documents are measured as the report reads them: with the same digest."""
    registry = {(s.id, q.line): q.about for s in load_sources(ROOT / "sources", ROOT) for q in s.questions}
    labels = [lab for labs in load_labels(LABELS).values() for lab in labs]
    assert labels
    assert [lab.about for lab in labels] == [registry[(lab.set, lab.line)] for lab in labels]
