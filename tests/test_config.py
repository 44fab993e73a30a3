import pytest

from bot.config import DEFAULT_MODEL, load_settings
from bot.errors import ConfigError


def test_defaults_without_any_setting(tmp_path):
    settings = load_settings({}, dotenv_path=tmp_path / ".env")
    assert settings.database_url == "sqlite:///altitude.db"
    assert settings.engine == "auto" and settings.resolved_engine() == "rubric"
    assert settings.model == DEFAULT_MODEL and settings.llm_timeout == 30.0
    assert (settings.digest_weekday, settings.digest_time, settings.timezone) == (0, (9, 0), "UTC")
    assert settings.port == 3000 and settings.reviewers == () and settings.knowledge_dir is None


def test_auto_engine_is_openai_when_a_key_is_set(tmp_path):
    settings = load_settings({"OPENAI_API_KEY": "sk-test"}, dotenv_path=tmp_path / ".env")
    assert settings.resolved_engine() == "openai"
    assert settings.resolved_engine("rubric") == "rubric"


def test_a_base_url_alone_means_a_local_model_server(tmp_path):
    settings = load_settings({"OPENAI_BASE_URL": "http://localhost:11434/v1"}, dotenv_path=tmp_path / ".env")
    assert settings.resolved_engine() == "openai" and settings.openai_key == "no-key-for-a-local-server"


def test_the_knowledge_token_budget(tmp_path):
    assert load_settings({}, dotenv_path=tmp_path / ".env").knowledge_tokens == 6_000
    assert (
        load_settings({"ALTITUDE_KNOWLEDGE_TOKENS": "12,000"}, dotenv_path=tmp_path / ".env").knowledge_tokens == 12_000
    )


def test_lists_and_schedule_are_parsed(tmp_path):
    settings = load_settings(
        {
            "ALTITUDE_REVIEWERS": " U1, U2 ,,",
            "ALTITUDE_DECISION_CHANNELS": "C1",
            "ALTITUDE_DIGEST_AT": "Friday 16:30",
            "ALTITUDE_TIMEZONE": "Europe/Berlin",
            "PORT": "8080",
        },
        dotenv_path=tmp_path / ".env",
    )
    assert settings.reviewers == ("U1", "U2") and settings.decision_channels == ("C1",)
    assert (settings.digest_weekday, settings.digest_time) == (4, (16, 30))
    assert settings.timezone == "Europe/Berlin" and settings.port == 8080


def test_environment_wins_over_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("ALTITUDE_MODEL=from-file\nALTITUDE_LLM_TIMEOUT=12\n")
    settings = load_settings({"ALTITUDE_MODEL": "from-env"}, dotenv_path=dotenv)
    assert settings.model == "from-env" and settings.llm_timeout == 12.0


@pytest.mark.parametrize(
    "name, value, fix",
    [
        ("ALTITUDE_ENGINE", "gpt", "auto, rubric, openai"),
        ("ALTITUDE_LLM_TIMEOUT", "soon", "seconds"),
        ("ALTITUDE_LLM_TIMEOUT", "-3", "seconds"),
        ("ALTITUDE_DIGEST_AT", "monday", "mon 09:00"),
        ("ALTITUDE_DIGEST_AT", "mon 25:00", "mon 09:00"),
        ("ALTITUDE_TIMEZONE", "Mars/Olympus", "IANA"),
        ("ALTITUDE_LOG_FORMAT", "xml", "text, json"),
        ("PORT", "70000", "1 to 65535"),
        ("ALTITUDE_DIGEST_CHANNEL", "#general", "TEAM:CHANNEL"),
        ("ALTITUDE_KNOWLEDGE_TOKENS", "lots", "500 to 1,000,000"),
        ("ALTITUDE_KNOWLEDGE_TOKENS", "100", "500 to 1,000,000"),
        ("ALTITUDE_DAILY_MODEL_CALLS", "many", "whole number"),
        ("ALTITUDE_DAILY_MODEL_CALLS", "-5", "whole number"),
    ],
)
def test_invalid_settings_name_the_variable_and_the_fix(tmp_path, name, value, fix):
    with pytest.raises(ConfigError) as info:
        load_settings({name: value}, dotenv_path=tmp_path / ".env")
    assert name in str(info.value) and fix in str(info.value)


def test_secrets_never_show_in_the_settings_repr(tmp_path):
    settings = load_settings(
        {"OPENAI_API_KEY": "sk-secret", "SLACK_BOT_TOKEN": "xoxb-secret", "DATABASE_URL": "postgresql://u:pw@h/db"},
        dotenv_path=tmp_path / ".env",
    )
    assert "secret" not in repr(settings) and "pw" not in repr(settings)


def test_one_workspace_or_many_and_their_digest_channels(tmp_path):
    one = load_settings(
        {"SLACK_BOT_TOKEN": "xoxb-1", "ALTITUDE_DIGEST_CHANNEL": "C0ONE"}, dotenv_path=tmp_path / ".env"
    )
    assert not one.oauth and one.digest_channel_for("T0001") == "C0ONE"
    many = load_settings(
        {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s", "ALTITUDE_DIGEST_CHANNEL": "T0A:C0A, T0B:C0B, C0BARE"},
        dotenv_path=tmp_path / ".env",
    )
    assert many.oauth
    assert (many.digest_channel_for("T0A"), many.digest_channel_for("T0B")) == ("C0A", "C0B")
    assert many.digest_channel_for("T0C") is None  # a bare channel ID belongs to no workspace in particular
    half = load_settings({"SLACK_CLIENT_ID": "1.2"}, dotenv_path=tmp_path / ".env")
    assert not half.oauth
