"""Block Kit builders: pure functions from results to blocks, within Slack's limits.

Every text that came from a user or a model passes through `slack_safe`, so nothing posted can
ping a channel or a person, or hide a link. Long text is cut with an ellipsis, never an API error.
"""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextActionsBlock,
    ContextBlock,
    DividerBlock,
    FeedbackButtonObject,
    FeedbackButtonsElement,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.domain.safety import link_safe, mrkdwn_safe, slack_safe
from bot.domain.text import plural
from bot.domain.verdict import DIMENSIONS, AnswerResult, Classification

SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
MESSAGE_BLOCK_LIMIT = 50
HOME_BLOCK_LIMIT = 100
QUOTE_LIMIT = 700
FEEDBACK_ACTION = "answer_feedback"
REVIEW_ACTIONS = {"review_agree": "Agree", "review_strategic": "Strategic", "review_operational": "Operational"}
_NAMES = {
    "scope": "Scope",
    "level": "Level",
    "time_horizon": "Time horizon",
    "focus": "Focus",
    "link_to_strategy": "Link to strategy",
}
HELP = (
    "*Classify a decision:* `/classify We will close the Leeds depot and serve the north from Manchester`\n"
    "Altitude says whether it is *operations strategy* or *operations management*, with a confidence and "
    "the five dimensions of the reference document (scope, level of decision-making, time horizon, focus, "
    "link to business strategy), and logs it for review.\n"
    "*Ask a question:* mention me in a channel, or write to me directly.\n"
    "*From a message:* use the message shortcut *Classify decision*."
)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _md(text: str, limit: int = SECTION_LIMIT) -> MarkdownTextObject:
    return MarkdownTextObject(text=clip(text, limit))


def _plain(text: str, limit: int = SECTION_LIMIT) -> PlainTextObject:
    """Text shown exactly as written, never formatted (user and model text: it cannot break out)."""
    return PlainTextObject(text=clip(slack_safe(text), limit), emoji=False)


def verdict_text(result: Classification) -> str:
    """A verdict in one line: the message's `text`, which notifications show."""
    verdict = result.verdict
    return f"{verdict.label.capitalize()} (confidence {verdict.confidence:.2f})"


def verdict_blocks(
    decision_id: int | None, result: Classification, text: str, *, review: dict | None = None
) -> list[dict]:
    verdict = result.verdict
    side = "Operations strategy" if verdict.label == "strategic" else "Operations management"
    blocks: list[Block] = [
        HeaderBlock(text=f"{verdict.label.capitalize()} · confidence {verdict.confidence:.2f}"),
        SectionBlock(text=_md(f"*{side}*")),
        SectionBlock(text=_plain(f"“{clip(' '.join(text.split()), QUOTE_LIMIT)}”")),
        SectionBlock(fields=[_plain(_dimension_field(verdict, d), FIELD_LIMIT) for d in DIMENSIONS]),
        SectionBlock(text=_plain(verdict.rationale)),
        ContextBlock(elements=[_md(_provenance_line(decision_id, result), SECTION_LIMIT)]),
    ]
    if decision_id is not None:
        blocks.append(_review_block(decision_id, verdict.label, review))
    return _dicts(blocks, MESSAGE_BLOCK_LIMIT)


def _dimension_field(verdict, dim: str) -> str:
    judgement = getattr(verdict.dimensions, dim)
    return f"{_NAMES[dim]} · {judgement.leaning}\n{clip(judgement.evidence, 300)}"


def _provenance_line(decision_id: int | None, result: Classification) -> str:
    prov = result.provenance
    parts = [
        f"Decision #{decision_id}" if decision_id is not None else "Not logged",
        f"engine {prov.engine}" + (f" ({mrkdwn_safe(prov.model)})" if prov.model else ""),
        mrkdwn_safe(prov.prompt_version),
    ]
    if prov.fallback_reason:
        parts.append(f"offline engine's answer: {mrkdwn_safe(prov.fallback_reason)}")
    parts += [mrkdwn_safe(note) for note in prov.notes]
    return " · ".join(parts)


def _review_block(decision_id: int, label: str, review: dict | None) -> Block:
    if review is not None:
        outcome = "agreed" if review["label"] == label else "corrected"
        return ContextBlock(
            elements=[
                _md(
                    f":white_check_mark: Reviewed by {mrkdwn_safe(review['reviewer'])} as "
                    f"*{review['label']}* ({outcome})"
                )
            ]
        )
    return review_actions(decision_id)


