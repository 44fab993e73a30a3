"""The console drives the real Slack app through a local stand-in for Slack; here, with piped input."""

import sqlite3


def test_piped_lines_ask_classify_review_open_home_and_post_the_digest(altitude_process, tmp_path):
    lines = (
        "\n".join(
            [
                "What is the time horizon of operations strategy?",
                "> and who decides it?",
                "/classify Board approved exiting the Chilean market by 2029.",
                "strategic 1",
                "Decision: the night shift starts at 10pm from Monday.",
                "home",
                "/digest",
                "/digest",
                "/classify",
            ]
        )
        + "\n"
    )
    result = altitude_process("console", stdin=lines.encode(), timeout=120)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "Sources: Time horizon (time_horizon)" in out and "Sources: Level of decision-making (level)" in out
    assert "(only you) Classifying…" in out and "== Strategic · confidence" in out
    assert "[Agree]  [Strategic]  [Operational]   (type: agree 1 / strategic 1 / operational 1)" in out
    # a review press shows what changed, not the whole verdict again; emoji and markup rendered
    assert "Altitude updated decision #1:\n  · ✅ Reviewed by You as strategic (agreed)\n" in out
    assert ":white_check_mark:" not in out and "*Focus*" not in out
    assert "Altitude (in the thread):\n== Operational · confidence" in out
    assert "[App Home]" in out and "awaiting review" in out
    # /digest previews the next digest's week, as often as asked, and says it was not posted
    previews = [line for line in out.splitlines() if line.startswith("Altitude digest preview (")]
    assert len(previews) == 2 and all("not posted" in line for line in previews)
    assert "Busiest channels: #console (2)" in out and "C0CONSOLE (" not in out
    assert "Classify a decision:" in out
    rows = (
        sqlite3.connect(tmp_path / "altitude.db").execute("SELECT source, label FROM decisions ORDER BY id").fetchall()
    )
    assert rows == [("slash", "strategic"), ("auto", "operational")]


def test_run_without_slack_tokens_off_a_terminal_plays_the_scripted_conversation(altitude_process):
    result = altitude_process("run", timeout=120)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert out.count("you> ") >= 8 and "Reviewed by" in out and "decisions of 20" in out
    assert out.rstrip().endswith("see the README.")


def test_run_with_slack_tokens_serves(altitude_process):
    result = altitude_process(
        "run",
        env={"SLACK_BOT_TOKEN": "xoxb-x", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "http://127.0.0.1:9/api/"},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.decode().strip().splitlines()[-1] == (
        "altitude: error: cannot reach Slack at http://127.0.0.1:9/api/ (URLError); check the network and SLACK_API_URL"
    )


def test_a_decision_that_quotes_another_decisions_number_is_not_taken_for_its_update():
    from bot.console.session import _decision_of

    verdict = "“Decision #1 · we exit the bus market by 2030”\n  · Decision #2 · engine rubric · rubric-abc"
    assert _decision_of(verdict) == 2
    assert _decision_of("“Decision #1 · engine rubric, they said”") is None
