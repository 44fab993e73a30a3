"""Questions the documents do not answer, whatever words of theirs they use: figures, advice for a
case, opinions, something to write, small talk, tools and named methods, and comparisons with
kinds of strategy or management the documents never name; and, of any knowledge base, a staff matter
(pay, leave, parking) or the person in a role that no document speaks of. `answering` declines them.

Each predicate reads the part of a question that asks (`retrieval.asking_part`), unless it says
otherwise; kinds of wording, never particular questions.
"""

from __future__ import annotations

import re

from bot.domain.knowledge import KnowledgeBase
from bot.domain.retrieval import Retrieval, index_of, stem, words
from bot.domain.side_questions import ASKS_FOR_A_SIDE

# What the documents never contain: figures, advice for a case, opinions; then metrics, tools, named
# methods, templates, how-to steps. (Amounts in a described decision are fine: `answering` asks which side first.)
_ASKS_FOR_FIGURES_OR_ADVICE = re.compile(
    r"\bwhat (?:percentage|share|proportion|fraction|ratio)\b|\bhow (?:many|much) (?:of )?(?:our |the )?"
    r"(?:money|budget|years?|months?|people|staff|managers|percent)\b"
    r"|\bshould (?:we|i|our|a|an|the|my)\b[^?.]{0,60}\b(?:adopt|pick|choose|implement|rethink|hire|buy|outsource"
    r"|invest)\b"
    r"|\bshould i (?:apply|quit|resign)\b"  # a career
    r"|\bshould (?:i|we) (?:take|accept|stay in|leave|move to) (?:the|this|that|my|a|an) (?:[\w-]+ ){0,3}(?:job|role|offer|position)\b"
    r"|\bhow should (?:i|we) (?:prioriti[sz]e|handle|balance|approach|deal)\b"
    r"|\bin (?:years|months|weeks|days)\b|\bhow (?:long|short) is\b[^?]{0,40}\b(?:years?|months?|yrs?)\b"
    r"|\b(?:fits?|suits?|works?) (?:\w+ ){0,3}best\b|\bwhat(?:'s| is) the best\b|\bwhich (?:one )?is best\b"
    r"|\bhow often\b[^?.]{0,40}?\b(?:should|must|need to|needs to)\b",
    re.IGNORECASE,
)
# Something to write rather than something the documents say: a poem, a joke, an email, code.
_ASKS_FOR_WRITING = re.compile(
    r"^\W*(?:(?:hey|hi|ok|so)\W+)?(?:(?:can|could|would) you |pls |please |quick(?:ly)? )?(?:write|compose|draft|make up|come up with"
    r"|generate|create|give me|tell me)\b[^?.]{0,40}\b(?:poem|song|haiku|limerick|story|joke|rap|essay|email|e-mail|tweet"
    r"|slogan|script|code|sql|python|riddle|ad|advert|advertisement|job description|job posting|memo|letter"
    r"|announcement|speech)s?\b",
    re.IGNORECASE,
)
_ASKS_FOR_WHAT_IS_NOT_THERE = re.compile(
    r"\b(?:kpis?|metrics?|okrs?|swot|pestle?|balanced scorecard|lean|six sigma|kaizen|dmaic|oee|erp|software"
    r"|scrum|kanban|agile|waterfall|prince2|itil|pmp|iso\s?\d{3,5}|gdpr|hipaa|sox|legal|laws?|lawyers?|regulat(?!ed\b)\w*|compliance"
    r"|tools?|apps?|templates?|(?<!this )(?<!the )(?<!your )frameworks?|step[- ]by[- ]step|checklists?|certif\w*|salar(?:y|ies)"
    r"|walk me through (?:how (?:to|we|i|you|one)\b|the (?:steps|process)|a process)"
    r"|courses?|(?<!by the )books?|history|invent\w*|percent(?:age)?|statistics?|stats|benchmarks?|team size|what headcount"
    r"|risk management|risk registers?|supply chains?|(?<!like )(?<!as )(?<!e\.g\. )logistics"
    r"(?! (?:firm|company|business|provider|group|start-?up|team|manager|lead|department"
    r"|dept|site|hub|unit))"
    r"|(?<!like )(?<!as )(?<!e\.g\. )procurement"
    r"|purchasing|inventory|safety stock|real (?:company|companies|world|life)|exceptions?|edge cases?"
    r"|what steps|which steps|steps (?:should|to take|we should)|(?:main|key|basic|first|next) steps|focus groups?"
    r"|savings accounts?|interest rates?|mortgages?|overdrafts?"
    r"|(?:level|tier|grade|band|stage)[ -]?(?:\d+|ii|iii|iv)\b"  # "level 2 support": another sense
    r"|project management|change management|quality management|who wrote|author|agendas?|competenc\w*"
    r"|(?:time|anger|stress|pain|weight|crisis|wealth|password) management"  # other kinds of management
    r"|manag(?:e|ing) (?:my|your|our|one's) (?:own )?(?:time|stress|workload|calendar|inbox|energy|money)"
    r"|(?:knee|hip|heart|back|eye|surgical|military|special|covert|rescue|police|sting|combat|naval) operations?"
    r"|military|doctrine|of war|warfare"
    # a file or a meeting: "drop the link to the strategy deck on sharepoint", "what time is it now"
    r"|sharepoint|confluence|google drive|onedrive|dropbox|(?:drop|send|share|post|paste) (?:me |us )?(?:the |a )?link"
    r"|what time (?:is|does|do|are|was)"
    r"|surg(?:ery|eries|eon|eons|ical)|promot(?:ed|ion|ions)\b"
    r"|training(?! (?:slides?|decks?|sessions?|materials?|notes?|docs?|day|packs?|modules?|manuals?|handbooks?|binders?"
    r"|guides?|folders?))"
    r"|skills?|qualifications?|recruit\w*|hiring|coined|coin the term|documentation|(?:hire|recommend|find|which|good|best|a|an|external) consultants?"
    r"|competitive priorities|order winners|value chain|five forces|porter|bcg|mckinsey|came up with|in what year"
    r"|what year|originat\w*|(?<!doc )(?<!docs )(?<!document )(?<!documents )disagree\w*|conflicts?|disputes?|resolv\w*"
    r"|for (?:service companies|manufacturers|startups|hospitals|banks|retailers|small businesses|smes|nonprofits|charities)"
    r"|in (?:manufacturing|healthcare|retail|banking|hospitality|the public sector)"
    r"|in a (?:startup|start-up|small business|family business|non-?profit)|case stud(?:y|ies)"
    r"|(?<!as an )examples?(?! from (?:my|our) "
    r"| of (?:the )?(?:what|things|areas|topics)\b[^?.]{0,40}\b(?:concerned with|covers?|includes?|involves?|deals? with)\b)"
    r"|data on|numbers|figures|roi|return on investment|financial returns?)\b"
    r"|%|\$\s?\d|\bhow many (?!(?:key |main )?(?:dimensions?|differences?|ways|sections?|aspects?|parts?)\b)"
    r"|\bhow much (?:money|budget|to spend|should (?:we|i) (?:spend|invest|budget))",
    re.IGNORECASE,
)
# An opinion asked for: the documents have none. "In your view" and "would you say" after asking which
# side a decision is on only ask politely ("strategic or operational, would you say?"); "do you think"
# asks an opinion.
_YOUR_VIEW = re.compile(
    r"\byour (?:own |personal |honest |gut |professional )?(?:take|opinion|view|thoughts)\b|\bwould you say\b",
    re.IGNORECASE,
)
_YOU_THINK = re.compile(
    r"\b(?:(?:do|would) you (?:think|reckon|pick|choose|prefer|rather|go with|recommend|suggest)|do you say|you think"
    r"|(?:more|less) (?:fun|enjoyable|exciting|boring|rewarding|interesting)|(?:cooler|nicer|easier) (?:job|role|to work))\b",
    re.IGNORECASE,
)


