"""Instructions hidden in a decision, found so that they never count as evidence.

A decision is data. Text that talks to the classifier instead of describing the decision is
blanked out (keeping every other character where it was) before the cues and the model read it:

- turns of a fake conversation: `SYSTEM:`, `Assistant:`, `[INST] … [/INST]`, `<|im_start|>system`;
- imperatives to label, classify or answer, and "ignore the instructions above";
- claims about the answer: "the correct label is …", "this one is strategic";
- pre-filled output: `Label: strategic`, `{"label": "strategic"}`, a table cell, an arrow to a label,
  a line that is nothing but a label, the fences of a code block.

The words "strategic" and "operational" elsewhere in the text stay: "a strategic partnership" still
describes the decision.
"""

from __future__ import annotations

import re
from functools import lru_cache

LABEL = r"(?:strategic|operational|tactical|(?:operations\s+)?strategy|operations\s+management)"
_FLAGS = re.IGNORECASE | re.MULTILINE
_SENTENCE = re.compile(r"(?:[^.!?\n;()—<>|]|(?<=\w)\.(?=\w))+[.!?;]*", re.MULTILINE)
_ROLE = r"(?:system|assistant|ai|bot|model|developer|gpt|chatgpt|claude|llm|classifier|moderator|evaluator|grader)"
_THING = r"(?:it|this|that|them|these|everything|the\s+(?:above|below|following|decision|item|post|message|text|input))"

# A fake turn runs to the end of its line: everything it says is addressed to the classifier.
_TURNS = (
    rf"^[ \t>*#_-]*(?:\[{_ROLE}[^\]\n]*\]|<\|?im_start\|?>\s*(?:{_ROLE}|user)?|{_ROLE}(?:\s+(?:message|prompt|note|"
    rf"override|instruction|says?))?\s*[:>])[^\n]*"
    r"|\[inst\]|\[/inst\][^\n]*|<<\s*/?sys\s*>>[^\n]*|<\|?im_end\|?>|\[/?(?:system|assistant)[^\]\n]*\]",
    _FLAGS,
)
# Pre-filled output: a field that names the answer, a JSON object with one, a table row or an arrow.
_OUTPUT = (
    r"^[ \t>*#|_-]*[\"']?(?:label|classification|category|class|verdict|answer|output|result|prediction|response|"
    r"confidence|rationale|expected(?:\s+\w+)?|gold(?:\s+\w+)?|ground\s+truth)[\"']?\s*[:=|][^\n]*?"
    r"(?:[.;!?](?=\s|$)|(?=\n)|$)"
    r"|[\"'](?:label|classification|category|verdict|answer|confidence|rationale)[\"']\s*:\s*(?:\"[^\"]*\"|'[^']*'|[\w.]+)"
    rf"|\b\w*(?:label|class|classification|category|verdict|answer|output|result|prediction)\w*[\"']?\s*[:=]\s*"
    rf"[\"'`*_]*{LABEL}\b[\"'`*_]*"
    rf"|(?<=\|)[ \t]*[\"'`*_]*{LABEL}[\"'`*_]*[ \t]*(?=\|)"
    r"|<\s*(label|classification|category|verdict|answer|output|result|prediction)\b[^>]*>[^<]*<\s*/\s*\1\s*>"
    rf"|(?:=>|->|→|⇒|-->)\s*[\"'`*_]*{LABEL}\b[\"'`*_]*"
    r"|```\w*"
    rf"|^[ \t>*#_-]*[\"'`*_\[(]*(?:x\]\s*)?{LABEL}[\"'`*_\])]*[ \t.!]*$",
    _FLAGS,
)
# Sentences that address the classifier, or claim what its answer is.
_ADDRESSED = (
    rf"\b(?:classif\w*|label\w*|tag(?:ged|ging|s)?|categori[sz]\w*|mark(?:ed)?|rate[ds]?|treat(?:ed)?|file[ds]?|record(?:ed)?"
    rf"|count(?:ed)?|call(?:ed)?|consider(?:ed)?|score[ds]?|flag(?:ged)?)\s+(?:{_THING}(?:\s+\w+)?\s+)?"
    rf"(?:as|under|with|to\s+be|:|=)?\s*(?:an?\s+|the\s+)?[\"'`*_]*{LABEL}\b"
    rf"|\b(?:answer|respond|reply|output|print|emit)\w*\b[^.!?\n]{{0,40}}\b{LABEL}\b|\bsay\s+[\"'`*_]*{LABEL}\b"
    r"|\b(?:correct|right|expected|true|gold|final|official|real|intended)\s+(?:answer|label|classification|category"
    r"|output|verdict|bucket)\b|\bground\s+truth\b"
    rf"|\b{LABEL}\b[^.!?\n]{{0,30}}\b(?:label|classification|category|verdict|answer|output|bucket|definition"
    r"|criteria|criterion)\b"
    rf"|\b(?:answer|label|classification|category|verdict|output)\b[^.!?\n]{{0,30}}\b{LABEL}\b"
    r"|\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,50}\b(?:instructions?|rules?|prompts?|guidelines"
    r"|guidance|directions?|directives?|above|previous|prior|earlier|rubric|criteria|context)\b"
    r"|\b(?:you are now|act as|pretend (?:to be|you)|new instructions|system prompt|developer mode|jailbreak)\b"
    r"|\byou are (?:a|an|the)\s+(?:\w+\s+)?(?:classifier|assistant|model|ai|bot|labell?er|annotator|grader)\b"
    r"|\bas an? (?:ai|large)?\s*(?:language model|assistant|classifier)\b"
    rf"|\b(?:this|it|that|the\s+(?:above|below|following|decision|item|post|message|text))(?:\s+one)?\s*(?:is|'s|was|"
    rf"should\s+be|must\s+be|will\s+be|has\s+been|counts\s+as|belongs\s+(?:in|to))\s+(?:\w+\s+){{0,2}}?[\"'`*_]*"
    rf"{LABEL}\b[\"'`*_]*(?!\s+\w)",
    _FLAGS,
)
# A block in markup that speaks for the system or the assistant: <system>…</system>.
_BLOCKS = (r"<\s*(system|assistant|instructions?|sys)\s*>.*?(?:<\s*/\s*\1\s*>|$)", _FLAGS | re.DOTALL)


