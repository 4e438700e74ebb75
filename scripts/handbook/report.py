"""Readable terminal output for the de-duplication report."""

from __future__ import annotations

from .dedup_report import DedupReport, Match

STATUS_ORDER = ("suggested", "new", "off-topic", "covered")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(report: DedupReport, questions: int) -> str:
    counts = {s: len(report.by_status(s)) for s in STATUS_ORDER}
    mapped = len({m.id for m in report.by_status("covered")})
    return (f"{len(report.matches)} source questions from {report.source_count} sources -> "
            f"{counts['covered']} covered by {mapped} of {questions} bank questions, "
            f"{counts['suggested']} suggested, {counts['new']} new, {counts['off-topic']} off-topic "
            f"({len(report.open_work())} of them open work of pending sources); "
            f"{len(report.duplicates)} suspected duplicate bank pairs"
            + (f"; {report.meaning}" if report.meaning else ""))


def candidates(m: Match) -> list[str]:
    """The top three candidates of a suggested or new question, with scores, the words that matched and,
    where the candidates were re-ordered by meaning, how close in meaning each is."""
    return [f"{i}. {c['id']} {c['score']:.2f}" + (f" meaning {c['meaning']:.2f}" if c.get("meaning") is not None else "")
            + (f"  [{', '.join(c['words'])}]" if c["words"] else "")
            for i, c in enumerate(m.candidates[:3], start=1)]


def table(report: DedupReport, statuses: tuple[str, ...] = STATUS_ORDER) -> str:
    """One row per source question: status, where it comes from, what it maps to, why, and candidates."""
    rows = [f"{'status':10} {'source#ref':44} {'bank id':26} question / why", "-" * 120]
    for status in statuses:
        for m in report.by_status(status):
            where = _clip(f"{m.source}#{m.ref}", 44)
            rows.append(f"{status:10} {where:44} {_clip(m.id or '-', 26):26} {_clip(m.asked, 70)}")
            rows.append(f"{'':10} {'':44} {'':26}   {m.why}")
            if status in ("suggested", "new"):
                rows += [f"{'':10} {'':44} {'':26}     {line}" for line in candidates(m)]
    if report.duplicates:
        rows += ["", "Bank questions that look like duplicates of each other:"]
        rows += [f"  {d.first} ~ {d.second}: {d.why}" for d in report.duplicates]
    return "\n".join(rows)


def open_work(report: DedupReport) -> str:
    """Suggested and new questions of pending sources, one line each: known work, not an error."""
    return "\n".join(f"open work: {m.source}#{m.ref} ({m.status}): {m.asked}" for m in report.open_work())


def coverage_by_bank(report: DedupReport) -> str:
    """For each bank question, which source questions it covers."""
    lines = []
    for bank_id, matches in sorted(report.asked_by().items()):
        refs = ", ".join(f"{m.source}#{m.ref}" for m in matches)
        lines.append(f"{bank_id} ({len({m.source for m in matches})} sources): {refs}")
    return "\n".join(lines)
