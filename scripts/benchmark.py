#!/usr/bin/env python3
"""Time the pipeline (load, validate, de-duplicate, generate) and the strict build.

    python scripts/benchmark.py              # real content, full build, synthetic banks
    python scripts/benchmark.py --quick      # skip the full MkDocs build

The synthetic banks are written to a temporary folder as real files (topics, question files,
source registry files) and go through exactly the same code as the real content. Each size is timed
twice: with the words alone (``HANDBOOK_MEANING=off``: every outcome, which is all the de-duplication
decides by words), and with the meaning check (covered matches checked, unsure ones ordered), first with an empty vector cache
(cold: the model loads and encodes the bank's titles and answers and every question it checks or
re-orders) and then with the cache it filled (warm).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook.model import Source, SourceQuestion
from handbook.pipeline import PROJECT_ROOT, Paths, load
from handbook.render import build_site
from handbook.sources import dump_source

TEMPLATES = ("What is {a} {b}?", "How does {a} {b} work with {c}?", "What is the difference between {a} and {b} {c}?",
             "When should you use {a} {b} instead of {c}?", "How do you test {a} {b} {c}?")
VARIANTS = ("What are {a} {b}?", "Explain {a} {b}.", "Difference between {a} and {b} {c}?", "How to use {a} {b} with {c}?")


def pipeline_seconds(root: Path, repeat: int) -> tuple[float, float, int, int]:
    """Minimum and median wall time of load + validate + de-duplicate + generate, and the bank/source sizes.

    The minimum is the least disturbed by other work on the machine; the median shows the spread.
    """
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = load(Paths(root))
        build_site(result.bank, result.report)
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), len(result.bank.questions), len(result.report.matches)


def words(rng: random.Random, count: int) -> list[str]:
    syllables = ["ka", "lo", "mi", "ser", "qu", "ery", "view", "set", "tok", "en", "rou", "ter", "cach", "pag", "in",
                 "at", "or", "per", "mis", "sion", "val", "id", "mod", "el", "sig", "nal", "mid", "dle", "ware"]
    out: set[str] = set()
    while len(out) < count:
        out.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(out)


def write_synthetic(root: Path, questions: int, source_questions: int, seed: int = 7) -> None:
    """A bank of ``questions`` files in 20 topics and 5 sources asking ``source_questions`` questions, each with
    the digest of an answer (twelve words) as ingest records it."""
    rng = random.Random(seed)
    vocab = words(rng, max(3000, questions * 3))
    content = root / "content"
    topics = [f"topic-{i:02d}" for i in range(20)]
    (content / "questions").mkdir(parents=True)
    (content / "topics.yml").write_text(
        "".join(f"- id: {t}\n  title: Topic {t}\n  summary: Synthetic topic.\n" for t in topics), encoding="utf-8")
    picks = []
    body = "\n\n".join(f"## {lv}\n\nA synthetic {lv.lower()} answer with enough words to look like prose here."
                       for lv in ("Junior", "Mid", "Senior"))
    for i in range(questions):
        a, b, c = rng.sample(vocab, 3)
        picks.append((a, b, c))
        topic = topics[i % len(topics)]
        title = rng.choice(TEMPLATES).format(a=a, b=b, c=c)
        path = content / "questions" / topic / f"q-{i:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"---\nid: q-{i:05d}\ntitle: {title}\ntopic: {topic}\nlevel: mid\n---\n\n{body}\n", encoding="utf-8")
    (root / "sources").mkdir()
    per_source = source_questions // 5
    for s in range(5):
        asked = []
        for j in range(per_source):
            if rng.random() < 0.7:
                a, b, c = rng.choice(picks)
            else:
                a, b, c = rng.sample(vocab, 3)
            about = " ".join([a, b, *rng.sample(vocab, 10)])  # the digest of the source's answer, as ingest writes it
            asked.append(SourceQuestion(ref=f"q{j + 1}", asked=rng.choice(VARIANTS + TEMPLATES).format(a=a, b=b, c=c),
                                        line=j + 1, about=about))
        source = Source(id=f"synthetic-{s}", title=f"Synthetic {s}", kind="synthetic", origin=f"synthetic-{s}.txt",
                        credit="generated", path="", questions=asked, ingest={"format": "prose"})
        (root / "sources" / f"synthetic-{s}.yml").write_text(dump_source(source), encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: synthetic\n", encoding="utf-8")


def strict_build_seconds(repeat: int = 3) -> tuple[float, float]:
    """Minimum and median wall time of the whole ``handbook_cli.py build`` command (a fresh interpreter,
    imports, the pipeline, MkDocs and the swap into place)."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "handbook_cli.py"), "build", "--site-dir",
                            str(Path(tmp) / "site")], check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the full MkDocs build")
    parser.add_argument("--sizes", default="500,1000,2000", help="synthetic bank sizes (5 source questions each)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per synthetic size (default 3)")
    args = parser.parse_args()

    fastest, median, questions, asked = pipeline_seconds(PROJECT_ROOT, repeat=5)
    print(f"real content: pipeline {fastest * 1000:.0f} ms min, {median * 1000:.0f} ms median "
          f"for {questions} questions and {asked} source questions")
    if not args.quick:
        fastest, median = strict_build_seconds()
        print(f"real content: full strict build {fastest:.2f} s min, {median:.2f} s median of 3")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            write_synthetic(Path(tmp), size, size * 5)
            os.environ["HANDBOOK_MEANING"] = "off"
            fastest, median, questions, asked = pipeline_seconds(Path(tmp), repeat=args.repeat)
            print(f"synthetic, words alone: pipeline {fastest:.2f} s min, {median:.2f} s median of {args.repeat} "
                  f"for {questions} questions and {asked} source questions ({fastest / questions * 1000:.2f} ms per question)")
            os.environ["HANDBOOK_MEANING"] = "on"
            os.environ["HANDBOOK_EMBEDDING_CACHE"] = str(Path(tmp) / "vectors.npz")
            cold, _, _, _ = pipeline_seconds(Path(tmp), repeat=1)
            warm, _, _, _ = pipeline_seconds(Path(tmp), repeat=1)
            print(f"synthetic, with the meaning check: {cold:.2f} s with an empty vector cache, "
                  f"{warm:.2f} s with the cache filled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