def asks_an_opinion(asking: str, text: str = "") -> bool:
    """An opinion asked for; not "which of the two, in your opinion?", nor "which would you say?" after
    the two sides were named (`text`, the whole question)."""
    if _WHAT_YOU_THINK_TAG.search(asking) and ASKS_FOR_A_SIDE.search(asking):
        return False  # "Strategic or operational, what you think?"
    polite = (
        ASKS_FOR_A_SIDE.search(asking)
        or _WOULD_YOU_SAY_OF_A_SIDE.search(asking)
        or _WHICH_OF_THE_TWO.search(asking)
        or (_WHICH_WOULD_YOU_SAY.search(asking) and ASKS_FOR_A_SIDE.search(text))
    )
    return bool(_YOU_THINK.search(asking)) or (bool(_YOUR_VIEW.search(asking)) and not polite)


# "would you say ops strategy is a plan or an activity?": which of two the documents make a side
_WOULD_YOU_SAY_OF_A_SIDE = re.compile(
    r"\bwould you say (?:that )?(?:ops|operations) (?:strategy|management|mgmt) is (?:more )?(?:an? )?[\w-]+ or (?:an? )?[\w-]+",
    re.IGNORECASE,
)
_WHAT_YOU_THINK_TAG = re.compile(r"[,:–—-]\s*what (?:do )?you think\W*$", re.IGNORECASE)
_WHICH_WOULD_YOU_SAY = re.compile(r"\b(?:which|what) (?:one |side )?would you say\b", re.IGNORECASE)


