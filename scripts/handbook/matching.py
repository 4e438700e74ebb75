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
                skip_owner: list[str | None] | None = None) -> list[dict[str, tuple[float, int]]]:
    """For each normalised query, the best ``(score, entry index)`` per owner (bank id).

    ``entries[j]`` belongs to ``owners[j]``. Scores below ``MIN_SCORE`` are dropped. With
    ``skip_owner``, query ``i`` is never scored against entries of ``skip_owner[i]``.
    """
    results: list[dict[str, tuple[float, int]]] = [{} for _ in queries]
    exact: dict[str, list[int]] = defaultdict(list)
    postings: dict[str, list[int]] = defaultdict(list)
    for j, entry in enumerate(entries):
        exact[entry].append(j)
        for word in set(entry.split()):
            postings[word].append(j)

    blocks: dict[str, list[int]] = defaultdict(list)
    for i, query in enumerate(queries):
        for j in exact.get(query, ()):
            if skip_owner is None or owners[j] != skip_owner[i]:
                results[i].setdefault(owners[j], (100.0, j))
        words = sorted({w for w in query.split() if w in postings}, key=lambda w: (len(postings[w]), w))
        for word in words[:BLOCK_KEYS_PER_QUERY]:
            blocks[word].append(i)

    for word, query_ids in blocks.items():
        entry_ids = postings[word]
        matrix = process.cdist([queries[i] for i in query_ids], [entries[j] for j in entry_ids],
                               scorer=fuzz.token_sort_ratio, score_cutoff=MIN_SCORE, dtype=np.uint8, workers=1)
        for row, col in zip(*np.nonzero(matrix), strict=True):
            i, j = query_ids[row], entry_ids[col]
            owner = owners[j]
            if skip_owner is not None and owner == skip_owner[i]:
                continue
            score = float(matrix[row, col])
            if score > results[i].get(owner, (0.0, -1))[0]:
                results[i][owner] = (score, j)
    return results
