"""Four processes writing at once lose nothing and never see 'database is locked'."""

import subprocess
import sys

from sqlalchemy import create_engine, func, select

from bot.storage.log import DecisionLog
from bot.storage.models import Decision, Review

WRITER = """
import sys
from bot.config import Settings
from bot.domain.verdict import Origin
from bot.services import Services
from bot.storage.log import DecisionLog

log = DecisionLog.open(sys.argv[1])
services = Services(Settings())
services.log = log
worker, count = sys.argv[2], int(sys.argv[3])
for i in range(count):
    result = services.classify(f"Worker {worker} moves shift {i} to 6am tomorrow.", origin=Origin(source="cli", user_id=worker))
    log.add_review(decision_id=result.decision_id, label="operational", reviewer=worker)
"""


def test_four_writers_lose_nothing(db_url, tmp_path):
    DecisionLog.open(db_url).engine.dispose()  # schema first, so the writers only write
    per_writer = 60
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, db_url, f"U{w}", str(per_writer)], stderr=subprocess.PIPE)
        for w in range(4)
    ]
    failures = [(w.wait(timeout=120), w.stderr.read().decode()) for w in writers]
    assert all(code == 0 for code, _ in failures), failures
    engine = create_engine(db_url)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Decision)).scalar() == 4 * per_writer
        assert connection.execute(select(func.count()).select_from(Review)).scalar() == 4 * per_writer
        assert connection.execute(select(func.count()).where(Decision.status != "classified")).scalar() == 0
    engine.dispose()
