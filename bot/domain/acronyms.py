"""Acronyms a team's documents use without spelling them out: "the IC" for the Investment Committee.

The documents name their committees, reviews and roles in capitals ("the Investment Committee",
"the Quarterly Business Review"); staff type the initials. A question's word typed in capitals whose
letters are the initials of one such name in the documents is read as that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.vocabulary import STOPWORDS

_NAME = re.compile(r"\b[A-Z][a-z]+(?:(?:\s+(?:of|for|and|&))?\s+[A-Z][a-z]+){1,4}\b")
_TYPED = re.compile(r"\b([A-Z]{2,5})(s?)\b")
_LINKING = frozenset({"of", "for", "and", "&"})


def names_by_initials(texts: Iterable[str]) -> dict[str, str]:
    """Each set of initials that belongs to one capitalised name in the texts, and that name; initials
    shared by two different names belong to neither."""
    names: dict[str, set[str]] = {}
    for text in texts:
        for match in _NAME.finditer(text):
            parts = match.group(0).split()
            while parts and parts[0].lower() in STOPWORDS:  # "The Investment Committee", "At Norvale Foods"
                parts = parts[1:]
            if len(parts) < 2:
                continue
            initials = "".join(p[0] for p in parts if p.lower() not in _LINKING)
            names.setdefault(initials, set()).add(" ".join(parts).lower())
    return {initials: next(iter(found)) for initials, found in names.items() if len(found) == 1}


def spelt_out(question: str, names: dict[str, str]) -> str:
    """The question with each acronym the documents' names explain followed by the name it stands for."""
    if not names:
        return question
    return _TYPED.sub(lambda m: f"{m.group(0)} ({names[m.group(1)]})" if m.group(1) in names else m.group(0), question)
