"""Decide, for every source question, whether the bank answers it, and find bank questions that repeat each other.

Three outcomes per source question, from the content matcher's scores (:mod:`handbook.matching`):

- **covered**: one bank question answers it, with confidence;
- **suggested**: the top candidates need a person's confirmation (``review``);
- **new**: nothing in the bank is close.

Source questions marked off-topic (by ingest or in review) are reported as **off-topic** and are
never uncovered work. Decisions recorded in ``sources/overrides.yml`` always win.
"""

from __future__ import annotations

from .candidate_order import DEEP
from .dedup_report import STATUSES, DedupReport, DuplicatePair, Match
from .matching import Candidate, ContentMatcher, gc_paused
from .meaning import MODEL_NAME, MeaningReranker
from .model import Question, Source, merged_into
from .overrides import Override, Overrides, load_overrides, override_errors

# Thresholds on the combined score (0-1), tuned by scripts/calibrate.py on the tuning sets only.
COVER = 0.40          # the best candidate covers the question at or above this...
MARGIN = 0.06         # ...when the runner-up is at least this far below it
SUGGEST = 0.20        # below COVER but at or above this, a person confirms the suggestion
COVERAGE = 0.75       # ...and it uses the terms that carry this share of the query's weight
SAME_WORDS = 95.0     # a fuzzy title/alias score this high is the same question in other words...
SAME_WORDS_GAP = 6.0  # ...when no other bank question's title or alias comes this close

__all__ = ["STATUSES", "DedupReport", "DuplicatePair", "Match", "Override", "Overrides", "decide", "deduplicate",
           "find_duplicates", "load_overrides"]


def _describe(c: Candidate) -> str:
    return f"'{c.id}' {c.score:.2f}" + (f" ({', '.join(c.words)})" if c.words else "")


def decide(ranked: list[Candidate]) -> tuple[str, str]:
    """The outcome for one question from its ranked candidates, and a one-line reason."""
    if not ranked:
        return "new", "no bank question shares a word"
    best, runner = ranked[0], (ranked[1] if len(ranked) > 1 else None)
    if best.excluded:  # "Y without X" and a question about X (title, aliases, tags): maybe the contrast; never certain
        if best.score < SUGGEST:
            return "new", f"closest is {_describe(best)}, below {SUGGEST:.2f}"
        return "suggested", f"{_describe(best)} uses {', '.join(best.excluded)}, which the question asks to do without: a person decides"
    if same_words(ranked):
        return "covered", f"same question as '{best.entry}' (fuzzy {best.fuzzy:.0f}); score {best.score:.2f}"
    gap = best.score - (runner.score if runner else 0.0)
    if best.score >= COVER and gap >= MARGIN and best.coverage >= COVERAGE:
        return "covered", f"content match {_describe(best)}, {gap:.2f} ahead of the next"
    if best.score >= SUGGEST or (best.score >= COVER and gap < MARGIN):
        if best.score >= COVER and gap < MARGIN:
            return "suggested", f"{_describe(best)} and {_describe(runner)} score almost equally: a person decides"
        if best.score >= COVER:
            return "suggested", f"{_describe(best)} misses some of the question's words: a person confirms"
        return "suggested", f"closest is {_describe(best)}, below {COVER:.2f}: a person confirms"
    return "new", f"closest is {_describe(best)}, below {SUGGEST:.2f}"


def _candidate(c: Candidate) -> dict:
    """A candidate as the report records it: id, content score, words that matched, and closeness in meaning if known."""
    out = {"id": c.id, "score": c.score, "words": list(c.words)}
    return out | ({"meaning": c.meaning} if c.meaning is not None else {})


def same_words(ranked: list[Candidate]) -> bool:
    """Whether the best candidate's title or alias is the question in other words, and no other comes close."""
    if not ranked:
        return False
    best, runner = ranked[0], (ranked[1] if len(ranked) > 1 else None)
    return best.fuzzy >= SAME_WORDS and (runner is None or runner.fuzzy < best.fuzzy - SAME_WORDS_GAP)


