#!/usr/bin/env python3
"""Print the de-duplication calibration table: precision of "covered", top-3 recall and new recall per label set.

    python scripts/calibrate.py
    python scripts/calibrate.py --misses seeds     # what it gets wrong on a tuning set: seeds (aliases
    python scripts/calibrate.py --misses tuning    # removed), tuning (the tuning half), or one tuning document

Thresholds (scripts/handbook/dedup.py) are tuned on the seeds without aliases and the tuning half
of the incoming documents; the held-out row is the honest figure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook.calibration import TUNING_DOCUMENTS, measure_all, misses, table, tuning_sets
from handbook.loader import load_content
from handbook.overrides import load_overrides
from handbook.pipeline import PROJECT_ROOT, Paths
from handbook.sources import load_sources


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", metavar="SET", choices=("seeds", "tuning", *TUNING_DOCUMENTS),
                        help="list the misses of one tuning set (held-out misses are never listed)")
    parser.add_argument("--tuning-only", action="store_true",
                        help="print only the tuning rows (while tuning, so the held-out figures are not seen)")
    args = parser.parse_args()
    paths = Paths(PROJECT_ROOT)
    _, questions = load_content(paths.content, paths.root)
    sources = load_sources(paths.sources, paths.root)
    overrides, errors = load_overrides(paths.overrides, paths.root)
    if errors:
        print("\n".join(map(str, errors)), file=sys.stderr)
        return 1
    if args.misses:
        labels, matcher = tuning_sets(questions, sources, overrides)[args.misses]
        print("\n".join(misses(labels, matcher)) or "no misses")
        return 0
    rows = measure_all(questions, sources, overrides)
    if args.tuning_only:
        tuning = ("seeds, aliases in place", "seeds, aliases removed (tuning)", "incoming, tuning half",
                  *(f"  {doc}" for doc in TUNING_DOCUMENTS))
        rows = [row for row in rows if row.name in tuning]
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
