"""Batch fuzzy matching with blocking: score queries only against entries that share a rare word.

Every query is put in the blocks of its rarest words; each block is scored in one
``rapidfuzz.process.cdist`` call, so the cost grows with the size of the blocks, not with the
product of the two lists.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz, process

BLOCK_KEYS_PER_QUERY = 3
MIN_SCORE = 60.0


def best_scores(queries: list[str], entries: list[str], owners: list[str],
                skip_owner: list[str | None] | None = None) -> list[dict[str, float]]:
    """For each normalised query, the best score per owner (bank id) among the entries it is compared with.

    ``entries[j]`` belongs to ``owners[j]``. Scores below ``MIN_SCORE`` are dropped. With
    ``skip_owner``, query ``i`` is never scored against entries of ``skip_owner[i]``.
    """
    results: list[dict[str, float]] = [{} for _ in queries]
    exact: dict[str, set[str]] = defaultdict(set)
    postings: dict[str, list[int]] = defaultdict(list)
    for j, entry in enumerate(entries):
        exact[entry].add(owners[j])
        for word in set(entry.split()):
            postings[word].append(j)

    blocks: dict[str, list[int]] = defaultdict(list)
    for i, query in enumerate(queries):
        for owner in exact.get(query, ()):
            if skip_owner is None or owner != skip_owner[i]:
                results[i][owner] = 100.0
        words = sorted({w for w in query.split() if w in postings}, key=lambda w: (len(postings[w]), w))
        for word in words[:BLOCK_KEYS_PER_QUERY]:
            blocks[word].append(i)

    for word, query_ids in blocks.items():
        entry_ids = postings[word]
        matrix = process.cdist([queries[i] for i in query_ids], [entries[j] for j in entry_ids],
                               scorer=fuzz.token_sort_ratio, score_cutoff=MIN_SCORE, dtype=np.uint8, workers=1)
        for row, col in zip(*np.nonzero(matrix), strict=True):
            i, owner = query_ids[row], owners[entry_ids[col]]
            if skip_owner is not None and owner == skip_owner[i]:
                continue
            score = float(matrix[row, col])
            if score > results[i].get(owner, 0.0):
                results[i][owner] = score
    return results
