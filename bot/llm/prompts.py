"""Prompt templates from `prompts/`: a system part and a user part, with strict `$variables`.

A template's version is its name and a hash of its bytes, so every verdict records exactly which
words produced it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template

_PARTS = re.compile(r"^<!-- (system|user) -->\n", re.MULTILINE)
NAMES = ("classify", "answer")


@dataclass(frozen=True)
class Prompt:
    name: str
    system: Template
    user: Template
    version: str

    def render_system(self, **values: str) -> str:
        return _render(self.system, values, f"{self.name} (system)")

    def render_user(self, **values: str) -> str:
        return _render(self.user, values, f"{self.name} (user)")


def _render(template: Template, values: dict[str, str], where: str) -> str:
    wanted = set(template.get_identifiers())
    if set(values) != wanted:
        raise KeyError(f"prompt {where} takes {sorted(wanted)}, was given {sorted(values)}")
    return template.substitute(values)


@cache
def load(name: str) -> Prompt:
    raw = resources.files("bot.prompts").joinpath(f"{name}.md").read_bytes()
    parts = _PARTS.split(raw.decode("utf-8"))
    sections = dict(zip(parts[1::2], parts[2::2]))
    if set(sections) != {"system", "user"}:
        raise ValueError(f"prompt {name} needs a '<!-- system -->' and a '<!-- user -->' part")
    version = f"{name}-{hashlib.sha256(raw).hexdigest()[:10]}"
    return Prompt(name, Template(sections["system"].strip()), Template(sections["user"].strip()), version)
