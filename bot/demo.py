"""What `make run` shows with nothing configured: Altitude at work, offline."""

from __future__ import annotations

from bot.cli import render
from bot.services import Services

EXAMPLES = (
    "The board approved selling our regional courier business and putting the proceeds into "
    "same-day delivery for pharmacies over the next three years.",
    "Starting Monday the Leeds warehouse moves the second pick wave from 14:00 to 13:30 so trucks leave on time.",
    "CFO asked us to redo the month-end close checklist so accruals are booked a day earlier.",
)
QUESTION = "Who makes operations strategy decisions, and who runs operations management?"
CONNECT = """\
Next steps
  Connect Slack:  create an app from deploy/slack-manifest.yml, put SLACK_BOT_TOKEN and
                  SLACK_SIGNING_SECRET (and SLACK_APP_TOKEN for Socket Mode) in .env, then run
                  .venv/bin/altitude serve: the README walks through it.
  Connect OpenAI: put OPENAI_API_KEY in .env (OPENAI_BASE_URL for any OpenAI-compatible server).
  Try it:         .venv/bin/altitude classify "..."   .venv/bin/altitude ask "..."
"""


def run(services: Services) -> str:
    parts = ["Altitude tells operations strategy from operations management.", ""]
    for text in EXAMPLES:
        result = services.classify(text)
        verdict = result.verdict
        parts += [f"> {text}", f"  {verdict.label} (confidence {verdict.confidence:.2f})", ""]
    parts += [f"> {QUESTION}", "", render.answer_text(services.ask(QUESTION)), "", CONNECT]
    return "\n".join(parts)
