"""The handbook's commands: check, dedup, review, coverage, ingest, generate and build."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import report as text_report
from . import review
from .errors import ContentError, ContentErrors
from .ingest import FORMATS, LayoutError, ingest_document
from .model import Source
from .pipeline import PROJECT_ROOT, Paths, Result, load
from .render import build_site
from .sources import check_format, dump_source, load_source, reingest

DEFAULT_SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
DEFAULT_INCOMING = PROJECT_ROOT.parent / "shared" / "incoming"


def _load_or_report(paths: Paths, require_coverage: bool | None = None) -> Result | None:
    try:
        return load(paths, require_coverage=require_coverage)
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        print(f"\n{len(exc.errors)} error(s): nothing was generated.", file=sys.stderr)
        return None


def cmd_check(args: argparse.Namespace) -> int:
    """Validate content, sources and overrides; de-duplicate; fail on any problem."""
    result = _load_or_report(Paths(args.root), args.require_coverage or None)
    if result is None:
        return 1
    print(text_report.summary(result.report, len(result.bank.questions)))
    if result.report.open_work():
        print(text_report.open_work(result.report))
    _print_warnings(result)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(result.problems)} problem(s).", file=sys.stderr)
        return 1
    return 0


def _print_warnings(result: Result) -> None:
    """Uncovered syllabus pages: warnings (on stdout, with the report) until ``[tool.handbook] require-syllabus``
    makes them errors."""
    for warning in result.warnings:
        print(f"warning: {warning}")


def cmd_coverage(args: argparse.Namespace) -> int:
    """The syllabus map: per area of the official docs, each page and the questions that cover it."""
    result = _load_or_report(Paths(args.root), require_coverage=False)
    if result is None:
        return 1
    cov = result.coverage
    for area, pages in cov.areas:
        print(f"\n{area.title} [{area.id}]")
        for pc in pages:
            detail = ", ".join(pc.questions) or (f"out of scope: {pc.page.out_of_scope}" if pc.page.out_of_scope else "-")
            print(f"  {pc.status:<12} {pc.page.id:<45} {detail}")
    counts = cov.counts()
    named = sum(1 for q in result.bank.questions if q.docs)
    print(f"\n{sum(counts.values())} pages: {counts['covered']} covered, {counts['out of scope']} out of scope, "
          f"{counts['uncovered']} uncovered; {named} of {len(result.bank.questions)} questions name official pages")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(cov.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"JSON map written to {args.json}")
    _print_warnings(result)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """Accept suggestions, or mark source questions new or off-topic; decisions go to sources/overrides.yml."""
    paths = Paths(args.root)
    result = _load_or_report(paths, require_coverage=False)
    if result is None:
        return 1
    why = args.why or "decided in review"
    try:
        decisions = [review.Decision(*review.parse_target(t)[:2], "map", why, review.parse_target(t)[2]) for t in args.accept]
        decisions += [review.Decision(*review.parse_target(t)[:2], "new", why) for t in args.new]
        decisions += [review.Decision(*review.parse_target(t)[:2], "off_topic", why) for t in args.off_topic]
        if any(d.kind == "map" and d.id is None for d in decisions):
            raise review.ReviewError("--accept needs SOURCE:REF=BANK_ID")
        bank_ids = {q.id for q in result.bank.questions}
        if not decisions:
            decisions = review.interactive(review.to_review(result.report, args.source), bank_ids=frozenset(bank_ids))
        for decision in decisions:
            review.check_decision(decision, result.report, bank_ids)
    except review.ReviewError as exc:
        print(f"review: {exc}", file=sys.stderr)
        return 2
    if decisions:
        review.record(paths.overrides, decisions)
    print(f"{len(decisions)} decision(s) written to {paths.overrides}")
    return 0


def cmd_dedup(args: argparse.Namespace) -> int:
    """Print the de-duplication table and write it as JSON."""
    result = _load_or_report(Paths(args.root), require_coverage=False)
    if result is None:
        return 1
    statuses = tuple(args.status) if args.status else text_report.STATUS_ORDER
    print(text_report.table(result.report, statuses))
    if args.by_bank:
        print("\nCoverage by bank question:\n" + text_report.coverage_by_bank(result.report))
    print("\n" + text_report.summary(result.report, len(result.bank.questions)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result.report.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"JSON report written to {args.json}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Generate the pages MkDocs would get; ``--check`` validates and renders without writing."""
    started = time.perf_counter()
    result = _load_or_report(Paths(args.root))
    if result is None:
        return 1
    if result.problems:
        print("\n".join(map(str, result.problems)), file=sys.stderr)
        return 1
    site = build_site(result.bank, result.report)
    if not args.check:
        out: Path = args.out
        if out.exists():
            shutil.rmtree(out)
        for uri, content in site.files.items():
            target = out / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        print(f"wrote {len(site.files)} files to {out}")
    print(f"{len(site.files)} generated files for {len(result.bank.questions)} questions "
          f"in {time.perf_counter() - started:.3f}s")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Build ``sources/<id>.yml`` from a raw document, preview a document, or check every registry file."""
    sources_dir = Paths(args.root).sources
    if args.check:
        return _ingest_check(sources_dir, args.root, [args.seeds, args.incoming])
    if args.layout and args.layout != "auto":
        try:
            check_format(args.layout)
        except ContentErrors as exc:
            print(exc, file=sys.stderr)
            return 2
    if args.preview:
        if not args.document:
            print("ingest --preview needs a DOCUMENT", file=sys.stderr)
            return 2
        return _ingest_preview(args.document, args.layout or "auto", args.skip_section, args.skip_question)
    if not args.document or not args.id:
        print("ingest needs a DOCUMENT and --id (or --preview, or --check)", file=sys.stderr)
        return 2
    target = sources_dir / f"{args.id}.yml"
    existing = None
    if target.exists():
        existing, errors = load_source(target, args.root)
        if errors:
            print("\n".join(map(str, errors)), file=sys.stderr)
            return 1
    keys = ("title", "kind", "credit", "url", "licence")
    meta = {k: getattr(args, k) or (getattr(existing, k) if existing else None) for k in keys}
    missing = [k for k in ("title", "kind", "credit") if not meta[k]]
    if missing:
        print(f"a new source needs --{', --'.join(missing)}", file=sys.stderr)
        return 2
    ingest_opts = dict(existing.ingest) if existing else {}
    if args.layout:
        ingest_opts["format"] = args.layout
    if args.skip_section:
        ingest_opts["skip_sections"] = args.skip_section
    if args.skip_question:
        ingest_opts["skip_questions"] = args.skip_question
    pending = args.pending if args.pending is not None else bool(existing and existing.pending)
    base = Source(id=args.id, title=meta["title"], kind=meta["kind"], origin=args.document.name,
                  credit=meta["credit"], url=meta["url"], path=str(target), ingest=ingest_opts, licence=meta["licence"],
                  pending=pending)
    try:
        source = reingest(base, args.document)
    except (LayoutError, OSError) as exc:
        print(f"{args.document}:1: {exc}", file=sys.stderr)
        print("nothing was recorded.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dump_source(source), encoding="utf-8")
    off = sum(q.off_topic for q in source.questions)
    print(f"{target}: {len(source.questions)} questions, {off} off-topic ({source.ingest['format']} layout)")
    return 0


def _ingest_preview(document: Path, layout: str, skip_sections: list[str] | None, skip_questions: list[str] | None) -> int:
    """Print what ingest would record from a document, and how it read it; write nothing."""
    try:
        raw = document.read_bytes().decode("utf-8", errors="replace")
        result = ingest_document(raw, str(document), layout, skip_sections, skip_questions)
    except (LayoutError, OSError) as exc:
        print(f"{document}:1: {exc}", file=sys.stderr)
        return 1
    for q in result.questions:
        mark = "off-topic" if q.off_topic else ""
        print(f"{document}:{q.line}: {mark:9} {q.asked}")
    off = sum(q.off_topic for q in result.questions)
    others = ", ".join(f"{name} {score:.2f}" for name, score in sorted(result.ratings.items(), key=lambda kv: -kv[1])
                       if score > 0)
    print(f"\n{len(result.questions)} questions ({off} off-topic); layout {result.layout}, "
          f"confidence {result.confidence:.2f}" + (f" (all readers: {others})" if others else ""))
    print("preview only: nothing was written.")
    return 0


def _find_document(origin: str, folders: list[Path]) -> Path | None:
    for folder in folders:
        if (folder / origin).is_file():
            return folder / origin
    return None


def _ingest_check(sources_dir: Path, root: Path, folders: list[Path]) -> int:
    present = [f for f in folders if f.is_dir()]
    if not present:
        print(f"skipped: the raw documents folders ({', '.join(map(str, folders))}) are absent, so there is nothing to compare with")
        return 0
    failures = 0
    for path in sorted(sources_dir.glob("*.yml")):
        if path.name == "overrides.yml":
            continue
        source, errors = load_source(path, root)
        if errors or source is None:
            print("\n".join(map(str, errors)), file=sys.stderr)
            failures += 1
            continue
        document = _find_document(source.origin, present)
        if document is None:
            print(f"{path}:1: origin '{source.origin}' not found in {' or '.join(map(str, present))}", file=sys.stderr)
            failures += 1
            continue
        try:
            fresh = reingest(source, document)
        except LayoutError as exc:
            print(f"{path}:1: {document}: {exc}", file=sys.stderr)
            failures += 1
            continue
        if dump_source(fresh) != dump_source(source):
            print(f"{path}:1: out of date with {document}: run `python -m handbook ingest {document} --id {source.id}`",
                  file=sys.stderr)
            failures += 1
        else:
            print(f"{path}: up to date ({len(source.questions)} questions)")
    return 1 if failures else 0


# The same site with Material's own search engine, which the search tests measure the handbook's against:
# `material` is its default configuration (the search plugin without options), `material-tuned` keeps the
# separator and pipeline of mkdocs.yml (code names whole, no stemmer or stop words). Either way the hook
# leaves Material's index and worker alone, and every question page is indexed.
MATERIAL_SEARCH_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
options = {} if sys.argv[3] == "material-tuned" else {"plugins": ["search"]}
build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True, extra={"handbook_search": "material"}, **options))
"""


