"""The meaning re-ranker: its vector cache, how it re-orders unsure questions, and the real model."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from handbook.candidate_order import ABSENT_PLACE, FEATURES, order
from handbook.dedup import decide, deduplicate, rank_and_decide
from handbook.matching import ContentMatcher
from handbook.meaning import KEEP_DAYS, MODEL_NAME, LazyEncoder, MeaningReranker, VectorCache, load_reranker, model_installed, passages
from handbook.model import Question, Source, SourceQuestion
from handbook.overrides import Overrides
from helpers import meaning_on

VOCABULARY = ("deploy", "production", "server", "serializer", "json", "signal", "receiver", "cache", "redis")


def bag_of_words(texts: list[str]) -> np.ndarray:
    """A stand-in encoder whose closeness is shared words from a fixed list (the real model is tested below)."""
    return np.array([[float(word in text.lower()) for word in VOCABULARY] + [0.01] for text in texts])


def question(qid: str, title: str, answer: str) -> Question:
    return Question(id=qid, title=title, topic="t", level="mid", path=f"{qid}.md",
                    answers={"Junior": answer, "Mid": answer, "Senior": answer})


BANK = [question("deploying", "How do you deploy a Django project?", "Run it on a production server behind a proxy."),
        question("serializers", "What is a serializer?", "It turns model instances into JSON."),
        question("signals", "What is a signal?", "A receiver runs when a signal is sent."),
        question("caching", "How does Django cache pages?", "Store rendered pages in Redis or memory.")]


class CountingEncoder:
    """Records every batch it is asked to encode."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return bag_of_words(texts) * 3  # not unit length: the cache normalises


def test_the_cache_encodes_each_text_once_and_keeps_it_on_disk(tmp_path) -> None:
    path = tmp_path / "vectors.npz"
    encoder = CountingEncoder()
    cache = VectorCache(encoder, path)
    first = cache(["deploy to production", "a json serializer", "deploy to production"])
    assert encoder.batches == [["deploy to production", "a json serializer"]]
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    assert np.allclose(first[0], first[2])
    cache(["a json serializer"])
    assert len(encoder.batches) == 1  # nothing new to encode
    again = VectorCache(CountingEncoder(), path)  # a later process reads the file
    assert np.allclose(again(["a json serializer"]), first[1:2])
    assert again.encode.batches == []


def test_the_cache_key_is_the_text_under_the_model(monkeypatch) -> None:
    """Another model must not read this one's vectors from the same cache file."""
    key = VectorCache.key("x")
    assert key != VectorCache.key("y")
    monkeypatch.setattr("handbook.meaning.MODEL_NAME", "another-model")
    assert VectorCache.key("x") != key


def test_rerank_adds_the_closest_in_meaning_and_puts_all_in_the_learned_order() -> None:
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    matcher = ContentMatcher(BANK)
    asked = "Which server setup do you use in production?"
    words = matcher.rank([asked], top=30)[0]
    better = reranker.rerank([asked], [words])[0]
    assert better[0].id == "deploying"  # shares no word with its title, but its meaning
    assert all(c.meaning is not None for c in better)
    closeness = {c.id: c.meaning for c in better}
    assert closeness["deploying"] == max(closeness.values())
    described = reranker.describe([asked], [words])[0]
    assert [c.id for c in better] == [d.candidate.id for d in order(described)][:3]
    assert {c.id for c in words} <= {d.candidate.id for d in described}  # the words' candidates all take part


def test_rerank_follows_the_weights_it_is_given() -> None:
    """Weights that count only the words' place keep the words' order: the order is the weights', nothing else."""
    matcher = ContentMatcher(BANK)
    asked = "Where does a production server cache pages in Redis?"
    words = matcher.rank([asked], top=30)[0]
    assert len(words) >= 2
    place_only = tuple(-1.0 if name == "words_place" else 0.0 for name in FEATURES)
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None), weights=place_only)
    assert [c.id for c in reranker.rerank([asked], [words])[0]][:len(words[:3])] == [c.id for c in words[:3]]


def test_rerank_never_offers_the_skipped_question() -> None:
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    better = reranker.rerank(["production server"], [[]], skip=["deploying"])[0]
    assert "deploying" not in [c.id for c in better]


