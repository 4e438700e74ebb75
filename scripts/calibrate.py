#!/usr/bin/env python3
"""Print the de-duplication calibration table: precision of "covered", top-3 recall and new recall per label set.

    python scripts/calibrate.py                    # the tuning sets
    python scripts/calibrate.py --held-out         # ...and the fresh held-out row (figures only)
    python scripts/calibrate.py --misses seeds     # what it gets wrong on a tuning set: seeds (aliases
    python scripts/calibrate.py --misses incoming  # removed), incoming (the seven documents), extra (the further
    python scripts/calibrate.py --misses extra     # documents of tests/data/dedup_labels_extra/), or one document

Tuning data: the seeds without aliases, the seven documents of tests/data/dedup_labels/ and the
further documents of tests/data/dedup_labels_extra/ (not registered sources, labelled blind); the
thresholds and rules (scripts/handbook/dedup.py, matching.py, normalise.py) are tuned on these.
Held-out data: tests/data/dedup_labels_fresh/ and the later sets of LATER_HELD_OUT
(dedup_labels_fresh2/ to fresh17/), labelled blind, and the second blind labellings of
LATER_SECOND; their rows are the honest figures, and their misses are never listed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook.calibration import (
    EXTRA_LABELS,
    SECOND_LABELS,
    TUNING_DOCUMENTS,
    agreement,
    either_labeller,
    held_out_labels,
    later_held_out_labels,
    later_second_labels,
    load_labels,
    measure_all,
    merged,
    misses,
    table,
    tuning_sets,
)
from handbook.loader import load_content
from handbook.overrides import load_overrides
from handbook.pipeline import PROJECT_ROOT, Paths
from handbook.sources import load_sources


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", metavar="SET", choices=("seeds", "incoming", "extra", *TUNING_DOCUMENTS, *load_labels(EXTRA_LABELS)),
                        help="list the misses of one tuning set: seeds, incoming, extra (the further documents of "
                             "tests/data/dedup_labels_extra/) or one document "
                             "(held-out misses are never listed)")
    parser.add_argument("--held-out", action="store_true",
                        help="also print the fresh held-out rows (tests/data/dedup_labels_fresh/, its second blind "
                             "labelling in dedup_labels_fresh_second/, the later held-out sets in "
                             "dedup_labels_fresh2/ to fresh17/, and the second labellings of the thirteenth and "
                             "sixteenth with a row accepting either labeller's answers), figures only")
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
    held_out = held_out_labels() if args.held_out else None
    second = held_out_labels(SECOND_LABELS) if args.held_out else None
    later = later_held_out_labels() if args.held_out else None
    seconds = later_second_labels() if args.held_out else {}
    for name, (first_labels, second_labels) in seconds.items():  # measured like the later sets, after them
        assert later is not None
        later[name] = second_labels
        later[f"{name.split(',')[0]}, either labeller"] = either_labeller(merged(first_labels, questions),
                                                                          merged(second_labels, questions))
    print(table(measure_all(questions, sources, overrides, held_out=held_out, left_out=True, held_out_second=second,
                            later_held_out=later)))
    if held_out and second:
        same, overlap, total = agreement(held_out, second)
        print(f"the two blind labellings of the held-out set agree on {same} of {total} main ids, "
              f"and overlap on {overlap}")
    for name, (first_labels, second_labels) in seconds.items():
        same, overlap, total = agreement(first_labels, second_labels)
        print(f"{name.split(',')[0]}: the two blind labellings agree on {same} of {total} main ids, and overlap on {overlap}")
    if args.held_out and not held_out:
        print("(no fresh held-out labels yet: tests/data/dedup_labels_fresh/ is absent or empty)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
