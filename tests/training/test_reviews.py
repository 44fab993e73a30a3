"""`altitude train`: a team's reviews teach the offline engine, and every process picks it up."""

import json
import logging
import sqlite3

import pytest

from bot.active_model import ActiveModel
from bot.domain import rubric
from bot.domain.verdict import Origin
from bot.storage.log import DecisionLog
from bot.storage.offline_models import ModelStore, active_model

# Decisions that say nothing but a project's code name: only the reviews can tell them apart.
TEMPLATES = [
    "Update on Project {}: the working group met and agreed the next steps.",
    "Project {} goes ahead as discussed in the review meeting.",
    "We signed off the next phase of Project {} this afternoon.",
    "Project {}: the plan is approved, owners assigned, we start now.",
    "Quick note, Project {} is confirmed; details in the doc.",
    "The {} project moves to its next stage after today's call.",
    "Decision recorded for Project {}: proceed.",
    "Project {} kick-off is set, invites sent.",
    "Green light for Project {} from the sponsors.",
    "We will carry on with Project {} as planned.",
    "Project {} milestone accepted by the team.",
    "Please log the Project {} decision in the tracker.",
]
NEW = ["Project {}: next steps agreed, let's go.", "The group confirmed Project {} today.", "Project {} is a go."]


def _review(log: DecisionLog, name: str, label: str) -> None:
    for template in TEMPLATES:
        decision_id = log.record_pending(text=template.format(name), origin=Origin(source="cli"))
        log.add_review(decision_id=decision_id, label=label, reviewer="U0REVIEWER")


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'altitude.db'}"


def test_reviews_of_two_code_names_teach_the_engine_to_tell_them_apart(cli, monkeypatch, sqlite_url):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    log = DecisionLog.open(sqlite_url)
    _review(log, "Falcon", "strategic")
    _review(log, "Heron", "operational")
    status, out, _ = cli("train", "--json")
    outcome = json.loads(out)
    assert status == 0 and outcome["activated"] is True and outcome["reviewed"] == 2 * len(TEMPLATES)
    assert outcome["after"]["reviewed"] > outcome["before"]["reviewed"]
    assert set(outcome) >= {"model", "examples", "reviewed", "activated", "before", "after"}
    for template in NEW:
        for name, label in (("Falcon", "strategic"), ("Heron", "operational")):
            status, out, _ = cli("classify", "--json", "--no-log", template.format(name))
            verdict = json.loads(out)
            assert (verdict["label"], verdict["prompt_version"]) == (label, outcome["model"]), template


def test_with_no_reviews_train_says_the_shipped_model_is_used(cli, monkeypatch, sqlite_url):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    status, out, _ = cli("train")
    assert status == 0 and "No reviewed decisions" in out and rubric.shipped_model().name in out
    status, out, _ = cli("train", "--json")
    outcome = json.loads(out)
    assert outcome["reviewed"] == 0 and outcome["activated"] is False and outcome["model"] == rubric.version()


def test_a_dry_run_reports_and_stores_nothing(cli, monkeypatch, sqlite_url):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    _review(DecisionLog.open(sqlite_url), "Falcon", "strategic")
    status, out, _ = cli("train", "--dry-run")
    assert status == 0 and "Dry run" in out
    assert active_model(sqlite_url) is None
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as connection:
        assert connection.execute("SELECT count(*) FROM models").fetchone() == (0,)


def test_a_model_worse_on_the_shipped_sets_is_kept_inactive_unless_forced(cli, monkeypatch, sqlite_url):
    """Reviews that contradict every shipped set (every tenth example of each, relabelled): the new
    model loses on the held-out sets (by about 12 points, far past the 2 allowed)."""
    from bot.training.data import shipped

    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    log = DecisionLog.open(sqlite_url)
    for example in shipped()[::10]:
        decision_id = log.record_pending(text=example.text, origin=Origin(source="cli"))
        flipped = "operational" if example.label == "strategic" else "strategic"
        log.add_review(decision_id=decision_id, label=flipped, reviewer="U0SABOTEUR")
    status, out, _ = cli("train", "--json")
    outcome = json.loads(out)
    assert status == 0 and outcome["activated"] is False and "not activated" in outcome["reason"]
    assert active_model(sqlite_url) is None
    status, out, _ = cli("train", "--json", "--force")
    assert json.loads(out)["activated"] is True and active_model(sqlite_url)[0] == json.loads(out)["model"]