def test_unsure_questions_are_reordered_and_confident_ones_left_alone() -> None:
    matcher = ContentMatcher(BANK)
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    queries = ["What is a serializer?", "Which server setup do you use in production?"]
    plain, plain_decisions, plain_note = rank_and_decide(matcher, queries)
    ranked, decisions, note = rank_and_decide(matcher, queries, reranker)
    assert [d[0] for d in decisions] == [d[0] for d in plain_decisions] == [decide(r)[0] for r in plain]
    assert decisions[0][0] == "covered" and ranked[0] == plain[0]  # same words: untouched
    assert decisions[1][0] != "covered"
    assert "deploying" in [c.id for c in ranked[1]]
    assert all(c.meaning is not None for c in ranked[1])
    assert "words alone" in plain_note and "1 unsure questions ordered by meaning" in note


def test_a_content_match_stands_only_if_no_runner_up_is_closer_in_meaning() -> None:
    matcher = ContentMatcher(BANK)
    asked = ["How do you deploy a Django project on a production server?"]
    ranked, decisions, _ = rank_and_decide(matcher, asked)
    assert decisions[0][0] == "covered" and "content match" in decisions[0][1], decisions
    assert ranked[0][0].id == "deploying" and "caching" in [c.id for c in ranked[0]]

    agree = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    assert rank_and_decide(matcher, asked, agree)[1][0][0] == "covered"

    class CachingIsCloser:
        def __call__(self, texts: list[str]) -> np.ndarray:
            closer = ("cache", "production server?")  # the caching question, and this one asked
            return np.array([[1.0, 0.0] if any(w in t.lower() for w in closer) else [0.0, 1.0] for t in texts])

    doubt = MeaningReranker(BANK, VectorCache(CachingIsCloser(), None))
    _, decisions, note = rank_and_decide(matcher, asked, doubt)
    assert decisions[0][0] == "suggested"
    assert "'caching' is closer in meaning" in decisions[0][1]
    assert "1 covered by content checked, 1 of them left to a person" in note


def test_questions_not_wanted_are_left_alone() -> None:
    matcher = ContentMatcher(BANK)
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    queries = ["Which server setup do you use in production?"]
    ranked, _, _ = rank_and_decide(matcher, queries, reranker, wanted=[False])
    assert ranked == rank_and_decide(matcher, queries)[0]


def test_switched_off_there_is_no_reranker_and_the_report_says_so(monkeypatch) -> None:
    monkeypatch.setenv("HANDBOOK_MEANING", "off")
    assert load_reranker(BANK) is None
    monkeypatch.delenv("HANDBOOK_MEANING")
    assert model_installed(), "the meaning model is not installed: pip install -r requirements-meaning.txt"
    assert load_reranker(BANK) is not None


@meaning_on
def test_the_real_model_reads_other_words_for_the_same_question(tmp_path) -> None:
    """all-MiniLM-L6-v2 from its package (installed by requirements-meaning.txt, which the tests require)."""
    reranker = load_reranker(BANK, cache=tmp_path / "vectors.npz")
    assert reranker is not None, "the meaning model is not installed: pip install -r requirements-meaning.txt"
    scores = reranker.meaning(["How would you put a Django site live for real users?",
                               "How do I turn a queryset into JSON for an API response?"])
    assert BANK[int(np.argmax(scores[0]))].id == "deploying"
    assert BANK[int(np.argmax(scores[1]))].id == "serializers"
    assert (tmp_path / "vectors.npz").exists()


def test_the_model_is_loaded_only_for_a_text_no_cache_holds(tmp_path) -> None:
    encoder = LazyEncoder()
    cache = VectorCache(encoder, tmp_path / "v.npz")
    assert encoder._encode is None
    first = cache(["How would you put a Django site live for real users?"])
    assert encoder._encode is not None  # a text no cache held: the model was loaded
    fresh = LazyEncoder()
    again = VectorCache(fresh, tmp_path / "v.npz")(["How would you put a Django site live for real users?"])
    assert fresh._encode is None and np.allclose(first, again)


