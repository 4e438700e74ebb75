"""The off-topic rule of ingest: a question is about Django/DRF unless it, or its innermost telling section,
names another technology."""

from __future__ import annotations

import pytest

from handbook.offtopic import is_off_topic, names_django


@pytest.mark.parametrize("text", [
    "How does queryset.filter() reach MySQL?",  # a dotted name whose first part is Django's
    "When is a class\\-based view better than a Celery task?",  # a phrase behind a Markdown escape
    "What does manage.py do?",
    "How do you speed up a djnago view?",  # a typo of the name
    "Does the Django ORM work with NoSQL databases?",  # another field named beside Django
])
def test_a_question_naming_django_is_on_topic_whatever_else_it_names(text: str) -> None:
    assert names_django(text)
    assert not is_off_topic(text, ["Redis"])


@pytest.mark.parametrize("text", [
    "What does `\\_\\_init\\_\\_.py` do in a package?",  # Markdown-escaped underscores
    "How does Redis persist data?",
    "What is the GIL?",
    "Why does a script check `__name__` before it runs?",  # Python's own names
    "Where do the .pyc files go?",
    "When would you pick a NoSQL store over an RDBMS?",
    "How do you reshape a table with pandas?",
])
def test_a_question_naming_another_technology_is_off_topic(text: str) -> None:
    assert not names_django(text)
    assert is_off_topic(text, ["Django"])


def test_without_a_telling_name_the_innermost_telling_section_decides() -> None:
    assert is_off_topic("How does it persist data?", ["Django", "Redis", "Basics"])
    assert not is_off_topic("How does it persist data?", ["Redis", "Django ORM", "Basics"])
    assert not is_off_topic("How does it persist data?", ["Basics"])


@pytest.mark.parametrize("typo", ["djgo", "djan", "dngo"])
def test_a_four_letter_typo_of_django_at_exactly_the_fuzzy_threshold_names_django(typo: str) -> None:
    # fuzz.ratio(typo, "django") is exactly 80 for each: the threshold counts
    assert names_django(f"How fast are {typo} views?")


@pytest.mark.parametrize("text", [
    "What are HTTP Verbs?",
    "How should HTTP methods (GET, POST) be handled?",
])
def test_http_methods_are_web_api_basics_the_bank_answers_not_another_technology(text: str) -> None:
    assert not is_off_topic(text, [])


def test_a_deployment_section_of_a_django_collection_is_on_topic_unless_the_question_names_a_tool() -> None:
    assert not is_off_topic("Which database do you pick for production?", ["Performance & Deployment"])
    assert is_off_topic("How many Gunicorn workers do you run?", ["Performance & Deployment"])


@pytest.mark.parametrize(("text", "off"), [
    ("How do you write middleware in FastAPI?", True),  # a word Django shares, in another framework
    ("Compare Tortoise ORM vs SQLAlchemy.", True),
    ("How is FastAPI different from Django?", False),  # names Django: a comparison the bank answers
    ("When would you pick Flask over DRF?", False),
])
def test_another_framework_named_without_django_is_off_topic(text: str, off: bool) -> None:
    assert is_off_topic(text) is off


def test_a_flask_or_fastapi_section_makes_its_generic_questions_off_topic() -> None:
    assert is_off_topic("How do you structure a large app?", ["FastAPI Interview Questions"])
    assert not is_off_topic("How do you structure a large app?", ["Django Interview Questions"])
