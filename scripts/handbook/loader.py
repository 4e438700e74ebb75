"""Load ``content/``: the topics file and one Markdown file per question, validating everything."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .body import check_code, check_text, prose_lines, split_sections
from .errors import ContentError, ContentErrors, display_path
from .frontmatter import compose_yaml, read_yaml, split_front_matter
from .model import LEVELS, Correction, Question, Topic

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_TOPIC_IDS = {"q", "assets", "search", "sources", "misconceptions", "study-plan", "index", "stylesheets",
                      "javascripts", "404", "review", "mock-interview", "print", "coverage", "changes"}
REQUIRED_KEYS = ("id", "title", "topic", "level")
# keywords: synonyms readers search with; errors: error messages and symptoms the question explains.
# Both are indexed by the site search and never shown.
OPTIONAL_KEYS = ("tags", "related", "aliases", "corrections", "order", "docs", "retired", "keywords", "errors")
CORRECTION_KEYS = ("claim", "fact", "ref")


def read_text(path: Path, shown: str) -> tuple[str | None, list[ContentError]]:
    """Read a file as UTF-8; a decoding failure or an empty file is an error with its line."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [ContentError(shown, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8")]
    if not text.strip():
        return None, [ContentError(shown, 1, "file is empty")]
    return text.lstrip("\ufeff"), []


def compose_file(path: Path, root: Path) -> tuple[str, yaml.Node | None, list[ContentError]]:
    """A YAML file's display path and node tree (line numbers kept); no tree when the file is missing
    (and no error: callers treat that as empty) or unreadable or empty (with the errors)."""
    shown = display_path(path, root)
    if not path.exists():
        return shown, None, []
    text, errors = read_text(path, shown)
    if text is None:
        return shown, None, errors
    node, errors = compose_yaml(text, shown)
    if not errors and node is None:
        errors = [ContentError(shown, 1, "the file holds only comments: it needs YAML data")]
    return shown, None if errors else node, errors


def read_yaml_file(path: Path, root: Path) -> tuple[str, str | None, object, dict[str, int], list[ContentError]]:
    """Read a UTF-8 YAML file: its display path, text, data, the line of each top-level key, errors."""
    shown = display_path(path, root)
    text, errors = read_text(path, shown)
    if text is None:
        return shown, None, None, {}, errors
    data, key_lines, errors = read_yaml(text, shown)
    return shown, text, data, key_lines, errors


def load_topics(path: Path, root: Path) -> tuple[list[Topic], list[ContentError]]:
    """Load ``topics.yml``: a list of ``{id, title, summary}`` in page order."""
    if not path.exists():
        return [], [ContentError(display_path(path, root), 1, "topics file is missing")]
    shown, text, data, _, errors = read_yaml_file(path, root)
    if text is None or errors:
        return [], errors
    if not isinstance(data, list):
        return [], [ContentError(shown, 1, "topics file must be a YAML list of {id, title, summary}")]
    line_of = _list_item_lines(text)
    topics: list[Topic] = []
    for index, item in enumerate(data):
        line = line_of[index] if index < len(line_of) else 1
        if not isinstance(item, dict) or set(item) != {"id", "title", "summary"}:
            errors.append(ContentError(shown, line, "each topic needs exactly the keys id, title and summary"))
            continue
        topic_id = str(item["id"])
        if not KEBAB.match(topic_id):
            errors.append(ContentError(shown, line, f"topic id '{topic_id}' is not kebab-case"))
        elif topic_id in RESERVED_TOPIC_IDS:
            errors.append(ContentError(shown, line, f"topic id '{topic_id}' is reserved for another page"))
        elif any(t.id == topic_id for t in topics):
            errors.append(ContentError(shown, line, f"duplicate topic id '{topic_id}'"))
        else:
            topics.append(Topic(id=topic_id, title=str(item["title"]), summary=str(item["summary"])))
    return topics, errors


