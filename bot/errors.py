"""Errors that carry their fix. Each boundary (CLI, Slack) renders them in its own form."""


class AltitudeError(Exception):
    """A failure the user can act on. `str()` is one line: what went wrong, then how to fix it."""

    exit_code = 1

    def __init__(self, message: str, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message}; {self.fix}" if self.fix else self.message


class BadInput(AltitudeError):
    """The input or the usage is wrong: exit status 2."""

    exit_code = 2


class ConfigError(BadInput):
    """A setting in the environment or `.env` is invalid."""