def rank_and_decide(matcher: ContentMatcher, queries: list[str], reranker: MeaningReranker | None = None,
                    wanted: list[bool] | None = None, contexts: list[str] | None = None,
                    ) -> tuple[list[list[Candidate]], list[tuple[str, str]], str]:
    """Each query's top three candidates, its outcome with the reason, and a note on how meaning was used.

    The words decide first (:func:`decide`); :func:`consult_meaning` then checks and re-orders."""
    return consult_meaning(matcher, queries, matcher.rank(queries), reranker, wanted, contexts)


def consult_meaning(matcher: ContentMatcher, queries: list[str], words: list[list[Candidate]],
                    reranker: MeaningReranker | None = None, wanted: list[bool] | None = None,
                    contexts: list[str] | None = None) -> tuple[list[list[Candidate]], list[tuple[str, str]], str]:
    """Outcomes from the words' ranking (``words``, as :meth:`ContentMatcher.rank` gives it), checked by meaning.

    With a ``reranker`` (:mod:`handbook.meaning`), for the queries where ``wanted[i]`` is true: a "covered"
    found by the content score (not the same words) stands only if no runner-up is closer in meaning than
    the first, else a person confirms it (suggested); and every question left unsure has its candidates put
    in the learned order (:mod:`handbook.candidate_order`), read with ``contexts[i]`` (the digest of the source's
    own answer, :mod:`handbook.answer_digest`) where there is one. The reason keeps naming the words' candidates it
    was decided on, and says which of them the learned order leaves out of the three shown."""
    if contexts is not None and len(contexts) != len(queries):
        raise ValueError(f"{len(contexts)} contexts for {len(queries)} queries")
    ranked = list(words)
    decisions = [decide(r) for r in ranked]
    if reranker is None:
        return ranked, decisions, "covered and candidates by words alone (no meaning model)"
    wanted = wanted or [True] * len(queries)
    checked = [i for i, (status, _) in enumerate(decisions)
               if wanted[i] and status == "covered" and not same_words(ranked[i])]
    doubted: set[int] = set()
    for i, closer in zip(checked, reranker.closer_runner_up([queries[i] for i in checked],
                                                            [ranked[i] for i in checked]), strict=True):
        if closer is not None:
            doubted.add(i)
            decisions[i] = ("suggested", f"{_describe(ranked[i][0])} matches the words best, but '{closer.id}' "
                                         f"is closer in meaning: a person confirms")
    unsure = [i for i, (status, _) in enumerate(decisions) if wanted[i] and status != "covered"]
    asked = [queries[i] for i in unsure]
    unsure_contexts = [contexts[i] if contexts else "" for i in unsure]
    for i, better in zip(unsure, reranker.rerank(asked, matcher.rank(asked, top=DEEP), contexts=unsure_contexts),
                         strict=True):
        status, why = decisions[i]
        shown = {c.id for c in better}
        named = [c.id for c in ranked[i] if f"'{c.id}'" in why]  # the words' candidates the reason names
        hidden = [qid for qid in named if qid not in shown]
        if hidden:
            listed = " and ".join(f"'{qid}'" for qid in hidden)
            why = f"{why} ({listed} {'is' if len(hidden) == 1 else 'are'} not among the three shown: " \
                  "the learned order put other candidates first)"
        closest = max(better, key=lambda c: c.meaning or 0.0, default=None)
        if closest is not None and closest.id != better[0].id and i not in doubted:  # a doubted reason names it
            why = f"{why}; closest in meaning: '{closest.id}'"
        decisions[i] = (status, why)
        ranked[i] = better
    note = (f"meaning ({MODEL_NAME}): {len(checked)} covered by content checked, {len(doubted)} of them left to a "
            f"person; {len(unsure)} unsure questions ordered by meaning too")
    return ranked, decisions, note


def deduplicate(questions: list[Question], sources: list[Source], overrides: Overrides,
                matcher: ContentMatcher | None = None, reranker: MeaningReranker | None = None) -> DedupReport:
    """Map source questions to bank questions and find duplicate bank questions (``reranker``: see
    :func:`consult_meaning`)."""
    with gc_paused():
        return _deduplicate(questions, sources, overrides, matcher, reranker)