@meaning_on
def test_the_report_shows_closeness_in_meaning_and_how_it_was_used(tmp_path) -> None:
    from handbook.dedup import deduplicate
    from handbook.model import Source, SourceQuestion
    from handbook.overrides import Overrides
    from handbook.report import candidates, summary

    asked = SourceQuestion(ref="q1", asked="How would you put a Django site live for real users?", line=3)
    source = Source(id="doc", title="Doc", kind="article", origin="doc.md", credit="someone", path="",
                    questions=[asked], ingest={"format": "prose"})
    report = deduplicate(BANK, [source], Overrides(), reranker=load_reranker(BANK, cache=tmp_path / "v.npz"))
    found = report.matches[0]
    assert found.status in ("new", "suggested")
    assert "meaning" in found.candidates[0]
    lines = candidates(found)
    assert " meaning 0." in lines[0] and "deploying" in "".join(lines)
    assert summary(report, len(BANK)).endswith(
        f"meaning ({MODEL_NAME}): 0 covered by content checked, 0 of them left to a person; "
        "1 unsure questions ordered by meaning too")


def test_the_cache_drops_vectors_no_run_has_used_for_a_month(tmp_path) -> None:
    """Texts that left the bank or the sources do not stay in the cache for ever."""
    path = tmp_path / "v.npz"
    day = [20_000]
    cache = VectorCache(CountingEncoder(), path, today=lambda: day[0])
    cache(["an old question", "a question still asked"])
    day[0] += KEEP_DAYS  # a month on: only one of the two is used again
    later = VectorCache(CountingEncoder(), path, today=lambda: day[0])
    later(["a question still asked"])
    assert later.encode.batches == []  # read from the file, and its day recorded
    assert VectorCache.key("an old question") in VectorCache(CountingEncoder(), path).vectors  # 30 days: still kept
    day[0] += 1  # one day more: "an old question" is now unused for longer than KEEP_DAYS
    VectorCache(CountingEncoder(), path, today=lambda: day[0])(["something new"])
    kept = VectorCache(CountingEncoder(), path, today=lambda: day[0])
    assert set(kept.vectors) == {VectorCache.key("a question still asked"), VectorCache.key("something new")}


def test_a_cache_file_in_an_older_layout_is_ignored_and_rewritten(tmp_path) -> None:
    path = tmp_path / "v.npz"
    np.savez(path, **{VectorCache.key("x"): np.ones(3, dtype=np.float32)})  # one array per text, no days
    encoder = CountingEncoder()
    VectorCache(encoder, path)(["x"])
    assert encoder.batches == [["x"]]
    with np.load(path) as stored:
        assert set(stored.files) == {"keys", "vectors", "days"}


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 truncated", b"not a zip at all"])
def test_a_cache_file_that_cannot_be_read_is_treated_as_empty_and_rewritten(tmp_path, content: bytes) -> None:
    path = tmp_path / "v.npz"
    path.write_bytes(content)
    encoder = CountingEncoder()
    VectorCache(encoder, path)(["x"])
    assert encoder.batches == [["x"]]
    assert VectorCache.key("x") in VectorCache(CountingEncoder(), path).vectors


def test_two_runs_writing_the_cache_at_once_keep_each_others_vectors(tmp_path) -> None:
    path = tmp_path / "v.npz"
    first, second = VectorCache(CountingEncoder(), path), VectorCache(CountingEncoder(), path)  # both read it empty
    first(["from the first run"])
    second(["from the second run"])  # writes after the first: merges what the first wrote
    kept = VectorCache(CountingEncoder(), path).vectors
    assert {VectorCache.key("from the first run"), VectorCache.key("from the second run")} <= set(kept)


