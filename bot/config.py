"""Typed settings: the only reader of the environment. Parsed once, then passed in."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ConfigError

ENGINES = ("auto", "rubric", "openai")
DEFAULT_MODEL = "gpt-5-mini"
LOCAL_SERVER_KEY = "no-key-for-a-local-server"
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///altitude.db"
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    model: str = DEFAULT_MODEL
    llm_timeout: float = 30.0
    engine: str = "auto"
    reviewers: tuple[str, ...] = ()
    digest_channel: str | None = None
    digest_weekday: int = 0
    digest_time: tuple[int, int] = (9, 0)
    timezone: str = "UTC"
    decision_channels: tuple[str, ...] = ()
    answer_channels: tuple[str, ...] = ()  # empty: every channel the bot is in
    daily_model_calls: int | None = None  # per team and UTC day; None: no limit
    knowledge_dir: Path | None = None
    knowledge_tokens: int = 6_000
    log_format: str = "text"
    port: int = 3000
    lease_seconds: float = 120.0

    def resolved_engine(self, requested: str | None = None) -> str:
        engine = requested or self.engine
        if engine == "auto":
            return "openai" if self.openai_configured else "rubric"
        return engine

    @property
    def openai_configured(self) -> bool:
        """A key for OpenAI, or a base URL: a local OpenAI-compatible server (Ollama, vLLM, LM Studio)
        needs no key of its own."""
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def openai_key(self) -> str:
        """The key to send: the one given, else a placeholder a local server ignores (the client needs one)."""
        return self.openai_api_key or LOCAL_SERVER_KEY

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret in the settings, to keep out of logs and model output."""
        from sqlalchemy.engine import make_url

        password = make_url(self.database_url).password if "://" in self.database_url else None
        return tuple(
            s
            for s in (
                self.openai_api_key,
                self.slack_bot_token,
                self.slack_signing_secret,
                self.slack_app_token,
                self.slack_client_secret,
                password,
            )
            if s
        )

    @property
    def oauth(self) -> bool:
        """Many workspaces, installed by OAuth: a client id and secret, and no single bot token."""
        return bool(self.slack_client_id and self.slack_client_secret and not self.slack_bot_token)

    def digest_channel_for(self, team_id: str | None) -> str | None:
        """ALTITUDE_DIGEST_CHANNEL is a channel ID, or TEAM:CHANNEL pairs when serving many workspaces."""
        bare = None
        for team, channel in _digest_targets(self.digest_channel):
            if team is None:
                bare = bare or channel
            elif team == team_id:
                return channel
        return None if self.oauth else bare

    def __repr__(self) -> str:  # never print secrets
        return f"Settings(database_url=<hidden>, engine={self.engine!r}, model={self.model!r})"


def load_settings(environ: Mapping[str, str] | None = None, dotenv_path: Path | None = Path(".env")) -> Settings:
    """Settings from the environment, over a `.env` file in the working directory."""
    env = dict(_read_dotenv(dotenv_path)) if dotenv_path else {}
    env.update(os.environ if environ is None else environ)
    get = lambda name: (env.get(name) or "").strip() or None  # noqa: E731
    weekday, at = _digest_at(get("ALTITUDE_DIGEST_AT") or "mon 09:00")
    return Settings(
        database_url=get("DATABASE_URL") or Settings.database_url,
        slack_bot_token=get("SLACK_BOT_TOKEN"),
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
        slack_app_token=get("SLACK_APP_TOKEN"),
        slack_client_id=get("SLACK_CLIENT_ID"),
        slack_client_secret=get("SLACK_CLIENT_SECRET"),
        slack_api_url=get("SLACK_API_URL") or Settings.slack_api_url,
        openai_api_key=get("OPENAI_API_KEY"),
        openai_base_url=get("OPENAI_BASE_URL"),
        model=get("ALTITUDE_MODEL") or DEFAULT_MODEL,
        llm_timeout=_positive_float("ALTITUDE_LLM_TIMEOUT", get("ALTITUDE_LLM_TIMEOUT"), 30.0),
        engine=_choice("ALTITUDE_ENGINE", get("ALTITUDE_ENGINE"), ENGINES, "auto"),
        reviewers=_csv(get("ALTITUDE_REVIEWERS")),
        digest_channel=parse_digest_channel(get("ALTITUDE_DIGEST_CHANNEL")),
        digest_weekday=weekday,
        digest_time=at,
        timezone=_timezone(get("ALTITUDE_TIMEZONE") or "UTC"),
        decision_channels=_csv(get("ALTITUDE_DECISION_CHANNELS")),
        answer_channels=_csv(get("ALTITUDE_ANSWER_CHANNELS")),
        daily_model_calls=_calls(get("ALTITUDE_DAILY_MODEL_CALLS")),
        knowledge_dir=Path(k) if (k := get("ALTITUDE_KNOWLEDGE")) else None,
        knowledge_tokens=_tokens(get("ALTITUDE_KNOWLEDGE_TOKENS")),
        log_format=_choice("ALTITUDE_LOG_FORMAT", get("ALTITUDE_LOG_FORMAT"), ("text", "json"), "text"),
        port=_port(get("PORT")),
        lease_seconds=_positive_float("ALTITUDE_LEASE_SECONDS", get("ALTITUDE_LEASE_SECONDS"), 120.0),
    )