def _deduplicate(questions: list[Question], sources: list[Source], overrides: Overrides,
                 matcher: ContentMatcher | None, reranker: MeaningReranker | None) -> DedupReport:
    bank_ids = {q.id for q in questions}
    # a decision naming a question that was later merged into another counts for the merged question
    retired = merged_into(questions)
    refs = {(s.id, q.ref) for s in sources for q in s.questions}
    errors = override_errors(overrides, refs, {s.id for s in sources}, bank_ids | set(retired))
    matcher = matcher or ContentMatcher(questions)
    flat = [(s, sq) for s in sources for sq in s.questions]
    # a question decided by an override, or off topic by ingest, needs no re-ordering by meaning
    wanted = [overrides.decision(s.id, sq.ref) is None and not getattr(sq, "off_topic", False) for s, sq in flat]
    queries = [sq.asked for _, sq in flat]
    words = matcher.rank(queries)
    contexts = [getattr(sq, "about", "") for _, sq in flat]
    ranked_all, decisions, note = consult_meaning(matcher, queries, words, reranker, wanted, contexts)

    matches: list[Match] = []
    for (source, sq), ranked, (status, why), by_words in zip(flat, ranked_all, decisions, words, strict=True):
        base = dict(source=source.id, origin=source.origin, ref=sq.ref, line=sq.line, asked=sq.asked, level=sq.level,
                    candidates=[_candidate(c) for c in ranked],
                    pending=bool(getattr(source, "pending", False)), about=getattr(sq, "about", ""))
        top = by_words[0].score if by_words else 0.0  # the score the outcome was decided on: the words' best
        decision = overrides.decision(source.id, sq.ref)
        mapped = retired.get(decision.id, decision.id) if decision and decision.kind == "map" else None
        if mapped in bank_ids:
            matches.append(Match(**base, id=mapped, status="covered", why=f"override: {decision.why}", score=1.0))
        elif decision and decision.kind == "off_topic":
            matches.append(Match(**base, id=None, status="off-topic", why=f"marked off-topic: {decision.why}", score=top))
        elif decision and decision.kind == "new":
            matches.append(Match(**base, id=None, status="new", why=f"marked new: {decision.why}", score=top))
        else:
            if status != "covered" and getattr(sq, "off_topic", False):
                # ingest's off-topic flag is read from the text alone; a question the bank answers with confidence is on-topic
                matches.append(Match(**base, id=None, status="off-topic", why="not about Django or DRF (ingest)", score=top))
                continue
            matches.append(Match(**base, id=ranked[0].id if status == "covered" else None, status=status, why=why,
                                 score=top))
    return DedupReport(matches=matches, duplicates=find_duplicates(questions, overrides, matcher), errors=errors,
                       source_count=len(sources), meaning=note if flat else "")


def find_duplicates(questions: list[Question], overrides: Overrides,
                    matcher: ContentMatcher | None = None) -> list[DuplicatePair]:
    """Pairs of bank questions that one's own title or alias cannot tell apart with the confidence "covered" needs.

    Each title and alias is ranked against the whole bank, its own question included: if another
    question scores at least ``COVER`` and its own question does not lead it by ``MARGIN``, the
    two read as the same question.
    """
    matcher = matcher or ContentMatcher(questions)
    texts, owners = [], []
    for q in questions:
        for text in [q.title, *q.aliases]:
            texts.append(text)
            owners.append(q.id)
    pairs: dict[frozenset[str], DuplicatePair] = {}
    for text, owner, ranked in zip(texts, owners, matcher.rank(texts, top=2), strict=True):
        own = next((c.score for c in ranked if c.id == owner), 0.0)
        for other in ranked:
            key = frozenset((owner, other.id))
            if other.id == owner or other.score < COVER or own - other.score >= MARGIN:
                continue
            if key in overrides.distinct or key in pairs:
                continue
            first, second = sorted(key)
            pairs[key] = DuplicatePair(first, second, other.score,
                                       f"'{text}' ({owner}) scores {other.score:.2f} for '{other.id}' and {own:.2f} for its own question")
    return sorted(pairs.values(), key=lambda p: (p.first, p.second))
