#!/usr/bin/env python3
"""Print the de-duplication calibration table: precision of "covered", top-3 recall and new recall per label set.

    python scripts/calibrate.py

Thresholds (scripts/handbook/dedup.py) are tuned on the seeds without aliases and the tuning half
of the incoming documents; the held-out row is the honest figure.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook.calibration import measure_all, table
from handbook.loader import load_content
from handbook.overrides import load_overrides
from handbook.pipeline import PROJECT_ROOT, Paths
from handbook.sources import load_sources


def main() -> int:
    paths = Paths(PROJECT_ROOT)
    _, questions = load_content(paths.content, paths.root)
    sources = load_sources(paths.sources, paths.root)
    overrides, errors = load_overrides(paths.overrides, paths.root)
    if errors:
        print("\n".join(map(str, errors)), file=sys.stderr)
        return 1
    print(table(measure_all(questions, sources, overrides)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
