"""The source registry: ``sources/<id>.yml``, one file per source document."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from .errors import ContentError, ContentErrors
from .loader import KEBAB, read_yaml_file
from .model import LEVELS, Source, SourceQuestion

META_KEYS = ("id", "title", "kind", "origin", "credit")
OPTIONAL_META = ("url", "licence", "pending", "ingest")
QUESTION_KEYS = ("ref", "asked", "section", "level", "line", "off_topic", "about")
INGEST_KEYS = ("format", "skip_sections", "skip_questions", "sha256")


def load_source(path: Path, root: Path) -> tuple[Source | None, list[ContentError]]:
    """Load and validate one registry file."""
    shown, text, data, at, errors = read_yaml_file(path, root)
    if text is None or errors:
        return None, errors
    if not isinstance(data, dict):
        return None, [ContentError(shown, 1, "a source file is a YAML mapping")]
    for key in data:
        if key not in META_KEYS + OPTIONAL_META + ("questions",):
            errors.append(ContentError(shown, at[key], f"unknown key '{key}'"))
    for key in META_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            errors.append(ContentError(shown, at.get(key, 1), f"'{key}' is required (a non-empty string)"))
    if isinstance(data.get("id"), str) and (data["id"] != path.stem or not KEBAB.match(data["id"])):
        errors.append(ContentError(shown, at.get("id", 1), f"id '{data['id']}' must be kebab-case and match the file name"))
    for key in ("url", "licence"):
        if data.get(key) is not None and not isinstance(data[key], str):
            errors.append(ContentError(shown, at.get(key, 1), f"'{key}' must be a string"))
    if not isinstance(data.get("pending", False), bool):
        errors.append(ContentError(shown, at.get("pending", 1), "'pending' must be true or false"))
    ingest = data.get("ingest", {}) or {}
    if not isinstance(ingest, dict) or any(k not in INGEST_KEYS for k in ingest):
        errors.append(ContentError(shown, at.get("ingest", 1), f"'ingest' may only have: {', '.join(INGEST_KEYS)}"))
    questions = _questions(data.get("questions"), text, shown, at.get("questions", 1), errors)
    if errors:
        return None, errors
    return Source(id=data["id"], title=data["title"], kind=data["kind"], origin=data["origin"],
                  credit=data["credit"], url=data.get("url"), ingest=ingest, path=shown,
                  questions=questions, licence=data.get("licence"), pending=data.get("pending", False)), []


def _questions(value: object, text: str, shown: str, line: int, errors: list[ContentError]) -> list[SourceQuestion]:
    if not isinstance(value, list):
        errors.append(ContentError(shown, line, "'questions' must be a list"))
        return []
    item_lines = [n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("- ref:")]
    out: list[SourceQuestion] = []
    refs: set[str] = set()
    for index, item in enumerate(value):
        at = item_lines[index] if index < len(item_lines) else line
        if not isinstance(item, dict) or not {"ref", "asked"} <= set(item) or not set(item) <= set(QUESTION_KEYS):
            errors.append(ContentError(shown, at, f"each question needs ref and asked (allowed keys: {', '.join(QUESTION_KEYS)})"))
            continue
        ref = str(item["ref"])
        if ref in refs:
            errors.append(ContentError(shown, at, f"duplicate ref '{ref}'"))
        refs.add(ref)
        if not isinstance(item.get("off_topic", False), bool):
            errors.append(ContentError(shown, at, "'off_topic' must be true or false"))
        about = item.get("about", "")
        if not isinstance(about, str):
            errors.append(ContentError(shown, at, "'about' must be the words ingest wrote, one string"))
            about = ""
        level = item.get("level")
        if level is not None and level not in LEVELS:
            errors.append(ContentError(shown, at, f"level '{level}' must be one of {', '.join(LEVELS)} or null"))
        out.append(SourceQuestion(ref=ref, asked=str(item["asked"]), section=item.get("section"),
                                  level=level, line=int(item.get("line") or 0), entry_line=at,
                                  off_topic=item.get("off_topic") is True, about=about))
    return out


def load_sources(sources_dir: Path, root: Path) -> list[Source]:
    """Load every registry file; raise :class:`ContentErrors` listing every problem."""
    sources: list[Source] = []
    errors: list[ContentError] = []
    for path in sorted(sources_dir.glob("*.yml")):
        if path.name == "overrides.yml":
            continue
        source, problems = load_source(path, root)
        errors += problems
        if source:
            sources.append(source)
    if errors:
        raise ContentErrors(errors)
    # In the order of the original documents, so "already asked" credits the earlier source.
    return sorted(sources, key=lambda s: (s.origin, s.id))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump_source(source: Source) -> str:
    """Serialise a source as the registry file's YAML."""
    data: dict = {key: getattr(source, key) for key in META_KEYS}
    if source.url:
        data["url"] = source.url
    if source.licence:
        data["licence"] = source.licence
    if source.pending:
        data["pending"] = True
    data["ingest"] = source.ingest
    data["questions"] = [_question_entry(q) for q in source.questions]
    header = ("# Source registry entry. Metadata is edited by hand; `questions` is written by\n"
              "# `python -m handbook ingest` from the raw document and checked by `ingest --check`.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def _question_entry(q: SourceQuestion) -> dict:
    entry = {"ref": q.ref, "asked": q.asked, "section": q.section, "level": q.level, "line": q.line}
    if q.off_topic:
        entry["off_topic"] = True
    if q.about:
        entry["about"] = q.about
    return entry


def reingest(source: Source, document: Path) -> Source:
    """The same source with its question list rebuilt from the raw document (:class:`LayoutError` if unreadable)."""
    from .ingest import ingest_document  # the layout readers load only when a document is read

    raw = document.read_bytes().decode("utf-8", errors="replace")
    opts = source.ingest
    result = ingest_document(raw, str(document), opts.get("format", "auto"), opts.get("skip_sections"),
                             opts.get("skip_questions"))
    ingest = {"format": result.layout, **{k: opts[k] for k in ("skip_sections", "skip_questions") if opts.get(k)},
              "sha256": sha256_of(document)}
    return Source(id=source.id, title=source.title, kind=source.kind, origin=source.origin, credit=source.credit,
                  url=source.url, ingest=ingest, path=source.path, questions=result.questions, licence=source.licence,
                  pending=source.pending)


def check_format(fmt: str) -> None:
    from .ingest import FORMATS

    if fmt != "auto" and any(name not in FORMATS for name in fmt.split("+")):
        raise ContentErrors([ContentError("<command line>", 0, f"unknown format '{fmt}'")])


def registry_errors(sources: list[Source]) -> list[ContentError]:
    """Problems that span registry files: two entries for the same document."""
    seen: dict[str, str] = {}
    errors = []
    for s in sources:
        if s.origin in seen:
            errors.append(ContentError(s.path, 1, f"origin '{s.origin}' is already registered by {seen[s.origin]}"))
        seen.setdefault(s.origin, s.path)
    return errors
