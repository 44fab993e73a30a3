"""Block Kit builders are pure: results in, blocks out, always within Slack's limits."""

from dataclasses import replace

from bot.config import Settings
from bot.domain.verdict import Answer, AnswerResult, Provenance
from bot.services import Services
from bot.slack import blocks

SERVICES = Services(Settings())


def _texts(block_list):
    for block in block_list:
        for key in ("text",):
            if isinstance(block.get(key), dict):
                yield block[key]["text"]
        for field in block.get("fields", []):
            yield field["text"]
        for element in block.get("elements", []):
            if element.get("type") in ("mrkdwn", "plain_text"):
                yield element["text"]


def test_a_huge_decision_fits_in_one_message():
    text = "We will enter the Peruvian market by 2030 <!channel> " * 500
    result = SERVICES.classify(text)
    built = blocks.verdict_blocks(7, result, text)
    assert len(built) <= blocks.MESSAGE_BLOCK_LIMIT
    assert all(len(t) <= blocks.SECTION_LIMIT for t in _texts(built))
    assert "…" in built[2]["text"]["text"] and "<!channel>" not in str(built)
    assert built[2]["text"]["type"] == "plain_text"  # the decision is quoted as written, never formatted


def test_verdict_without_a_log_row_has_no_buttons():
    built = blocks.verdict_blocks(None, SERVICES.classify("Shift starts at 6am."), "Shift starts at 6am.")
    assert all(b["type"] != "actions" for b in built) and "Not logged" in str(built)


def test_fallback_reason_is_shown():
    result = SERVICES.classify("Shift starts at 6am.")
    result = replace(result, provenance=replace(result.provenance, fallback_reason="the model did not answer"))
    assert "offline engine's answer: the model did not answer" in str(blocks.verdict_blocks(1, result, "x"))


def test_a_very_long_answer_is_split_within_limits():
    answer = AnswerResult(
        Answer(answer="word " * 60_000, citations=["scope"], in_scope=True),
        Provenance(engine="rubric", prompt_version="v"),
    )
    built = blocks.answer_blocks(answer, {"scope": "Scope"})
    assert len(built) <= blocks.MESSAGE_BLOCK_LIMIT
    assert all(len(t) <= blocks.SECTION_LIMIT for t in _texts(built))


def test_answers_name_their_sources_by_title_and_id():
    answer = AnswerResult(
        Answer(answer="Top management.", citations=["level"], in_scope=True),
        Provenance(engine="rubric", prompt_version="v"),
    )
    assert "Sources: Level of decision-making (`level`)" in str(
        blocks.answer_blocks(answer, {"level": "Level of decision-making"})
    )


def test_a_home_with_many_rows_stays_under_the_home_limit():
    rows = [
        {
            "id": i,
            "label": "strategic",
            "review_label": None,
            "status": "classified",
            "confidence": 0.9,
            "permalink": "https://x.slack.com/archives/C1/p1",
            "text": "Decision " * 200,
        }
        for i in range(120)
    ]
    view = blocks.home_view(
        recent=rows,
        awaiting=rows,
        counts={"total": 1, "strategic": 1, "operational": 0, "awaiting": 1},
        can_review=True,
    )
    assert len(view["blocks"]) <= blocks.HOME_BLOCK_LIMIT
    assert view["blocks"][-1]["type"] == "context" and "more" in view["blocks"][-1]["elements"][0]["text"]


def test_clip_adds_an_ellipsis_only_when_needed():
    assert blocks.clip("short", 10) == "short"
    assert blocks.clip("a" * 20, 10) == "a" * 9 + "…"


def test_every_answer_ends_with_feedback_buttons_naming_its_log_row():
    answer = AnswerResult(
        Answer(answer="Top management.", citations=["level"], in_scope=True),
        Provenance(engine="rubric", prompt_version="v"),
        answer_id=7,
    )
    (feedback,) = [b for b in blocks.answer_blocks(answer, {}) if b["type"] == "context_actions"]
    (buttons,) = feedback["elements"]
    assert buttons["type"] == "feedback_buttons" and buttons["action_id"] == blocks.FEEDBACK_ACTION
    assert (buttons["positive_button"]["value"], buttons["negative_button"]["value"]) == ("positive:7", "negative:7")
    assert blocks.answer_footer(answer, {}) == blocks.answer_blocks(answer, {})[1:]


def test_a_very_long_answer_keeps_its_footer_within_the_block_limit():
    answer = AnswerResult(
        Answer(answer="x " * 100_000, citations=["level"], in_scope=True),
        Provenance(engine="openai", prompt_version="v", fallback_reason="slow"),
        answer_id=1,
    )
    shown = blocks.answer_blocks(answer, {})
    assert len(shown) == blocks.MESSAGE_BLOCK_LIMIT and shown[-1]["type"] == "context_actions"


def test_the_home_shows_the_weeks_answers_and_todays_model_use():
    counts = {"total": 0, "strategic": 0, "operational": 0, "awaiting": 0}
    view = blocks.home_view(
        recent=[],
        awaiting=[],
        counts=counts,
        can_review=False,
        answers={
            "answered": 4,
            "rated": 2,
            "helpful": 1,
            "uncovered": ["Parking *now*?"],
            "recent": [{"question": "What is <!here> scope?", "in_scope": True, "feedback": "positive"}],
        },
        model_use={"calls": 12, "refused": 3, "limit": 12},
    )
    shown = str(view["blocks"])
    assert "*Questions answered:* 4 · 50% of the 2 rated found helpful · not covered: “Parking ∗now∗?”" in shown
    assert "Model calls today (UTC): 12 of 12, 3 answered offline past the budget" in shown
    assert "• “What is &lt;! here&gt; scope?” · answered · helpful" in shown
