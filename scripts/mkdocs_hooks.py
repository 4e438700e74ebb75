"""MkDocs hooks: generate the handbook's pages from ``content/`` and ``sources/`` on every build.

Generated pages exist only in memory (``File.generated``), so nothing is written into ``docs/``:
``mkdocs serve`` watches ``content/`` and ``sources/`` and rebuilds on a change, without a loop.
An invalid input file stops the build before the site directory is touched; a problem de-duplication
finds stops it while pages render (``handbook_cli.py build`` builds into a staging folder and replaces the
site only on success, so the site is never half-written either way).

De-duplication (scikit-learn and the matcher) is the slowest part of reading the inputs and only a few
figures of the pages depend on it ("asked in 3 of 12 sources", the home, sources and study-plan pages).
``mkdocs build`` therefore runs it in a second process while this one renders the topic and question
pages; the few figures are filled in once it is done, and any problem it finds still fails the build.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `handbook` without an install step

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from handbook import assemble, search_index
from handbook.errors import ContentErrors
from handbook.pipeline import Analysis, Inputs, Paths, analyse, read
from handbook.render import INDEX_URI, PLACEHOLDER, PRINT_MARKER, Site, body_marker, build_site, complete, fill, fill_asked

# `extra: {handbook_search: material}` builds the site with Material's own search (the baseline the search
# tests measure against): no page is kept out of Material's index and the handbook's worker is not used.
MATERIAL_SEARCH = "material"

_state: dict = {}


class RenderCache(dict):
    """Markup the templates render once per build and reuse (see overrides/main.html)."""

    def keep(self, key: str, value: str) -> str:
        self[key] = value
        return value


def _paths(config: MkDocsConfig) -> Paths:
    return Paths(Path(config.config_file_path).resolve().parent)


def _start_analysis(inputs: Inputs, paths: Paths) -> Future:
    """De-duplicate in a forked process when this one runs a single thread (``mkdocs build``); in place
    otherwise: forking a process that has other threads (``mkdocs serve``) is not safe."""
    args = (inputs, paths.require_coverage(), paths.require_syllabus())
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        future = executor.submit(analyse, *args)
        executor.shutdown(wait=False)
        return future
    future: Future = Future()
    future.set_result(analyse(*args))
    return future


def _analysis() -> Analysis:
    """The de-duplication result, waited for once; its problems stop the build."""
    if "analysis" not in _state:
        found: Analysis = _state["future"].result()
        if found.problems:
            raise PluginError("The handbook's content has problems:\n" + "\n".join(map(str, found.problems)))
        # Printed, not logged: MkDocs' --strict would turn a logged warning into a failed build, and uncovered
        # syllabus pages are warnings until [tool.handbook] require-syllabus makes them errors.
        for warning in found.warnings:
            print(f"handbook warning: {warning}", file=sys.stderr)
        complete(_state["site"], _state["bank"], found.report)
        _state["analysis"] = found
    return _state["analysis"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read and validate every input (errors name ``path:line``), start de-duplication, generate the pages."""
    paths = _paths(config)
    try:
        inputs = read(paths)
    except ContentErrors as exc:
        raise PluginError("The handbook's content is invalid:\n" + str(exc)) from None
    _state.clear()
    _state.update(bank=inputs.bank, site=build_site(inputs.bank, None), topic_html={},
                  questions=[], future=_start_analysis(inputs, paths),
                  material_search=config.extra.get("handbook_search") == MATERIAL_SEARCH)
    config.nav = _state["site"].nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages; they are rendered first, the hand-written pages (which show figures of the
    de-duplication report) last, so that the report is ready by the time they need it."""
    site: Site = _state["site"]
    not_in_nav = set(site.question_pages)  # reached from topic pages, search and links, not from the menu
    generated = []
    for uri, content in site.files.items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"docs/{uri} is generated by the build: remove the hand-written file")
        inclusion = InclusionLevel.NOT_IN_NAV if uri in not_in_nav else InclusionLevel.UNDEFINED
        generated.append(File.generated(config, uri, content=content, inclusion=inclusion))
    return Files(generated + list(files))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill ``<!-- handbook:... -->`` markers in hand-written pages."""
    if _state["material_search"] and page.file.src_uri != "print.md":
        page.meta.pop("search", None)  # the baseline: Material indexes topic and question pages itself
    if PLACEHOLDER.split("{")[0] not in markdown:
        return markdown
    _analysis()
    return fill(markdown, _state["site"].fragments)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep tab labels out of Material's index (they would read as 'JuniorMidSenior'); keep each topic
    page's HTML for the question pages and the print page."""
    html = html.replace('<div class="tabbed-labels">', '<div class="tabbed-labels" data-search-exclude>')
    topic = page.file.src_uri.removesuffix(".md")
    if topic in _state["site"].topic_ids:
        _state["topic_html"][topic] = html
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is rendered now: give each question page its body and the print page every question,
    cut from the topic pages (each answer is rendered once), fill in the report's figures, and collect the
    search documents."""
    env.globals["hb_render_cache"] = RenderCache()
    report = _analysis().report
    bank = _state["bank"]
    topics_of = {q.id: q.topic for q in bank.questions}
    titles = {t.id: t.title for t in bank.topics}
    sections: dict[str, assemble.Section] = {}
    for topic in _state["site"].topic_ids:
        ids = [q.id for q in bank.topic_questions(topic)]
        try:
            sections.update(assemble.cut(_state["topic_html"][topic], ids))
        except assemble.MarkerError as exc:  # a template or extension changed what a topic page renders
            raise PluginError(f"{topic}.md (generated): {exc}") from None
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.content is None:
            continue
        qid = page.meta.get("hb_question")
        if qid:
            body = assemble.for_question_page(sections[qid].body, qid, topics_of)
            page.content = page.content.replace(body_marker(qid), body)
        elif file.src_uri == "print.md":
            parts = [(t, f'<p class="hb-print-topic">{titles[t]}</p>\n'
                      + "\n".join(sections[q.id].whole for q in bank.topic_questions(t)))
                     for t in _state["site"].topic_ids]
            page.content = page.content.replace(PRINT_MARKER, assemble.for_print_page(parts, topics_of))
        page.content = fill_asked(page.content, report)
    files.get_file_from_path(INDEX_URI).content_string = _state["site"].files[INDEX_URI]
    if not _state["material_search"]:
        _state["questions"] = [
            search_index.question_document(q, titles[q.topic], search_index.answer_text(sections[q.id].body))
            for q in bank.questions]
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Replace the index Material's search plugin wrote (hand-written pages only) by the handbook's."""
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if _state["material_search"] or not index_path.exists():
        return
    index = search_index.build(json.loads(index_path.read_text(encoding="utf-8")), _state["questions"],
                               _state["bank"].synonyms)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_serve(server, config: MkDocsConfig, builder):
    """Rebuild when a question, the topics file or the source registry changes."""
    paths = _paths(config)
    server.watch(str(paths.content))
    server.watch(str(paths.sources))
    return server
