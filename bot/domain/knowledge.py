"""The knowledge base: Markdown documents split into sections with stable ids.

A section starts at a `##` (or deeper) heading; a document with no such heading uses its `#`
headings. The id is the heading's explicit `{#id}` or, without one, a slug of its title.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import ConfigError

if TYPE_CHECKING:
    from bot.domain.search_index import LexicalIndex

DEFAULT_DOCUMENT = "operations-strategy-vs-management.md"
MAX_DOCUMENT_BYTES = 10 * 10**6  # far above any handbook; a larger file is most likely not one
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*(?:\{#([A-Za-z0-9_\-]+)\})?[ \t#]*$")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: str
    source: str


@dataclass(frozen=True)
class KnowledgeBase:
    sections: tuple[Section, ...]
    # Its lexical index when one was loaded or built for it (see `retrieval.index_of`).
    index: LexicalIndex | None = field(default=None, compare=False, repr=False)
    notes: tuple[str, ...] = field(default=(), compare=False)  # what was left out of the documents, and why

    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, section_id: str) -> Section | None:
        return self._by_id.get(section_id)

    def with_index(self, index: LexicalIndex) -> KnowledgeBase:
        return replace(self, index=index)

    @cached_property
    def _by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_title.lower()).strip("_") or "section"


def parse_markdown(text: str, source: str, notes: list[str] | None = None) -> list[Section]:
    """The sections of a Markdown document. A heading with no text and no smaller headings under it
    is left out, and said in `notes`."""
    lines = text.splitlines()
    headings = [(i, m) for i, line in enumerate(lines) if (m := _HEADING.match(line))]
    min_level = 2 if any(len(m.group(1)) >= 2 for _, m in headings) else 1
    starts = [(i, m) for i, m in headings if len(m.group(1)) >= min_level]
    sections = []
    for n, (i, m) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        body_lines = [line for line in lines[i + 1 : end] if not _HEADING.match(line)]
        body = "\n".join(body_lines).strip()
        title = m.group(2).strip()
        if body:
            sections.append(Section(m.group(3) or slugify(title), title, body, source))
        elif notes is not None and not (n + 1 < len(starts) and len(starts[n + 1][1].group(1)) > len(m.group(1))):
            notes.append(
                f"the section '{title}' in {source} has no text, so it is left out: write its text or remove it"
            )
    return sections


def load_default() -> KnowledgeBase:
    text = resources.files("bot.knowledge").joinpath(DEFAULT_DOCUMENT).read_text(encoding="utf-8")
    return KnowledgeBase(tuple(parse_markdown(text, DEFAULT_DOCUMENT)))


def load(extra_folder: Path | None = None) -> KnowledgeBase:
    """The shipped document, with a team's folder of Markdown added; same-id sections replace."""
    base = load_default()
    if extra_folder is None:
        return base
    merged = {s.id: s for s in base.sections}
    sections, notes = _read_folder(extra_folder)
    merged.update({s.id: s for s in sections})
    return KnowledgeBase(tuple(merged.values()), notes=tuple(notes))


def _read_folder(folder: Path) -> tuple[list[Section], list[str]]:
    fix = "point ALTITUDE_KNOWLEDGE at a readable folder of .md files, or unset it"
    if not folder.is_dir():
        raise ConfigError(f"knowledge folder {folder} does not exist or is not a folder", fix)
    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise ConfigError(f"knowledge folder {folder} has no .md documents", fix)
    sections: dict[str, Section] = {}
    notes: list[str] = []
    for path in paths:
        for section in parse_markdown(_read_text(path, fix), path.name, notes):
            if section.id in sections:
                raise ConfigError(
                    f"section id '{section.id}' appears twice in {folder}",
                    "give one of the headings an explicit {#id}",
                )
            sections[section.id] = section
    return list(sections.values()), notes


def _read_text(path: Path, fix: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise ConfigError(
                f"knowledge document {path} is {size / 1e6:.0f} MB, over the {MAX_DOCUMENT_BYTES // 10**6} MB "
                "a document may have",
                "split it into smaller .md documents",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read knowledge document {path} ({exc.strerror})", fix) from None
    if b"\x00" in data:
        raise ConfigError(
            f"knowledge document {path} is a binary file, not Markdown text",
            "keep only .md text documents in the folder",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"knowledge document {path} is not valid UTF-8", "save it as UTF-8") from None
