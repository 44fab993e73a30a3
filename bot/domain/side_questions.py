"""Questions that ask which side a decision is on ("Is a new shift roster strategic or
operational?", "…: which bucket?", "…, strategic, right?"), and the decision each describes.

Kinds of wording, never particular questions; `answering` and `threads` use them.
"""

from __future__ import annotations

import re

from bot.domain.retrieval import words
from bot.domain.vocabulary import STOPWORDS

# "operatonal", "stratgy": as typed; and the sides in everyday words ("a big-picture or a day-to-day thing")
_SIDE = (
    r"(?:strat(?!if|um\b|a\b|osph)\w*|ops?|operat\w*|management|mgmt|tactical|day[- ]to[- ]day|big[- ]picture|long[- ]game"
    r"|daily grind"
    r"|running the (?:business|show|shop)|setting (?:the )?direction|long[- ]term direction)"
)
# Who decides it, which the level of decision-making answers: "is this above my pay grade?", "who
# should own this call?", "do I need to escalate this?", "is it mine to make?".
_WHO_DECIDES_IT = (
    r"\babove (?:my|her|his|their|our|your) pay ?grade\b|\bwho should (?:own|make|take) (?:this|that|the) (?:call|decision)\b"
    r"|\b(?:do|should|would|must) (?:i|we) (?:need to |have to )?escalate (?:this|that|it)\b"
    r"|\b(?:mine|ours|my call|our call) to make\b|\b(?:top|senior|board|exec(?:utive)?)[- ]level (?:call|decision)\b"
)
_WHICH_SIDE = re.compile(
    rf"\b{_SIDE}(?:\s+(?:call|decision|move|thing|issue|matter|stuff|work|question))?,?\s*(?:or|vs\.?|versus|/)\s*"
    r"(?:just\s+|simply\s+|more\s+|rather\s+)?"
    rf"(?:an?\s+)?{_SIDE}"
    r"(?:\s+(?:management|mgmt|strategy))?\b"
    r"|\bwhere (?:does|do|would|should) (?:that|this|it|these) (?:sit|belong|fall|go|land)\b"
    rf"(?:\W+{_SIDE}\s*(?:or|vs\.?|versus|/)\s*{_SIDE}(?:\s+(?:management|mgmt|strategy))?\b)?"
    r"|\bwhere (?:would|do|should|will) (?:you|we|i|the (?:doc|docs|document|documents|framework)) (?:file|put|place|slot)"
    r" (?:that|this|it|these)\b"
    # "I reckon that's ops because it's warehouses, my boss says strategy. who's right?"
    r"|\b(?:strategic|operational|strategy|ops|operations)\b[^?]{0,120}\b(?:strategic|operational|strategy|ops|operations)\b"
    r"[^?]{0,40}\b(?:who'?s right|who is right|which of us is right|who wins)\b"
    rf"|\b(?:belongs?|go|goes|sits?|falls?) (?:with|to|in|under|among) (?:the )?(?:\w+[- ])?{_SIDE}"
    r"(?:\s+(?:folks|people|team|side|crowd|lot|bucket|pile|camp))?\b"
    r"|\bwhich (?:bucket|side|category|camp|column|one is (?:it|this|that)|is it)\b"
    r"|\bwhich of the two (?:does|is|would|should)\b[^?]{0,40}\b(?:belong|fall|sit|fit)s?\b"
    r"|\bwhich of the (?:doc'?s |document'?s )?two(?: \w+)? (?:is|would|does|was) (?:that|this|it)\b"
    r"|\b(?:which|what) (?:kind|type|sort) of (?:decision|call|thing|move)(?: is (?:that|this|it)\b|(?=\s*(?:[?,.!]|$|please)))"
    r"|\bwhat(?:'s| is) (?:that|this|it) in (?:the )?(?:doc|docs|document|framework)(?:'s)? (?:language|terms|words)\b"
    r"|\bhow (?:would|do|should) (?:you|we|i|the (?:doc|docs|document|documents|reading|framework|text))"
    r" (?:label|classify|categori[sz]e|class|file) (?:that|this|it)\b"
    # "I'd say management, not strategy — can you confirm?"
    r"|\b(?:i'?d say|i think|i reckon|i'?d call (?:it|that))\s+(?:it'?s\s+)?(?:strategic|operational|strategy|management|ops)\b"
    r"[^?]{0,40}\b(?:can you confirm|confirm|right|correct|agreed?)\b"
    r"|\bhow (?:would|should|do|does|is|will|ought) (?:that|this|it) (?:to )?be (?:classed|classified|categori[sz]ed|labell?ed|filed)\b"
    r"|\b(?:is|does|would|make|makes|count as|counts as|be|that's|thats|this is|it's)\b[^?.]{0,40}?"
    r"\b(?:strategic|operational|an? strategy|strategy|strat|operations strategy|operations management)\b[^?.]{0,40}\?"
    r"|\b(?:is|was) (?:this|that|it) (?:really |just |actually |truly )?(?:an? )?(?:ops|operations)[- ](?:strategy|management|mgmt)"
    r"(?: (?:call|decision|thing|matter|issue|question|job))?\s*\?"
    r"|\bbe (?:an? )?(?:ops|operations) (?:strategy|management|mgmt)\b[^?.]{0,40}\?"
    r"|\b(?:treat(?:ed|ing)?|counts?|counting|filed?|filing|class(?:ed|ing)?|put|putting) (?:it |this |that )?(?:as|under|in)\s+(?:an? )?"
    r"(?:(?:ops|operations) (?:strategy|management|mgmt)|strategy|strategic|operational)\b[^?.]{0,60}(?:\?|\bor not\b)"
    r"|(?:^|[.!,]\s+|\s[-–—:]\s*|\b(?:that's|thats|that is)\s+)"
    r"(?:strategic|operational|strategy|strat|ops|operations|(?:ops|operations) (?:strategy|management|mgmt)"
    r"|which (?:bucket|side|one)|bucket|side|category|classification|(?:your |the )?verdict)"
    r"(?:,?\s+(?:right|correct|yes|yeah|no|surely|agreed|isn't it|is it not|innit))?\s*\?+"
    # "…? or am I overthinking it", "…strategy?? procurement people seem to think so"
    r"(?:\s+(?:(?:or|and|unless|maybe|lol|haha|am i|or am i)\b[^?.]{0,40}\??|[^?]{1,60}))?\s*$"
    # a tag with no question mark: "...this month's round times. that's just ops isn't it"
    r"|\b(?:that's|thats|that is|it's|this is)\s+(?:still |not |just |simply |purely |pure |clearly |surely )?"
    r"(?:strategic|operational|strategy|strat|ops|operations)\W+(?:isn'?t it|is it|right|innit|yeah|yes|no)\W*$"
    rf"|{_WHO_DECIDES_IT}"
    r"|^\W*(?:is|would) (?:it|that|this) (?:be )?(?:an? )?(?:strategy|strategic|operational|ops|operations)"
    r"(?: (?:strategy|management|mgmt))? (?:when|if)\b"
    # "...is an ops tweak. someone tell me I'm wrong"
    r"|\b(?:strategic|operational|strategy|ops|operations)\b[^?]{0,80}\b(?:tell me (?:if )?i'?m (?:wrong|right)"
    r"|prove me wrong|change my mind|settle (?:this|it))\b"
    # "settle a debate: our CEO wants to outsource all last-mile delivery. I say ops management, ..."
    r"|\bsettle (?:a|the|this|our) (?:debate|argument|bet|dispute)\b"
    r"(?=[^?]{0,300}\b(?:strategic|operational|strategy|ops|operations)\b)"
    # "feels operational bc it's just the cafe, but is it?"; "...18k expected. which one"
    r"|\b(?:strategic|operational|strategy|ops|operations)\b[^?.]{0,60}\b(?:but|or) is it(?: really)?\s*\?\s*$"
    r"|(?:^|[.!,]\s+|\s[-–—:]\s*)which (?:one|side|bucket)\W*$"
    r"|\bclassify\b|\b(?:likely |probable )?(?:classification|categori[sz]ation)\b"
    r"|\b(?:label|tag|class|categori[sz]e) (?:this|that|it)(?: one)?(?: for me)?\b",
    re.IGNORECASE,
)
_SIDE_WORDS = re.compile(
    rf"\b(?:(?:ops|operations?) (?:strategy|management|mgmt)|an? strategy|{_SIDE})\b(?:\s*(?:or|vs\.?|versus|/)\s*)?",
    re.IGNORECASE,
)
ASKS_FOR_A_SIDE = re.compile(
    rf"\b{_SIDE}\s*(?:or|vs\.?|versus|/)\s*{_SIDE}|\b(?:strategic|operational)\b"
    r"|\b(?:treat(?:ed|ing)?|counts?|counting|filed?|filing|class(?:ed|ing)?|put|putting) (?:it |this |that )?(?:as|under|in)\b"
    r"|\bbe (?:an? )?(?:(?:ops|operations) )?(?:strategy|management|mgmt)\b",
    re.IGNORECASE,
)
_ASKING_WORDS = re.compile(
    r"\b(?:which|what) (?:bucket|side|category|camp|column|one|kind|type|sort)\b|\bwhich of the two\b"
    r"|\bwhere (?:does|do|would|should) (?:that|this|it|these)\b"
    r"|\b(?:counts?|treat(?:ed)?|filed?|put|class(?:ed)?|classify|belongs?|falls?|sits?|fits?) (?:as|under|in|on)\b"
    r"|\bhow (?:would|do|should) (?:you|we|i) (?:label|classify|categori[sz]e|class|file)\b"
    r"|\b(?:classify|classification|categori[sz]ation|belongs?|falls?|sits?|fits?|decision|call|thing|move|label)\b",
    re.IGNORECASE,
)
# A question that asks how, where or why... is about something, not a decision; except one that asks
# where a decision belongs ("where would you put X?", "how would you classify X?").
_ASKS_ABOUT = re.compile(
    r"\s*(?!(?:where|how) (?:would|do|does|should|did|will|ought) (?:you|we|i|it|this|that|they|the docs?|the documents?)"
    r" (?:to )?(?:be )?(?:put|file|class\w*|categori[sz]\w*|place|label|count|see|call|sit|belong|fall|go|land)\b"
    r"|who should (?:own|make|take) (?:this|that|the) (?:call|decision)\b"
    r"|how (?:would|do|should) the (?:doc|docs|document|documents|reading|framework|text) (?:label|classify|class)\b"
    r"|what(?:'s| is) (?:that|this|it) in (?:the )?(?:doc|docs|document|framework)(?:'s)? (?:language|terms|words)\b)"
    r"(?:how|where|who|whose|whom|why|when|what(?!\s+about|\s+(?:kind|type|sort) of (?:decision|call|thing|move)\b)(?:'s)?)\b",
    re.IGNORECASE,
)
# A described decision names at least this many words of content ("a new shift roster": two).
DECISION_MIN_WORDS = 2


