"""Turn the bank and its de-duplication report into Markdown pages, redirect pages and page fragments."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from . import study
from .changes import changes_page
from .dedup_report import DedupReport
from .model import LEVEL_TITLES, LEVELS, Bank, Question, Topic
from .syllabus import Coverage, coverage

PLACEHOLDER = "<!-- handbook:{name} -->"
MOST_ASKED_COUNT = 10
INDEX_URI = "assets/handbook/questions.json"
RETIRED_URI = "assets/handbook/retired.js"  # loaded before the site's scripts (mkdocs.yml)
ASSESSMENTS = (("known", "Know it"), ("shaky", "Shaky"), ("unknown", "Don't know"))


@dataclass
class Site:
    """Everything the build adds to MkDocs: virtual pages and files, fragments for hand-written pages, nav."""

    files: dict[str, str] = field(default_factory=dict)
    fragments: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    topic_ids: list[str] = field(default_factory=list)

    @property
    def question_pages(self) -> list[str]:
        """Source URIs of the questions' own pages (``q/<id>/index.md``), which are not in the nav."""
        return [uri for uri in self.files if uri.startswith("q/") and uri.endswith("/index.md")]


def indent(text: str, prefix: str = "    ") -> str:
    """Indent every non-blank line (content of a tab or admonition)."""
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def plural(count: int, word: str) -> str:
    """``1 question``, ``2 questions``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def tabs(question: Question) -> str:
    """The three answers as linked content tabs; tab ids become ``<id>-junior`` etc."""
    return "\n\n".join(f'=== "{LEVEL_TITLES[level]}"\n\n{indent(question.answers[level])}' for level in LEVELS)


def topic_page_name(topic_id: str) -> str:
    return f"{topic_id}.md"


def question_link(question: Question, from_topic: str | None = None) -> str:
    """A Markdown link target to a question from a page at the site root."""
    return f"{topic_page_name(question.topic)}#{question.id}"


ASKED_MARKER = "<!-- hb:asked:{id} -->"
ASKED = re.compile(r"<!-- hb:asked:([a-z0-9-]+) -->")


def asked_in(question_id: str, report: DedupReport | None) -> str:
    """"Asked in 3 of 12 sources"; without a report yet, a marker that :func:`fill_asked` replaces."""
    if report is None:
        return ASKED_MARKER.format(id=question_id)
    return f"Asked in {report.sources_asking(question_id)} of {report.source_count} sources"


def fill_asked(html_text: str, report: DedupReport) -> str:
    """Replace the markers :func:`asked_in` left in a rendered page."""
    return ASKED.sub(lambda m: asked_in(m.group(1), report), html_text)


def meta_line(question: Question, asked: str, link: str = "") -> str:
    """Level badge, source count and a link (HTML), kept out of the search index."""
    level = question.level
    return (
        f'<div class="hb-meta" data-search-exclude>'
        f'<span class="hb-level hb-level--{level}" title="The level at which interviewers usually ask this">'
        f'{LEVEL_TITLES[level]} question</span> '
        f'<span class="hb-asked" title="How many of the source documents ask it">{asked}</span> {link}</div>'
    )


def body_marker(question_id: str) -> str:
    """Where a question's shared body (tabs to related links) starts on its topic page; a question page
    holds the same marker, replaced by that body once every page is rendered (handbook.assemble)."""
    return f"<!-- hb:body:{question_id} -->"


def end_marker(question_id: str) -> str:
    return f"<!-- hb:end:{question_id} -->"


def start_marker(question_id: str) -> str:
    return f"<!-- hb:question:{question_id} -->"


def assessment(question: Question) -> str:
    """Know it / Shaky / Don't know: a native radio group the site's script stores per question id."""
    qid = esc(question.id)
    options = "".join(
        f'<label class="hb-assess__option"><input type="radio" name="hb-assess-{qid}" value="{value}"> {text}</label>'
        for value, text in ASSESSMENTS
    )
    return (f'<fieldset class="hb-assess" data-question="{qid}" data-search-exclude>'
            f'<legend>How well do you know this?</legend>{options}</fieldset>')


def render_question(question: Question, bank: Bank, report: DedupReport | None) -> str:
    """One question on its topic page: an ``h2`` with its id, the meta line, then its body between markers."""
    permalink = (f'<a class="hb-permalink" href="../q/{esc(question.id)}/" title="The question on its own page: a '
                 f'link that survives moves between topics">Own page</a>')
    return "\n\n".join([
        start_marker(question.id),
        f"## {question.title} {{ #{question.id} }}",
        meta_line(question, asked_in(question.id, report), permalink),
        body_marker(question.id),
        question_body(question, bank),
        end_marker(question.id),
    ])


def question_body(question: Question, bank: Bank) -> str:
    """The tabs, the self-assessment, corrections, official docs and related links: rendered once, on the
    topic page, and reused by the question's own page and the print page."""
    parts = [tabs(question), assessment(question)]
    if question.corrections:
        items = "\n".join(
            f"- **Claim:** {c.claim}\n  **Fact:** {c.fact} ([documentation]({c.ref}))" for c in question.corrections
        )
        parts.append(f'??? warning "What the sources get wrong"\n\n{indent(items)}')
    links = official_docs(question, bank)
    if links:
        parts.append(links)
    by_id = bank.by_id()
    related = [by_id[r] for r in question.related if r in by_id]
    if related:
        links = " · ".join(f"[{r.title}]({question_link(r)})" for r in related)
        parts.append(f'<div class="hb-related" data-search-exclude markdown>\n\n**Related:** {links}\n\n</div>')
    return "\n\n".join(parts)


