"""De-duplication: phrasings of one question merge, different questions stay apart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from handbook.dedup import COVER, MARGIN, Overrides, deduplicate, find_duplicates, load_overrides
from handbook.errors import ContentError
from handbook.matching import (
    CLAUSE_WEIGHT,
    FUZZY_WEIGHT,
    KEYWORD_WEIGHT,
    MIN_SCORE,
    Candidate,
    ContentMatcher,
    best_scores,
    query_clauses,
    title_clauses,
)
from handbook.model import Question, Source, SourceQuestion
from handbook.normalise import normalise, terms
from handbook.pipeline import Paths, load

ROOT = Path(__file__).resolve().parents[1]


def bank_question(qid: str, title: str, aliases: list[str] | None = None) -> Question:
    return Question(id=qid, title=title, topic="t", level="junior", path=f"content/questions/t/{qid}.md",
                    answers={}, aliases=aliases or [])


def source(*asked: str, sid: str = "src") -> Source:
    return Source(id=sid, title=sid, kind="k", origin=f"{sid}.txt", credit="c", path=f"sources/{sid}.yml",
                  questions=[SourceQuestion(ref=f"q{i}", asked=a) for i, a in enumerate(asked, start=1)])


BANK = [
    bank_question("drf-benefits", "What are the benefits of Django REST Framework?"),
    bank_question("apiview-vs-viewset", "What is the difference between APIView and ViewSet?"),
    bank_question("jwt", "What is a JSON Web Token (JWT)?"),
    bank_question("cookies-vs-localstorage", "What is the difference between cookies and localStorage?"),
    bank_question("where-to-store-tokens", "Where should the token be stored: a cookie or localStorage?"),
    bank_question("session-authentication", "What is session authentication?"),
    bank_question("session-auth-pros-cons", "What are the pros and cons of session authentication?"),
    bank_question("api", "What is an API?"),
    bank_question("web-api", "What is a web API?"),
    bank_question("http-vs-https", "What is the difference between HTTP and HTTPS?"),
    bank_question("http-methods", "What are the HTTP methods?", aliases=["What are HTTP verbs?"]),
]

MUST_MERGE = [
    ("What are benefits of using Django Rest Framework?", "drf-benefits"),
    ("What are the benefits of using the Django REST Framework (DRF)?", "drf-benefits"),
    ("What is the difference between APIViews and Viewsets in", "apiview-vs-viewset"),
    ("Difference between `APIView` and `ViewSet`", "apiview-vs-viewset"),
    ("What are JSON Web Tokens(JWTs)?", "jwt"),
    ("What is the difference between cookies vs localStorage?", "cookies-vs-localstorage"),
    ("Where should token be saved - cookie or localStorage?", "where-to-store-tokens"),
    ("What is session authentication?", "session-authentication"),
    ("What are pros and cons of session authentication?", "session-auth-pros-cons"),
    ("What is a web API?", "web-api"),
    ("What is an API?", "api"),
    ("What are HTTP Verbs?", "http-methods"),
    ("What is the difference between HTTP and HTTPS?", "http-vs-https"),
]


@pytest.mark.parametrize(("asked", "expected"), MUST_MERGE)
def test_phrasings_map_to_the_right_bank_question(asked: str, expected: str) -> None:
    (match,) = deduplicate(BANK, [source(asked)], Overrides()).matches
    assert (match.status, match.id) == ("covered", expected), match.why


@pytest.mark.parametrize(("asked", "wrong"), [
    ("What is Token Authentication?", "session-authentication"),
    ("What are the disadvantages of Basic Authentication?", "session-auth-pros-cons"),
    ("What is the security threat to access tokens?", "jwt"),
    ("What are HTTP status codes?", "http-methods"),
])
def test_different_questions_do_not_merge(asked: str, wrong: str) -> None:
    (match,) = deduplicate(BANK, [source(asked)], Overrides()).matches
    assert match.id != wrong
    assert match.status in ("new", "suggested"), match.why


def test_suggested_when_two_bank_questions_match_equally() -> None:
    bank = [bank_question("a", "What is CORS?"), bank_question("b", "How does CORS work?", aliases=["What is CORS?"]),
            *BANK]
    (match,) = deduplicate(bank, [source("What is CORS?")], Overrides()).matches
    assert match.status == "suggested" and match.id is None
    assert [c["id"] for c in match.candidates[:2]] == ["a", "b"]
    assert match.candidates[0]["words"] == ["cors"]


def test_duplicate_bank_questions_are_reported_unless_confirmed_distinct() -> None:
    bank = [bank_question("drf-benefits", "What are the benefits of DRF?"),
            bank_question("why-drf", "Why use DRF?", aliases=["What are benefits of Django REST Framework?"]),
            bank_question("api", "What is an API?")]
    pairs = find_duplicates(bank, Overrides())
    assert [(p.first, p.second) for p in pairs] == [("drf-benefits", "why-drf")]
    assert find_duplicates(bank, Overrides(distinct={frozenset({"drf-benefits", "why-drf"})})) == []


def test_override_maps_a_question_matching_cannot(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("map:\n  - source: src\n    ref: q1\n    id: api\n    why: the project story asks what an API is\n",
                    encoding="utf-8")
    overrides, errors = load_overrides(path, tmp_path)
    assert not errors
    (match,) = deduplicate(BANK, [source("How did our project use the thing?")], overrides).matches
    assert (match.status, match.id) == ("covered", "api")
    assert match.why.startswith("override:")


def test_override_errors_name_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("map:\n  - source: src\n    ref: q9\n    id: api\n    why: x\n"
                    "  - source: src\n    ref: q1\n    id: nope\n    why: y\ndistinct:\n  - [api, nothing]\n",
                    encoding="utf-8")
    overrides, errors = load_overrides(path, tmp_path)
    assert not errors
    report = deduplicate(BANK, [source("What is an API?")], overrides)
    assert [str(e) for e in report.errors] == [
        "overrides.yml:2: source 'src' has no question 'q9'",
        "overrides.yml:6: 'nope' is no question id of the bank",
        "overrides.yml:11: 'distinct' names 'nothing', which is no question id",
    ]


def test_report_counts_sources_per_bank_question_and_json_has_one_entry_per_source_question() -> None:
    sources = [source("What is an API?", "What is a web API?", sid="one"), source("What is an API?", sid="two"),
               source("What is a monad?", sid="three")]
    report = deduplicate(BANK, sources, Overrides())
    assert report.sources_asking("api") == 2 and report.sources_asking("web-api") == 1
    data = report.to_json()
    assert data["summary"] == {"covered": 3, "suggested": 0, "new": 1, "off-topic": 0}
    assert len(data["matches"]) == 4
    assert set(data["matches"][0]) >= {"source", "origin", "ref", "asked", "id", "status", "why"}


def test_content_matching_finds_a_question_by_its_answer_text() -> None:
    bank = [*BANK, Question(id="wsgi-vs-asgi", title="What is the difference between WSGI and ASGI?", topic="t",
                            level="mid", path="p", answers={"junior": "Gunicorn serves WSGI; Uvicorn serves ASGI."})]
    (match,) = deduplicate(bank, [source("What is WSGI; how about ASGI?")], Overrides()).matches
    assert (match.status, match.id) == ("covered", "wsgi-vs-asgi"), match.why


def test_off_topic_and_recorded_decisions_are_never_uncovered_work(tmp_path: Path) -> None:
    asked = source("What is an API?", "How do you rebase a git branch?", "What is a monad?")
    asked.questions[1] = SourceQuestion(ref="q2", asked="How do you rebase a git branch?", off_topic=True)
    path = tmp_path / "overrides.yml"
    path.write_text("new:\n  - source: src\n    ref: q3\n    why: nothing on monads\n", encoding="utf-8")
    overrides, errors = load_overrides(path, tmp_path)
    assert not errors
    statuses = [m.status for m in deduplicate(BANK, [asked], overrides).matches]
    assert statuses == ["covered", "off-topic", "new"]


def test_a_source_question_decided_twice_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("new:\n  - source: src\n    ref: q1\n    why: a\noff_topic:\n  - source: src\n    ref: q1\n    why: b\n",
                    encoding="utf-8")
    _, errors = load_overrides(path, tmp_path)
    assert [str(e) for e in errors] == ["overrides.yml:6: src#q1 is already under 'new'"]


@pytest.fixture(scope="module")
def real_matcher() -> ContentMatcher:
    return ContentMatcher(load(Paths(ROOT)).bank.questions)


def test_a_compound_question_ranks_the_comparison_first_against_the_real_bank(real_matcher: ContentMatcher) -> None:
    if "wsgi-vs-asgi" not in real_matcher.ids:
        pytest.skip("the bank has no wsgi-vs-asgi question")
    (ranked,) = real_matcher.rank(["What is WSGI; how about ASGI?"])
    assert ranked[0].id == "wsgi-vs-asgi", ranked


def test_a_question_and_a_follow_up_find_the_first_questions_own_entry(real_matcher: ContentMatcher) -> None:
    if "what-is-drf" not in real_matcher.ids:
        pytest.skip("the bank has no what-is-drf question")
    (ranked,) = real_matcher.rank(["What is Django REST framework and how does it work?"])
    assert "what-is-drf" in [c.id for c in ranked], ranked


@pytest.mark.parametrize(("query", "clauses"), [
    ("What is WSGI; how about ASGI?", ["What is WSGI", "ASGI?"]),
    ("What is Django REST framework and how does it work?", ["What is Django REST framework"]),
    ("What are serializers, and when should you use them?", ["What are serializers"]),
    ("What is the difference between select_related and prefetch_related?", []),
    ("What are the pros and cons of session authentication?", []),
])
def test_a_compound_question_splits_where_a_new_question_starts(query: str, clauses: list[str]) -> None:
    assert query_clauses(query) == clauses


def test_a_title_clause_that_points_back_is_no_way_to_ask_the_question() -> None:
    assert title_clauses("What is a JSON Web Token (JWT), and what are its benefits?") == ["What is a JSON Web Token (JWT)"]


@pytest.mark.parametrize(("title", "clauses"), [
    # a list of alternatives or of compared things: the words before the first comma ask only part of it
    ("When should you use a signal, an overridden save() or middleware?", []),
    ("What is the difference between ForeignKey, OneToOneField and ManyToManyField?", []),
    # an elaboration after a comma or a colon: the first part asks the question on its own
    ("How do you write a custom permission class, including object-level checks?",
     ["How do you write a custom permission class", "including object-level checks?"]),
    ("How do you use multiple databases in Django: routing, read replicas and sharding?",
     ["How do you use multiple databases in Django", "routing, read replicas and sharding?"]),
    ("What is a QuerySet, and when does it hit the database?", ["What is a QuerySet"]),
])
def test_title_clauses_split_at_new_questions_and_elaborations_but_not_inside_lists(title: str, clauses: list[str]) -> None:
    assert title_clauses(title) == clauses


def test_the_aspect_asked_for_does_not_outweigh_the_subject() -> None:
    """"The pros and cons of X" is about X: benefit and drawback are no retrieval terms."""
    assert terms("What are the pros and cons of Django's ORM?") == terms("Django's ORM?")
    assert terms("Role-based view access") == terms("permission")
    assert terms("Reducing DB queries") == terms("optimise queries")


def test_doing_without_what_the_best_match_is_about_is_never_covered() -> None:
    bank = [bank_question("token-authentication", "What is token authentication in DRF?"), *BANK[:3]]
    (match,) = deduplicate(bank, [source("Token authentication without DRF")], Overrides()).matches
    assert match.status == "suggested" and "without" in match.why
    (match,) = deduplicate(bank, [source("What is token authentication in DRF?")], Overrides()).matches
    assert (match.status, match.id) == ("covered", "token-authentication")


def test_a_bank_question_that_itself_does_without_is_covered_as_usual() -> None:
    bank = [bank_question("no-celery", "How do you run background tasks without Celery?"), *BANK[:3]]
    (match,) = deduplicate(bank, [source("How do you run background tasks without Celery?")], Overrides()).matches
    assert (match.status, match.id) == ("covered", "no-celery")


def test_a_question_marked_new_stays_new_even_when_the_bank_answers_it(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("new:\n  - source: src\n    ref: q1\n    why: asks about our own API\n", encoding="utf-8")
    overrides, errors = load_overrides(path, tmp_path)
    assert not errors
    (alone,) = deduplicate(BANK, [source("What is an API?")], Overrides()).matches
    assert alone.status == "covered"
    (match,) = deduplicate(BANK, [source("What is an API?")], overrides).matches
    assert (match.status, match.id, match.why, match.score) == ("new", None, "marked new: asks about our own API",
                                                                alone.score)


def test_each_match_keeps_the_source_line_and_an_unmatched_question_scores_zero() -> None:
    asked = Source(id="src", title="src", kind="k", origin="src.txt", credit="c", path="sources/src.yml",
                   questions=[SourceQuestion(ref="q1", asked="What is an API?", line=7),
                              SourceQuestion(ref="q2", asked="What is CORS?", line=12),
                              SourceQuestion(ref="q3", asked="How do you rebase a git branch?", line=20, off_topic=True)])
    api, cors, git = deduplicate(BANK, [asked], Overrides()).matches
    assert [(m.line, m.status) for m in (api, cors, git)] == [(7, "covered"), (12, "new"), (20, "off-topic")]
    assert (cors.score, cors.candidates, cors.why) == (0.0, [], "no bank question shares a word")
    assert git.why == "not about Django or DRF (ingest)"


def test_open_work_is_the_suggested_and_new_questions_of_pending_sources_only() -> None:
    pending = source("What is an API?", "What is a monad?", sid="later")
    pending.pending = True
    report = deduplicate(BANK, [pending, source("What is a monad?", sid="now")], Overrides())
    assert [(m.source, m.status) for m in report.matches] == [("later", "covered"), ("later", "new"), ("now", "new")]
    assert [(m.source, m.ref) for m in report.open_work()] == [("later", "q2")]
    assert report.to_json()["open_work"] == 1


def test_duplicates_are_found_past_a_pair_confirmed_distinct() -> None:
    # Three questions asked the same way: "x" ranks "a" and "b" above itself; "a"/"x" is confirmed distinct.
    bank = [bank_question(qid, "What is CORS?") for qid in ("a", "b", "x")]
    pairs = find_duplicates(bank, Overrides(distinct={frozenset({"a", "x"})}))
    assert [(p.first, p.second) for p in pairs] == [("a", "b"), ("b", "x")]


def test_an_empty_bank_answers_nothing_and_does_not_fail() -> None:
    assert ContentMatcher([]).rank(["What is an API?"]) == [[]]
    report = deduplicate([], [source("What is an API?")], Overrides())
    assert [(m.status, m.why) for m in report.matches] == [("new", "no bank question shares a word")]
    assert report.duplicates == []


def test_matched_words_are_only_those_the_candidate_uses() -> None:
    (match,) = deduplicate(BANK, [source("What is a web API?")], Overrides()).matches
    words = {c["id"]: c["words"] for c in match.candidates}
    assert words["api"] == ["api"] and sorted(words["web-api"]) == ["api", "web"]


def test_a_skipped_bank_question_is_never_ranked_nor_scored() -> None:
    matcher = ContentMatcher(BANK)
    assert "api" in [c.id for c in matcher.rank(["What is an API?"])[0]]
    assert "api" not in [c.id for c in matcher.rank(["What is an API?"], skip=["api"])[0]]
    query, entries = normalise("What is an API?"), [normalise("What is an API?"), normalise("What is a web API?")]
    skipped, kept = best_scores([query, query], entries, ["api", "web-api"], skip_owner=["api", None])
    assert "api" not in skipped and kept["api"] == (100.0, 0)


def _case(qid: str, title: str, answer: str = "") -> Question:
    return Question(id=qid, title=title, topic="t", level="junior", path=f"content/questions/t/{qid}.md",
                    answers={"junior": answer} if answer else {})


def test_a_clause_that_names_a_title_brings_that_question_in_even_past_the_content_shortlist() -> None:
    # Nine questions whose answers share more of the query's words than "zeta" does: by content alone it
    # would not be among the shortlisted candidates; its title matches the query's first clause.
    bank = [_case(f"case-{n}", f"Which omega rule applies to case {n}?", "alpha beta gamma delta zeta")
            for n in range(1, 10)]
    bank.append(_case("zeta", "What is zeta?"))
    (match,) = deduplicate(bank, [source("What is zeta, and how do its alpha beta gamma delta work?")], Overrides()).matches
    assert match.candidates[0]["id"] == "zeta"
    assert match.status == "suggested" and match.why.startswith("'zeta' ")
    # with a second question that stands alone, the clause is part of a match: still ranked, below the content
    whole, part = ContentMatcher(bank).rank(["What is zeta, and how do its alpha beta gamma delta work?",
                                             "What is zeta, and how do alpha beta gamma delta work?"], top=20)
    score = {c.id: c.score for c in part}
    assert score["zeta"] < score["case-1"]
    fuzzy_part = FUZZY_WEIGHT * (1 - (CLAUSE_WEIGHT * 100 - MIN_SCORE) / (100 - MIN_SCORE))
    assert whole[0].score - score["zeta"] == pytest.approx(fuzzy_part, abs=1e-3)


def test_a_skipped_owner_does_not_stop_the_other_entries_being_scored() -> None:
    query = normalise("What is a web API?")
    entries = [normalise("What is a web API?"), normalise("What is an API?"), normalise("What is a web API")]
    assert best_scores([query], entries, ["web-api", "api", "web-api"], skip_owner=["web-api"]) == [{"api": (60.0, 1)}]


def test_a_compound_query_scores_the_same_whichever_clause_comes_first() -> None:
    matcher = ContentMatcher(BANK)
    one, two = matcher.rank(["What is an API; what is a web API?", "What is a web API; what is an API?"])
    assert [(c.id, c.score) for c in one] == [(c.id, c.score) for c in two]
    assert {c.id for c in one[:2]} == {"api", "web-api"}
    # two questions that stand alone: a clause matching a title is part of a match
    assert dict(matcher._clause_scores(["What is an API; what is a web API?"], None)) == {
        0: {"api": CLAUSE_WEIGHT * 100.0, "web-api": CLAUSE_WEIGHT * 100.0}}
    # one that stands alone, the other pointing back to it: the clause names the whole question
    assert matcher._clause_scores(["What is an API, and what are its limits?"], None)[0]["api"] == 100.0


def test_a_candidate_shows_its_title_and_answer_cosines_and_no_entry_without_a_fuzzy_match() -> None:
    bank = [*BANK, Question(id="wsgi-vs-asgi", title="What is the difference between WSGI and ASGI?", topic="t",
                            level="mid", path="p", answers={"junior": "Gunicorn serves WSGI; Uvicorn serves ASGI."})]
    (best,) = ContentMatcher(bank).rank(["Which server runs Gunicorn?"])[0]
    assert (best.id, best.score, best.head, best.body, best.fuzzy, best.entry) == ("wsgi-vs-asgi", 0.1717, 0.0, 0.3816, 0.0, "")
    query = "What is session authentication; what are the pros and cons of session authentication?"
    # "pros and cons" names the aspect, not the subject: both titles carry the same retrieval terms,
    # and only the fuzzy score of the title that says it tells them apart
    pros_cons, session = ContentMatcher(BANK).rank([query])[0]
    assert (pros_cons.id, pros_cons.head, pros_cons.body, pros_cons.fuzzy, pros_cons.entry) == (
        "session-auth-pros-cons", 1.0, 0.0, 77.0, "What are the pros and cons of session authentication?")
    assert (session.id, session.head, session.fuzzy, session.entry) == ("session-authentication", 1.0, 0.0, "")


def test_a_question_decided_by_matching_keeps_its_best_candidates_score() -> None:
    suggested, new = deduplicate(BANK, [source("What are HTTP status codes?", "What is a monad?")], Overrides()).matches
    assert suggested.status in ("new", "suggested") and suggested.score == suggested.candidates[0]["score"] > 0
    assert (new.status, new.score) == ("new", 0.0)


class _StubMatcher:
    """Ranks each text as given, best first, cut to ``top`` like the real matcher."""

    def __init__(self, ranked: dict[str, list[tuple[str, float]]]):
        self.ranked = ranked

    def rank(self, texts: list[str], top: int = 3) -> list[list[Candidate]]:
        return [[Candidate(id=qid, score=score, head=0.0, body=0.0, fuzzy=0.0, entry="", words=())
                 for qid, score in self.ranked[text]][:top] for text in texts]


def test_duplicates_look_at_the_best_other_question_only_and_count_a_score_of_exactly_cover() -> None:
    bank = [bank_question(qid, qid.upper()) for qid in ("a", "b", "c", "d", "e")]
    matcher = _StubMatcher({"A": [("a", 0.5), ("b", 0.47), ("c", 0.46)], "B": [("b", 0.9)], "C": [("c", 0.9)],
                            "D": [("d", 0.38), ("e", COVER)], "E": [("e", 0.9)]})
    pairs = find_duplicates(bank, Overrides(), matcher)
    assert [(p.first, p.second, p.score) for p in pairs] == [("a", "b", 0.47), ("d", "e", COVER)]
    assert pairs[1].why == f"'D' (d) scores {COVER:.2f} for 'e' and 0.38 for its own question"


def test_the_report_json_names_its_fields() -> None:
    report = deduplicate(BANK, [source("What is an API?")], Overrides())
    report.errors.append(ContentError("overrides/x.yml", 3, "bad"))
    data = report.to_json()
    assert list(data) == ["source_count", "summary", "open_work", "matches", "duplicates", "errors"]
    assert (data["source_count"], data["errors"]) == (1, ["overrides/x.yml:3: bad"])


def _candidate(qid: str, score: float, fuzzy: float = 0.0, words: tuple[str, ...] = ()) -> Candidate:
    return Candidate(id=qid, score=score, head=0.0, body=0.0, fuzzy=fuzzy, entry=f"title of {qid}" if fuzzy else "",
                     words=words)


def test_a_reason_names_matched_words_only_when_there_are_some() -> None:
    from handbook.dedup import decide
    assert decide([_candidate("a", 0.1)]) == ("new", "closest is 'a' 0.10, below 0.20")
    assert decide([_candidate("a", 0.1, words=("view", "url"))]) == ("new", "closest is 'a' 0.10 (view, url), below 0.20")


def test_same_words_covers_at_exactly_the_threshold_and_only_when_the_runner_up_is_more_than_the_gap_behind() -> None:
    from handbook.dedup import decide
    assert decide([_candidate("a", 0.1, fuzzy=95.0)]) == (
        "covered", "same question as 'title of a' (fuzzy 95); score 0.10")
    # a runner-up exactly SAME_WORDS_GAP behind is close enough to leave the question to the scores
    assert decide([_candidate("a", 0.1, fuzzy=100.0), _candidate("b", 0.05, fuzzy=94.0)]) == (
        "new", "closest is 'a' 0.10, below 0.20")
    assert decide([_candidate("a", 0.1, fuzzy=100.0), _candidate("b", 0.05, fuzzy=93.0)])[0] == "covered"


def test_an_override_that_maps_a_question_scores_exactly_one(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("map:\n  - source: src\n    ref: q1\n    id: jwt\n    why: the same question\n", encoding="utf-8")
    overrides, errors = load_overrides(path, tmp_path)
    assert not errors
    report = deduplicate(BANK, [source("Something the matcher cannot place")], overrides)
    [match] = report.matches
    assert (match.id, match.status, match.score) == ("jwt", "covered", 1.0)


def test_deduplicate_indexes_the_bank_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import handbook.dedup as dedup
    built: list[int] = []

    class Counting(ContentMatcher):
        def __init__(self, questions: list[Question]) -> None:
            built.append(len(questions))
            super().__init__(questions)

    monkeypatch.setattr(dedup, "ContentMatcher", Counting)
    deduplicate(BANK, [source("What is an API?")], Overrides())
    assert built == [len(BANK)]


def test_an_exact_entry_is_the_entry_a_fuzzy_score_names() -> None:
    # "a b" and "b a" both score 100 by token sort; the exact one is the entry recorded
    assert best_scores(["b a"], ["a b", "b a"], ["x", "x"]) == [{"x": (100.0, 1)}]


def test_a_best_score_of_exactly_suggest_is_suggested() -> None:
    from handbook.dedup import SUGGEST, decide
    assert decide([_candidate("a", SUGGEST)]) == ("suggested", f"closest is 'a' 0.20, below {COVER:.2f}: a person confirms")


def test_an_own_question_exactly_margin_ahead_is_no_duplicate() -> None:
    bank = [bank_question(qid, qid.upper()) for qid in ("d", "e")]
    matcher = _StubMatcher({"D": [("d", 0.46), ("e", COVER)], "E": [("e", 0.9)]})
    assert 0.46 - COVER == MARGIN  # the gap is exactly MARGIN in floating point too
    assert find_duplicates(bank, Overrides(), matcher) == []


def test_coverage_is_the_share_of_the_querys_squared_idf_the_candidate_uses() -> None:
    bank = [_case("signals", "What are signals?", "Signals notify receivers."),
            _case("cache", "How does caching work?", "Caching keeps responses; signals too."),
            _case("views", "What are views?", "Views return responses.")]
    # terms: signal (idf 1.29, in two questions), cach, view and the unknown "interact" (idf 1.69 each)
    ranked = ContentMatcher(bank).rank(["How do signals and caching and views interact?"])[0]
    assert [(c.id, c.coverage) for c in ranked] == [
        ("cache", pytest.approx(0.4411, abs=2e-4)), ("views", pytest.approx(0.2795, abs=2e-4)),
        ("signals", pytest.approx(0.1616, abs=2e-4))]


def test_no_alias_copies_the_wording_of_an_incoming_source() -> None:
    """Aliases are the handbook's own phrasings. A question of an incoming source is mapped
    through the review loop (sources/overrides.yml), never by pasting its wording as an alias: the
    calibration on the incoming documents must measure the matcher, not copied text. The seeds'
    source-derived aliases are the exception, measured separately with every alias removed."""
    import re as _re

    from rapidfuzz import fuzz

    from handbook.pipeline import PROJECT_ROOT, Paths, load

    def plain(text: str) -> str:
        return _re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()

    from handbook.calibration import TUNING_DOCUMENTS

    result = load(Paths(PROJECT_ROOT))
    seeds = [plain(q.asked) for s in result.bank.sources if s.id not in TUNING_DOCUMENTS for q in s.questions]
    incoming = [(s.id, q.ref, plain(q.asked)) for s in result.bank.sources if s.id in TUNING_DOCUMENTS
                for q in s.questions]
    assert len(incoming) > 250  # the seven documents registered as sources
    copied = []
    for question in result.bank.questions:
        for alias in map(plain, question.aliases):
            if any(fuzz.token_sort_ratio(alias, seed) >= 89 for seed in seeds):
                continue
            copied += [f"{question.id}: {alias!r} ~ {sid}:{ref}" for sid, ref, asked in incoming
                       if fuzz.token_sort_ratio(alias, asked) >= 85]
    assert copied == []


def test_no_search_keyword_copies_the_wording_of_a_labelled_question() -> None:
    """The questions' search keywords are a field of the matcher too: like aliases, they are the handbook's own
    names for a question, never the wording of a question it is measured on (tuning, further or held-out)."""
    import re as _re

    from rapidfuzz import fuzz

    from handbook.calibration import EXTRA_LABELS, FRESH_LABELS, LABELS, LATER_HELD_OUT, load_labels
    from handbook.pipeline import PROJECT_ROOT, Paths, load

    def plain(text: str) -> str:
        return _re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()

    folders = (LABELS, EXTRA_LABELS, FRESH_LABELS, *(folder for _, folder in LATER_HELD_OUT))
    asked = [(doc, plain(lab.question)) for folder in folders
             for doc, labs in load_labels(folder).items() for lab in labs]
    assert len(asked) > 500
    keywords = [(q.id, plain(k)) for q in load(Paths(PROJECT_ROOT)).bank.questions for k in q.keywords]
    assert len(keywords) > 2000
    copied = [f"{qid}: {k!r} ~ {doc}: {a!r}" for qid, k in keywords if len(k.split()) >= 4
              for doc, a in asked if fuzz.token_sort_ratio(k, a) >= 85]
    assert copied == []


def test_a_decision_naming_a_merged_question_counts_for_the_question_it_became() -> None:
    from dataclasses import replace

    from handbook.calibration import Label, merged
    from handbook.overrides import Override

    api = replace(bank_question("api", "What is an API?"), retired=["web-api"])
    overrides = Overrides(mappings={("src", "q1"): Override("src", "q1", "web-api", "reviewed", 3)})
    report = deduplicate([api, *BANK[:2]], [source("What sort of thing is a web API, really?")], overrides)
    (match,) = report.matches
    assert (match.status, match.id, report.errors) == ("covered", "api", [])
    labels = merged([Label("s", "q", "web-api", ("api", "web-api", "jwt"))], [api])
    assert (labels[0].id, labels[0].also) == ("api", ("api", "jwt"))


def test_a_misspelt_word_the_bank_never_uses_reads_as_the_banks_word_one_edit_away() -> None:
    bank = [_case("auth", "How do you authenticate an API client?"), _case("cache", "How does caching work?")]
    matcher = ContentMatcher(bank)
    (ranked,) = matcher.rank(["how do u aunthenticate an end point?"])
    assert [c.id for c in ranked] == ["auth"] and ranked[0].words == ("aunthenticate",)
    assert matcher._nearest("aunthent") == "authent"
    assert matcher._nearest("authorit") == "authorit"  # more than one edit from every bank word: left as it is
    assert matcher._nearest("cahe") == "cahe"  # shorter than TYPO_MIN_LENGTH: too short to guess


def test_two_words_the_bank_writes_as_one_are_a_second_reading_that_costs_no_question_anything() -> None:
    bank = [_case("contenttypes", "What is the contenttypes framework for?"),
            _case("headers", "Which header names the content of a response and its types?"), _case("cache", "How does caching work?")]
    matcher = ContentMatcher(bank)
    (joined,) = matcher.rank(["What are content types in Django?"])
    (apart,) = matcher.rank(["What are types content in Django?"])  # the same words, not neighbours: no second reading
    by_id = {c.id: c for c in joined}
    assert "contenttypes" in by_id and "contenttypes" not in {c.id for c in apart}
    assert by_id["contenttypes"].words == ("content types",)
    assert by_id["contenttypes"].coverage == 0.0  # coverage counts the question's own words, not the joined one
    # the question that does not use the joined word is scored, and shows its words, exactly as without it
    def same(c: Candidate) -> Candidate:  # the words in one order: the two queries name them in turn
        return dataclasses.replace(c, words=tuple(sorted(c.words)))
    assert same(by_id["headers"]) == same(next(c for c in apart if c.id == "headers"))
    # a query past the first chunk of a batch gets its second reading too
    assert matcher.rank(["How does caching work?"] * 1000 + ["What are content types?"])[-1] == matcher.rank(
        ["What are content types?"])[0]


def test_a_questions_search_keywords_count_as_another_name_for_it() -> None:
    plain = [_case("throttling", "How does throttling work?"), _case("cache", "How does caching work?")]
    named = [dataclasses.replace(plain[0], keywords=["request quota", "too many requests"]), plain[1]]
    query = "How do you set a request quota per client?"
    assert ContentMatcher(plain).rank([query]) == [[]]
    (ranked,) = ContentMatcher(named).rank([query])
    assert [c.id for c in ranked] == ["throttling"]
    assert (ranked[0].head, ranked[0].body) == (0.0, 0.0) and 0 < ranked[0].score <= KEYWORD_WEIGHT