def _read_dotenv(path: Path) -> Mapping[str, str | None]:
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    try:
        return {k: v for k, v in dotenv_values(path).items() if v is not None}
    except (OSError, UnicodeDecodeError):
        raise ConfigError(f"cannot read {path}", "make it a readable UTF-8 file of NAME=value lines") from None


def _digest_targets(value: str | None) -> list[tuple[str | None, str]]:
    targets = []
    for part in _csv(value):
        team, _, channel = part.rpartition(":")
        targets.append((team or None, channel))
    return targets


def parse_digest_channel(value: str | None, name: str = "ALTITUDE_DIGEST_CHANNEL") -> str | None:
    if value and not all(re.fullmatch(r"[A-Z0-9]+(:[A-Z0-9]+)?", part) for part in _csv(value)):
        raise ConfigError(
            f"{name}={value!r} is not valid",
            "give a channel ID (C0123ABCD), or TEAM:CHANNEL pairs separated by commas (T0123:C0456)",
        )
    return value


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _choice(name: str, value: str | None, allowed: tuple[str, ...], default: str) -> str:
    if value is None:
        return default
    if value.lower() not in allowed:
        raise ConfigError(f"{name}={value!r} is not valid", f"use one of: {', '.join(allowed)}")
    return value.lower()


def _positive_float(name: str, value: str | None, default: float) -> float:
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number < 3600:
        raise ConfigError(f"{name}={value!r} is not valid", "give a number of seconds, e.g. 30")
    return number


def _tokens(value: str | None) -> int:
    if value is None:
        return Settings.knowledge_tokens
    digits = value.replace("_", "").replace(",", "")
    if not digits.isdigit() or not 500 <= int(digits) <= 1_000_000:
        raise ConfigError(
            f"ALTITUDE_KNOWLEDGE_TOKENS={value!r} is not valid",
            "give a number of tokens from 500 to 1,000,000, e.g. 6000",
        )
    return int(digits)


def _calls(value: str | None) -> int | None:
    if value is None:
        return None
    digits = value.replace("_", "").replace(",", "")
    if not digits.isdigit():
        raise ConfigError(
            f"ALTITUDE_DAILY_MODEL_CALLS={value!r} is not valid",
            "give a whole number of model calls a team may make a day, e.g. 500, or leave it empty",
        )
    return int(digits)


def _port(value: str | None) -> int:
    if value is None:
        return 3000
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"PORT={value!r} is not valid", "give a port number from 1 to 65535")
    return int(value)


def _digest_at(value: str) -> tuple[int, tuple[int, int]]:
    match = re.fullmatch(r"([a-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})", value.strip().lower())
    if not match or match.group(1) not in _WEEKDAYS or int(match.group(2)) > 23 or int(match.group(3)) > 59:
        raise ConfigError(
            f"ALTITUDE_DIGEST_AT={value!r} is not valid", "give a weekday and a 24-hour time, e.g. 'mon 09:00'"
        )
    return _WEEKDAYS.index(match.group(1)), (int(match.group(2)), int(match.group(3)))


def _timezone(value: str) -> str:
    if value == "UTC":  # the default needs no time zone database
        return value
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"ALTITUDE_TIMEZONE={value!r} is not a known time zone", "give an IANA name, e.g. Europe/Berlin"
        ) from None
    return value