def test_a_lone_array_at_the_cache_path_is_rebuilt_and_the_file_is_readable_by_others(tmp_path) -> None:
    import os
    import stat

    path = tmp_path / "v.npz"
    np.save(path.with_suffix(""), np.ones(3))  # writes v.npy
    path.with_suffix(".npy").rename(path)
    VectorCache(CountingEncoder(), path)(["x"])
    assert VectorCache.key("x") in VectorCache(CountingEncoder(), path).vectors
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_describe_reads_each_closeness_into_its_own_field() -> None:
    """Title closeness, answer closeness, the blended score and the words' place each land where the order reads them."""
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    asked = "Which receiver gets a signal when a serializer saves JSON?"
    words = ContentMatcher(BANK).rank([asked], top=30)[0]
    near = reranker.closeness([asked])
    blended = reranker.meaning([asked])
    pool = reranker.describe([asked], [words])[0]
    assert any(abs(d.title_meaning - d.answer_meaning) > 0.05 for d in pool)  # the two can be told apart here
    assert any(abs(d.passage_meaning - d.answer_meaning) > 0.05 for d in pool)
    places = {c.id: n for n, c in enumerate(words, 1)}
    for d in pool:
        k = reranker.position[d.candidate.id]
        assert d.title_meaning == pytest.approx(float(near.title[0, k]))
        assert d.answer_meaning == pytest.approx(float(near.answers[0, k]))
        assert d.passage_meaning == pytest.approx(float(near.passage[0, k]))
        assert d.meaning == pytest.approx(float(blended[0, k]))
        assert d.words_place == places.get(d.candidate.id, ABSENT_PLACE)
        # no source answer: read in context, the question is read as it is
        assert (d.title_in_context, d.answer_in_context, d.passage_in_context) == pytest.approx(
            (d.title_meaning, d.answer_meaning, d.passage_meaning))


def test_each_query_reads_its_own_row() -> None:
    """Two queries described at once get the closeness of their own row, not the first query's."""
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    asked = ["Which receiver gets a signal?", "How is Redis used as a cache?"]
    together = reranker.describe(asked, [[], []])
    alone = [reranker.describe([a], [[]])[0] for a in asked]
    for both, one in zip(together, alone, strict=True):
        assert [(d.candidate.id, d.passage_meaning, d.title_meaning) for d in both] == \
               [(d.candidate.id, d.passage_meaning, d.title_meaning) for d in one]


ANSWER_WITH_EVERY_BLOCK = """\
Run `createsuperuser` to make an [account](https://example.com/accounts) that passes every check.
```python
# this comment line holds more than six words of code
User = get_user_model()
```
The admin site then accepts that account,
which is all a <b>first</b> login needs.

- Each item of a list is a block of its own.
- Five words make no block.
- Six words do make a block.
    ~~~python
    print("a fence inside the list item, six words or more")
    ~~~

| Command | What it does for the project |
| --- | --- |
| `migrate` | applies every unapplied migration to the database |

!!! question "Follow-ups"

    - Which follow-up question would an interviewer ask next?

!!! danger "Red flags"
    - Saying that a superuser skips every validation rule is wrong.

The last paragraph comes after both boxes here.
"""


def test_answer_blocks_are_paragraphs_list_items_and_table_rows_as_plain_words() -> None:
    from handbook.body import answer_blocks

    assert answer_blocks(ANSWER_WITH_EVERY_BLOCK) == [
        "Run createsuperuser to make an account that passes every check.",
        "The admin site then accepts that account, which is all a first login needs.",
        "Each item of a list is a block of its own.",
        "Five words make no block.",
        "Six words do make a block.",
        "Command What it does for the project",
        "migrate applies every unapplied migration to the database",
        "The last paragraph comes after both boxes here."]


def test_passages_are_the_answer_blocks_of_six_words_or_more_after_the_title() -> None:
    q = Question(id="m", title="What does manage.py do?", topic="t", level="mid", path="m.md",
                 answers={"Junior": ANSWER_WITH_EVERY_BLOCK, "Mid": ANSWER_WITH_EVERY_BLOCK,
                          "Senior": "It wraps django-admin with the project's settings module."})
    title = "What does manage.py do?: "
    assert passages(q) == [title + p for p in (
        "Run createsuperuser to make an account that passes every check.",
        "The admin site then accepts that account, which is all a first login needs.",
        "Each item of a list is a block of its own.",
        "Six words do make a block.",
        "Command What it does for the project",
        "migrate applies every unapplied migration to the database",
        "The last paragraph comes after both boxes here.",
        "It wraps django-admin with the project's settings module.")]  # each once, though two answers repeat them
    short = Question(id="s", title="What is a slug?", topic="t", level="mid", path="s.md", answers={"Junior": "A label."})
    assert passages(short) == ["What is a slug?"]  # no block long enough: the title alone