_WHICH_OF_THE_TWO = re.compile(r"\bwhich of the two\b", re.IGNORECASE)


# A greeting, a "how are you" or a thank-you, and nothing else.
_SMALL_TALK = re.compile(
    r"\W*(?:(?:hi|hey|hello|hiya|yo|morning|good (?:morning|afternoon|evening))(?:\s+(?:there|altitude|all))?\W+)*"
    r"(?:how(?:'s| is| are|s)? (?:you|your|ya|it|things|life)\b[\w\s']{0,30}|what'?s up|sup|how do you do"
    r"|(?:hi|hey|hello|hiya|yo|good (?:morning|afternoon|evening))(?:\s+(?:there|altitude|all|team|everyone))?"
    r"|(?:ok(?:ay)?\W+)?(?:thanks|thank you|thx|ty|cheers|much appreciated)\b[\w\s,'!]{0,40}"
    r"|(?:great|perfect|awesome|brilliant|nice),? (?:thanks|that (?:really )?helped)\b[\w\s,'!]{0,30})\W*$",
    re.IGNORECASE,
)


# The documents compare operations strategy with operations management, and nothing else with either.
_COMPARED_WITH_ANOTHER = re.compile(
    r"\b(?:between|vs\.?|versus|from|and|with|to)\s+(?:an? |the )?(?!ops\b|operations?\b|operational\b)([a-z]+)"
    r" (?:strategy|strategies|management)\b",
    re.IGNORECASE,
)


# "...between operations research and operations management?": another discipline of operations.
_COMPARED_WITH_ANOTHER_OF_OPERATIONS = re.compile(
    r"\b(?:between|vs\.?|versus|from|and|with|to)\s+(?:the )?(?:ops|operations)\s+(?!strat|manag|mgmt)([a-z]+)\b",
    re.IGNORECASE,
)


# "...the difference between strategy and tactics?": strategy against something the documents never name.
_COMPARED_WITH_A_THING = re.compile(
    r"\b(?:between|differ\w*|distinguish\w*|compar\w*|contrast\w*|vs\.?|versus)\b[^?.]{0,30}?"
    r"\b(?:strategy|strategies|management)\s+(?:and|vs\.?|versus|or|from)\s+(?:an? |the )?([a-z]+)\b(?!['’]s)",
    re.IGNORECASE,
)