def review_actions(decision_id: int) -> ActionsBlock:
    buttons = [
        ButtonElement(
            text=title,
            action_id=action_id,
            value=str(decision_id),
            style="primary" if action_id == "review_agree" else None,
        )
        for action_id, title in REVIEW_ACTIONS.items()
    ]
    return ActionsBlock(block_id=f"review_{decision_id}", elements=buttons)


def answer_text(result: AnswerResult) -> str:
    """An answer as the message's `text` (what notifications show), as safe as its blocks."""
    return clip(slack_safe(result.answer.answer), SECTION_LIMIT)


def answer_blocks(result: AnswerResult, sections: dict[str, str]) -> list[dict]:
    """`sections` maps cited ids to their titles, for naming the sources."""
    text = slack_safe(result.answer.answer)
    chunks = [text[i : i + SECTION_LIMIT] for i in range(0, len(text), SECTION_LIMIT)][: MESSAGE_BLOCK_LIMIT - 3]
    blocks: list[Block] = [SectionBlock(text=_md(chunk)) for chunk in chunks]
    return _dicts(blocks + _answer_footer(result, sections), MESSAGE_BLOCK_LIMIT)


def answer_footer(result: AnswerResult, sections: dict[str, str]) -> list[dict]:
    """What ends an answer, below its text: its sources, whether the offline engine answered
    instead of the model, and the feedback buttons (what `chat.stopStream` adds to a stream)."""
    return _dicts(_answer_footer(result, sections), MESSAGE_BLOCK_LIMIT)


def _answer_footer(result: AnswerResult, sections: dict[str, str]) -> list[Block]:
    answer, prov = result.answer, result.provenance
    if answer.citations:
        named = ", ".join(
            f"{mrkdwn_safe(sections.get(c, c))} (`{slack_safe(c).replace('`', '')}`)" for c in answer.citations
        )
        blocks: list[Block] = [ContextBlock(elements=[_md(f"Sources: {named}")])]
    else:
        blocks = [ContextBlock(elements=[_md("Not covered by the documents Altitude relies on.")])]
    if prov.fallback_reason:
        blocks.append(
            ContextBlock(elements=[_md(f"Answered by the offline engine: {mrkdwn_safe(prov.fallback_reason)}")])
        )
    if result.answer_id is not None:
        blocks.append(feedback_block(result.answer_id))
    return blocks


def feedback_block(answer_id: int) -> ContextActionsBlock:
    """Slack's feedback buttons; a press names the vote and the answers-log row."""
    buttons = FeedbackButtonsElement(
        action_id=FEEDBACK_ACTION,
        positive_button=FeedbackButtonObject(
            text="Helpful", value=f"positive:{answer_id}", accessibility_label="This answer was helpful"
        ),
        negative_button=FeedbackButtonObject(
            text="Not helpful", value=f"negative:{answer_id}", accessibility_label="This answer was not helpful"
        ),
    )
    return ContextActionsBlock(elements=[buttons])


def help_blocks() -> list[dict]:
    return _dicts([SectionBlock(text=_md(HELP))], MESSAGE_BLOCK_LIMIT)


def home_view(
    *,
    recent: list[dict],
    awaiting: list[dict],
    counts: dict,
    can_review: bool,
    notice: str | None = None,
    answers: dict | None = None,
    model_use: dict | None = None,
    names: dict[str, str] | None = None,
) -> dict:
    """The App Home; `names`: display names of reviewers by user id (never mentions)."""
    names = names or {}
    blocks: list[Block] = []
    if notice:
        blocks.append(SectionBlock(text=_md(f":warning: {mrkdwn_safe(notice)}")))
    blocks += [
        HeaderBlock(text="Altitude"),
        SectionBlock(
            text=_md(
                f"*This week:* {plural(counts['total'], 'decision')} · {counts['strategic']} strategic · "
                f"{counts['operational']} operational · {counts['awaiting']} awaiting review"
            )
        ),
    ]
    if answers is not None:
        blocks.append(SectionBlock(text=_md(answers_line(answers))))
        if answers.get("recent"):
            blocks.append(SectionBlock(text=_md(_recent_answers(answers["recent"]))))
    if model_use is not None:
        blocks.append(ContextBlock(elements=[_md(model_use_line(model_use))]))
    blocks += [
        DividerBlock(),
        HeaderBlock(text="Awaiting review"),
    ]
    blocks += _home_rows(awaiting, with_buttons=can_review, names=names) or [
        SectionBlock(text=_md("Nothing awaits review."))
    ]
    blocks += [DividerBlock(), HeaderBlock(text="Recent decisions")]
    blocks += _home_rows(recent, with_buttons=False, names=names) or [SectionBlock(text=_md("No decisions yet."))]
    return {"type": "home", "blocks": _dicts(blocks, HOME_BLOCK_LIMIT)}