def test_a_fact_stated_in_one_paragraph_is_closer_than_the_answers_as_a_whole() -> None:
    """The closest paragraph, not the mean of the answers, is what a question about one stated fact meets."""
    long_answer = ("A receiver runs when a signal is sent by the sender.\n\n"
                   "Deploy the production server behind a proxy for every request.\n\n"
                   "Rendered pages may be kept in a Redis cache for a while.")
    bank = [*BANK, question("mixed", "What else does Django offer?", long_answer)]
    reranker = MeaningReranker(bank, VectorCache(bag_of_words, None))
    asked = "Which receiver runs when a signal is sent?"
    pool = {d.candidate.id: d for d in reranker.describe([asked], [[]])[0]}
    assert pool["mixed"].passage_meaning > pool["mixed"].answer_meaning + 0.2
    closest = reranker.closeness([asked]).passage[0]
    assert pool["mixed"].passage_meaning == pytest.approx(float(closest[reranker.position["mixed"]]))
    context = "deploy production server"
    read_with = {d.candidate.id: d for d in reranker.describe([asked], [[]], contexts=[context])[0]}
    expected = max(float(reranker.vectors([f"{context}: {asked}"])[0] @ v) for v in reranker.vectors(passages(bank[-1])))
    assert read_with["mixed"].passage_in_context == pytest.approx(expected)
    assert read_with["mixed"].passage_meaning == pytest.approx(pool["mixed"].passage_meaning)


def test_the_candidates_closest_in_meaning_do_not_depend_on_the_bank_order() -> None:
    """Twelve questions equally close: the ten taken, and the three shown, are chosen by id, not by position."""
    same = [question(f"q{n:02d}", "What is a signal?", "A receiver runs when a signal is sent.") for n in range(12)]
    shown = []
    for bank in (same, same[::-1]):
        reranker = MeaningReranker(bank, VectorCache(bag_of_words, None))
        shown.append([c.id for c in reranker.rerank(["signal receiver"], [[]])[0]])
    assert shown[0] == shown[1] == ["q00", "q01", "q02"]
    pool = MeaningReranker(same, VectorCache(bag_of_words, None)).describe(["signal receiver"], [[]])[0]
    assert sorted(d.candidate.id for d in pool) == [f"q{n:02d}" for n in range(10)]  # ten of the twelve, by id


# A bank where the words point to the middleware question, and the meaning (a stand-in encoder) away from it.
REASON_BANK = [question("middleware", "How do you write custom middleware?", "A callable wrapping get_response."),
               question("deploy", "How do you deploy Django?", "gunicorn behind nginx."),
               question("hosting", "Where can you host a Django site?", "A PaaS or a VPS."),
               question("static", "How are static files served in production?", "collectstatic and whitenoise.")]
REASON_ASKED = ["Which custom setup do you write to run your app for users?"]


def middleware_is_far(texts: list[str]) -> np.ndarray:
    return np.array([[0.0, 1.0] if "middleware" in t.lower() or "get_response" in t else [1.0, 0.2] for t in texts])


def test_the_reason_says_when_the_words_best_is_not_among_the_three_shown() -> None:
    matcher = ContentMatcher(REASON_BANK)
    words = matcher.rank(REASON_ASKED)[0]
    reranker = MeaningReranker(REASON_BANK, VectorCache(middleware_is_far, None))
    ranked, decisions, _ = rank_and_decide(matcher, REASON_ASKED, reranker)
    assert words[0].id == "middleware" and decisions[0][0] != "covered"
    assert "middleware" not in [c.id for c in ranked[0]]
    assert "'middleware' is not among the three shown" in decisions[0][1]
    source = Source(id="s", title="s", kind="k", origin="s.md", credit="c", path="sources/s.yml",
                    questions=[SourceQuestion(ref="q1", asked=REASON_ASKED[0], line=1)])
    match = deduplicate(REASON_BANK, [source], Overrides(), reranker=reranker).matches[0]
    assert match.score == words[0].score  # the score the outcome was decided on, not the first shown's


