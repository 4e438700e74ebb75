"""Matching a question against the bank: a content score over the whole bank question, plus the fuzzy title score.

:class:`ContentMatcher` scores each query against every bank question's title, aliases and tags
(the head), the text of its answers (the body) and, lightly, its search keywords, with TF-IDF over
code-aware retrieval terms (:func:`handbook.normalise.terms`; a query word the bank never uses is
read as the bank's word one edit away; two neighbouring words the bank writes as one give the query a
second reading, and each question is scored by the reading that suits it best), and adds the fuzzy score of the query against the
question's title and aliases. Fuzzy scoring is blocked (:func:`best_scores`): every query is put in the
blocks of its rarest words and each block is scored in one ``rapidfuzz.process.cdist`` call, so
the cost grows with the size of the blocks, not with the product of the two lists.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from scipy.sparse import csr_matrix

# scikit-learn's TfidfVectorizer: a maintained, sparse implementation of TF-IDF; one sparse
# product scores every query against every bank question (10,000 x 2,000 in well under a
# second), where per-query BM25 libraries loop in Python. Sublinear tf and L2 norms give the
# saturation and length normalisation BM25 is used for; the bank's answers have similar lengths.
from sklearn.feature_extraction.text import TfidfVectorizer

from .model import Question
from .normalise import normalise, terms, terms_and_neighbours

BLOCK_KEYS_PER_QUERY = 3
MIN_SCORE = 60.0


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a bulk matching run, then restore it as it was.

    Matching allocates hundreds of thousands of short-lived lists and tuples that form no
    reference cycles (reference counting frees them); without the pause the collector runs
    over the whole loaded bank again and again: about a third of the de-duplication time
    of the 2,000-question benchmark. Results do not depend on it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


HEAD_WEIGHT = 0.45   # cosine of the query with the title, aliases and tags
BODY_WEIGHT = 0.45   # cosine of the query with the answers' text
KEYWORD_WEIGHT = 0.10  # cosine of the query with the question's search keywords (other names readers use for it)
FUZZY_WEIGHT = 0.30  # fuzzy title/alias score, counted from MIN_SCORE (0) to 100 (1)
CLAUSE_WEIGHT = 0.8  # one of two or more questions of a compound query matching a title or alias: part of a match
SHORTLIST = 8        # content candidates per query before the fuzzy score is added
MATCHED_WORDS = 6    # words that matched, shown per candidate
TYPO_MIN_LENGTH = 5  # a query term the bank never uses, this long or longer, may be a misspelling of one it does


@dataclass(frozen=True)
class Candidate:
    """One bank question as a match for one query: the combined score (0-1) and what it is made of."""

    id: str
    score: float
    head: float
    body: float
    fuzzy: float
    entry: str  # the title or alias with the best fuzzy score
    words: tuple[str, ...]
    coverage: float = 1.0  # share of the query's TF-IDF weight carried by terms this question uses
    excluded: tuple[str, ...] = ()  # what the query asks to do without ("... without DRF") and this question is about
    meaning: float | None = None  # closeness in meaning (handbook.meaning), where meaning was consulted


# A word that points back to an earlier clause ("..., and what are its benefits?"): such a clause
# does not say what it is about, so it is no way to ask the question on its own.
BACK_REFERENCE = re.compile(r"\b(?:it|its|they|them|their|this|these|those|each|one|ones)\b", re.IGNORECASE)
# "Y without X" asks for Y with X left out: the first word after "without" names what is left out.
WITHOUT = re.compile(r"\bwithout\s+([^,;:?!.()]+)", re.IGNORECASE)
ASKS = r"(?:how|what|why|when|where|which|who|can|should|do|does|is|are)\b"
# Where an asked question turns to a second question: ";", "how/what about", ", how ...", "and how ...".
QUERY_CLAUSE = re.compile(rf"\s*(?:;|\b(?:how|what)\s+about\b|,?\s*\b(?:and|or)\s+(?={ASKS})|,\s*(?={ASKS}))\s*",
                          re.IGNORECASE)
# Where a title turns to a second question, or a colon opens an elaboration of the first ("How do
# you X: a, b and c?"). Commas left inside a part split it too ("..., including Y"), unless they
# separate the items of a list ("a signal, an overridden save() or middleware", "between A, B and
# C"): then the words before the first comma ask only part of the question.
TITLE_CLAUSE = re.compile(rf"\s*(?:;|:|,?\s*\b(?:and|or)\s+(?={ASKS})|,\s*(?={ASKS}))\s*", re.IGNORECASE)
LIST_END = re.compile(r"\b(?:and|or)\b", re.IGNORECASE)


def _standalone(parts: list[str]) -> list[str]:
    """The clauses of a compound text that can be read alone (none if the text has one clause)."""
    parts = [p.strip() for p in parts if p and p.strip()]
    return [p for p in parts if not BACK_REFERENCE.search(p)] if len(parts) > 1 else []


def title_clauses(title: str) -> list[str]:
    """The parts of a compound title ("What is X, and when Y?" -> "What is X", "when Y?"): each is a way to ask it.

    A part that points back ("..., and what are its benefits?") is left out: alone it names nothing."""
    parts: list[str] = []
    for part in TITLE_CLAUSE.split(title):
        pieces = part.split(",")
        parts += [part] if len(pieces) > 1 and LIST_END.search(pieces[-1]) else pieces
    return _standalone(parts)


def query_clauses(query: str) -> list[str]:
    """The questions of a compound question ("What is X and how does Y work?", "What is X; how about Y?").

    Only where a new question starts (a question word after "and", "or", a comma or ";", or "how
    about"): "the difference between X and Y" stays whole. Parts that point back are left out."""
    return _standalone(QUERY_CLAUSE.split(query))


def without_terms(query: str) -> list[str]:
    """The retrieval terms a query asks to do without: the first term after each "without"."""
    if "without" not in query.lower():
        return []
    return [found[0] for found in (terms(m.group(1)) for m in WITHOUT.finditer(query)) if found]


def _identity(doc: list[str]) -> list[str]:
    return doc


class ContentMatcher:
    """Every bank question indexed once; :meth:`rank` scores any number of queries against it."""

    def __init__(self, questions: list[Question]) -> None:
        self.questions = questions
        self.ids = [q.id for q in questions]
        heads = [terms(" ".join([q.title, *q.aliases, *(t.replace("-", " ") for t in q.tags)])) for q in questions]
        bodies = [terms("\n".join(q.answers.values())) for q in questions]
        keys = [terms(" ".join(q.keywords)) for q in questions]
        self.vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
        if questions:  # scikit-learn refuses to fit no documents; an empty bank ranks nothing (see rank)
            self.vectorizer.fit([h + b + k for h, b, k in zip(heads, bodies, keys, strict=True)])
        self.vocabulary = getattr(self.vectorizer, "vocabulary_", {})
        self.idf = getattr(self.vectorizer, "idf_", np.zeros(0, dtype=np.float32))
        self.vocabulary_list = sorted(self.vocabulary)
        self.corrections: dict[str, str] = {}
        self.head = self.vectorizer.transform(heads).T.tocsr() if questions else None
        self.body = self.vectorizer.transform(bodies).T.tocsr() if questions else None
        self.keys = self.vectorizer.transform(keys).T.tocsr() if questions else None
        self.term_sets = [set(h) | set(b) | set(k) for h, b, k in zip(heads, bodies, keys, strict=True)]
        # what each question is about, less what its own title or aliases say it does without
        self.head_sets = [set(h) - set(without_terms(" ".join([q.title, *q.aliases])))
                          for h, q in zip(heads, questions, strict=True)]
        self.entries, self.owners, self.originals = [], [], []
        for q in questions:
            for text in dict.fromkeys([q.title, *title_clauses(q.title), *q.aliases]):
                norm = normalise(text)
                if norm:
                    self.entries.append(norm)
                    self.owners.append(q.id)
                    self.originals.append(text)

    def rank(self, queries: list[str], skip: list[str | None] | None = None, top: int = 3) -> list[list[Candidate]]:
        """The ``top`` best bank questions for each query, best first (``skip[i]``: a bank id query ``i`` never matches)."""
        if not self.ids or not queries:
            return [[] for _ in queries]
        readings = [terms_and_neighbours(q) for q in queries]
        own = [self._spelled(words) for words, _ in readings]
        # Two neighbouring words the bank writes as one are a second reading of the query, not a word of its own:
        # each bank question is scored by the reading that suits it best, so the joined word never costs a
        # question that does not use it, and the query's coverage is counted on its own words.
        second = [own_terms + self._joined(joined, own_terms) for own_terms, (_, joined) in zip(own, readings, strict=True)]
        matrix = self.vectorizer.transform([[t for t, _ in terms_] for terms_ in own])
        second_rows = [i for i in range(len(queries)) if len(second[i]) > len(own[i])]
        second_matrix = (self.vectorizer.transform([[t for t, _ in second[i]] for i in second_rows])
                         if second_rows else None)
        second_row_of = {i: n for n, i in enumerate(second_rows)}
        fuzzy = best_scores([normalise(q) for q in queries], self.entries, self.owners, skip_owner=skip)
        clause_fuzzy = self._clause_scores(queries, skip)
        position = {qid: k for k, qid in enumerate(self.ids)}
        out: list[list[Candidate]] = []
        chunk = 1000
        for start in range(0, len(queries), chunk):
            head, body, content = self._content(matrix[start:start + chunk])
            second_better = np.zeros(content.shape, dtype=bool)  # where the second reading scored the question
            rows = [i for i in second_rows if start <= i < start + chunk]
            if rows:
                second_head, second_body, second_content = self._content(second_matrix[[second_row_of[i] for i in rows]])
                chunk_rows = [i - start for i in rows]
                better = second_content > content[chunk_rows]
                second_better[chunk_rows] = better
                head[chunk_rows] = np.where(better, second_head, head[chunk_rows])
                body[chunk_rows] = np.where(better, second_body, body[chunk_rows])
                content[chunk_rows] = np.maximum(second_content, content[chunk_rows])
            width = min(SHORTLIST, content.shape[1])
            shortlists = np.argpartition(-content, width - 1, axis=1)[:, :width].tolist()
            for row in range(content.shape[0]):
                i = start + row
                shortlist = set(shortlists[row])
                shortlist |= {position[owner] for owner in fuzzy[i]}
                shortlist |= {position[owner] for owner in clause_fuzzy.get(i, ())}
                if skip is not None and skip[i] is not None:
                    shortlist.discard(position[skip[i]])
                found = []
                for k in shortlist:
                    score, entry = fuzzy[i].get(self.ids[k], (0.0, -1))
                    best = max(score, clause_fuzzy.get(i, {}).get(self.ids[k], 0.0))
                    fuzz_part = max(0.0, best - MIN_SCORE) / (100.0 - MIN_SCORE)
                    total = float(content[row, k]) + FUZZY_WEIGHT * fuzz_part
                    if total <= 0:
                        continue
                    found.append((total, k, float(head[row, k]), float(body[row, k]), score, entry))
                found.sort(key=lambda f: (-f[0], self.ids[f[1]]))
                weights = self._weights(own[i])
                left_out = without_terms(queries[i])
                out.append([Candidate(id=self.ids[k], score=round(total, 4), head=round(h, 4), body=round(b, 4),
                                      fuzzy=score, entry=self.originals[entry] if entry >= 0 else "",
                                      words=self._matched(second[i] if second_better[row, k] else own[i], k),
                                      coverage=self._coverage(weights, k),
                                      excluded=tuple(t for t in left_out if t in self.head_sets[k]))
                            for total, k, h, b, score, entry in found[:top]])
        return out

    def _content(self, vectors: csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each query vector's cosine with every question's head and body, and their weighted sum with the keywords'."""
        head = (vectors @ self.head).toarray()
        body = (vectors @ self.body).toarray()
        return head, body, HEAD_WEIGHT * head + BODY_WEIGHT * body + KEYWORD_WEIGHT * (vectors @ self.keys).toarray()

    def _spelled(self, query: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The query's terms with a misspelt word the bank never uses read as the bank's word one edit away."""
        return [(self._nearest(term), word) for term, word in query]

    def _joined(self, joined: list[tuple[str, str]], own: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The joined terms of a query (:func:`handbook.normalise.neighbour_terms`: "content types" -> the stem
        contenttyp) that the bank uses and the query's own terms do not have already."""
        have = {term for term, _ in own}
        return [(term, words) for term, words in joined if term in self.vocabulary and term not in have]

    def _nearest(self, term: str) -> str:
        if term in self.vocabulary or len(term) < TYPO_MIN_LENGTH:
            return term
        if term not in self.corrections:
            found = process.extractOne(term, self.vocabulary_list, scorer=Levenshtein.distance, score_cutoff=1)
            self.corrections[term] = found[0] if found else term
        return self.corrections[term]

    def _clause_scores(self, queries: list[str], skip: list[str | None] | None) -> dict[int, dict[str, float]]:
        """For each compound query, the best fuzzy score per bank id of any one of its clauses (times ``CLAUSE_WEIGHT``
        where the query asks two or more questions that stand alone: matching one of them is part of a match)."""
        clauses, of, weight = [], [], []
        for i, query in enumerate(queries):
            parts = query_clauses(query)
            for clause in parts:
                norm = normalise(clause)
                if norm:
                    clauses.append(norm)
                    of.append(i)
                    weight.append(1.0 if len(parts) == 1 else CLAUSE_WEIGHT)
        if not clauses:
            return {}
        found = best_scores(clauses, self.entries, self.owners,
                            skip_owner=[skip[i] for i in of] if skip is not None else None)
        out: dict[int, dict[str, float]] = defaultdict(dict)
        for i, share, scores in zip(of, weight, found, strict=True):
            best = out[i]
            for owner, (score, _) in scores.items():
                if share * score > best.get(owner, 0.0):
                    best[owner] = share * score
        return out

    def _weights(self, query: list[tuple[str, str]]) -> dict[str, float]:
        """The query's distinct terms with their squared IDF; a term the bank never uses counts as the rarest."""
        rarest = float(self.idf.max())
        return {t: (float(self.idf[self.vocabulary[t]]) if t in self.vocabulary else rarest) ** 2 for t, _ in query}

    def _coverage(self, weights: dict[str, float], k: int) -> float:
        total = sum(weights.values())
        return round(sum(w for t, w in weights.items() if t in self.term_sets[k]) / total, 4) if total else 0.0

    def _matched(self, query: list[tuple[str, str]], k: int) -> tuple[str, ...]:
        """The query's words that the bank question also uses, rarest first."""
        seen: dict[str, str] = {}
        for term, word in query:
            if term in self.term_sets[k] and term not in seen:
                seen[term] = word
        ranked = sorted(seen, key=lambda t: -self.idf[self.vocabulary[t]] if t in self.vocabulary else 0.0)
        return tuple(seen[t] for t in ranked[:MATCHED_WORDS])
