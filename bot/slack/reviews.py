"""Reviews and the App Home: the review buttons, the Home tab, and the Messages tab's prompts."""

from __future__ import annotations

import logging

from bot.errors import BadInput
from bot.slack import blocks
from bot.slack.listening import ListenerBase, fallback_text, guarded, quietly

logger = logging.getLogger("bot.slack.listeners")
SUGGESTED_PROMPTS = [
    {"title": "What is operations strategy?", "message": "What is operations strategy, according to the document?"},
    {"title": "Who decides what?", "message": "Who makes operations strategy decisions, and who runs operations management?"},
    {"title": "Strategy or operations?", "message": "We are moving our support team to a 24/7 rota. Strategy or operations?"},
    {"title": "Do we need both?", "message": "Do we need both an operations strategy and good operations management?"},
]


class ReviewListeners(ListenerBase):
    def on_review(self, ack, body, action, client, respond):
        self.metrics.requests.labels("action").inc()
        ack()
        self.jobs.submit(self.review, dict(body), dict(action), client, respond)

    @guarded("review")
    def review(self, body, action, client, respond):
        user, team = body["user"]["id"], (body.get("team") or {}).get("id")
        from_home = body.get("container", {}).get("type") == "view"
        reviewers = self.settings.reviewers
        if reviewers and user not in reviewers:
            notice = "Only the reviewers named in ALTITUDE_REVIEWERS can review decisions."
            if from_home:
                return self._publish_home(client, user, team, notice=notice)
            return respond(response_type="ephemeral", replace_original=False, text=notice)
        choice = action["action_id"].removeprefix("review_")
        try:
            review = self.services.review(int(action["value"]), reviewer=user, choice=choice, team_id=team)
        except (BadInput, ValueError) as exc:
            message = f"Could not record that review: {exc}."
            return self._publish_home(client, user, team, notice=message) if from_home else \
                respond(response_type="ephemeral", replace_original=False, text=message)
        if from_home:
            return self._publish_home(client, user, team)
        row, result = self.services.decision(review["decision_id"])
        respond(replace_original=True, text=fallback_text(result),
                blocks=blocks.verdict_blocks(row["id"], result, row["text"], review=review))

    def on_home_opened(self, event, client, context):
        self.metrics.requests.labels("event").inc()
        self.jobs.submit(self.home_opened, dict(event), client, context.team_id)

    @guarded("home")
    def home_opened(self, event, client, team_id):
        if event.get("tab") == "messages":
            quietly(client.assistant_threads_setSuggestedPrompts, channel_id=event.get("channel"),
                    title="Ask Altitude", prompts=SUGGESTED_PROMPTS)
            return
        self._publish_home(client, event["user"], team_id)

    def _publish_home(self, client, user: str, team: str | None, notice: str | None = None) -> None:
        data = self.services.home(team)
        can_review = not self.settings.reviewers or user in self.settings.reviewers
        client.views_publish(user_id=user, view=blocks.home_view(**data, can_review=can_review, notice=notice))
