"""Reviews and the App Home: the review buttons, the Home tab, and the Messages tab's prompts."""

from __future__ import annotations

import logging

from bot.errors import BadInput
from bot.slack import blocks
from bot.slack.listening import ListenerBase, guarded, quietly
from bot.storage.outbox import Target

logger = logging.getLogger("bot.slack.listeners")
SUGGESTED_PROMPTS = [
    {"title": "What is operations strategy?", "message": "What is operations strategy, according to the document?"},
    {
        "title": "Who decides what?",
        "message": "Who makes operations strategy decisions, and who runs operations management?",
    },
    {
        "title": "Strategy or operations?",
        "message": "We are moving our support team to a 24/7 rota. Strategy or operations?",
    },
    {"title": "Do we need both?", "message": "Do we need both an operations strategy and good operations management?"},
]


class ReviewListeners(ListenerBase):
    def on_review(self, ack, body, action, client, respond):
        self.metrics.requests.labels("action").inc()
        ack()
        self.jobs.submit(self.review, dict(body), dict(action), client, respond)

    @guarded("review")
    def review(self, body, action, client, respond):
        user, team = (body.get("user") or {}).get("id"), (body.get("team") or {}).get("id")
        from_home = (body.get("container") or {}).get("type") == "view"
        private = Target(route="response_url", response_url=body.get("response_url"))
        if not user or not team:  # a click that does not say whose and where: nothing is recorded
            return self._tell(body, private, "This click from Slack is missing its team or user; nothing was recorded.")
        if body.get("trigger_id") and not self.services.claims.claim(f"trigger:{body['trigger_id']}"):
            return  # a replay of a click already taken
        reviewers = self.settings.reviewers
        if reviewers and user not in reviewers:
            notice = "Only the reviewers named in ALTITUDE_REVIEWERS can review decisions."
            return (
                self._publish_home(client, user, team, notice=notice)
                if from_home
                else self._tell(body, private, notice)
            )
        choice = action["action_id"].removeprefix("review_")
        try:
            review = self.services.review(int(action["value"]), reviewer=user, choice=choice, team_id=team)
        except (BadInput, ValueError) as exc:
            message = f"Could not record that review: {exc}."
            return (
                self._publish_home(client, user, team, notice=message)
                if from_home
                else self._tell(body, private, message)
            )
        if from_home:
            return self._publish_home(client, user, team)
        updated = self.services.outbox.add(
            key=f"review:{review['id']}",
            kind="verdict",
            team_id=team,
            decision_id=review["decision_id"],
            target=private,
            payload={"replace_original": True},
        )
        self.delivery.send(updated)

    def _tell(self, body: dict, target: Target, text: str) -> None:
        if target.response_url:
            self._note(
                f"note:{body.get('trigger_id') or body.get('action_ts')}",
                (body.get("team") or {}).get("id"),
                target,
                text,
                response_type="ephemeral",
                replace_original=False,
            )

    def on_home_opened(self, event, client, context):
        self.metrics.requests.labels("event").inc()
        self.jobs.submit(self.home_opened, dict(event), client, context.team_id)

    @guarded("home")
    def home_opened(self, event, client, team_id):
        if event.get("tab") == "messages":
            quietly(
                client.assistant_threads_setSuggestedPrompts,
                channel_id=event.get("channel"),
                title="Ask Altitude",
                prompts=SUGGESTED_PROMPTS,
            )
            return
        self._publish_home(client, event["user"], team_id)

    def _publish_home(self, client, user: str, team: str | None, notice: str | None = None) -> None:
        data = self.services.home(team)
        can_review = not self.settings.reviewers or user in self.settings.reviewers
        from bot.slack.people import display_names

        reviewers = display_names(client, [row.get("reviewed_by") for row in data["recent"] + data["awaiting"]])
        client.views_publish(
            user_id=user, view=blocks.home_view(**data, can_review=can_review, notice=notice, names=reviewers)
        )