def test_the_reason_adds_no_note_when_the_candidates_it_names_are_shown() -> None:
    """With three bank questions all are shown, the words' best among them though not first: no note."""
    bank = REASON_BANK[:3]
    matcher = ContentMatcher(bank)
    ranked, decisions, _ = rank_and_decide(matcher, REASON_ASKED,
                                           MeaningReranker(bank, VectorCache(middleware_is_far, None)))
    shown = [c.id for c in ranked[0]]
    assert "middleware" in shown and shown[0] != "middleware"
    assert "not among the three shown" not in decisions[0][1]


def test_describe_reads_the_question_with_its_source_answer_where_there_is_one() -> None:
    """A question that names no subject; its source's answer digest does. Without a digest, the in-context
    cosines are the plain ones."""
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    asked = ["What does this code do?", "What does this code do?"]
    pools = reranker.describe(asked, [[], []], contexts=["post_save receiver signal", ""])
    with_answer = {d.candidate.id: d for d in pools[0]}
    without = {d.candidate.id: d for d in pools[1]}
    assert with_answer["signals"].answer_in_context > with_answer["caching"].answer_in_context
    assert with_answer["signals"].answer_in_context > with_answer["signals"].answer_meaning
    assert all(d.title_in_context == d.title_meaning and d.answer_in_context == d.answer_meaning
               for d in without.values())


def test_the_report_orders_an_unsure_question_by_its_source_answer() -> None:
    """Through deduplicate: the registry's digest (SourceQuestion.about) moves the question its answer is about first."""
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    asked = "What does the following code do?"
    firsts = []
    for about in ("", "receiver signal post_save sent", "redis cache pages"):
        source = Source(id="s", title="s", kind="k", origin="s.md", credit="c", path="sources/s.yml",
                        questions=[SourceQuestion(ref="q1", asked=asked, line=1, about=about)])
        match = deduplicate(BANK, [source], Overrides(), reranker=reranker).matches[0]
        assert match.status in ("new", "suggested")
        firsts.append(match.candidates[0]["id"])
    assert firsts[1:] == ["signals", "caching"]


def test_closeness_at_some_columns_is_the_closeness_there_with_aliases_and_in_any_order() -> None:
    """Questions with several entries (title and aliases): each column's title closeness is its closest entry."""
    bank = [question("deploying", "How do you deploy a Django project?", "Run it on a production server."),
            dataclasses.replace(question("signals", "What is a signal?", "A receiver runs when a signal is sent."),
                                aliases=["How do receivers work?", "Redis cache signal"]),
            dataclasses.replace(question("caching", "How does Django cache pages?", "Store pages in Redis."),
                                aliases=["What is a cache backend?"])]
    reranker = MeaningReranker(bank, VectorCache(bag_of_words, None))
    asked = "redis receiver on the production server"
    near = reranker.closeness([asked])
    vector = reranker.vectors([asked])[0]
    for columns in ([2, 0, 1], [1], [1, 1, 2]):
        at = reranker.closeness_at(vector, columns)
        assert at.title == pytest.approx(near.title[0, columns]) and at.answers == pytest.approx(near.answers[0, columns])
        assert at.passage == pytest.approx(near.passage[0, columns])
    assert [len(x) for x in dataclasses.astuple(reranker.closeness_at(vector, []))] == [0, 0, 0]


def test_each_question_is_as_close_as_its_closest_passage_whatever_its_place_in_the_bank() -> None:
    """Several passages on a question that is not the last, and aliases before it: the closeness to a
    question is the best of its own passages, computed here without the reranker."""
    several = "\n\n".join(["A receiver runs when a signal is sent by its sender.",
                             "Deploy the production server behind a proxy for every request.",
                             "Rendered pages may be kept in a Redis cache for a while."])
    bank = [dataclasses.replace(question("deploying", "How do you deploy a Django project?", "Run it on a production server."),
                                aliases=["Where does Django run?", "Which server for production?"]),
            question("mixed", "What else does Django offer?", several),
            dataclasses.replace(question("caching", "How does Django cache pages?", "Store the pages in Redis for later."),
                                aliases=["What is a cache backend?"])]
    reranker = MeaningReranker(bank, VectorCache(bag_of_words, None))
    for asked in ("Which receiver runs for a signal?", "redis cache", "production server proxy"):
        vector = reranker.vectors([asked])[0]
        expected = [max(float(vector @ v) for v in reranker.vectors(passages(q))) for q in bank]
        assert reranker.closeness([asked]).passage[0] == pytest.approx(expected)
        for columns in ([2, 0, 1], [1], [1, 1, 2]):
            assert reranker.closeness_at(vector, columns).passage == pytest.approx([expected[k] for k in columns])