def _list_item_lines(text: str) -> list[int]:
    """1-based line of each top-level ``- `` item of a YAML list."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("- ")]


def _string_list(data: dict, key: str) -> list[str] | None:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    return value


def load_question(path: Path, root: Path, topic_ids: set[str]) -> tuple[Question | None, list[ContentError]]:
    """Load and validate one question file (everything that needs no other file)."""
    shown = display_path(path, root)
    text, errors = read_text(path, shown)
    if text is None:
        return None, errors
    front, errors = split_front_matter(text, shown)
    if front is None:
        return None, errors
    data, at = front.data, front.key_lines

    def line(key: object) -> int:
        return at.get(str(key), 2)  # YAML may read a key as a number (``7:``); key_lines has its text

    for key in data:
        if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            allowed = ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS)
            errors.append(ContentError(shown, line(key), f"unknown front matter key '{key}' (allowed: {allowed})"))
    for key in REQUIRED_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            errors.append(ContentError(shown, line(key) if key in at else 2, f"front matter needs '{key}' (a non-empty string)"))
    if errors:
        return None, errors

    qid, topic, level, title = data["id"], data["topic"], data["level"], data["title"].strip()
    if not KEBAB.match(qid):
        errors.append(ContentError(shown, line("id"), f"id '{qid}' is not kebab-case (lowercase words joined by '-')"))
    if path.stem != qid:
        errors.append(ContentError(shown, line("id"), f"id '{qid}' does not match the file name '{path.name}'"))
    if topic not in topic_ids:
        errors.append(ContentError(shown, line("topic"), f"unknown topic '{topic}' (topics: {', '.join(sorted(topic_ids))})"))
    elif path.parent.name != topic:
        errors.append(ContentError(shown, line("topic"), f"topic is '{topic}' but the file is in folder '{path.parent.name}'"))
    if level not in LEVELS:
        errors.append(ContentError(shown, line("level"), f"level '{level}' must be one of: {', '.join(LEVELS)}"))
    if not title.endswith("?") or "\n" in title:
        errors.append(ContentError(shown, line("title"), "title must be one question ending with '?'"))
    if any(ch in title for ch in "{}<>"):
        errors.append(ContentError(shown, line("title"), "title must not contain '{', '}', '<' or '>'"))
    lists = {}
    for key in ("tags", "related", "aliases", "docs", "retired", "keywords", "errors"):
        lists[key] = _string_list(data, key)
        if lists[key] is None:
            errors.append(ContentError(shown, line(key), f"'{key}' must be a list of non-empty strings"))
    for old in lists["retired"] or []:
        if not KEBAB.match(old):
            errors.append(ContentError(shown, line("retired"), f"retired id '{old}' is not kebab-case"))
    order = data.get("order", 1000)
    if not isinstance(order, int) or isinstance(order, bool):
        errors.append(ContentError(shown, line("order"), "'order' must be a whole number"))
    corrections = _corrections(data.get("corrections", []), shown, line("corrections"), errors)

    lines = prose_lines(front.body)
    errors += check_text(front.body, shown, front.body_line, lines)
    errors += check_code(front.body, shown, front.body_line)
    sections, section_errors = split_sections(front.body, shown, front.body_line, lines)
    errors += section_errors
    if errors:
        return None, errors
    return Question(
        id=qid, title=title, topic=topic, level=level, path=shown,
        answers=sections.answers, answer_lines=sections.lines,
        tags=lists["tags"] or [], related=lists["related"] or [], aliases=lists["aliases"] or [],
        docs=lists["docs"] or [], retired=lists["retired"] or [],
        keywords=lists["keywords"] or [], errors=lists["errors"] or [],
        corrections=corrections, order=order, key_lines=dict(at),
    ), []


def _corrections(value: object, shown: str, line: int, errors: list[ContentError]) -> list[Correction]:
    if not isinstance(value, list):
        errors.append(ContentError(shown, line, "'corrections' must be a list of {claim, fact, ref}"))
        return []
    out = []
    for item in value:
        complete = isinstance(item, dict) and set(item) == set(CORRECTION_KEYS)
        if not complete or not all(isinstance(item[k], str) and item[k].strip() for k in CORRECTION_KEYS):
            errors.append(ContentError(shown, line, "each correction needs exactly claim, fact and ref (non-empty strings)"))
            continue
        if not item["ref"].startswith("https://"):
            errors.append(ContentError(shown, line, f"correction ref '{item['ref']}' must be an https:// link to the documentation"))
            continue
        out.append(Correction(claim=item["claim"].strip(), fact=item["fact"].strip(), ref=item["ref"].strip()))
    return out


def load_questions(questions_dir: Path, root: Path, topics: list[Topic]) -> tuple[list[Question], list[ContentError]]:
    """Load every ``<topic>/<id>.md`` and check what spans files: unique ids and valid ``related``.

    A file that fails to load is reported once, for its own errors: a ``related`` link to it (its file
    name is its id) is not reported again as a link to a missing question.
    """
    topic_ids = {t.id for t in topics}
    questions: list[Question] = []
    errors: list[ContentError] = []
    broken: set[str] = set()
    for path in sorted(questions_dir.rglob("*.md")):
        question, problems = load_question(path, root, topic_ids)
        errors += problems
        if question is not None:
            questions.append(question)
        else:
            broken.add(path.stem)
    first_path: dict[str, str] = {}
    for q in questions:
        if q.id in first_path:
            errors.append(ContentError(q.path, q.key_lines.get("id", 2), f"duplicate id '{q.id}' (also used by {first_path[q.id]})"))
        first_path.setdefault(q.id, q.path)
    retired_by: dict[str, str] = {}
    for q in questions:
        for old in q.retired:
            if old in first_path:
                errors.append(ContentError(q.path, q.key_lines.get("retired", 2),
                                           f"retired id '{old}' is still the id of {first_path[old]}"))
            elif old in retired_by:
                errors.append(ContentError(q.path, q.key_lines.get("retired", 2),
                                           f"retired id '{old}' is already retired by {retired_by[old]}"))
            retired_by.setdefault(old, q.path)
    for q in questions:
        for rel in q.related:
            if rel == q.id:
                errors.append(ContentError(q.path, q.key_lines.get("related", 2), "'related' lists the question itself"))
            elif rel in retired_by:
                errors.append(ContentError(q.path, q.key_lines.get("related", 2),
                                           f"'related' names '{rel}', which was merged into the question of {retired_by[rel]}"))
            elif rel not in first_path and rel not in broken:
                errors.append(ContentError(q.path, q.key_lines.get("related", 2), f"'related' names '{rel}', which is no question id"))
    order = {t.id: i for i, t in enumerate(topics)}
    questions.sort(key=lambda q: (order.get(q.topic, 0), q.order, LEVELS.index(q.level), q.title.lower()))
    return questions, errors


def load_content(content_dir: Path, root: Path) -> tuple[list[Topic], list[Question]]:
    """Load and validate all of ``content/``; raise :class:`ContentErrors` listing every problem."""
    topics, errors = load_topics(content_dir / "topics.yml", root)
    questions, question_errors = load_questions(content_dir / "questions", root, topics)
    errors += question_errors
    if errors:
        raise ContentErrors(errors)
    return topics, questions