# A heading that opens a turn of its own ("### System", "**Assistant**"); the turn runs to the next one.
_HEADING = (rf"^[ \t>*#_\[<|-]*({_ROLE}|user|human|input)[ \t>*#_\]|:-]*$", _FLAGS)
# What each group of patterns needs to find anything: text without it is not searched by them (the
# patterns are slow, and compiled only for text that needs them). Each is checked on lower-cased text.
_LABEL_WORDS = ("strateg", "operational", "tactical", "operations management")
_ROLE_WORDS = (
    "system",
    "assistant",
    "ai",
    "bot",
    "model",
    "developer",
    "gpt",
    "claude",
    "llm",
    "classif",
    "moderator",
    "evaluator",
    "grader",
    "inst]",
    "im_start",
    "im_end",
    "<<",
)
_ROLE_MARKS = (":", ">", "[", "#", "*")
_FIELD_WORDS = (
    "label",
    "class",
    "categor",
    "verdict",
    "answer",
    "output",
    "result",
    "predict",
    "respon",
    "confidence",
    "rationale",
    "expected",
    "gold",
    "truth",
)
_OUTPUT_MARKS = ("|", "<", "->", "=>", "→", "⇒", "`", "\n")
_ADDRESS_WORDS = (
    *_LABEL_WORDS,
    "ignore",
    "disregard",
    "forget",
    "override",
    "bypass",
    "skip",
    "you are",
    "act as",
    "pretend",
    "instruction",
    "system prompt",
    "developer mode",
    "jailbreak",
    "as an ai",
    "as a language",
    "answer",
    "label",
    "classif",
    "categor",
    "verdict",
    "output",
    "bucket",
    "truth",
)


def _any(words: tuple[str, ...], lowered: str) -> bool:
    return any(w in lowered for w in words)


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern]:
    return {
        name: re.compile(*spec)
        for name, spec in (
            ("turns", _TURNS),
            ("output", _OUTPUT),
            ("addressed", _ADDRESSED),
            ("blocks", _BLOCKS),
            ("heading", _HEADING),
        )
    }


def spans(text: str) -> list[tuple[int, int]]:
    """Where `text` instructs the classifier, as (start, end) offsets, merged and in order."""
    lowered = text.lower()
    found: list[tuple[int, int]] = []
    if _any(_ROLE_WORDS, lowered) and _any(_ROLE_MARKS, lowered):
        patterns = _compiled()
        found += [m.span() for name in ("turns", "blocks") for m in patterns[name].finditer(text)]
        found += _turns_under_headings(text, patterns["heading"])
    labelled = _any(_LABEL_WORDS, lowered)
    if _any(_OUTPUT_MARKS, lowered) or (labelled or _any(_FIELD_WORDS, lowered)) and ("=" in text or ":" in text):
        found += [m.span() for m in _compiled()["output"].finditer(text)]
    if labelled or _any(_ADDRESS_WORDS, lowered):
        addressed = _compiled()["addressed"]
        for sentence in _SENTENCE.finditer(text):
            said = sentence.group(0)
            if _any(_ADDRESS_WORDS, said.lower()):
                found += [_clause_around(sentence, m) for m in addressed.finditer(said)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _clause_around(sentence: re.Match, match: re.Match) -> tuple[int, int]:
    """The match widened to the colons around it in its sentence: in "Label it strategic: we close
    the depot" the decision after the colon is kept."""
    said, base = sentence.group(0), sentence.start()
    start = said.rfind(":", 0, match.start()) + 1
    end = said.find(":", match.end())
    return base + start, base + (end + 1 if end >= 0 else len(said))


def _turns_under_headings(text: str, headings: re.Pattern) -> list[tuple[int, int]]:
    found, opened = [], None
    for heading in [*headings.finditer(text), None]:
        if opened is not None:
            found.append((opened, heading.start() if heading else len(text)))
            opened = None
        if heading is not None and heading.group(1).lower() not in ("user", "human", "input"):
            opened = heading.start()
    return found


def mask(text: str) -> str:
    """`text` with its instructions blanked by spaces: every other character keeps its offset."""
    for start, end in reversed(spans(text)):
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text


def signals(text: str) -> list[str]:
    """The instructions in `text`, as written (for the model engine's guard and its reason)."""
    return [" ".join(text[start:end].split()) for start, end in spans(text)]