def answers_line(week: dict) -> str:
    """The week's answers: how many, the share rated helpful, and what the documents did not cover."""
    answered, rated = week["answered"], week["rated"]
    line = f"*Questions answered:* {answered}"
    if rated:
        line += f" · {round(100 * week['helpful'] / rated)}% of the {rated} rated found helpful"
    if week["uncovered"]:
        line += " · not covered: " + "; ".join(f"“{mrkdwn_safe(clip(q, 80))}”" for q in week["uncovered"])
    return line


FEEDBACK_SHOWN = {"positive": "helpful", "negative": "not helpful", None: "no feedback"}


def _recent_answers(rows: list[dict]) -> str:
    """The week's latest answers, one line each: the question, whether it was covered, its feedback."""
    lines = []
    for row in rows:
        covered = "answered" if row["in_scope"] else "not covered"
        question = mrkdwn_safe(clip(" ".join(row["question"].split()), 120))
        lines.append(f"• “{question}” · {covered} · {FEEDBACK_SHOWN.get(row['feedback'], 'no feedback')}")
    return clip("*This week's latest questions:*\n" + "\n".join(lines), SECTION_LIMIT)


def model_use_line(use: dict) -> str:
    limit = f" of {use['limit']:,}" if use.get("limit") is not None else ""
    refused = f", {use['refused']} answered offline past the budget" if use.get("refused") else ""
    return f"Model calls today (UTC): {use['calls']:,}{limit}{refused}"


def _home_rows(rows: list[dict], *, with_buttons: bool, names: dict[str, str]) -> list[Block]:
    from bot.domain import digest as d

    blocks: list[Block] = []
    for row in rows:
        label = row["review_label"] or row["label"] or row["status"]
        standing = mrkdwn_safe(d.standing(row, names)) if row["label"] else ""
        standing = f" · {standing}" if standing else ""
        link = f" · <{url}|message>" if (url := link_safe(row.get("permalink"))) else ""
        line = f"*#{row['id']}* {label}{standing}{link}\n{mrkdwn_safe(clip(' '.join(row['text'].split()), 200))}"
        blocks.append(SectionBlock(text=_md(line)))
        if with_buttons and row["label"]:
            blocks.append(review_actions(row["id"]))
    return blocks


def _dicts(blocks: list[Block], limit: int) -> list[dict]:
    """Validated dicts (slack_sdk checks each block's limits in to_dict), at most `limit` blocks."""
    if len(blocks) > limit:
        blocks = blocks[: limit - 1] + [ContextBlock(elements=[_md(f"…and {len(blocks) - limit + 1} more")])]
    return [block.to_dict() for block in blocks]


def digest_blocks(digest, names: dict[str, str]) -> list[dict]:
    from bot.domain import digest as d

    blocks: list[Block] = [
        HeaderBlock(text=f"Altitude · decisions of {digest.week}"),
        SectionBlock(text=_md(d.headline(digest))),
    ]
    if digest.answers and digest.answers["answered"]:
        blocks.append(SectionBlock(text=_md(answers_line(digest.answers))))
    if digest.summary["total"] == 0:
        return _dicts(blocks, MESSAGE_BLOCK_LIMIT)
    blocks.append(SectionBlock(text=_md(d.review_line(digest) + " Review them in Altitude's Home tab.")))
    if digest.summary["channels"]:
        busiest = ", ".join(f"<#{c}> ({n})" for c, n in digest.summary["channels"])
        blocks.append(ContextBlock(elements=[_md(f"Busiest channels: {busiest}")]))
    blocks.append(DividerBlock())
    lines = [_digest_line(row, names) for row in digest.top]
    for start in range(0, len(lines), 5):
        blocks.append(SectionBlock(text=_md("\n".join(lines[start : start + 5]))))
    if digest.more:
        blocks.append(ContextBlock(elements=[_md(f"…and {digest.more} more: the full list is attached as CSV.")]))
    return _dicts(blocks, MESSAGE_BLOCK_LIMIT)


def _digest_line(row: dict, names: dict[str, str]) -> str:
    from bot.domain import digest as d

    text = mrkdwn_safe(d.snippet(row["text"], 120)).replace("|", "¦")  # a bar would end a link's label
    shown = f"<{url}|{text}>" if (url := link_safe(row.get("permalink"))) else text
    who = mrkdwn_safe(names.get(row["user_id"] or "", row["user_id"] or "someone"))
    standing = mrkdwn_safe(d.standing(row, names))
    return f"• *{d.label_of(row)}* {standing} · {shown} — {who}"
