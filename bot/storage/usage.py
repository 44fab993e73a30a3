"""Model calls per team and UTC day, for `ALTITUDE_DAILY_MODEL_CALLS`: counted in the database, so
the budget holds across replicas. Taking a call is one conditional UPDATE: two replicas that ask at
the same moment can never both take the last one."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select, update

from bot.storage.database import WRITE, translated_errors
from bot.storage.models import ModelUsage


def today() -> str:
    return datetime.now(UTC).date().isoformat()


class ModelBudget:
    def __init__(self, engine: Engine, limit: int | None):
        self.engine = engine
        self.limit = limit
        self._writer = engine.execution_options(**WRITE)

    def take(self, team_id: str | None, *, day: str | None = None) -> bool:
        """Count one model call for the team today; False (and counted as refused) once its budget
        is spent. With no limit, the call is counted and always allowed."""
        key, day = team_id or "", day or today()
        row = ModelUsage.team_id == key, ModelUsage.day == day
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(
                _insert(connection).values(team_id=key, day=day, calls=0, refused=0).on_conflict_do_nothing()
            )
            within = () if self.limit is None else (ModelUsage.calls < self.limit,)
            taken = (
                connection.execute(update(ModelUsage).where(*row, *within).values(calls=ModelUsage.calls + 1)).rowcount
                == 1
            )
            if not taken:
                connection.execute(update(ModelUsage).where(*row).values(refused=ModelUsage.refused + 1))
        return taken

    def used(self, team_id: str | None = None, *, day: str | None = None) -> dict:
        """Today's calls and refusals: of one team, or (team_id None) per team."""
        query = select(ModelUsage.team_id, ModelUsage.calls, ModelUsage.refused).where(
            ModelUsage.day == (day or today())
        )
        if team_id is not None:
            query = query.where(ModelUsage.team_id == team_id)
        with translated_errors(self.engine), self.engine.connect() as connection:
            return {team: {"calls": calls, "refused": refused} for team, calls, refused in connection.execute(query)}

    def exhausted_reason(self) -> str:
        return (
            f"the team's daily budget of {self.limit} model calls (ALTITUDE_DAILY_MODEL_CALLS) is spent "
            "until 00:00 UTC; the offline engine answered"
        )


def _insert(connection):
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(ModelUsage)