def one_sentence(markdown: str, limit: int = 200, least: int = 60) -> str:
    """The opening of an answer as plain text, for link previews: its first sentence, or its first two when
    the first is a bare "Not natively."; inline Markdown removed, at most ``limit`` characters."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"^\s*(!!!|\?\?\?).*$", " ", text, flags=re.M)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = " ".join(re.sub(r"[`*_]", "", text).split())
    sentences = re.findall(r".+?[.!?](?=\s|$)|.+$", text)
    opening = ""
    for sentence in sentences:
        opening = f"{opening} {sentence.strip()}".strip()
        if len(opening) >= least:
            break
    return opening if len(opening) <= limit else opening[: limit - 1].rsplit(" ", 1)[0] + "…"


def question_page(question: Question, bank: Bank, report: DedupReport | None) -> str:
    """``/q/<id>/``: the question's own, canonical page. Its body is filled in from the topic page's rendering
    (see :func:`body_marker`), so each answer is rendered once per build."""
    topic = next(t for t in bank.topics if t.id == question.topic)
    siblings = bank.topic_questions(topic.id)
    at = siblings.index(question)
    front = {"title": question.title, "description": one_sentence(question.answers["junior"]),
             "hb_question": question.id, "search": {"exclude": True},
             "hide": ["toc"]}  # one question: no table of contents, and the answer gets its width
    in_topic = (f'<a class="hb-in-topic" href="../../{esc(topic.id)}/#{esc(question.id)}" '
                f'title="Every question of the topic on one page">Read it in its topic: {esc(topic.title)}</a>')
    pager = []
    if at > 0:
        prev = siblings[at - 1]
        pager.append(f'<a class="hb-pager__prev" href="../{esc(prev.id)}/" rel="prev">'
                     f'<span>Previous</span> {esc(prev.title)}</a>')
    if at + 1 < len(siblings):
        nxt = siblings[at + 1]
        pager.append(f'<a class="hb-pager__next" href="../{esc(nxt.id)}/" rel="next">'
                     f'<span>Next</span> {esc(nxt.title)}</a>')
    nav = (f'<nav class="hb-pager" aria-label="Questions of this topic" data-search-exclude>{"".join(pager)}</nav>'
           if pager else "")
    return (f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n\n"
            f"# {question.title} {{ #{question.id} }}\n\n"
            f"{meta_line(question, asked_in(question.id, report), in_topic)}\n\n"
            f"{body_marker(question.id)}\n\n{nav}\n")


def official_docs(question: Question, bank: Bank) -> str:
    """"Read the official docs": the syllabus pages the question names, as links (empty when it names none)."""
    pages = bank.syllabus.pages() if bank.syllabus else {}
    named = [pages[p] for p in question.docs if p in pages]
    if not named:
        return ""
    links = " · ".join(f"[{p.title}]({p.url})" for p in named)
    return f'<div class="hb-docs" data-search-exclude markdown>\n\n**Read the official docs:** {links}\n\n</div>'


def render_topic(topic: Topic, bank: Bank, report: DedupReport | None) -> str:
    """A topic page: title, summary, and every question of the topic."""
    questions = bank.topic_questions(topic.id)
    # Kept out of Material's search index: the handbook's index has one document per question (search_index).
    front = f"---\ntitle: {topic.title}\ndescription: {topic.summary}\nsearch:\n  exclude: true\n---\n"
    intro = (f"# {topic.title}\n\n{topic.summary} {plural(len(questions), 'question')}.\n\n"
             f'<p class="hb-progress" data-topic="{esc(topic.id)}" data-questions="{esc(" ".join(q.id for q in questions))}" '
             'data-search-exclude aria-live="polite"></p>\n\n'
             '<div class="hb-print" data-search-exclude><button type="button" class="md-button" data-print="level">'
             'Print this topic at my level</button> <button type="button" class="md-button" data-print="all">'
             'Print all three levels</button></div>')
    body = "\n\n".join(render_question(q, bank, report) for q in questions)
    return f"{front}\n{intro}\n\n{body}\n"


def redirect_page(question: Question) -> str:
    """``/q/<old-id>/`` of a question merged into another: forwards to that question's own page, keeping
    ``#senior`` (the level tab)."""
    target = f"../{question.id}/"
    levels = "|".join(LEVELS)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(question.title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{esc(target)}">
<script>
(function () {{
  var level = location.hash.slice(1).toLowerCase();
  var target = "{target}";
  if (/^({levels})$/.test(level)) target += "#" + level;
  location.replace(target);
}})();
</script>
<meta http-equiv="refresh" content="0; url={esc(target)}">
</head>
<body>
<p>This question lives at <a href="{esc(target)}">{esc(question.title)}</a>.</p>
</body>
</html>
"""


def topic_cards(bank: Bank) -> str:
    """Material grid cards, one per topic, with question counts per level."""
    cards = []
    for topic in bank.topics:
        questions = bank.topic_questions(topic.id)
        if not questions:
            continue
        counts = " · ".join(f"{sum(q.level == lv for q in questions)} {lv}" for lv in LEVELS)
        cards.append(
            f"-   **[{topic.title}]({topic_page_name(topic.id)})**\n\n    ---\n\n"
            f"    {topic.summary}\n\n    {plural(len(questions), 'question')}: {counts}\n\n"
            f'    <span class="hb-progress" data-topic="{esc(topic.id)}" aria-live="polite"></span>'
        )
    return '<div class="grid cards" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>"


def most_asked(bank: Bank, report: DedupReport) -> str:
    """The questions asked by the most source documents."""
    asked = report.asked_by()
    ranked = sorted(bank.questions, key=lambda q: (-report.sources_asking(q.id), -len(asked.get(q.id, [])), q.title))
    rows = [
        f"1. [{q.title}]({question_link(q)}) — asked in {report.sources_asking(q.id)} of {report.source_count} sources"
        for q in ranked[:MOST_ASKED_COUNT] if report.sources_asking(q.id)
    ]
    return "\n".join(rows) if rows else "No source questions are covered yet."


def stats(bank: Bank, report: DedupReport) -> str:
    topics = sum(1 for t in bank.topics if bank.topic_questions(t.id))
    covered = len(report.by_status("covered"))
    return (f"**{plural(len(bank.questions), 'question')}** in {plural(topics, 'topic')}, each answered at three levels. "
            f"They cover {covered} of the {len(report.matches)} questions asked across "
            f"{report.source_count} source documents.")


def sources_table(bank: Bank, report: DedupReport) -> str:
    """Each source: kind, questions contributed, how many repeat another question, coverage, credit, licence."""
    first_seen: dict[str, tuple[str, str]] = {}
    repeats: dict[str, int] = {s.id: 0 for s in bank.sources}
    for m in report.by_status("covered"):
        if m.id in first_seen:
            repeats[m.source] += 1
        else:
            first_seen[m.id] = (m.source, m.ref)
    rows = ["| Source | Kind | Questions | Duplicates | Covered | Not yet covered | Credit | Licence |",
            "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for s in bank.sources:
        mine = [m for m in report.matches if m.source == s.id]
        covered = sum(m.status == "covered" for m in mine)
        off_topic = sum(m.status == "off-topic" for m in mine)  # not about Django or DRF: never work to cover
        title = f"[{s.title}]({s.url})" if s.url else s.title
        rows.append(f"| {title} | {s.kind} | {len(mine)} | {repeats[s.id]} | {covered} | {len(mine) - covered - off_topic} "
                    f"| {s.credit} | {s.licence or 'not recorded'} |")
    return "\n".join(rows)


def misconceptions(bank: Bank) -> str:
    """Every recorded correction, grouped by topic, each linking to its question."""
    blocks = []
    for topic in bank.topics:
        items = []
        for q in bank.topic_questions(topic.id):
            for c in q.corrections:
                items.append(f"- **{c.claim}**  \n  {c.fact} ([documentation]({c.ref})) — "
                             f"see [{q.title}]({question_link(q)})")
        if items:
            blocks.append(f"## {topic.title}\n\n" + "\n".join(items))
    total = sum(len(q.corrections) for q in bank.questions)
    return f"{total} corrections recorded.\n\n" + "\n\n".join(blocks)


def question_index(bank: Bank, report: DedupReport) -> str:
    """What the site's scripts need (progress, review, mock interview), as JSON; URLs relative to the site root
    (a question's is its own page)."""
    return json.dumps({
        "version": 1,
        "topics": [{"id": t.id, "title": t.title, "url": f"{t.id}/"} for t in bank.topics if bank.topic_questions(t.id)],
        "questions": [{"id": q.id, "title": q.title, "topic": q.topic, "level": q.level,
                       "asked": report.sources_asking(q.id), "url": f"q/{q.id}/"} for q in bank.questions],
    }, ensure_ascii=False, indent=1)


def retired_script(bank: Bank) -> str:
    """``window.HandbookRetired``: each retired id and the URL (from the site root) of the question it was
    merged into; the site's scripts move saved progress and follow old ``topic/#id`` anchors with it."""
    by_id = bank.by_id()
    moved = {old: {"id": new, "url": f"{by_id[new].topic}/#{new}"} for old, new in sorted(bank.retired().items())}
    return ("// Generated by the build: questions merged into others, and where they live now.\n"
            f"window.HandbookRetired = {json.dumps(moved, indent=1, sort_keys=True)};\n")


def topic_options(bank: Bank) -> str:
    """Checkboxes for choosing topics (mock interview)."""
    return "\n".join(
        f'<label class="hb-choice"><input type="checkbox" name="topic" value="{esc(t.id)}" checked> {esc(t.title)}</label>'
        for t in bank.topics if bank.topic_questions(t.id))


PRINT_MARKER = "<!-- hb:print -->"


def print_page() -> str:
    """Every topic on one page, for printing the whole handbook (kept out of search). The questions are
    filled in from the topic pages' rendering (handbook.assemble), so they are not rendered twice."""
    front = ("---\ntitle: The whole handbook\ndescription: Every question of the handbook on one page, "
             "ready to print or save as PDF.\nsearch:\n  exclude: true\n---\n")
    intro = ("# The whole handbook\n\nEvery question on one page. Use the buttons, or your browser's Print command, "
             "and choose *Save as PDF* to keep a copy.\n\n"
             '<div class="hb-print"><button type="button" class="md-button" data-print="level">Print at my level'
             '</button> <button type="button" class="md-button" data-print="all">Print all three levels</button></div>')
    return f"{front}\n{intro}\n\n{PRINT_MARKER}\n"


def coverage_page(bank: Bank, cov: Coverage) -> str:
    """The Coverage page: per area of the official docs, each page, the questions that cover it and the reader's
    progress on them (filled in by the site's script from the ids in ``data-questions``)."""
    counts = cov.counts()
    total = sum(counts.values())
    front = ("---\ntitle: Coverage\ndescription: Every page of the official Django and DRF documentation an interview "
             "draws on, and the handbook questions that cover it.\n---\n")
    intro = (f"# Coverage\n\nThe handbook mapped against the official documentation: every page of Django's topic "
             f"guides and of DRF's API guide, and the reference pages interviewers ask about. Of {plural(total, 'page')}, "
             f"**{counts['covered']}** are covered by at least one question, {counts['out of scope']} are out of scope "
             f"(with the reason) and {counts['uncovered']} are not covered yet.")
    by_id = bank.by_id()
    sections = []
    for area, pages in cov.areas:
        ids = sorted({qid for pc in pages for qid in pc.questions}, key=[q.id for q in bank.questions].index)
        rows = ["| Official page | Handbook questions |", "| --- | --- |"]
        for pc in pages:
            if pc.questions:
                cell = "<br>".join(f"[{esc(by_id[q].title)}]({question_link(by_id[q])})" for q in pc.questions)
            elif pc.page.out_of_scope:
                cell = f"*Out of scope:* {esc(pc.page.out_of_scope)}"
            else:
                cell = "*Not covered yet*"
            rows.append(f"| [{esc(pc.page.title)}]({pc.page.url}) | {cell} |")
        progress = (f'<p class="hb-progress" data-questions="{esc(" ".join(ids))}" data-search-exclude '
                    f'aria-live="polite"></p>') if ids else ""
        sections.append(f"## {esc(area.title)} {{ #{area.id} }}\n\n{plural(len(ids), 'question')} cover this area.\n\n"
                        f"{progress}\n\n" + "\n".join(rows))
    return f"{front}\n{intro}\n\n" + "\n\n".join(sections) + "\n"


def build_site(bank: Bank, report: DedupReport | None) -> Site:
    """All generated pages, redirects, fragments and the navigation.

    Without a report (the build runs de-duplication alongside rendering), pages carry "asked in" markers and
    the report's parts are added by :func:`complete` once it is there.
    """
    site = Site()
    cov = coverage(bank.syllabus, bank.questions) if bank.syllabus else None
    for topic in bank.topics:
        if bank.topic_questions(topic.id):
            site.files[topic_page_name(topic.id)] = render_topic(topic, bank, report)
            site.topic_ids.append(topic.id)
    for q in bank.questions:
        site.files[f"q/{q.id}/index.md"] = question_page(q, bank, report)
        for old in q.retired:  # a merged question's old permanent link lands on the question it became
            site.files[f"q/{old}/index.html"] = redirect_page(q)
    site.files[RETIRED_URI] = retired_script(bank)
    site.files[INDEX_URI] = ""
    site.files["print.md"] = print_page()
    if cov is not None and cov.areas:
        site.files["coverage.md"] = coverage_page(bank, cov)
    if bank.changes:
        site.files["changes.md"] = changes_page(bank.changes, bank.questions)
    topics_nav = [{t.title: topic_page_name(t.id)} for t in bank.topics if bank.topic_questions(t.id)]
    site.nav = [{"Home": "index.md"}, {"Study plan": "study-plan.md"}, {"Topics": topics_nav},
                {"Practise": [{"Review": "review.md"}, {"Mock interview": "mock-interview.md"},
                              {"Print or PDF": "print.md"}]},
                {"Misconceptions": "misconceptions.md"}, {"Sources": "sources.md"}]
    if "changes.md" in site.files:
        site.nav.append({"What changed": "changes.md"})
    if "coverage.md" in site.files:
        site.nav.append({"Coverage": "coverage.md"})
    if report is not None:
        complete(site, bank, report)
    return site


def complete(site: Site, bank: Bank, report: DedupReport) -> None:
    """Add what needs the de-duplication report: the hand-written pages' fragments and the question index."""
    site.files[INDEX_URI] = question_index(bank, report)
    site.fragments = {
        "stats": stats(bank, report),
        "topic-cards": topic_cards(bank),
        "most-asked": most_asked(bank, report),
        "sources-table": sources_table(bank, report),
        "misconceptions": misconceptions(bank),
        "study-cram": study.cram(bank, report),
        "study-week": study.week(bank, report),
        "topic-options": topic_options(bank),
    }


def fill(markdown: str, fragments: dict[str, str]) -> str:
    """Replace ``<!-- handbook:name -->`` markers in a hand-written page."""
    for name, value in fragments.items():
        markdown = markdown.replace(PLACEHOLDER.format(name=name), value)
    return markdown