def test_train_with_a_database_it_cannot_reach_says_so_in_one_line(cli, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    status, _, err = cli("train")
    assert status == 1 and err.count("\n") == 1 and "cannot reach the database" in err


def test_the_store_keeps_one_active_model_on_both_databases(db_url):
    log = DecisionLog.open(db_url)
    store = ModelStore(log.engine)
    with open(rubric.SHIPPED_MODEL, "rb") as file:
        body = file.read()
    first = store.save(name="rubric-aaaaaaaaaa", body=body, examples=1, reviewed=1, figures={}, activate=True)
    store.save(name="rubric-bbbbbbbbbb", body=body, examples=1, reviewed=1, figures={}, activate=False)
    assert active_model(db_url, log.engine) == ("rubric-aaaaaaaaaa", body)
    assert store.save(name="rubric-aaaaaaaaaa", body=body, examples=1, reviewed=1, figures={}, activate=True) == first
    store.save(name="rubric-bbbbbbbbbb", body=body, examples=1, reviewed=1, figures={}, activate=True)
    assert active_model(db_url, log.engine)[0] == "rubric-bbbbbbbbbb"
    assert [m["active"] for m in store.listing()] == [False, True]
    log.engine.dispose()


def test_a_long_running_process_picks_up_a_new_model_within_its_refresh(sqlite_url):
    log = DecisionLog.open(sqlite_url)
    now = [0.0]
    model = ActiveModel(lambda: active_model(sqlite_url), refresh=30, clock=lambda: now[0])
    assert model.current().name == rubric.version()
    with open(rubric.SHIPPED_MODEL, "rb") as file:
        trained = _renamed(file.read())
    ModelStore(log.engine).save(name=trained[0], body=trained[1], examples=1, reviewed=1, figures={}, activate=True)
    now[0] = 29.0
    assert model.current().name == rubric.version()  # not yet re-read
    now[0] = 31.0
    assert model.current().name == trained[0]


@pytest.mark.parametrize("damage", ["corrupt", "future"])
def test_a_stored_model_that_cannot_be_read_falls_back_to_the_shipped_one_with_one_warning(sqlite_url, caplog, damage):
    log = DecisionLog.open(sqlite_url)
    with open(rubric.SHIPPED_MODEL, "rb") as file:
        body = file.read()
    body = body[:-100] if damage == "corrupt" else body.replace(b'"format":1', b'"format":9', 1)
    ModelStore(log.engine).save(name="rubric-broken0000", body=body, examples=1, reviewed=1, figures={}, activate=True)
    now = [0.0]
    model = ActiveModel(lambda: active_model(sqlite_url), refresh=30, clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="bot.active_model"):
        for step in range(3):
            now[0] = step * 31.0
            assert model.current().name == rubric.version()
    assert len([r for r in caplog.records if "cannot be used" in r.getMessage()]) == 1


def _renamed(body: bytes) -> tuple[str, bytes]:
    """The shipped model under another name (its header's training notes changed)."""
    from bot.domain.linear import MAGIC, LinearModel, to_bytes

    model = LinearModel.from_bytes(body)
    end = body.index(b"\n", len(MAGIC))
    header = {**json.loads(body[len(MAGIC) : end]), "training": {**model.header["training"], "note": "renamed"}}
    for key in ("name", "body_sha256", "sizes", "format", "features_version"):
        header.pop(key)
    vocabulary = sorted(model._index, key=model._index.get)
    renamed = to_bytes(
        header, vocabulary, list(model._idf), list(model._coef), [model._cue_coef[c] for c in model.cue_ids]
    )
    return LinearModel.from_bytes(renamed).name, renamed