def asks_who_decides_or_how_to_class(question: str) -> bool:
    """Whether a question asks who decides what it describes ("do I need to escalate this?") or what
    category it counts as, which a team's own approval limits or incident categories may answer
    better than a side."""
    return re.search(_WHO_DECIDES_IT, question, re.IGNORECASE) is not None or bool(
        _LAST_CLAUSE_CLASSES_IT.search(question)
    )


def decision_in(question: str) -> str | None:
    """The decision a 'which side is it?' question describes, or None for any other question."""
    described = _described(question)
    return described if described is not None and len(content_words(described)) >= DECISION_MIN_WORDS else None


def vague_which_side(question: str) -> bool:
    """ "Is this strategy?", "strategic or operational?": which side, of a decision not named."""
    if _described(question) is None:
        return False
    return not content_words(_ASKING_WORDS.sub(" ", _SIDE_WORDS.sub(" ", question)))


_HASHTAG = re.compile(r"(?<![\w#])#(?=[a-z])", re.IGNORECASE)


def _described(question: str) -> str | None:
    """What a 'which side' question says besides asking it: the side words and the words that ask
    ("which bucket", "count as") taken out of the part that asks. None for any other question, and
    for one that asks about something ("how do hospitals split strategy vs management?")."""
    question = _HASHTAG.sub("", question)  # "#strategy or #management?"
    match = _WHICH_SIDE.search(question)
    if not match:
        return _before_a_side_asked(question)
    # Words inside the part that asks describe the decision only when it asks for a side, as in "is
    # a new roster strategic or operational?"; "is there a template for an operations strategy?"
    # asks about the subject itself.
    inside = (
        _ASKING_WORDS.sub(" ", _SIDE_WORDS.sub(" ", match.group(0))) if ASKS_FOR_A_SIDE.search(match.group(0)) else ""
    )
    described = re.sub(r"\s+", " ", f"{question[: match.start()]} {inside} {question[match.end() :]}")
    described = described.strip(" -—–?.:;,")
    asking_sentence = question[max(question.rfind(c, 0, match.start()) for c in ".!?") + 1 :]
    if (
        _ASKS_ABOUT.match(described)
        or _ASKS_ABOUT.match(asking_sentence)
        or _SPLITS_TWO.search(asking_sentence)
        or _ASKS_WHAT_THE_DOCUMENTS_SAY.match(asking_sentence)
    ):
        return None
    return described


