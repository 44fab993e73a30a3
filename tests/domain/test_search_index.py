import sqlite3

import pytest

from bot.domain import knowledge, retrieval
from bot.domain.search_index import IndexUnavailable, SectionIndex, SmallIndex, cache_path, load_or_build

SECTIONS = [("a", ["lead", "time"], ["long-term", "plan", "r&d"]), ("b", ["shift"], ["roster", "plan", "or"])]


def small() -> SectionIndex:
    return SectionIndex.build(SECTIONS, ["Roster", "long-term"], fingerprint="f1")


BOTH = pytest.mark.parametrize(
    "make", [small, lambda: SmallIndex(SECTIONS, ["Roster", "long-term"])], ids=["fts5", "dictionary"]
)


@BOTH
def test_it_finds_the_sections_holding_a_stem_in_the_title_or_the_text(make):
    index = make()
    assert index.holding("plan") == {"a", "b"} and index.holding("shift") == {"b"} and index.holding("nope") == set()


@BOTH
def test_words_joined_by_hyphens_ampersands_or_apostrophes_stay_one_token(make):
    index = make()
    assert index.holding("long-term") == {"a"} and index.holding("r&d") == {"a"} and index.holding("long") == set()


@BOTH
def test_query_syntax_in_a_stem_is_only_a_word(make):
    assert make().holding("or") == {"b"} and make().holding('"') == set()


@BOTH
def test_it_counts_the_sections_each_stem_occurs_in_and_omits_unknown_ones(make):
    assert make().counts(["plan", "shift", "unknown"]) == {"plan": 2, "shift": 1}
    assert make().size == 2 and make().spelling() == {"Roster", "long-term"}


def test_both_indexes_retrieve_alike_on_a_teams_documents():
    from tests.conftest import DATA

    kb = knowledge.load(DATA / "team_kb")
    sections, spelling = retrieval.index_parts(kb)
    fts = kb.with_index(SectionIndex.build(sections, spelling))
    small_kb = kb.with_index(SmallIndex(sections, spelling))
    for question in ("when does the IC meet?", "who signs off 300k on a contract?", "what are the shift times?"):
        assert retrieval.retrieve(question, fts) == retrieval.retrieve(question, small_kb)


def test_a_saved_index_loads_back_for_the_same_content_only(tmp_path):
    path = tmp_path / "index.sqlite"
    small().save(path)
    assert SectionIndex.load(path, "f1").holding("roster") == {"b"}
    with pytest.raises(IndexUnavailable, match="another version"):
        SectionIndex.load(path, "f2")


def test_a_corrupt_cache_is_rebuilt_with_one_warning(tmp_path):
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"not a database" * 100)
    warnings = []
    index = load_or_build(path, "f1", small, warn=warnings.append)
    assert index.holding("shift") == {"b"}
    assert len(warnings) == 1 and "unreadable" in warnings[0] and "rebuilding" in warnings[0]
    assert SectionIndex.load(path, "f1").size == 2  # and the good copy replaced it


def test_an_index_of_an_older_format_is_rebuilt(tmp_path):
    path = tmp_path / "index.sqlite"
    small().save(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE about SET value = '0' WHERE key = 'format'")
    warnings = []
    load_or_build(path, "f1", small, warn=warnings.append)
    assert "another version" in warnings[0]


def test_a_cache_folder_that_cannot_be_written_is_said_once_and_the_index_still_works(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    warnings = []
    index = load_or_build(blocker / "sub" / "index.sqlite", "f1", small, warn=warnings.append)
    assert index.size == 2 and len(warnings) == 1 and "cannot cache" in warnings[0]


def test_the_cache_is_named_by_the_content_under_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_path("abc") == tmp_path / "altitude" / "knowledge-abc.sqlite"


def test_the_fingerprint_changes_with_the_content():
    base = knowledge.load_default()
    changed = knowledge.KnowledgeBase(base.sections[:-1])
    assert retrieval.index_fingerprint(base) != retrieval.index_fingerprint(changed)
    assert retrieval.index_fingerprint(base) == retrieval.index_fingerprint(knowledge.load_default())


def test_an_acronym_typed_in_capitals_is_read_as_the_name_the_documents_give_it():
    from bot.domain.acronyms import names_by_initials, spelt_out

    names = names_by_initials(
        [
            "The Investment Committee meets monthly.",
            "At Norvale Foods, the Weekly Operations Review runs on Monday.",
            "The Internal Committee and the Investment Council differ.",
        ]
    )
    assert names["WOR"] == "weekly operations review" and names["NF"] == "norvale foods"
    assert "IC" not in names  # two names share those initials: neither
    assert spelt_out("when is the WOR? is it ok?", names) == "when is the WOR (weekly operations review)? is it ok?"


def test_a_teams_acronym_finds_its_section(tmp_path):
    (tmp_path / "gov.md").write_text(
        "## Committees {#committees}\n\nThe Capital Review Board meets on the first "
        "Tuesday of each month.\n\n## Parking {#parking}\n\nStaff park behind the depot.\n",
        encoding="utf-8",
    )
    kb = knowledge.load(tmp_path)
    assert retrieval.retrieve("when does the CRB meet?", kb).matches[0].section_id == "committees"


def test_everyday_business_words_are_read_as_the_documents_words(tmp_path):
    (tmp_path / "ops.md").write_text(
        "## Roster rules {#roster_rules}\n\nThe roster is published on Fridays.\n\n"
        "## Capital expenditure {#capital}\n\nCapital expenditure over 50,000 euros "
        "needs the board.\n",
        encoding="utf-8",
    )
    kb = knowledge.load(tmp_path)
    assert retrieval.retrieve("when does the rota come out?", kb).matches[0].section_id == "roster_rules"
    assert retrieval.retrieve("who signs off capex of 80k?", kb).matches[0].section_id == "capital"


def test_many_threads_can_search_one_index_at_once(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from tests.knowledge_bases import NEEDLE_ID, NEEDLE_QUESTION, write_large

    kb = knowledge.load(write_large(tmp_path / "kb", sections=200, documents=2))
    kb = kb.with_index(retrieval.build_index(kb))
    assert isinstance(kb.index, SectionIndex)
    questions = [NEEDLE_QUESTION, "who reviews the pallet queue?", "what does the roster team track?"] * 60
    expected = [retrieval.retrieve(q, kb) for q in questions[:3]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(lambda q: retrieval.retrieve(q, kb), questions))
    assert found == expected * 60 and found[0].matches[0].section_id == NEEDLE_ID
