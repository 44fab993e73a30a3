def test_demo_classifies_answers_and_says_how_to_connect(cli):
    status, out, _ = cli("demo")
    assert status == 0
    assert "strategic (confidence" in out and "operational (confidence" in out
    assert "Sources: " in out
    assert "SLACK_BOT_TOKEN" in out and "OPENAI_API_KEY" in out
