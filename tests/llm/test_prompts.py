import hashlib
import re
import tomllib
from importlib import resources

import pytest

from bot.llm import prompts
from tests.conftest import ROOT


@pytest.mark.parametrize("name", prompts.NAMES)
def test_every_prompt_renders_with_exactly_its_variables(name):
    prompt = prompts.load(name)
    system_vars = set(prompt.system.get_identifiers())
    user_vars = set(prompt.user.get_identifiers())
    system = prompt.render_system(**{v: f"<{v}>" for v in system_vars})
    user = prompt.render_user(**{v: f"<{v}>" for v in user_vars})
    assert "$" not in re.sub(r"\$\d", "", system + user)
    assert system_vars == {"knowledge"}
    with pytest.raises(KeyError):
        prompt.render_user()
    with pytest.raises(KeyError):
        prompt.render_system(knowledge="x", surprise="y")


@pytest.mark.parametrize("name", prompts.NAMES)
def test_the_user_text_comes_last(name):
    prompt = prompts.load(name)
    last_variable = list(prompt.user.get_identifiers())[-1]
    assert prompt.user.template.rstrip().endswith(f"${last_variable}")


def test_version_is_the_name_and_a_hash_of_the_file():
    raw = resources.files("bot.prompts").joinpath("classify.md").read_bytes()
    assert prompts.load("classify").version == f"classify-{hashlib.sha256(raw).hexdigest()[:10]}"


def test_prompts_ship_from_the_top_level_folder():
    assert (ROOT / "prompts" / "classify.md").read_bytes() == resources.files("bot.prompts").joinpath(
        "classify.md"
    ).read_bytes()


def test_every_package_is_listed_for_packaging():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = [
        p
        for p in (ROOT / "bot").rglob("*")
        if p.is_dir() and p.name != "__pycache__" and any(f.is_file() for f in p.iterdir())
    ]
    found = {".".join(p.relative_to(ROOT).parts) for p in [ROOT / "bot", *folders]}
    assert found | {"bot.prompts"} == listed  # a folder left out would not ship, or would ship with a warning