def test_contexts_must_match_the_queries_one_for_one() -> None:
    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    with pytest.raises(ValueError, match="2 contexts for 1 queries"):
        reranker.describe(["What is it?"], [[]], contexts=["a", "b"])
    with pytest.raises(ValueError, match="0 contexts for 1 queries"):
        rank_and_decide(ContentMatcher(BANK), ["What is it?"], reranker, contexts=[])


def test_each_unsure_question_is_read_with_its_own_source_answer() -> None:
    """Questions the report does not re-order (covered, decided by an override, off-topic) come first, each with
    a misleading digest: the unsure ones after them must still be read with theirs, not their neighbours'."""
    from handbook.overrides import Override

    reranker = MeaningReranker(BANK, VectorCache(bag_of_words, None))
    asked = [("q1", "How do you deploy a Django project?", "redis cache pages", False),  # covered by its words
             ("q2", "What does the following code do?", "redis cache pages", False),  # an override decides it
             ("q3", "What does this print?", "redis cache pages", True),  # off-topic by ingest
             ("q3b", "What does the following code do?", "", False),  # unsure, and its source gives no answer
             ("q4", "What does the following code do?", "receiver signal post_save sent", False),
             ("q5", "What does the following code do?", "production server deploy", False)]
    source = Source(id="s", title="s", kind="k", origin="s.md", credit="c", path="sources/s.yml",
                    questions=[SourceQuestion(ref=ref, asked=text, line=n, about=about, off_topic=off)
                               for n, (ref, text, about, off) in enumerate(asked, 1)])
    overrides = Overrides(mappings={("s", "q2"): Override("s", "q2", "serializers", "by hand", 1)})
    report = deduplicate(BANK, [source], overrides, reranker=reranker)
    by_ref = {m.ref: m for m in report.matches}
    assert by_ref["q1"].status == "covered"
    assert by_ref["q4"].candidates[0]["id"] == "signals"
    assert by_ref["q5"].candidates[0]["id"] == "deploying"
    assert by_ref["q4"].about == "receiver signal post_save sent"  # the report keeps the digest for review
    assert report.to_json()["matches"][4]["about"] == "receiver signal post_save sent"
    assert by_ref["q3b"].about == "" and by_ref["q3b"].candidates[0]["id"] not in ("signals", "deploying")


def test_closeness_is_the_same_read_a_few_queries_at_a_time(monkeypatch) -> None:
    """Queries are compared with the bank CHUNK at a time: the rows are those of one product."""
    from handbook import meaning

    asked = ["signal receiver", "redis cache", "production server", "json serializer", "deploy"]
    whole = MeaningReranker(BANK, VectorCache(bag_of_words, None)).closeness(asked)
    monkeypatch.setattr(meaning, "CHUNK", 2)
    chunked = MeaningReranker(BANK, VectorCache(bag_of_words, None)).closeness(asked)
    assert chunked.title.shape == chunked.passage.shape == (5, len(BANK))
    assert chunked.title == pytest.approx(whole.title) and chunked.passage == pytest.approx(whole.passage)
    assert MeaningReranker(BANK, VectorCache(bag_of_words, None)).closeness([]).passage.shape == (0, len(BANK))


def test_an_empty_bank_has_no_question_to_be_close_to() -> None:
    from handbook.meaning import Grouped

    empty = Grouped.of([], VectorCache(bag_of_words, None))
    assert len(empty.first) == 0
    with pytest.raises(ValueError, match="at least one text"):
        Grouped.of([["a title"], []], VectorCache(bag_of_words, None))
    assert MeaningReranker([], VectorCache(bag_of_words, None)).describe(["signal"], [[]]) == [[]]
