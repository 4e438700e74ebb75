"""Mutation testing of the pipeline (``scripts/handbook/``) with mutmut, on the fast non-browser tests.

mutmut names a mutant by its file path and strips only a ``src/`` prefix, while the tests import the
package as ``handbook`` (``pythonpath = ["scripts"]``). So the run happens in a staging copy of the
working tree where the package sits at ``src/handbook`` and pytest's ``pythonpath`` points there;
the checkout itself is never touched.

    python scripts/mutation.py            # run, print the score, list survivors not known as equivalent
    python scripts/mutation.py --keep     # keep the staging folder (to inspect mutants with `mutmut show`)
    python scripts/mutation.py --rev C    # measure commit C instead of the working tree
    python scripts/mutation.py --sample 700   # a random sample of mutants: an estimate in minutes, not hours

Equivalent mutants (a change no test can observe) are listed in ``tests/mutation_equivalents.txt``,
one ``mutant-name  reason`` per line. The exit status is non-zero when the score of non-equivalent
mutants killed is below ``TARGET``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.txt"
TARGET = 0.85
MUTMUT_CONFIG = """
[tool.mutmut]
source_paths = ["src/handbook/"]
also_copy = ["scripts/", "content/", "sources/", "docs/", "overrides/", "examples/", "mkdocs.yml"]
pytest_add_cli_args = ["-m", "not browser and not slow", "-p", "no:cacheprovider"]
pytest_add_cli_args_test_selection = ["tests/"]
"""
KILLED = ("killed", "timeout", "segfault", "caught by type check")
RESULT_LINE = re.compile(r"^\s*(\S+__mutmut_\d+): (.+)$")


def tracked_files() -> list[str]:
    """The files git knows about (tracked or new and not ignored), as they are in the working tree."""
    done = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return [line for line in done.stdout.splitlines() if (ROOT / line).is_file()]


def stage(target: Path, rev: str | None) -> Path:
    """Copy the project (the working tree, or commit ``rev``) into ``target/project``, package at ``src/handbook``."""
    project = target / "project"
    if rev:
        project.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)
        (project / "src").mkdir()
        (project / "scripts" / "handbook").rename(project / "src" / "handbook")
    else:
        for rel in tracked_files():
            dest = project / rel.replace("scripts/handbook/", "src/handbook/", 1)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest)
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace('pythonpath = ["scripts", "examples"]',
                                                          'pythonpath = ["src", "examples"]')
    pyproject.write_text(text + MUTMUT_CONFIG, encoding="utf-8")
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        # The tests look for ../shared beside their project root, which is the mutants/ folder.
        (project / "shared").symlink_to(shared)
    return project


def run_mutmut(mutmut: Path, project: Path, env: dict[str, str], log: Path, names: list[str],
               max_children: int) -> subprocess.CompletedProcess:
    """``mutmut run`` (on ``names`` only, when given), its output appended to ``log``."""
    with log.open("a", encoding="utf-8") as handle:
        return subprocess.run([str(mutmut), "run", "--max-children", str(max_children), *names], cwd=project, env=env,
                              stdout=handle, stderr=subprocess.STDOUT, check=False)


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion measured on a sample."""
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    margin = z * ((p * (1 - p) / trials + z * z / (4 * trials * trials)) ** 0.5) / (1 + z * z / trials)
    return centre - margin, centre + margin


def load_equivalents() -> dict[str, str]:
    """``mutant name -> reason`` from the committed list (blank lines and ``#`` comments skipped)."""
    if not EQUIVALENTS.exists():
        return {}
    out = {}
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            out[name] = reason.strip()
    return out


def results(project: Path, mutmut: Path) -> dict[str, str]:
    """``mutant name -> status`` for every mutant of the last run."""
    done = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=project, capture_output=True, text=True)
    return {m.group(1): m.group(2).strip() for m in map(RESULT_LINE.match, done.stdout.splitlines()) if m}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the staging folder and print its path")
    parser.add_argument("--rev", help="measure this commit instead of the working tree (e.g. to report a 'before' score)")
    parser.add_argument("--sample", type=int, default=0,
                        help="test a random sample of this many mutants (a full run takes hours on two cores)")
    parser.add_argument("--seed", type=int, default=None,
                        help="the sample's random seed (default: a new one each run, printed, so a run is never "
                             "scored on the sample whose survivors the tests were written against)")
    parser.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args(argv)
    mutmut = Path(sys.executable).with_name("mutmut")
    staging = Path(tempfile.mkdtemp(prefix="handbook-mutation-"))
    started = time.perf_counter()
    try:
        project = stage(staging, args.rev)
        # The mutated package's folder must exist before mutmut starts: Python caches "no such
        # folder" for a sys.path entry, and mutmut only writes the mutants after it has started.
        (project / "mutants" / "src").mkdir(parents=True)
        env = {**os.environ, "PYTHONPATH": str(project / "mutants" / "src")}
        log = staging / "mutmut-run.log"
        names: list[str] = []
        if args.sample:
            # Generate the mutants and record which tests reach each one, without testing any yet.
            run_mutmut(mutmut, project, env, log, ["handbook.no_such_module*"], args.max_children)
            everything = sorted(results(project, mutmut))
            seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
            names = sorted(random.Random(seed).sample(everything, min(args.sample, len(everything))))
            print(f"testing a random sample of {len(names)} of {len(everything)} mutants (seed {seed})")
        run = run_mutmut(mutmut, project, env, log, names, args.max_children)
        statuses = results(project, mutmut)
        if names:
            statuses = {name: status for name, status in statuses.items() if name in set(names)}
        if run.returncode != 0 or not statuses:
            tail = log.read_text(encoding="utf-8", errors="replace").replace("\r", "\n").splitlines()[-25:]
            print("mutmut run failed:\n" + "\n".join(tail), file=sys.stderr)
            return 2
        equivalents = load_equivalents()
        counted = {name: status for name, status in statuses.items() if name not in equivalents}
        killed = sum(status in KILLED for status in counted.values())
        survivors = sorted(name for name, status in counted.items() if status in ("survived", "no tests"))
        score = killed / len(counted) if counted else 0.0
        print(f"{len(statuses)} mutants, {len(statuses) - len(counted)} listed as equivalent; "
              f"{killed} of {len(counted)} killed: score {score:.1%} (target {TARGET:.0%}) "
              f"in {time.perf_counter() - started:.0f}s")
        if names and counted:
            low, high = wilson_interval(killed, len(counted))
            print(f"sampled: the whole population's score is between {low:.1%} and {high:.1%} (95% Wilson interval)")
        stale = [] if names else sorted(set(equivalents) - set(statuses))
        if stale:
            print(f"{len(stale)} entries of {EQUIVALENTS.name} name no mutant any more: {', '.join(stale[:5])}")
        for name in survivors:
            print(f"survived: {name} ({counted[name]})")
        if args.keep:
            print(f"staging folder kept: {project} (try `mutmut show <name>` there)")
        return 0 if score >= TARGET else 1
    finally:
        if not args.keep:
            shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