# "Does the doc say operations strategy is set at the corporate level?": a question about the documents.
_ASKS_WHAT_THE_DOCUMENTS_SAY = re.compile(
    r"\s*(?:(?:so|ok|quick one|just checking)\W+)?(?:does|did|do) (?:the |your |this )?(?:doc|docs|document|documents|reference|source)"
    r" (?:say|says|state|claim|mention|define)\b",
    re.IGNORECASE,
)
# "Which of these is ops strategy and which is ops management?": two decisions, one verdict each
# side; what tells the two apart is the documents' dimensions, not one decision's verdict.
_SPLITS_TWO = re.compile(
    r"\bwhich (?:of (?:these|them|those|the two) |one )?is\b[^?]{0,60}\band which\b", re.IGNORECASE
)


# A last, short clause that names a side and asks: "... desalination. Strategic call, surely?"
_LAST_CLAUSE_ASKS_A_SIDE = re.compile(
    r"(?:[.!;:]|\s[-—–])\s*(?!\s|(?:how|why|what|who|whom|when|where|which)\b)"
    r"([^.!?;:—–]{0,50}\b(?:strategic|operational|strategy|ops|operations|management|mgmt)\b[^.!?;:—–]{0,25}\?)\s*$",
    re.IGNORECASE,
)


# ...or that asks how to class what was told, naming no side: "... over eight years. Which label, then?"
_LAST_CLAUSE_CLASSES_IT = re.compile(
    r"(?:[.!;:]|\s[-—–])\s*"
    r"([^.!?;:—–]{0,40}\b(?:(?:categor(?:y|ies|ise|ize|ised|ized)|class(?:ed|ify|ified|ification)?|verdict"
    r"|label(?:led|ed)?|bucket|pile|camp|column)\b(?! of)|(?:kind|type|sort) of (?:decision|call|thing|move)\b"
    r"|which one\b|which of the two\b)"
    r"[^.!?;:—–]{0,25}\??)\s*$",
    re.IGNORECASE,
)


def _before_a_side_asked(question: str) -> str | None:
    """The decision told before a last short clause that asks for a side, or how to class it, in words
    the patterns above do not know."""
    match = _LAST_CLAUSE_ASKS_A_SIDE.search(question) or _LAST_CLAUSE_CLASSES_IT.search(question)
    if match is None or len(match.group(1).split()) > 10:
        return None
    described = question[: match.start()].strip(" -—–?.:;,")
    return None if _ASKS_ABOUT.match(described) else described


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 2]