def cmd_build(args: argparse.Namespace) -> int:
    """Strict MkDocs build into a temporary folder, moved over the site folder only on success."""
    site_dir: Path = args.site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".site-", dir=site_dir.parent) as tmp:
        staged = Path(tmp) / "site"
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staged),
                   "--config-file", str(args.root / "mkdocs.yml")]
        if args.search != "handbook":
            command = [sys.executable, "-c", MATERIAL_SEARCH_BUILD, str(args.root / "mkdocs.yml"), str(staged), args.search]
        started = time.perf_counter()
        # Captured and passed on, so that whoever called the command (a terminal, a test) gets MkDocs' output.
        done = subprocess.run(command, cwd=args.root, capture_output=True, text=True)
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        if done.returncode != 0:
            print(f"build failed: {site_dir} was left as it was", file=sys.stderr)
            return done.returncode
        old = Path(tmp) / "old"
        if site_dir.exists():
            site_dir.rename(old)
        staged.rename(site_dir)
    print(f"built {site_dir} in {time.perf_counter() - started:.1f}s")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m handbook", description=__doc__)
    p.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project root (default: this checkout)")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="validate and de-duplicate; non-zero exit on any problem")
    c.add_argument("--require-coverage", action="store_true",
                   help="also fail on source questions no bank question covers (default: pyproject's [tool.handbook])")
    c.set_defaults(func=cmd_check)

    d = sub.add_parser("dedup", help="show what each source question maps to, and why")
    d.add_argument("--json", type=Path, default=Path("build/dedup-report.json"), help="where to write the JSON report")
    d.add_argument("--status", action="append", choices=text_report.STATUS_ORDER, help="only these statuses (repeatable)")
    d.add_argument("--by-bank", action="store_true", help="also list, per bank question, the source questions it covers")
    d.set_defaults(func=cmd_dedup)

    r = sub.add_parser("review", help="accept suggestions, or mark source questions new or off-topic")
    r.add_argument("--source", help="only this source's questions (interactive)")
    r.add_argument("--accept", action="append", default=[], metavar="SOURCE:REF=BANK_ID", help="map a question (repeatable)")
    r.add_argument("--new", action="append", default=[], metavar="SOURCE:REF", help="confirm a question is new (repeatable)")
    r.add_argument("--off-topic", action="append", default=[], metavar="SOURCE:REF", help="mark a question off-topic (repeatable)")
    r.add_argument("--why", help="the reason recorded with each decision")
    r.set_defaults(func=cmd_review)

    v = sub.add_parser("coverage", help="the syllabus: which official doc pages the questions cover")
    v.add_argument("--json", type=Path, default=Path("build/coverage.json"), help="where to write the map as JSON")
    v.set_defaults(func=cmd_coverage)

    g = sub.add_parser("generate", help="render the generated pages (what the MkDocs hook adds)")
    g.add_argument("--out", type=Path, default=Path("build/generated"))
    g.add_argument("--check", action="store_true", help="validate and render in memory; write nothing")
    g.set_defaults(func=cmd_generate)

    i = sub.add_parser("ingest", help="read a raw source document into sources/<id>.yml")
    i.add_argument("document", type=Path, nargs="?")
    i.add_argument("--id")
    i.add_argument("--title")
    i.add_argument("--kind")
    i.add_argument("--credit")
    i.add_argument("--url")
    i.add_argument("--licence", help="the document's licence, as its publisher states it")
    i.add_argument("--pending", action=argparse.BooleanOptionalAction, default=None,
                   help="its uncovered questions are known open work until the content covers them")
    i.add_argument("--layout", "--format", dest="layout", metavar="NAME",
                   help=f"force a layout reader (auto, {', '.join(FORMATS)}; 'a+b' reads with a, then the rest with b)")
    i.add_argument("--skip-section", action="append", help="regex: leave out questions under matching sections")
    i.add_argument("--skip-question", action="append", help="regex: leave out matching questions")
    i.add_argument("--preview", action="store_true", help="print what would be recorded and the layout chosen; write nothing")
    i.add_argument("--check", action="store_true", help="check every registry file against its raw document")
    i.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of raw documents for --check")
    i.add_argument("--incoming", type=Path, default=DEFAULT_INCOMING, help="second folder of raw documents for --check")
    i.set_defaults(func=cmd_ingest)

    b = sub.add_parser("build", help="strict MkDocs build; the site folder is replaced only on success")
    b.add_argument("--site-dir", type=Path, default=PROJECT_ROOT / "site")
    b.add_argument("--search", choices=("handbook", "material", "material-tuned"), default="handbook",
                   help="material: Material's own search with its default settings (the search tests' baseline); "
                        "material-tuned: Material's engine with mkdocs.yml's code-aware settings")
    b.set_defaults(func=cmd_build)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    return args.func(args)


__all__ = ["ContentError", "main"]