def compares_with_another(text: str, found: Retrieval) -> bool:
    """A comparison of a side with another kind of strategy or management, or with something else, that
    the documents never name."""
    compared = [
        *_COMPARED_WITH_ANOTHER.finditer(text),
        *_COMPARED_WITH_A_THING.finditer(text),
        *_COMPARED_WITH_ANOTHER_OF_OPERATIONS.finditer(text),
    ]
    # "ordinary management", "sound management": operations management in everyday words, not another kind
    return any(stem(m.group(1)) in found.unknown_terms and m.group(1).lower() not in _EVERYDAY for m in compared)


_QUALIFIED_STRATEGY = re.compile(r"\b([a-z]+)(?:'s)? strateg(?:y|ies)\b", re.IGNORECASE)
_NAMES_OPERATIONS = re.compile(r"\b(?:ops|operations?|operational|management|mgmt|managers?)\b", re.IGNORECASE)


def another_kind_of_strategy(text: str, found: Retrieval) -> bool:
    """A strategy of another kind ("military strategy", "a chess opening strategy"), in a question
    that names neither operations nor anything else the documents speak of ("opps strategy: short
    or long term?" is about the time horizon)."""
    if _NAMES_OPERATIONS.search(text) or found.known_terms:
        return False
    return any(
        stem(m.group(1)) in found.unknown_terms and m.group(1).lower() not in _HOW_GOOD
        for m in _QUALIFIED_STRATEGY.finditer(text)
    )


# Words for management of the everyday kind, or for how good it is: not another kind of management.
_EVERYDAY = frozenset("ordinary everyday normal regular routine general daily sound competent proper".split())

# Words that say how good a strategy is, not what kind it is ("a great strategy").
_HOW_GOOD = frozenset(
    "great good strong weak solid clear bad poor better best sound effective brilliant decent winning "
    "perfect terrible smart clever bold ambitious real proper coherent".split()
)


def is_small_talk(text: str) -> bool:
    return _SMALL_TALK.match(text) is not None


def asks_for_writing(asking: str) -> bool:
    return _ASKS_FOR_WRITING.search(asking) is not None


def asks_for_figures_or_advice(asking: str) -> bool:
    return _ASKS_FOR_FIGURES_OR_ADVICE.search(asking) is not None


# "What is our company's strategy for expanding into...?": one organisation's own plan, which only its
# own documents could hold (a team's documents are asked first).
_ASKS_FOR_ITS_OWN_PLAN = re.compile(
    r"\bwhat(?:'s| is| are| was)\s+(?:\w+\s+){0,2}?(?:our|my|your|their|(?:the|this)\s+(?:company|firm|business"
    r"|organi[sz]ation|team)(?:'s|’s)?)\s+(?:[\w'’-]+\s+){0,2}(?:strateg(?:y|ies)|plans?|roadmap)\s+(?:for|to|on|regarding|around)\b",
    re.IGNORECASE,
)


def asks_for_what_is_not_there(asking: str) -> bool:
    """Metrics, tools, named methods, templates, history, examples, an organisation's own plans: what
    the documents never hold."""
    return _ASKS_FOR_WHAT_IS_NOT_THERE.search(asking) is not None or _ASKS_FOR_ITS_OWN_PLAN.search(asking) is not None


# A staff member's own pay, leave, perks, desk and logins: what an employee handbook holds, asked of
# any workplace assistant, and answered only where a team's documents speak of it.
_WORKPLACE_MATTER = re.compile(
    r"\b(?:payroll|pay ?days?|pay ?slips?|get(?:ting)? paid|salar(?:y|ies)|wages?|pensions?|bonus(?:es)?|sick pay"
    r"|pay (?:rises?|awards?)"
    r"|(?:annual|sick|parental|maternity|paternity|compassionate|study|unpaid) leave|leave (?:allowance|entitlement)"
    r"|holiday (?:allowance|entitlement|pay)|parking|car park|park (?:my|our|their|your) cars?|wi-?fi|passwords?"
    r"|laptops?|vpn|expenses|expense claims?|mileage|work(?:ing)? from home|wfh|remote working|canteen"
    r"|staff (?:discounts?|travel)|discounted|dress code|(?:phone|mobile|direct|contact) (?:numbers?|no)|company cars?"
    r"|how (?:do|can|should) i (?:reach|contact|get hold of) (?:them|him|her)"
    r"|email address(?:es)?)\b",
    re.IGNORECASE,
)


