import re

import pytest

from bot.domain import knowledge
from bot.errors import ConfigError
from tests.conftest import ROOT

SHIPPED_IDS = [
    "definition_strategy",
    "definition_management",
    "scope",
    "level",
    "time_horizon",
    "focus",
    "link_to_strategy",
    "both_needed",
]


def test_shipped_document_has_the_stable_section_ids():
    assert knowledge.load_default().ids() == SHIPPED_IDS


def test_shipped_sections_are_in_the_reference_documents_own_words():
    seed = ROOT.parent / "shared" / "seed" / "operations-strategy-vs-management.txt"
    if not seed.exists():
        pytest.skip(f"reference document not found at {seed}")
    source = re.sub(r"\s+", " ", seed.read_text(encoding="utf-8"))
    for section in knowledge.load_default().sections:
        assert re.sub(r"\s+", " ", section.text) in source, section.id


def test_team_folder_adds_sections_and_replaces_shipped_ids(tmp_path):
    (tmp_path / "ours.md").write_text(
        "# Our handbook\n\n## Capital approvals\n\nSpend over 1M goes to the board.\n\n"
        "## Our view of scope {#scope}\n\nScope is what we say it is.\n",
        encoding="utf-8",
    )
    kb = knowledge.load(tmp_path)
    assert kb.get("capital_approvals").text == "Spend over 1M goes to the board."
    assert kb.get("scope").text == "Scope is what we say it is."
    assert len(kb.ids()) == len(SHIPPED_IDS) + 1


def test_document_with_only_top_level_headings_uses_them(tmp_path):
    (tmp_path / "a.md").write_text("# Hiring\nWe hire slowly.\n# Firing\nWe fire fast.\n", encoding="utf-8")
    assert [s.id for s in knowledge.load(tmp_path).sections][-2:] == ["hiring", "firing"]


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda p: p / "missing", "does not exist"),
        (lambda p: p, "has no .md documents"),
    ],
)
def test_unusable_folder_is_a_clear_error(tmp_path, setup, message):
    with pytest.raises(ConfigError, match=message) as info:
        knowledge.load(setup(tmp_path))
    assert "ALTITUDE_KNOWLEDGE" in str(info.value)


def test_invalid_utf8_document_is_a_clear_error(tmp_path):
    (tmp_path / "bad.md").write_bytes(b"## Title\n\xff\xfe broken\n")
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        knowledge.load(tmp_path)


def test_duplicate_ids_in_a_team_folder_are_refused(tmp_path):
    (tmp_path / "a.md").write_text("## Pricing\nOne.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("## Pricing\nTwo.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="appears twice"):
        knowledge.load(tmp_path)


def test_slugs_are_ascii_ids():
    assert knowledge.slugify("Élan & Growth: 2030!") == "elan_growth_2030"


def test_a_binary_file_is_a_clear_error(tmp_path):
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ConfigError, match="binary file, not Markdown"):
        knowledge.load(tmp_path)


def test_a_document_over_the_size_limit_is_a_clear_error_before_it_is_read(tmp_path):
    big = tmp_path / "dump.md"
    with big.open("wb") as file:
        file.truncate(knowledge.MAX_DOCUMENT_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(ConfigError, match="over the 10 MB a document may have") as info:
        knowledge.load(tmp_path)
    assert "split it" in str(info.value)


def test_an_empty_section_is_left_out_and_said(tmp_path):
    (tmp_path / "a.md").write_text(
        "## Empty {#empty}\n\n## Parent\n### Child\nText.\n## Full\nSome text.\n", encoding="utf-8"
    )
    kb = knowledge.load(tmp_path)
    assert kb.get("empty") is None and kb.get("full") is not None
    assert kb.notes == ("the section 'Empty' in a.md has no text, so it is left out: write its text or remove it",)


def test_the_command_line_keeps_a_teams_index_on_disk_and_reuses_it(altitude_process, tmp_path):
    from tests.knowledge_bases import NEEDLE_ID, NEEDLE_QUESTION, write_large

    folder = write_large(tmp_path / "kb", sections=200, documents=2)
    env = {"ALTITUDE_KNOWLEDGE": str(folder), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = altitude_process("ask", NEEDLE_QUESTION, "--json", env=env)
    cached = list((tmp_path / "cache" / "altitude").glob("knowledge-*.sqlite"))
    assert first.returncode == 0 and len(cached) == 1
    built = cached[0].stat().st_mtime_ns
    second = altitude_process("ask", NEEDLE_QUESTION, "--json", env=env)
    assert second.stdout == first.stdout and NEEDLE_ID in second.stdout.decode()
    assert cached[0].stat().st_mtime_ns == built and second.stderr == b""
    cached[0].write_bytes(b"garbage")
    third = altitude_process("ask", NEEDLE_QUESTION, "--json", env=env)
    assert third.returncode == 0 and third.stdout == first.stdout
    assert third.stderr.decode().count("\n") == 1 and "unreadable" in third.stderr.decode()


def test_a_question_of_a_megabyte_is_capped_with_a_note(tmp_path):
    from bot.config import Settings
    from bot.services import Services
    from tests.knowledge_bases import NEEDLE_ID, NEEDLE_QUESTION, write_large

    services = Services(Settings(knowledge_dir=write_large(tmp_path / "kb", sections=300, documents=3)))
    result = services.ask(NEEDLE_QUESTION + " " + "and the pallet queue on the warehouse roster " * 25_000)
    assert result.provenance.notes == ("Only the first 20,000 characters were analysed.",)
    assert result.answer.citations[0] == NEEDLE_ID


def test_a_plain_ask_on_the_shipped_document_loads_neither_sqlite_nor_the_classifier(tmp_path):
    """Start-up time: the index of a few sections is a dictionary, and only a which-side question
    needs the classifying engine."""
    import subprocess
    import sys

    code = (
        "import sys; from bot.cli import main; main(['ask', 'Who decides operations strategy?']);"
        "print(sorted(m for m in ('sqlite3', 'bot.domain.rubric', 'bot.domain.cues') if m in sys.modules),"
        " file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "[]"
