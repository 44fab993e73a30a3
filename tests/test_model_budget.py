"""ALTITUDE_DAILY_MODEL_CALLS through the services: past a team's budget the offline engine
classifies and answers, saying why, and the decision is still logged."""

from bot.config import load_settings
from bot.domain.verdict import Origin
from bot.services import Services

DECISION = "Board approved entering the Japanese market with three stores by 2030."


def test_past_the_budget_the_offline_engine_classifies_and_the_decision_is_logged(fake_openai, tmp_path):
    services = Services(fake_openai.settings(database_url=f"sqlite:///{tmp_path / 'a.db'}", daily_model_calls=1))
    origin = Origin(source="slash", team_id="T1", channel_id="C1", user_id="U1")
    first, second = (services.classify(DECISION, origin=origin) for _ in range(2))
    assert first.provenance.engine == "openai" and first.provenance.fallback_reason is None
    assert second.provenance.engine == "rubric" and "ALTITUDE_DAILY_MODEL_CALLS" in second.provenance.fallback_reason
    assert services.log.get(second.decision_id)["fallback_reason"] == second.provenance.fallback_reason
    assert len(fake_openai.requests) == 1
    other_team = services.classify(DECISION, origin=Origin(source="slash", team_id="T2"))
    assert other_team.provenance.engine == "openai"


def test_the_offline_engine_uses_no_budget(tmp_path):
    services = Services(
        load_settings(
            {"DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}", "ALTITUDE_DAILY_MODEL_CALLS": "1"}, dotenv_path=None
        )
    )
    for _ in range(3):
        assert services.classify(DECISION, origin=Origin(source="cli")).provenance.fallback_reason is None
    assert services.budget.used() == {}


def test_budget_and_answer_channels_settings(tmp_path):
    settings = load_settings(
        {"ALTITUDE_DAILY_MODEL_CALLS": "1,000", "ALTITUDE_ANSWER_CHANNELS": "C1, C2"}, dotenv_path=None
    )
    assert settings.daily_model_calls == 1000 and settings.answer_channels == ("C1", "C2")
    unset = load_settings({}, dotenv_path=None)
    assert unset.daily_model_calls is None and unset.answer_channels == ()