def asks_about_a_workplace_matter(asking: str, kb: KnowledgeBase) -> bool:
    """A staff matter ("when's payroll?", "can I work from home on Fridays?", "days of annual leave?")
    that none of the documents mentions."""
    return any(not _mentioned(m.group(0), kb) for m in _WORKPLACE_MATTER.finditer(asking))


def _mentioned(phrase: str, kb: KnowledgeBase) -> bool:
    """Whether a section says the phrase, whole and in any form ("pensions"); the index narrows the
    sections to read to those holding each of its words."""
    stems = [stem(w) for w in words(phrase)]
    index = index_of(kb)
    holding = frozenset.intersection(*(index.holding(s) for s in stems))
    return any(
        _spaced(stems) in _spaced(stem(w) for w in words(f"{sec.title} {sec.text}")) for sec in map(kb.get, holding)
    )


def _spaced(stems) -> str:
    return " " + " ".join(stems) + " "


# "who is our CEO?", "who's the current Head of Estates?", "what's the name of the head of estates?",
# "who's on the on-call rota this weekend?": a person, where documents mostly name roles.
_ASKS_WHO_HOLDS_A_ROLE = re.compile(
    r"\b(?:what(?:'s| is|s) the name of (?:the |our )?|who(?:'s| is|s) (?:the |our )(?=current |new |present )"
    r"|who(?:'s| is) (?:our |the )(?=(?:ceo|cfo|coo|cto|md|managing director|chair(?:man|woman|person)?|president"
    r"|founder|owner)\b))(?:(?:current|new|present) )?(?P<role>[a-z][\w&' -]{1,40}?)"
    r"\s*(?:\?|$|,|\.|;|\b(?:and|now|at|for|these days|right now|then)\b)"
    r"|\bwho(?:'s| is|s) on (?:the )?(?:[\w-]+ ){0,3}?(?P<rota>rota|roster|on-call|call|shift|duty)\b"
    r"|\bwho(?:'s| is|s) (?:the|our) (?P<post>head of [a-z &]+?|[a-z ]+? (?:manager|director|lead))"
    r" (?:here|now|at the moment|currently)\b"
    # the members of a team, or who in a group did one particular thing
    r"|\bwho(?:'s| is| are|s) on (?:the |our )(?P<team>[a-z -]{2,30}?(?:team|board|committee|panel))\b"
    r"|\bwho (?:in|at|from) (?P<group>[a-z -]{2,30}?) (?:signed off|approved|decided|agreed) (?:on )?the\b",
    re.IGNORECASE,
)
_A_NAME = r"(?:(?:dr|mr|mrs|ms|prof)\.? )?[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-z'-]+"


def asks_who_holds_a_role(asking: str, kb: KnowledgeBase) -> bool:
    """A question for the person in a role whom none of the documents names ("Jane Ross, our CEO",
    "the Head of Estates, Ann Lee")."""
    match = _ASKS_WHO_HOLDS_A_ROLE.search(asking.replace("’", "'"))
    if match is None:
        return False
    role = re.escape(next(g for g in match.groups() if g).strip())
    named = re.compile(rf"{_A_NAME}(?:,| is| \()\s*(?:our |the )?(?i:{role})|(?i:{role})(?:,| is|:| \()\s*{_A_NAME}")
    return not any(named.search(f"{s.title}. {s.text}") for s in kb.sections)


def asks_what_no_document_holds(asking: str, kb: KnowledgeBase) -> bool:
    """A staff matter or a person in a role that none of the documents, a team's included, speaks of."""
    return asks_about_a_workplace_matter(asking, kb) or asks_who_holds_a_role(asking, kb)
