"""``sources/overrides.yml``: the decisions people made where automatic de-duplication cannot decide.

- ``map``: a source question answered by a bank question (accepted in review, or written by hand);
- ``new``: a source question confirmed as not answered by the bank yet;
- ``off_topic``: a source question confirmed as not about Django or DRF;
- ``distinct``: pairs of bank questions that look alike but ask different things.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ContentError, display_path
from .loader import read_yaml_file

DECISION_KEYS = ("map", "new", "off_topic")
KEYS = (*DECISION_KEYS, "distinct")


@dataclass(frozen=True)
class Override:
    """A person's decision about one source question: ``id`` for a mapping, ``None`` for new or off-topic."""

    source: str
    ref: str
    id: str | None
    why: str
    line: int
    kind: str = "map"  # map | new | off_topic


@dataclass
class Overrides:
    """Everything in the overrides file, with the line of each entry for error messages."""

    mappings: dict[tuple[str, str], Override] = field(default_factory=dict)
    distinct: set[frozenset[str]] = field(default_factory=set)
    path: str = "sources/overrides.yml"
    distinct_lines: dict[frozenset[str], int] = field(default_factory=dict)
    marked: dict[tuple[str, str], Override] = field(default_factory=dict)  # new and off_topic decisions

    def decision(self, source: str, ref: str) -> Override | None:
        """The recorded decision for one source question, if any."""
        return self.mappings.get((source, ref)) or self.marked.get((source, ref))


def _item_lines(text: str) -> dict[str, list[int]]:
    """For each top-level key, the 1-based line of every item of its list."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, list[int]] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(value, yaml.SequenceNode):
                lines[str(key.value)] = [item.start_mark.line + 1 for item in value.value]
    return lines


def load_overrides(path: Path, root: Path) -> tuple[Overrides, list[ContentError]]:
    """Read the overrides file (a missing file means no overrides); every error names its line."""
    overrides = Overrides(path=display_path(path, root))
    if not path.exists():
        return overrides, []
    shown, text, data, key_lines, errors = read_yaml_file(path, root)
    if text is None or errors:
        return overrides, errors
    data = data or {}
    if not isinstance(data, dict) or not set(data) <= set(KEYS):
        unknown = sorted(set(key_lines) - set(KEYS))  # as written: YAML may read `7:` or `yes:` as no string
        line = key_lines.get(unknown[0], 1) if unknown else 1
        return overrides, [ContentError(shown, line, f"overrides file has only the keys {', '.join(KEYS)}")]
    lines = _item_lines(text)
    seen: dict[tuple[str, str], str] = {}
    for kind in DECISION_KEYS:
        items = data.get(kind) or []
        if not isinstance(items, list):
            errors.append(ContentError(shown, key_lines.get(kind, 1), f"'{kind}' must be a list"))
            continue
        needed = {"source", "ref", "id", "why"} if kind == "map" else {"source", "ref", "why"}
        for index, item in enumerate(items):
            line = lines.get(kind, [])[index] if index < len(lines.get(kind, [])) else key_lines.get(kind, 1)
            if not isinstance(item, dict) or set(item) != needed or not all(isinstance(v, str) and v for v in item.values()):
                errors.append(ContentError(shown, line, f"each '{kind}' entry needs {', '.join(sorted(needed))} (non-empty strings)"))
                continue
            key = (item["source"], item["ref"])
            if key in seen:
                errors.append(ContentError(shown, line, f"{key[0]}#{key[1]} is already under '{seen[key]}'"))
                continue
            seen[key] = kind
            entry = Override(item["source"], item["ref"], item.get("id"), item["why"], line, kind)
            (overrides.mappings if kind == "map" else overrides.marked)[key] = entry
    pairs = data.get("distinct") or []
    if not isinstance(pairs, list):
        errors.append(ContentError(shown, key_lines.get("distinct", 1), "'distinct' must be a list"))
    for index, pair in enumerate(pairs if isinstance(pairs, list) else []):
        line = lines.get("distinct", [])[index] if index < len(lines.get("distinct", [])) else 1
        if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(p, str) for p in pair) or pair[0] == pair[1]:
            errors.append(ContentError(shown, line, "each 'distinct' entry is a pair of two different question ids"))
            continue
        overrides.distinct.add(frozenset(pair))
        overrides.distinct_lines[frozenset(pair)] = line
    return overrides, errors


def override_errors(overrides: Overrides, refs: set[tuple[str, str]], source_ids: set[str],
                    bank_ids: set[str]) -> list[ContentError]:
    """Entries that name a source, a source question or a bank question that does not exist."""
    errors = []
    for (source, ref), o in [*overrides.mappings.items(), *overrides.marked.items()]:
        if source not in source_ids:
            errors.append(ContentError(overrides.path, o.line, f"unknown source '{source}'"))
        elif (source, ref) not in refs:
            errors.append(ContentError(overrides.path, o.line, f"source '{source}' has no question '{ref}'"))
        if o.kind == "map" and o.id not in bank_ids:
            errors.append(ContentError(overrides.path, o.line, f"'{o.id}' is no question id of the bank"))
    for pair, line in overrides.distinct_lines.items():
        for qid in sorted(pair - bank_ids):
            errors.append(ContentError(overrides.path, line, f"'distinct' names '{qid}', which is no question id"))
    return sorted(errors)
