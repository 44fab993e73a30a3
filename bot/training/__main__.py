"""`python -m bot.training [PATH]`: write the shipped model (default bot/learned/rubric.model)
from the labelled decisions in bot/examples/training/, and print its leave-one-set-out figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.domain.rubric import SHIPPED_MODEL
from bot.training import build
from bot.training.data import shipped


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else SHIPPED_MODEL)
    trained = build(shipped())
    path.write_bytes(trained.data)
    print(json.dumps({"path": str(path), "bytes": len(trained.data), **trained.report}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
