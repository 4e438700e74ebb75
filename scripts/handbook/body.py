"""Split a question body into its three level sections and check what Markdown would misread."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import ContentError
from .model import LEVEL_TITLES, LEVELS

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
TAB_SYNTAX = re.compile(r"^\s*={3}[+!]?\s+\"")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
HTML_LIKE = re.compile(r"<[A-Za-z/!?][^>\n]*>?")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
MOJIBAKE = re.compile("\u00e2\u20ac|\u00c3[\u0080-\u00bf]|\u00f0\u0178|\ufffd")
RESIDUE = re.compile(r"back to top|connect with me|table of contents", re.IGNORECASE)


@dataclass
class Sections:
    """The three answers of a question and the file line each section heading is on."""

    answers: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def prose_lines(body: str) -> list[tuple[int, str, bool]]:
    """Yield ``(index, line, in_code)`` for each body line, tracking fenced code blocks."""
    out: list[tuple[int, str, bool]] = []
    fence: str | None = None
    for index, line in enumerate(body.splitlines()):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append((index, line, True))
        elif fence is not None:
            out.append((index, line, True))
            if line.strip().startswith(fence) and set(line.strip()) <= {fence[0]}:
                fence = None
        else:
            out.append((index, line, False))
    return out


ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s*\w+")  # the line that opens a box: !!! note "Title", ??? tip
_BLOCKS = MarkdownIt("commonmark").enable("table")


def answer_blocks(text: str) -> list[str]:
    """The prose blocks of an answer, each as plain words on one line: every paragraph, every list item's
    paragraph and every table row (its cells joined). Fenced code, link targets, HTML and admonition boxes
    (an answer's follow-up questions and red flags: what it does not answer, and claims it marks wrong) are
    left out."""
    kept, boxed = [], False
    for line in text.splitlines():
        boxed = bool(ADMONITION.match(line)) or (boxed and (line.startswith("    ") or not line.strip()))
        kept.append("" if boxed else line)
    out: list[str] = []
    row: list[str] | None = None  # the cells of the table row being read
    for token in _BLOCKS.parse("\n".join(kept)):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if row and any(row):
                out.append(" ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            words = _text(token)
            if row is not None:
                row.append(words)
            elif words:
                out.append(words)
    return out


def _text(inline: Token) -> str:
    """The plain text of an inline token: its words and code spans, never link targets or HTML."""
    pieces = [child.content if child.type in ("text", "code_inline") else " " if child.type.endswith("break") else ""
              for child in inline.children or []]
    return " ".join("".join(pieces).split())


MOJIBAKE_HINTS = ("\u00e2", "\u00c3", "\u00f0", "\ufffd")
RESIDUE_HINTS = ("top", "connect", "contents")


def check_text(body: str, path: str, first_line: int,
               lines: list[tuple[int, str, bool]] | None = None) -> list[ContentError]:
    """Errors for raw HTML, broken encodings, navigation residue and e-mail addresses in prose.

    Each regular expression runs only on lines that contain a character it could match.
    """
    errors: list[ContentError] = []
    for index, line, in_code in lines if lines is not None else prose_lines(body):
        lineno = first_line + index
        if any(hint in line for hint in MOJIBAKE_HINTS) and MOJIBAKE.search(line):
            errors.append(ContentError(path, lineno, "broken encoding (mojibake such as 'â€™'): retype the text"))
        if in_code:
            continue
        lowered = line.lower()
        if any(hint in lowered for hint in RESIDUE_HINTS) and RESIDUE.search(line):
            errors.append(ContentError(path, lineno, "navigation residue from a source ('Back to Top', 'Table of Contents'...)"))
        if "<" not in line and "@" not in line:
            continue
        prose = AUTOLINK.sub("", CODE_SPAN.sub("", line))
        if EMAIL.search(prose):
            errors.append(ContentError(path, lineno, "e-mail address in the text: remove personal details"))
        html = HTML_LIKE.search(prose)
        if html:
            errors.append(ContentError(
                path, lineno,
                f"'{html.group(0)}' would be read as HTML and disappear: put it in backticks or write &lt;",
            ))
    return errors


def split_sections(body: str, path: str, first_line: int,
                   lines: list[tuple[int, str, bool]] | None = None) -> tuple[Sections, list[ContentError]]:
    """Split the body at ``## Junior`` / ``## Mid`` / ``## Senior`` and reject any other heading."""
    sections = Sections()
    errors: list[ContentError] = []
    expected = [LEVEL_TITLES[level] for level in LEVELS]
    current: str | None = None
    chunks: dict[str, list[str]] = {}
    previous_blank = True
    seen: list[str] = []
    for index, line, in_code in lines if lines is not None else prose_lines(body):
        lineno = first_line + index
        heading = None if in_code or not line.lstrip().startswith("#") else ATX_HEADING.match(line)
        if heading:
            title = (heading.group(2) or "").strip()
            level = next((lv for lv in LEVELS if LEVEL_TITLES[lv] == title), None)
            if len(heading.group(1)) != 2 or level is None:
                errors.append(ContentError(
                    path, lineno,
                    f"unexpected heading '{line.strip()}': the body has only '## Junior', '## Mid' and "
                    "'## Senior' (use bold text or a list inside an answer)",
                ))
                continue
            if level in seen:
                errors.append(ContentError(path, lineno, f"section '## {title}' appears twice"))
                continue
            position = len(seen)
            if expected[position] != title:
                errors.append(ContentError(
                    path, lineno,
                    f"section '## {title}' is out of order: expected '## {expected[position]}' here "
                    "(order: Junior, Mid, Senior)",
                ))
            seen.append(level)
            current = level
            sections.lines[level] = lineno
            chunks[level] = []
            previous_blank = True
            continue
        if not in_code and "===" in line and TAB_SYNTAX.match(line):
            errors.append(ContentError(path, lineno, "tab syntax is generated by the build: write '## Junior' etc. instead"))
        if (not in_code and not previous_blank and current is not None and line.strip()[:1] in ("=", "-")
                and SETEXT_UNDERLINE.match(line)):
            errors.append(ContentError(path, lineno, "this underline makes the line above a heading: remove it"))
        if current is None:
            if line.strip():
                errors.append(ContentError(path, lineno, "text before '## Junior': every line belongs to a level section"))
        else:
            chunks[current].append(line)
        previous_blank = not line.strip()
    last_line = first_line + max(len(body.splitlines()) - 1, 0)
    for level in LEVELS:
        if level not in chunks:
            errors.append(ContentError(path, last_line, f"missing section '## {LEVEL_TITLES[level]}'"))
            continue
        text = "\n".join(chunks[level]).strip("\n")
        if not text.strip():
            errors.append(ContentError(path, sections.lines[level], f"section '## {LEVEL_TITLES[level]}' is empty"))
        sections.answers[level] = text
    return sections, errors


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block: its language, its code (dedented) and the body line of its opening fence."""

    lang: str
    code: str
    index: int


def code_blocks(body: str) -> list[CodeBlock]:
    """Every fenced code block in a Markdown body, including those indented in lists or admonitions."""
    blocks: list[CodeBlock] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        match = re.match(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)", lines[i])
        if not match:
            i += 1
            continue
        indent, fence, lang = len(match.group(1)), match.group(2), match.group(3).lower()
        start, i = i, i + 1
        code: list[str] = []
        while i < len(lines) and not (lines[i].strip().startswith(fence) and set(lines[i].strip()) <= {fence[0]}):
            code.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i].lstrip())
            i += 1
        blocks.append(CodeBlock(lang=lang, code="\n".join(code) + "\n", index=start))
        i += 1
    return blocks


def check_code(body: str, path: str, first_line: int) -> list[ContentError]:
    """Fences need a language; ``python`` must parse and ``json`` must be valid JSON."""
    import ast
    import json

    errors: list[ContentError] = []
    for block in code_blocks(body):
        lineno = first_line + block.index
        if not block.lang:
            errors.append(ContentError(
                path, lineno, "code fence without a language: write ```python, ```http, ```json, ```bash or ```text"))
        elif block.lang == "python":
            try:
                ast.parse(block.code)
            except SyntaxError as exc:
                errors.append(ContentError(path, lineno + (exc.lineno or 0), f"python block does not parse: {exc.msg}"))
        elif block.lang == "json":
            try:
                json.loads(block.code)
            except ValueError as exc:
                errors.append(ContentError(path, lineno + 1 + getattr(exc, "lineno", 1) - 1, f"json block is not valid JSON: {exc}"))
    return errors
