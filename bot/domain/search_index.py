"""A lexical index of the knowledge base's sections, in SQLite's FTS5 (Python's own sqlite3); for a
knowledge base of a few sections (the shipped document alone), the same in a dictionary.

Each section is indexed as the stems of its title and text (and, for the shipped sections, the
thesaurus of how people ask about them), so the index speaks the same words as `retrieval`. It
answers the two things retrieval asks of it: which sections hold a stem, and in how many sections
a stem occurs. It lives in memory; `save` and `load` keep a copy on disk, one file per knowledge
content (see `cache_path`), so the command line does not stem two megabytes on every run.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

# Bump when what is indexed, or how, changes: an older file is then rebuilt, not read.
# Stems are made by `retrieval` and joined by spaces; the tokenizer keeps the characters its words
# may hold ("long-term", "r&d", "o'neil") so that each stem is one token.
FORMAT = 1
_SCHEMA = """
CREATE VIRTUAL TABLE stems USING fts5(title, body, tokenize = "unicode61 remove_diacritics 0 tokenchars '-&'''");
CREATE VIRTUAL TABLE stem_counts USING fts5vocab(stems, 'row');
CREATE TABLE sections (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL);
CREATE TABLE spelling (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


class LexicalIndex(Protocol):
    """What retrieval asks of an index; SectionIndex and SmallIndex both answer it."""

    size: int

    def holding(self, stem: str) -> frozenset[str]: ...

    def counts(self, stems: Iterable[str]) -> dict[str, int]: ...

    def spelling(self) -> frozenset[str]: ...


class SmallIndex:
    """The same answers as SectionIndex for a handful of sections, held in a dictionary: the command
    line answers from the shipped document without loading SQLite at all."""

    def __init__(self, sections: Iterable[tuple[str, Iterable[str], Iterable[str]]], spelling: Iterable[str]):
        self._stems = {sid: frozenset([*title, *body]) for sid, title, body in sections}
        self._spelling = frozenset(spelling)
        self.size = len(self._stems)

    def holding(self, stem: str) -> frozenset[str]:
        return frozenset(sid for sid, stems in self._stems.items() if stem in stems)

    def counts(self, stems: Iterable[str]) -> dict[str, int]:
        found = {s: sum(s in held for held in self._stems.values()) for s in dict.fromkeys(stems)}
        return {s: n for s, n in found.items() if n}

    def spelling(self) -> frozenset[str]:
        return self._spelling


class IndexUnavailable(Exception):
    """A cached index that cannot be used (corrupt, or of another format); the message says which."""


class SectionIndex:
    def __init__(self, connection):
        self._db = connection
        self._ids = dict(connection.execute("SELECT rowid, id FROM sections"))
        self.size = len(self._ids)
        # serve's request threads share the one in-memory connection; a query holds it only for a moment
        self._lock = threading.Lock()

    @classmethod
    def build(
        cls,
        sections: Iterable[tuple[str, Iterable[str], Iterable[str]]],
        spelling: Iterable[str],
        fingerprint: str = "",
    ) -> SectionIndex:
        """From (id, title stems, body stems) per section and the words the documents spell."""
        db = _connect(":memory:")
        db.executescript(_SCHEMA)
        rows = [(n, sid, " ".join(title), " ".join(body)) for n, (sid, title, body) in enumerate(sections, 1)]
        db.executemany("INSERT INTO sections (rowid, id) VALUES (?, ?)", [(n, sid) for n, sid, _, _ in rows])
        db.executemany("INSERT INTO stems (rowid, title, body) VALUES (?, ?, ?)", [(n, t, b) for n, _, t, b in rows])
        db.executemany("INSERT OR IGNORE INTO spelling VALUES (?)", ((w,) for w in spelling))
        db.executemany("INSERT INTO about VALUES (?, ?)", [("format", str(FORMAT)), ("fingerprint", fingerprint)])
        db.commit()
        return cls(db)

    def holding(self, stem: str) -> frozenset[str]:
        """The ids of the sections whose title or text holds the stem."""
        with self._lock:
            rows = self._db.execute("SELECT rowid FROM stems WHERE stems MATCH ?", (_phrase(stem),)).fetchall()
        return frozenset(self._ids[n] for (n,) in rows)

    def counts(self, stems: Iterable[str]) -> dict[str, int]:
        """In how many sections each stem occurs; stems the documents never use are left out."""
        wanted = list(dict.fromkeys(stems))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        with self._lock:
            return dict(
                self._db.execute(f"SELECT term, doc FROM stem_counts WHERE term IN ({marks})", wanted).fetchall()
            )

    def spelling(self) -> frozenset[str]:
        with self._lock:
            return frozenset(w for (w,) in self._db.execute("SELECT word FROM spelling").fetchall())

    def save(self, path: Path) -> None:
        """Write a copy to `path` whole or not at all (another process may be reading the old one)."""
        import sqlite3

        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        target = sqlite3.connect(partial)
        try:
            self._db.backup(target)
        finally:
            target.close()
        os.replace(partial, path)

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> SectionIndex:
        """The copy at `path`, read into memory; IndexUnavailable if it is unreadable or not this content's."""
        import sqlite3

        db = _connect(":memory:")
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                source.backup(db)
            finally:
                source.close()
            about = dict(db.execute("SELECT key, value FROM about"))
            db.execute("SELECT count(*) FROM stems WHERE stems MATCH 'x'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise IndexUnavailable(f"the cached index {path} is unreadable ({exc})") from None
        if about.get("format") != str(FORMAT) or about.get("fingerprint") != fingerprint:
            raise IndexUnavailable(f"the cached index {path} is from another version")
        return cls(db)


def load_or_build(
    path: Path | None, fingerprint: str, build: Callable[[], SectionIndex], warn: Callable[[str], None]
) -> SectionIndex:
    """The index from its cached copy when there is a good one; else built, and cached when it can be."""
    if path is not None and path.exists():
        try:
            return SectionIndex.load(path, fingerprint)
        except IndexUnavailable as exc:
            warn(f"{exc}: rebuilding it")
    index = build()
    if path is not None:
        try:
            index.save(path)
        except OSError as exc:
            warn(f"cannot cache the knowledge index at {path} ({exc.strerror}); it is rebuilt on each run")
    return index


def fingerprint(parts: Iterable[str]) -> str:
    import hashlib  # only a cached index needs one: the command line starts faster without it

    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def cache_path(fingerprint: str, folder: Path | None = None) -> Path:
    """Where the CLI keeps the index for one knowledge content: the user's cache folder."""
    base = folder or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "altitude"
    return base / f"knowledge-{fingerprint}.sqlite"


def _connect(target: str):
    import sqlite3  # see SmallIndex

    db = sqlite3.connect(target, check_same_thread=False)  # read-only after build, used under SectionIndex._lock
    try:
        db.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x)")
        db.execute("DROP TABLE temp.probe")
    except sqlite3.OperationalError:
        raise RuntimeError(
            "this Python's sqlite3 has no FTS5; Altitude needs a build of Python with it "
            "(python.org's and Debian's have it)"
        ) from None
    return db


def _phrase(stem: str) -> str:
    """A stem as an FTS5 string: quoted, so words such as OR, NOT or NEAR are only words."""
    return '"' + stem.replace('"', '""') + '"'
