"""Read a Markdown file's YAML front matter, keeping the line of every key for error messages."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .errors import ContentError

# libyaml's parser when PyYAML was built with it (the wheels are): about ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class FrontMatter:
    """Parsed front matter: the data, the line of each top-level key, and where the body starts."""

    data: dict
    key_lines: dict[str, int]
    body: str
    body_line: int


def read_yaml(text: str, path: str, first_line: int = 1) -> tuple[object, dict[str, int], list[ContentError]]:
    """Parse YAML text; return the data, the line of each top-level mapping key, and any errors.

    ``first_line`` is the file line on which ``text`` starts, so errors point into the file.
    """
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        return None, {}, [ContentError(path, line, f"invalid YAML: {exc.problem or exc}")]
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    errors: list[ContentError] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            if key in key_lines:
                errors.append(ContentError(path, line, f"duplicate key '{key}'"))
            key_lines.setdefault(key, line)
    return data, key_lines, errors


def compose_yaml(text: str, path: str) -> tuple[yaml.Node | None, list[ContentError]]:
    """Parse YAML text into nodes (which keep their lines); an invalid file is one error with its line."""
    try:
        return yaml.compose(text, Loader=SAFE_LOADER), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, [ContentError(path, 1 + (mark.line if mark else 0), f"invalid YAML: {exc.problem or exc}")]


def node_value(node: yaml.Node) -> object:
    """The Python value of a composed node."""
    return SAFE_LOADER("").construct_document(node)


def split_front_matter(text: str, path: str) -> tuple[FrontMatter | None, list[ContentError]]:
    """Split ``---``-delimited front matter from the Markdown body and parse it."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None, [ContentError(path, 1, "missing front matter: the file must start with a '---' line")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return None, [ContentError(path, 1, "front matter is not closed: add a '---' line after it")]
    data, key_lines, errors = read_yaml("\n".join(lines[1:end]), path, first_line=2)
    if errors and data is None:
        return None, errors
    if not isinstance(data, dict):
        return None, [*errors, ContentError(path, 2, "front matter must be a YAML mapping of keys to values")]
    body = "\n".join(lines[end + 1:])
    return FrontMatter(data=data, key_lines=key_lines, body=body, body_line=end + 2), errors
