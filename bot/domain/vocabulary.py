"""How people ask about the documents: words that carry no topic, words that only name the
domain, shorthand, phrases, and a thesaurus of how people ask about each shipped section.
Kinds of wording, never particular questions; `retrieval` uses them.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """a an the and or but of to in on at for with from by as is are was were be been being do does did
    doing have has had having it its this that these those there here what which whom whose when where
    why how i me my we us our you your he she they them their his her can could should would will shall may
    might must if then than so not no yes really very more most less much many some any each every
    all either one ones also about into over under between vs versus like get got go going make makes
    made thing things stuff kind sort way pls please thanks thank hi hey hello ok okay tell say says said
    according doc docs document like i'm im me documents text reference explain describe mean means meaning give short
    answer briefly summary summarize quick actually exactly there's what's who's it's that's i'm we're
    difference differences different between compare compared comparison versus other side which plain words
    word reference per count counts counted look looks list use uses used tell ever kind actually basically
    simply simple terms dimension dimensions aspect aspects factor factors criteria take takes taking view good
    bad new here want know think see seem seems help better lot lots able gets getting given give put two
    someone somebody anyone people person guy guys folks team new newbie wait even lol lmao haha quick quickly
    nutshell tldr tl dr eli5 btw fyi honestly remind reminder remember recall again just gonna wanna kinda sorta
    ya yeah yep um uh hmm guess curious wondering wonder confused confusing ask asking question questions
    happen happens happening occur occurs try trying tried exist exists sure mind verb verbs phrase phrases
    wording section sections part parts paragraph chapter whats wats hows whos line liner real tbh imo imho
    keep keeps talk talks talking past something anything everything don't doesn't didn't isn't aren't
    wasn't can't cannot won't wouldn't shouldn't i've we've they've you're they're sentence sentences sorry
    dumb silly stupid q quote ultimately aside buzzword bingo let guess summarise summarised summary slide slides
    bullet bullets max presentation presentations briefing colleagues kindly formal asked asks draft drafting
    confirm confirms confirmed verify correct after up against outside inside stack supposed normally usually
    typically analyst we'd we'll i'd you'd they'd leave
    purely merely solely mainly mostly largely ngl fr lowkey fwiw wise now too""".split()
)
# Phrases that say what a question is about in words the documents do not use.
PHRASES = {
    "head office": "headquarters",
    "time frame": "timeframe",
    "time-frame": "timeframe",
    "high-level": "higher",
    "high level": "higher",
    "big-picture": "overall",
    "big picture": "overall",
    "nuts and bolts": "daily",
    "long-range": "long-term",
    "long range": "long-term",
    "near-term": "short-term",
    "near term": "short-term",
    "cut corners": "skimp",
    "pay attention to": "focus on",
    "get by": "suffice",
    "without the other": "without",
    "one without": "without",
    "sign off": "approve",
    "signs off": "approve",
    "signed off": "approve",
    "how far": "ahead",
    "bottom line": "conclusion",
    "day to day": "daily",
    "day-to-day": "daily",
    "tie back": "tied",
    "ties back": "tied",
    "line up with": "align",
    "lines up with": "align",
    "in line with": "align",
    "lining up": "aligning",
    "lined up": "aligned",
    "map onto": "align with",
    "maps onto": "align with",
    "map neatly onto": "align with",
    # everyday business words for what documents spell out
    "capex": "capital expenditure",
    "opex": "operating expenditure",
    "rota": "roster",
    "rotas": "rosters",
    "vendor": "supplier",
    "vendors": "suppliers",
}
# "who writes it", "who gets to decide", "who decided": a question about the level of decision-making,
# in the present or the past.
WHO_DECIDES = re.compile(
    r"\bwho\s+(?:\w+\s+)?(?:writes?|wrote|decides?|decided|makes?|made|sets?|owns?|owned|runs?|ran"
    r"|signs?|signed|approves?|approved|develops?|developed|is responsible|was responsible|gets to|got to"
    r"|puts? together|draws? up|drew up|comes? up with|came up with)\b"
)
# Words that point at the two sides without naming them ("which of the two", "each one").
SIDES_MEANT = re.compile(
    r"\b(?:which of the two|the two|each one|each side|either one|which one|both of them"
    r"|the doc|the docs|the document|the reference|the text|the article|the paper)\b"
)
PHRASE_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b")
# Shorthand people type in Slack, spelt out before matching.
SHORTHAND = {
    "org": "organization",
    "orgs": "organizations",
    "yr": "year",
    "yrs": "years",
    "mo": "month",
    "mos": "months",
    "def": "definition",
    "defn": "definition",
    "diff": "difference",
    "biz": "business",
    "mgr": "manager",
    "mgrs": "managers",
    "strat": "strategy",
    "mgmt's": "management",
    "w": "with",
    "ceo's": "ceo",
    "exec": "executive",
    "execs": "executives",
    "lt": "long-term",
    "st": "short-term",
}
# Words that only place a question in the domain; they say nothing about which section.
ANCHORS = frozenset(
    "operation operations operational ops strategy strategic strategies management manage managing manager "
    "managers mgmt organization organisation company business decision decisions".split()
)
STEM_AS_IS = frozenset("marketing budgeting morning evening spring string nothing something thing during".split())

# How people ask about each shipped section, beyond the section's own words.
THESAURUS: dict[str, tuple[str, ...]] = {
    "definition_strategy": (
        "define definition higher strategy plan goals objectives direction consist consists "
        "involve involves include includes entail entails comprise",
    ),
    "definition_management": (
        "define definition running run daily day goods services produce producing "
        "coordinate organize organizing control activities consist consists involve "
        "involves include includes entail entails comprise",
    ),
    "scope": (
        "scope broad broader breadth wide wider narrow narrower reach span entire whole extent range cover "
        "coverage headed heading "
        "covers picture big bigger "
        "market markets competitive position resource allocate allocating allocates headcount capital",
    ),
    "level": (
        "level who decides decide decider call calls ceo executive executives exec board boss bosses "
        "senior top leadership leaders middle lower responsible owns owner approve approves sign signs "
        "hierarchy corporate rank role roles responsibility responsibilities job jobs suite csuite c-suite vp vps "
        "headquarters hq plant site whom "
        "supervisor supervisors floor frontline tier tiers top-down bottom-up",
    ),
    "time_horizon": (
        "time horizon horizons long short term terms ahead far future years months weeks "
        "timeframe timescale duration planning when long-term short-term daily weekly monthly "
        "quarterly yearly annual window windows",
    ),
    "focus": (
        "focus focused efficiency efficient effective effectiveness process processes competitive "
        "market resource allocation priority priorities prioritise prioritize concerned concern concerns "
        "care cares main mainly primary primarily emphasis emphasise emphasize optimise optimize cost costs "
        "concentrate concentrates concentrating core competitor competitors compete competition rivals aimed aim "
        "aims aiming",
    ),
    "link_to_strategy": (
        "link linked links relate related relates relation relationship connect connected "
        "align aligned alignment tie tied goals objectives business match matches fit fits "
        "support supports serve serves consistent connection connections tight tightly loose loosely closely",
    ),
    "both_needed": (
        "both need needs needed skip without together important importance matter balance "
        "only either require required necessary just alone enough sufficient suffice neglect ignore "
        "conclusion conclude bottom takeaway takeaways bother worth solid execution execute skimp skip missing lack "
        "lacking gap closing contribute contributes benefit benefits complement complements complementary",
    ),
}
