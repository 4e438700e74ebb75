"""The syllabus: official documentation pages, grouped in areas, and which bank questions cover each.

``content/syllabus.yml`` lists the pages; a question names the pages it covers in its ``docs:`` front
matter. This module loads and validates the file, checks every question's ``docs:`` against it and
computes the coverage map the Coverage page, the build's warnings and ``handbook coverage`` share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ContentError
from .frontmatter import node_value
from .loader import compose_file
from .model import Question

PAGE_ID = re.compile(r"^(?P<site>[a-z]+):(?P<path>[a-z0-9][a-z0-9/_.-]*[a-z0-9])$")
VERSION = re.compile(r"^\d+\.\d+$")
PAGE_KEYS = {"page", "title", "version", "out_of_scope"}


@dataclass(frozen=True)
class DocPage:
    """One page of the official documentation."""

    id: str
    title: str
    url: str
    area: str
    line: int
    out_of_scope: str | None = None


@dataclass(frozen=True)
class Area:
    """A group of pages, e.g. "Making queries"."""

    id: str
    title: str
    pages: tuple[DocPage, ...]


@dataclass
class Syllabus:
    """The areas in page order, and every page by id."""

    areas: list[Area] = field(default_factory=list)
    path: str = "content/syllabus.yml"

    def pages(self) -> dict[str, DocPage]:
        return {p.id: p for a in self.areas for p in a.pages}


@dataclass(frozen=True)
class PageCoverage:
    """A page and the ids of the questions that name it, in bank order."""

    page: DocPage
    questions: tuple[str, ...]

    @property
    def status(self) -> str:
        if self.questions:
            return "covered"
        return "out of scope" if self.page.out_of_scope else "uncovered"


@dataclass(frozen=True)
class Coverage:
    """The whole map: per area, per page, the covering questions."""

    areas: tuple[tuple[Area, tuple[PageCoverage, ...]], ...]

    def pages(self) -> list[PageCoverage]:
        return [pc for _, pages in self.areas for pc in pages]

    def uncovered(self) -> list[PageCoverage]:
        return [pc for pc in self.pages() if pc.status == "uncovered"]

    def counts(self) -> dict[str, int]:
        counts = {"covered": 0, "out of scope": 0, "uncovered": 0}
        for pc in self.pages():
            counts[pc.status] += 1
        return counts

    def to_json(self) -> dict:
        return {
            "summary": self.counts(),
            "areas": [{"id": area.id, "title": area.title, "pages": [
                {"page": pc.page.id, "title": pc.page.title, "url": pc.page.url, "status": pc.status,
                 "questions": list(pc.questions), **({"out_of_scope": pc.page.out_of_scope} if pc.page.out_of_scope else {})}
                for pc in pages]} for area, pages in self.areas],
        }


def load_syllabus(path: Path, root: Path) -> tuple[Syllabus, list[ContentError]]:
    """Load and validate the syllabus; every error names the file and line. A missing file is an empty syllabus."""
    shown, node, errors = compose_file(path, root)
    if node is None:
        return Syllabus(path=shown), errors
    if not isinstance(node, yaml.MappingNode):
        return Syllabus(path=shown), [ContentError(shown, 1, "the syllabus must be a mapping with 'sites' and 'areas'")]
    top = {k.value: v for k, v in node.value}
    sites, errors = _sites(top.get("sites"), shown)
    areas = _areas(top.get("areas"), sites, shown, errors)
    return Syllabus(areas=areas, path=shown), errors


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _sites(node: yaml.Node | None, shown: str) -> tuple[dict[str, dict], list[ContentError]]:
    if not isinstance(node, yaml.MappingNode):
        return {}, [ContentError(shown, _line(node) if node else 1, "'sites' must map a site name to {name, url}")]
    sites, errors = {}, []
    for key, value in node.value:
        data = node_value(value)
        if not isinstance(data, dict) or not {"name", "url"} <= set(data) or "{path}" not in str(data["url"]):
            errors.append(ContentError(shown, _line(key), f"site '{key.value}' needs a name and a url containing {{path}}"))
        elif "{version}" in data["url"] and not VERSION.match(str(data.get("version", ""))):
            errors.append(ContentError(shown, _line(key), f"site '{key.value}' has {{version}} in its url but no version like \"5.2\""))
        else:
            sites[key.value] = data
            continue
        sites[key.value] = {}  # known but broken: its pages are not reported again
    return sites, errors


def _areas(node: yaml.Node | None, sites: dict[str, dict], shown: str, errors: list[ContentError]) -> list[Area]:
    if not isinstance(node, yaml.SequenceNode):
        errors.append(ContentError(shown, _line(node) if node else 1, "'areas' must be a list of {id, title, pages}"))
        return []
    areas: list[Area] = []
    seen: dict[str, int] = {}
    for area_node in node.value:
        data = node_value(area_node)
        line = _line(area_node)
        if not isinstance(data, dict) or set(data) != {"id", "title", "pages"} or not isinstance(data["pages"], list):
            errors.append(ContentError(shown, line, "each area needs exactly id, title and a list of pages"))
            continue
        if any(a.id == data["id"] for a in areas):
            errors.append(ContentError(shown, line, f"duplicate area id '{data['id']}'"))
        page_nodes = next(v for k, v in area_node.value if k.value == "pages").value
        pages = []
        for page_node, item in zip(page_nodes, data["pages"], strict=True):
            page = _page(item, _line(page_node), str(data["id"]), sites, shown, errors)
            if page is None:
                continue
            if page.id in seen:
                errors.append(ContentError(shown, page.line, f"page '{page.id}' is listed twice (also line {seen[page.id]})"))
                continue
            seen[page.id] = page.line
            pages.append(page)
        areas.append(Area(id=str(data["id"]), title=str(data["title"]), pages=tuple(pages)))
    return areas


def _page(item: object, line: int, area: str, sites: dict[str, dict], shown: str, errors: list[ContentError]) -> DocPage | None:
    if not isinstance(item, dict) or not {"page", "title"} <= set(item) or set(item) - PAGE_KEYS:
        errors.append(ContentError(shown, line, f"each page needs page and title (allowed keys: {', '.join(sorted(PAGE_KEYS))})"))
        return None
    match = PAGE_ID.match(str(item["page"]))
    if not match:
        errors.append(ContentError(shown, line, f"page id '{item['page']}' is not <site>:<path>, e.g. django:topics/db/queries"))
        return None
    site = sites.get(match["site"])
    if not site:
        if site is None:
            errors.append(ContentError(shown, line, f"page '{item['page']}' names the unknown site '{match['site']}'"))
        return None
    version = str(item.get("version", site.get("version", "")))
    if "{version}" in site["url"] and not VERSION.match(version):
        errors.append(ContentError(shown, line, f"page '{item['page']}' has version '{version}', not like \"6.1\""))
        return None
    out_of_scope = item.get("out_of_scope")
    if out_of_scope is not None and not (isinstance(out_of_scope, str) and out_of_scope.strip()):
        errors.append(ContentError(shown, line, "out_of_scope needs a reason"))
        return None
    url = site["url"].replace("{version}", version).replace("{path}", match["path"])
    return DocPage(id=str(item["page"]), title=str(item["title"]), url=url, area=area, line=line, out_of_scope=out_of_scope)


def docs_errors(questions: list[Question], syllabus: Syllabus) -> list[ContentError]:
    """A question's ``docs:`` may only name syllabus pages, each once."""
    pages = syllabus.pages()
    errors = []
    for q in questions:
        line = q.key_lines.get("docs", 2)
        for page_id in q.docs:
            if page_id not in pages:
                close = [p for p in pages if p.split(":", 1)[-1] == page_id.split(":", 1)[-1]]
                hint = f" (did you mean '{close[0]}'?)" if close else f" (add it to {syllabus.path} or fix the id)"
                errors.append(ContentError(q.path, line, f"'docs' names '{page_id}', which is no page of the syllabus{hint}"))
        if len(set(q.docs)) != len(q.docs):
            errors.append(ContentError(q.path, line, "'docs' lists a page twice"))
    return errors


def coverage(syllabus: Syllabus, questions: list[Question]) -> Coverage:
    """Per area and page, the questions whose ``docs:`` name the page, in bank order."""
    naming: dict[str, list[str]] = {}
    for q in questions:
        for page_id in q.docs:
            naming.setdefault(page_id, []).append(q.id)
    return Coverage(areas=tuple(
        (area, tuple(PageCoverage(page=p, questions=tuple(naming.get(p.id, ()))) for p in area.pages))
        for area in syllabus.areas))


def warnings(cov: Coverage, syllabus: Syllabus) -> list[ContentError]:
    """One line per page no question covers and nobody marked out of scope."""
    return [ContentError(syllabus.path, pc.page.line,
                         f"no question covers '{pc.page.id}' ({pc.page.title}): add it to a question's 'docs', "
                         "write a question, or mark the page out_of_scope with a reason")
            for pc in cov.uncovered()]
