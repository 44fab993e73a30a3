"""Every Slack listener, wired by one `register`. Each one parses, calls the services, renders:
decisions (`decisions`), answers (`answers`), reviews and the App Home (`reviews`).
"""

from __future__ import annotations

import re

from slack_bolt import App

from bot.services import Services
from bot.slack import blocks, conversation
from bot.slack.answers import AnswerListeners
from bot.slack.decisions import DecisionListeners
from bot.slack.delivery import Delivery
from bot.slack.jobs import Jobs
from bot.slack.metrics import Metrics
from bot.slack.reviews import SUGGESTED_PROMPTS, ReviewListeners

__all__ = ["SUGGESTED_PROMPTS", "register"]


def register(app: App, services: Services, metrics: Metrics, jobs: Jobs, delivery: Delivery) -> Listeners:
    listeners = Listeners(services, metrics, jobs, delivery)
    app.command("/classify")(listeners.on_classify_command)
    app.shortcut("classify_decision")(listeners.on_shortcut)
    app.action(re.compile(r"^review_(agree|strategic|operational)$"))(listeners.on_review)
    app.action(blocks.FEEDBACK_ACTION)(listeners.on_feedback)
    app.event("app_mention")(listeners.on_message)
    app.event("message")(listeners.on_message)
    app.event("app_home_opened")(listeners.on_home_opened)
    return listeners


class Listeners(DecisionListeners, AnswerListeners, ReviewListeners):
    def on_message(self, body, event, client, context):
        """Mentions, DMs, thread follow-ups and `Decision:` posts. Bolt acknowledges an event when
        this returns: a `Decision:` post is logged first; the rest is a job."""
        self.metrics.requests.labels("event").inc()
        message = conversation.from_event(event, body.get("team_id") or context.team_id)
        if message is None or self.take_decision_post(message, body.get("event_id"), client):
            return
        self.take_message(message, body.get("event_id"), client, context.bot_user_id)
