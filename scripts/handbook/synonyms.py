"""The search synonyms table, ``content/search-synonyms.yml``: groups of terms a reader may type for the same
thing ("authn" and "authentication"). A query naming one member of a group also searches for the others.
Questions add their own synonyms in their ``keywords:`` front matter; this table is for terms shared by many.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import ContentError
from .frontmatter import node_value
from .loader import compose_file

TERM = re.compile(r"^[a-z0-9@+./_-]+(?: [a-z0-9@+./_-]+)*$")


def load_synonyms(path: Path, root: Path) -> tuple[list[list[str]], list[ContentError]]:
    """Read and validate the table: a list of groups, each a list of two or more distinct lower-case terms;
    a term belongs to one group only. A missing file is an empty table."""
    shown, node, errors = compose_file(path, root)
    if node is None:
        return [], errors
    if not isinstance(node, yaml.SequenceNode):
        return [], [ContentError(shown, 1, "the synonyms file must be a list of groups, e.g. - [authn, authentication]")]
    groups: list[list[str]] = []
    seen: dict[str, int] = {}
    for item in node.value:
        line = item.start_mark.line + 1
        group = node_value(item)
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(t, str) for t in group):
            errors.append(ContentError(shown, line, "a group is a list of two or more terms"))
            continue
        bad = [t for t in group if not TERM.match(t)]
        if bad:
            errors.append(ContentError(shown, line, f"'{bad[0]}' is not a lower-case term (letters, digits, "
                                                    "spaces and @+./_- only)"))
            continue
        for term in group:
            if term in seen:
                errors.append(ContentError(shown, line, f"'{term}' is already in the group of line {seen[term]}"))
            seen.setdefault(term, line)
        groups.append(list(dict.fromkeys(group)))
    return groups, errors
