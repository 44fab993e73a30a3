"""The rubric's lexicon: phrases that lean a decision toward strategy (+) or operations (-).

Each cue belongs to one of the reference document's five dimensions. Cues describe kinds of
decision (entering a market, a shift change), never particular decisions. Weights are in
rough units of evidence: 1 is a hint, 3 is close to decisive on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(?:\d+\+?|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|several|few|couple(?: of)?)"
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_SHORT_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
_PLACE = (
    r"(?:plants?|factor(?:y|ies)|facilit(?:y|ies)|campus(?:es)?|hospitals?|towers?|data ?cent(?:er|re)s?"
    r"|warehouses?|distribution cent(?:er|re)s?|offices?|sites|locations|stores|branches|foundry"
    r"|hubs?|peakers?|capacity|data region|commissary|kitchen|mills?|mines?|refiner(?:y|ies)"
    r"|terminals?|depots?|clinics?|schools?|colleges?|units?|divisions?|subsidiar(?:y|ies)|plants|branch|labs?"
    r"|laborator(?:y|ies)|showrooms?|studios?|venues?|barns?|taprooms?|cafes?|restaurants?|shops?|farms?|orchards?"
    r"|yards?|shipyards?|hostels?|hotels?|stables?|quarr(?:y|ies)|pools|centres?|centers?)"
)
_LINE = r"(?:business|businesses|market|markets|segment|industry|sector|product line|line of business|brand)"
_ASSETS = (
    r"(?:fleet|building|buildings|depot|trucks|lab|land|elevator|plant|plants|venues?|property|properties|site|sites|locations?"
    r"|quarr(?:y|ies)|stores?|branches|clinics?|paper|newspaper|title|magazine|station|stations|estates?|airfields?"
    r"|sawmills?|mills|pools|yards?|hangars?|marinas?|wineries|winery|distillery|brewery"
    r"|warehouse|factory|practice|business|company|brand|stake|book|portfolio|division|unit|hotel|terminal|mill|farm"
    r"|agency|firm|competitor|rival|startup|chain|operator)"
)
_REGION = (
    r"east|west|north|south|europe|asia|africa|americas?|emea|apac|latam|nordics|gulf|pacific|region|country"
    r"|countries|territory|territories|state|states|province|provinces|market|markets"
)


# Words that do not describe the decision's own reach: what a change leaves alone ("no change to
# capacity") and when the decision was taken ("approved this morning"). They are masked out.
MASKS = [
    re.compile(r"\b(?:no changes? (?:to|in)|not changing|without changing|does not (?:alter|change)|will not change"
               r"|won't change|unchanged:?) ([^.;,\n]{1,40})"),
    re.compile(r"\b(?:call|decided|decision|approved|signed off|agreed|voted?|meeting|announced|confirmed)"
               r" (today|yesterday|this morning|last night|tonight|this week)\b"),
]


@dataclass(frozen=True)
class Cue:
    dimension: str
    weight: float
    pattern: re.Pattern[str]
    kind: str = ""  # "senior", "routine", "like_for_like", "money", "strategy_word", "market_move"


def _cues(dimension: str, weight: float, kind: str, *patterns: str) -> list[Cue]:
    return [Cue(dimension, weight, re.compile(p), kind) for p in patterns]  # matched on lower-cased text


CUES: list[Cue] = [
    # --- scope: the whole organization and its markets, or one process, line or site ---
    *_cues("scope", 3.0, "market_move", *[
        rf"\b(?:enter(?:ing)?|exit(?:ing)?|leav(?:e|ing)|get(?:ting)? out of|pull(?:ing)? out of|withdraw(?:ing)? from"
        rf"|expand(?:ing)? (?:in)?to|expansion (?:in)?to|mov(?:e|ing) into|break(?:ing)? into)\b[^.;\n]{{0,40}}?\b{_LINE}\b",
        rf"\b(?:enter(?:s|ing)?|expand(?:s|ing)? (?:in)?to)\b (?:the )?[\w\s-]{{0,25}}?\b(?:{_REGION})\b",
        r"\b(?:we'?re|we are) done with\b|\b(?:walk(?:ing)? away from|wind(?:ing)? down)\b",
        r"\bpivot(?:ing|ed|s)?\b", r"\breposition(?:ing|s)?\b", r"\b(?:relaunch|rebrand|refocus|reinvent)\w*\b",
        r"\b(?:care and maintenance|mothball\w*)\b",
        r"\b(?:acquir(?:e|es|ing)|acquisition|merg(?:e|er|ers|ing)|divest\w*|spin(?:ning)? off|spin-?off|joint venture)\b",
    ]),
    *_cues("scope", 2.5, "market_move", *[
        r"\bexpand(?:ing|s)? into\b",
        r"\bsell(?:ing)? (?:off )?(?:the |our )?[\w&\s%.-]{0,40}?\b(?:business|division|unit|subsidiary|brand|stake|rights)\b",
        r"\bfranchis(?<!every franchis)(?<!each franchis)(?<!all franchis)(?<!our franchis)(?<!the franchis)(?!ees?\b)\w*\b",
        r"\b(?:affiliat\w+|join(?:ing)? (?:the )?[\w\s]{0,30}?network|strategic partner\w*|alliance)\b",
        r"\b(?:new|second|third) (?:brand|concept|product line|business line|line of business|service line|venture)\b",
        r"\bstop (?:offering|selling|supplying|making|building|taking|accepting|competing|investing|serving|bidding|running our own)\b",
        r"\bno longer (?:offer|sell|serve|take|accept|bid|make|build|supply)\b",
        r"\bcore (?:segment|business|market|focus|customers?|offering|products?)\b",
        r"\b(?:outsourc\w+|in-?sourc\w+|in-?house|vertical(?:ly)? integrat\w*|self-suppl\w+)\b",
    ]),
    *_cues("scope", 2.5, "market_move", *[
        rf"\b(?:sell(?:ing)?|buy(?:ing)?|acquir(?:e|ing)|purchas(?:e|ing)) (?:off )?(?:the |our |a |an |two |both |all )?"
        rf"[\w\s&'-]{{0,30}}?\b{_ASSETS}\b",
        r"\bsell(?:ing)? (?:the \w+ )?to (?:the |a |an )?[\w\s-]{0,20}?(?:group|buyer|investor|competitor|private equity|pe firm|chain)\b",
        r"\b(?:make|making|build|building|brew|bake|grow|run|running|do|doing|own) (?:our|it|its) own\b|\b(?:our|their) own [\w\s&-]{0,30}? instead of\b",
        r"\b(?:rather than|instead of) (?:just )?(?:running|making|buying|selling|owning|renting|leasing|being|doing) (?:it|them|their|our|the)\b",
        r"\b(?:white-?label\w*|co-?packer|3pl|third-party logistics|licens(?:e|es|ing) (?:our|the) [\w\s+&-]{0,30}?(?:brand|recipes?|technology|ip|patents?|formats?|names?))\b",
        r"\b(?:royalt(?:y|ies)|jv|member practice)\b",
        r"\bcharg(?:e|ing) [\w\s]{0,20}?(?:a |an )?(?:monthly |annual |yearly )?(?:subscription|membership|licen[cs]e fee)\b",
        r"\bwe'?re (?:a|an) [\w\s-]{1,25}? (?:shop|company|firm|business|practice|studio|brand|platform|bank|agency|venue|brewery|clinic|operator) now\b",
        r"\bnot (?:a|an) [\w\s-]{1,25}? (?:anymore|any more)\b|\bno longer (?:a|an) \w+",
        r"\bstop(?:ping)? (?:doing |developing |running |making |selling |offering |building |serving |producing )?[\w\s-]{0,30}?\b(?:entirely|altogether|completely|for good)\b",
        r"\bstop (?:developing|producing|manufacturing|doing|growing|brewing|baking)\b",
        r"\b(?:entire|whole|all(?: of)?(?: the| our)?) (?:back office|distribution|production|manufacturing|logistics|fulfil?ment|testing|processing|delivery|catering|f&b) [\w\s,]{0,40}?(?:move|moves|moving|shift|to a|outsourc|permanently)\b",
    ]),
    *_cues("scope", 2.5, "market_move", *[
        r"\b(?:won'?t|will not|no longer|not) (?:take|taking|do|doing|offer|offering|accept|accepting|serve|serving|run|running"
        r"|make|making|sell|selling|breed|breeding|host|hosting|bid|bidding)\b[^.;\n]{0,40}?\b(?:any ?more|from now|going forward)\b",
        r"\b(?:becomes?|goes back to being|turns? into|will become) (?:a|an|their|our|the) [\w\s-]{0,40}?(?:centre|center|hub"
        r"|winery|business|brand|school|venue|shop|studio|site|campus|college|practice)\b",
        r"\bhand(?:ing|s)? (?:the|our|its) [\w\s-]{1,40}? (?:to|over to) (?:a|an|the)\b|\b(?:employee )?ownership trust\b",
        r"\b(?:new|second|third|another|additional) (?:income|revenue) (?:line|stream)s?\b|\bas a paid (?:service|product|offering)\b",
        r"\bbuy(?:ing)? in\b[^.;\n]{0,30}?\binstead\b|\brather than \w+ing (?:it |them )?ourselves\b",
        r"\bsell(?:ing)? (?:our|the) (?:\w+ )?(?:two|three|four|five|six|\d+) (?:\w+ )?\w+s\b|\breinvest\w* (?:in|into)\b",
        r"\bconcentrat\w+ (?:all|our) [\w\s-]{1,30}? (?:in|at|on)\b|\bpartner(?:ing|ship)? with (?:a|an|the) [\w\s-]{1,30}? to\b",
        r"\bdrop(?:ping)? [\w\s-]{1,30}? and (?:fly\w*|do\w*|focus\w*|go\w*|sell\w*|serv\w*|offer\w*|mak\w*|run\w*)\b",
        r"\bpurely\b",
        r"\blaunch\w* (?:in|into) (?!(?:the|a|an|two|three|next|this|time|stages|phases)\b)(?![\d\s])\w+",
        r"\b(?:second|new|another) line of (?:work|business)\b|\bno longer reliant on\b|\bunder our own (?:name|brand)\b",
        r"\b(?:sold|offered|priced|charged|billed) as (?:a |an )?(?:monthly |annual )?(?:subscription|membership|service)\b",
        r"\btransfer(?:ring)? (?:the running|the operation|operation|ownership|management|the management) of\b",
        r"\b(?:cash|money|capital|budget|investment) (?:to go |goes |going |will go )?(?:into|to) the [\w\s-]{1,20}? (?:branch|site|plant|unit|division|store|business)\b",
        r"\b\d+ of [\w']+ staff (?:transfer|move|relocate)\w*\b",
        r"\bstop(?:ping)? (?:wholesale|retail|exporting|importing|export|import)\b",
        r"\bbuild\w* (?:a|one|two|an) (?:new |larger |bigger |single )?[\w\s-]{0,20}?(?:centre|center|facility|plant|hub|campus|site|network)\b",
        r"\bwe currently (?:rent|lease)\b",
    ]),
    *_cues("scope", 2.0, "market_move", *[
        r"\bstart(?:ing)? (?:to )?(?:offer|offering|sell|selling|accept|accepting|serve|serving|take|taking|provide|providing"
        r"|produce|producing|make|making|build|building|export|exporting|licensing|franchising)\b",
        r"\bopen(?:ing|s)? (?:\w+ ){0,2}to (?:anyone|everyone|all|the public|non-?members|new customers)\b",
        r"\b(?:stay open|reopen|open|run|operate|relaunch)\w* [\w\s-]{0,20}? as (?:a|an) [\w\s+&-]{1,40}?(?:shop|business|venue|studio|centre|center|store|hub|brand|service)\b",
        r"\bstop(?:ping)? (?:collecting|serving|supplying|buying|selling|delivering|operating) (?:from|to|in)\b",
        r"\b(?:ownership (?:changes|transfers?|passes)|hand(?:ing)? (?:\w+ ){0,3}over to|put (?:that|the|this) (?:money|cash|capital) into)\b",
        r"\b(?:going|go|goes) (?:100%|all[- ]electric\b|fully electric\b|digital\b|online[- ]only\b|direct\b)|\bmoves? to digital\b",
        r"\b(?:edition|product line|service line|format|brand|label) (?:ends|closes|is discontinued)\b",
        r"\bdiscontinu\w* [\w\s-]{0,30}?\b(?:entirely|altogether|completely|for good|line|range|products?|service)\b",
    ]),
    *_cues("focus", 2.0, "market_move", *[
        r"\b(?:rental|subscription|membership|franchise|commission|pricing|revenue|business|service|delivery|operating|licensing)"
        r" model\b",
        r"\b(?:launch\w*|introduc\w*|offer\w*|start\w*|mov\w* (?:to|from))[\w\s$.,/-]{0,40}?\b(?:memberships?|subscriptions?"
        r"|season pass|free-to-play|freemium|pay-per-use|pay-as-you-go|payment plans?)\b",
    ]),
    *_cues("scope", 2.0, "market_move", *[
        r"\b(?:develop|turn|convert|repurpos|transform|reposition)\w* [\w\s-]{0,40}?\b(?:into|as) (?:a |an )?(?:dedicated |new )?[\w\s-]{0,30}?(?:hub|studio|space|venue|business|brand|centre|center|campus|line)\b",
        r"\binstead of (?:just )?(?:expanding|being|running|making|buying|selling|building|developing|taking|charging|competing|serving"
        r"|leasing|renting|using the contract|per-\w+)\b",
        r"\bserve the (?:whole|entire) [\w\s-]{1,30}? from\b",
        r"\b(?:\d+|~\d+|approximately \d+|about \d+) (?:roles|jobs|positions|people) (?:shifting|moving|relocat\w*|transferr\w*)\b",
        r"\b(?:shift|move|redirect|reallocat)\w* (?:all |most )?(?:new )?(?:development |investment |growth )?(?:capital|budget|investment|spend(?:ing)?)\b",
    ]),
    *_cues("scope", 2.0, "market_move", *[
        rf"\b(?:build(?:ing)?|construct\w*|open(?:ing)?|acquir\w+|clos(?:e|ing)|shut(?:ting)?(?: down)?|consolidat\w*"
        rf"|decommission\w*|retir(?:e|ing)|convert(?:ing)?)\b[^.;\n]{{0,40}}?\b{_PLACE}\b",
        r"\b[\w/+-]+[- ]only\b"
        r"(?<!day[- ]only)(?<!days[- ]only)(?<!weekend[- ]only)(?<!weekends[- ]only)(?<!morning[- ]only)"
        r"(?<!mornings[- ]only)(?<!evening[- ]only)(?<!evenings[- ]only)(?<!night[- ]only)(?<!nights[- ]only)(?!\s*(?:\d|for\b|on\b|at\b|until|during|after|before|this|today|tonight|from (?!now|here)|between))",
        r"\b(?:focus(?:es|ing|ed)? (?:only|solely|exclusively|entirely) on|(?:serve|serving|sell|selling) only to)\b",
        r"\bonly (?:bid|sell|serve|build|offer|take|accept|make|supply|focus|work|operate)\b",
        r"\b(?:exclusively|all-in|all in on|getting out of|get out of)\b",
        r"\blaunch(?:ing|es)? (?:a |an |our )?(?:fully |new )?[\w\s-]{0,30}?(?:degrees?|programs?|brand|concept|products?|services?|business|offering)\b",
        r"\bsunset(?:ting)?\b", r"\b(?:exit|exits|exiting|withdraw(?:ing)? from|pull(?:ing)? out of)\b(?! (?:the )?(?:building|site|room|premises|door))", r"\b(?:leave|leaving) the [\w\s]{0,20}(?:franchise|network|alliance|market)\b",
    ]),
    *_cues("scope", 1.0, "", r"\bnot just\b|\bnot only\b", r"\bno more\b"),
    *_cues("scope", 1.5, "", r"\badd(?:ing|s)? (?:a |new )?[\w\s'’]{0,30}?\b(?:sections|divisions|programmes|programs"
                              r"|courses|destinations|categories|age groups|teams)\b"),
    *_cues("scope", 1.5, "", *[
        r"\b(?:whole|entire) (?:company|organi[sz]ation|business|portfolio|group|network|fleet|system|institution|park|estate)\b",
        r"\bacross (?:the )?(?:whole|entire|all) (?:products|brands|portfolio|company|group|business|markets|regions)\b",
        r"\b(?:product line|business line|line of business|service line|portfolio)\b",
        r"\bfocus(?:es|ing|ed)? (?:\w+ly |only |solely )?(?:production |investment |resources |efforts |growth )?on\b",
        r"\bdropping [\w\s]{0,20}(?:service|line|products?|offering)\b",
    ]),
    *_cues("scope", -1.0, "routine", *[
        r"\b(?:line \d+|line [a-z]\b|crew [a-z]\b|ward \w+|route [a-z0-9]\b|feeder \d+|desk \d+|bay \d+|room \d+|the \w+ line)\b",
        r"\bfor (?:the )?[\w\s]{0,25}?\b(?:project|job)\b",
        r"\b(?:this|that) (?:shift|ward|line|store|site|job)\b",
    ]),
    # --- level: who decides ---
    *_cues("level", 2.0, "senior", *[
        r"\b(?:board|trustees|shareholders|stockholders|board of directors|governing body|regents|exco|excom|management board"
        r"|(?:port |city |county |district )?commission(?:ers)?|city council|council voted|family (?:agreed|decided|voted)|the family|managing partners?"
        r"|members'? (?:decision|vote|voted|agreed)|publisher'?s?|founders? agreed|both founders|co-?op members|governors"
        r"|committee (?:voted|approved|decided))\b",
    ]),
    *_cues("level", 1.5, "senior", *[
        r"\b(?:ceo|chief executive|c-suite|exec(?:utive)? (?:team|committee|leadership|board)|executive|leadership"
        r"|president'?s?|cabinet|owners?|ownership|founders?|co-?founders?|partners (?:agreed|approved|signed|decided|voted)"
        r"|(?:by|the) partners|top management|senior leadership|management committee|provost|chancellor)\b",
        rf"\bthe {_NUM} of us\b",
    ]),
    *_cues("level", 0.8, "senior", r"\b(?:dean|vp|vice president|cfo|coo|cto|cio|director)\b"),
    *_cues("level", -1.5, "", *[
        r"\b(?:supervisors?|shift (?:leads?|supervisors?)|team leads?|foreman|foremen|crews?|site supers?|superintendents?"
        r"|charge nurses?|attendants?|technicians?|operators?|clerks?|servers|cashiers?|drivers?|tas|teaching assistants"
        r"|front desk|housekeeping|dispatch\w*|night audit|pharmacy|registrar|procurement|purchasing|help desk|sre|on-?call"
        r"|platform team|ops team|qc|plant managers?|unit managers?|kitchen managers?|store managers?|site managers?"
        r"|(?:branch|department|area|regional|floor|office|warehouse|duty|team|shift|plant|unit|store|site|project|line"
        r"|kitchen|nurse|account|operations|ops|service|depot|fleet|call centre|call center) managers?|pms|department heads?"
        r"|gm|general manager"
        r"|meter readers|engineers on call|the team|our team|administrators?|coordinators?|records team)\b",
    ]),
    *_cues("level", -0.7, "", r"(?<![\w.])@\w+", r"\bowns? (?:it|execution|the rollout)\b", r"\bcan you\b"),
    # --- time horizon ---
    *_cues("time_horizon", 2.5, "", *[
        rf"\bover the (?:next|coming) (?:{_NUM} )?(?:years?|yrs?|decades?|seasons|harvests)\b",
        r"\b(?:by|from|in|until|through|before|starting|effective|after|beyond) (?:fy ?|the )?20[2-9]\d\b",
    ]),
    *_cues("time_horizon", 2.0, "", *[
        r"\b(?:over|within|in) (?:the )?(?:next |coming )?(?:1[2-9]|[2-9]\d)[ -]months?\b",
        r"\b(?:long[- ]term|long[- ]range|multi-?year|permanent(?:ly)?|for the foreseeable future|decades?|for good)\b",
        r"\b(?:1[2-9]|[2-9]\d|eighteen|twenty-four)[- ]months? (?:project|plan|program|transition|roadmap|build)\b",
        r"\b20[2-9]\d[–-](?:20)?[2-9]\d\b|\bbetween 20[2-9]\d and 20[2-9]\d\b",
        rf"\b(?:for|in) the (?:next|coming) (?:{_NUM} )?(?:years|decades?)\b|\bfor the long (?:haul|run|term)\b",
    ]),
    *_cues("time_horizon", 1.5, "", *[
        rf"\b{_NUM}[- ]?(?:year|yr)s?\b(?! old)", r"\bfy ?\d\d(?:[–-]\d\d)?\b", r"\bnext (?:fiscal )?(?:year|yr)\b",
        r"\bramp(?:ing)? (?:\w+ )?up over\b",
        r"\b(?:phased?|rolling out|roll out|transition) over (?:the next )?(?:\d+|two|three|several|a few|six|eighteen) ?(?:months?|years?|yrs?|quarters?|seasons)\b",
        r"\bin phases\b", r"\bby (?:end of )?year[- ]end\b",
        r"\b(?:ten|five|three)[- ]year plan\b", r"\bwhen the agreement ends\b",
    ]),
    *_cues("time_horizon", 0.7, "", r"\b(?:going forward|from now on|from here on|over the next \d months|20[2-9]\d)\b"),
    *_cues("time_horizon", -2.0, "", *[
        r"\b(?:today|tonight|tomorrow|tmrw|tmr|this (?:morning|afternoon|evening|week|weekend|sprint|shift|saturday|sunday|friday)"
        r"|next week|right away|immediately|asap|overnight|later today|eod|end of day)\b",
        r"\b\d{1,2}(?::\d{2})? ?(?:am|pm)\b", r"\b\d{1,2}[–-]\d{1,2} ?(?:am|pm)\b", r"\b\d{1,2}:\d{2}\b",
    ]),
    *_cues("time_horizon", -1.5, "", *[
        rf"\b(?:starting|from|effective|as of|beginning|on|by|until|this|next) (?:{_DAY}|{_SHORT_DAY})\b", rf"\b{_DAY}\b",
        r"\b(?:daily|nightly|weekly|every (?:day|night|morning|shift|week|other week|\d+(?:th|st|nd|rd)?|\d+ (?:min|mins|minutes|hours|hrs|days|weeks|wks)))\b",
        r"\b(?:\d+|two|three) sprints?\b|\b(?:next|this) sprint\b", r"\bwithin \d+ ?(?:h|hrs?|hours|min|minutes|days)\b",
        r"\buntil (?:the )?[\w\s]{0,40}?(?:done|fixed|repaired|back|resolved|complete|restored|over|finished|under)\b",
        r"\b(?:this|next) (?:spring |fall |autumn |winter |summer )?(?:term|semester|month|quarter)\b",
        r"\b(?:maintenance window|shutdown weekend|this weekend|next month)\b",
        rf"\b{_SHORT_DAY}/{_SHORT_DAY}\b",
    ]),
    *_cues("time_horizon", -0.8, "", r"\b(?:starting|effective|from) (?:next|the first)\b", r"\bspring term|fall term\b",
           r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec) \d{1,2}\b"),
    # --- focus: market, competitive position, resources; or efficiency of processes ---
    *_cues("focus", 2.0, "market_move", *[
        r"\b(?:pricing model|usage-based|per-seat|business model|revenue model|go-to-market|sales channels?|distribution channels?"
        r"|direct[- ]only|compete on price|competitive position|market share|market focus|target market|customer segments?)\b",
    ]),
    *_cues("focus", 1.5, "", *[
        r"\b(?<!day )(?<!farmers )(?<!farmers' )(?<!street )(?<!night )(?<!christmas )(?<!flea )(?:markets?|segments?"
        r"|verticals?|niche|customer base|client base|audiences?|clientele)\b",
        r"\b(?:different|new) pricing\b|\bpaid (?:tier|plan|product|subscription|b2b)\b",
        r"\b(?:compet(?:e|es|ing|ition|itive|itors?)|rivals?|our edge|edge vs|differentiat\w+|advantage|where we win|win long-term"
        r"|center of excellence|reputation|positioning|default \w+ tool|low-cost imports)\b",
        r"\b(?:r&d|research|innovation|new products?|product development)\b",
        r"\b(?:capex|capital (?:plan|budget|investment|allocation|project|campaign)|invest(?:ing|ment|ments)?|funded|funding"
        r"|bond issue|philanthropic|write-?down|headcount|redirect\w*|reallocat\w+|frees? up (?:capital|budget)"
        r"|freed (?:up )?(?:space|budget|lines|capital|capacity)|resource allocation)\b",
        r"\b(?:sq ft|square feet|new capacity|capacity|new building)\b",
    ]),
    *_cues("focus", 1.5, "strategy_word", r"\b(?:grow(?:th)?|scal(?:e|ing) to|expansion|margins?|profitab\w+)\b"),
    *_cues("focus", 0.8, "money",
           *[r"[$£€]\s?\d[\d,.]*\s?(?:k|m|mm|million|bn|billion)?\b", r"\b\d[\d,.]*\s?(?:k|m|million|bn|billion) (?:dollars|usd|eur|euros|pounds)\b"]),
    *_cues("focus", -2.0, "like_for_like", *[
        r"\b(?:same (?:spec|specification|model|type|make|price|slas?|terms|vendor|supplier)|like[- ]for[- ]like|standard replenishment"
        r"|identical|equivalent (?:unit|model|spec)"
        r"|as in the bid|top(?:ping)? up|replac(?:e|es|ing|ement) [\w\s']{0,30}?(?:after|due to|because of|that failed)"
        r"|after [\w\s']{0,30}?(?:failure|breakdown|storm|outage|accident|fire|flood)"
        r"|no change (?:to|in)|reline\w*|refurbish\w*|overhaul\w*|rehabilitat\w*|end of (?:its |their )?(?:useful )?life"
        r"|\d+ years old|ageing|aging|worn[- ]out|the existing|same as (?:the |our )?(?:last|previous|prior) (?:cycle|time|year|one)"
        r"|back to (?:its|their|the) (?:original |design |rated |normal )?(?:depth|capacity|spec|design|condition|level)"
        r"|same (?:cost|coverage|capacity|slot|orbital slot|footprint|clones?|route|size)|of the same capacity"
        r"|a replacement for|\d+-year-old|with new ones)\b",
    ]),
    *_cues("focus", -2.0, "routine", *[
        r"\b(?:repairs?|patch(?:ing|es)?|fix(?:ing|es)?|outage|reroute|rerouting|resurfacing|(?<!care and )maintenance|inspections?|preventive"
        r"|restock\w*|replenish\w*|reorder\w*|changeovers?|cleaning|cleans|housekeeping|upkeep|servicing|calibrat\w+"
        r"|dredg\w+|pm (?:plan|schedule|programme|program)|belt swaps?|service contract|rotating cycle|regeneration schedule)\b",
    ]),
    *_cues("focus", -1.5, "routine", *[
        r"\b(?:efficien\w+|faster|quicker|speed(?:ing)? up|throughput|productivity|on[- ]time|cycle times?|wait(?:ing)? times?"
        r"|delays?|backlog|bottlenecks?|turnaround|first response|response times?|latency|uptime|downtime|defects?|rework|waste"
        r"|check-in lines|out of stock)\b",
        r"\b(?:compliance|regulatory filings?|retention schedule|audit(?:s|ed|ing)?|disposal reviews?|recertif\w+|renewals?)\b",
        r"\b(?:rosters?|rota|shifts?|scheduling|staffing|coverage|handoffs?|huddles?|standups?|stand-ups?|toolbox talks?"
        r"|lunch breaks?|breaks|time slots?|slots"
        r"|training sessions?|visiting hours|opening hours|prep lists?|deadline|due by|triage|tickets?|walk-ins|macros"
        r"|alerts?|thresholds?|dashboards?|monitoring|maintenance window|status page|hotfix|upgrade|rfis?|qc|sampl\w+)\b",
    ]),
    *_cues("focus", -1.0, "routine", *[
        r"\b(?:process(?:es)?|procedure|protocol|checklists?|sops?|workflows?|templates?|forms?|policy portal|rules|calendar"
        r"|routes?|schedules?|menu|layout|gradebook|suppliers?|vendors?|purchase orders?|po|pos|contract|rental|slas?"
        r"|supplies|inventory|stock|the \w+ app|handheld|roster|pre-assign\w*|check-?ins?|checkouts?|assign\w*|closed"
        r"|sign[- ]?off|portal|attachments?|work orders?|paper (?:tags|forms))\b",
        r"\b(?:switch\w*|mov(?:e|es|ing)|migrat\w+)\b[^.;\n]{0,30}?\b(?:supplier|vendor|provider|service|app|tool|system|template"
        r"|software|version|actions|ci)\b",
        r"\b86\b", r"\bsame (?!time|day|week|month|year)\w+", r"\bcontinues? (?:at|as|to run)\b",
    ]),
    # --- what the organization commits to: new lines of work, ending old ones, new capacity ---
    *_cues("scope", 2.5, "market_move", *[
        r"\b(?:we'?re|we are|we'll be|we will be|now) in the [\w\s-]{1,30}? business\b",
        r"\b(?:committed|commit\w*|locked in) to (?:selling|offering|serving|building|making|providing|running)\b",
        r"\bsell\w* [\w\s-]{1,40}? as (?:a|an) (?:subscription|service|product|membership)\b",
        r"\bwhere (?:the|our) (?:org|organi[sz]ation|company|business|firm|group) is (?:headed|heading|going)\b",
        r"\b(?:mov(?:e|es|ing)|expand\w*|branch\w*) (?:out )?into [\w\s-]{1,30}? (?:work|services|contracts)\b",
        r"\bcommerciali[sz]\w*\b",
    ]),
    *_cues("scope", 2.0, "market_move", *[
        r"\b(?:won'?t|will not|not going to|decided not to|not) (?:re-?bid\w*|re-?tender\w*)\b",
        r"\bstop (?:renewing|re-?bidding|accepting|taking|booking) [\w\s-]{0,30}?(?:contracts|customers|clients|bookings|orders|tenants)\b",
        r"\b(?:don'?t|do not|won'?t|will not|no longer) (?:quote|take|accept|serve|bid on|do|make|print|ship)"
        r" (?:anything|any|jobs|orders|work|customers|runs) (?:under|below|over|above|less than|smaller than)\b",
        r"\b(?:over|instead of|rather than) (?:a |the )?like[- ]for[- ]like\b|\bourselves rather than\b",
        r"\bsubscription (?:offer|product|service|model|plan|business)\b|\bcentrali[sz]\w*\b|\bnetworked (?:feed|service|model)\b",
        r"\blet (?:the |our )?[\w\s-]{1,30}? (?:run off|lapse|expire)\b",
        r"\b(?:drop\w*|axe\w*|discontinu\w*|scrap\w*|cut)\b[^.;\n]{0,30}?\b(?:permanently|for good|altogether)\b",
        r"\bconcentrat\w+ (?:our |all |the )?[\w\s-]{1,30}? (?:in|on) (?:the )?[a-z]",
        r"\b(?:division|business unit|subsidiary) (?:with its own|of its own)\b",
        r"\blicens\w* (?:the|our) [\w\s+&-]{0,30}?(?:platform|trait|software|designs?|catalogue|content|models?)\b",
        r"\bbuild\w* (?:the|our) brand (?:around|on)\b",
    ]),
    *_cues("scope", 1.0, "", r"\bphas(?:e|ed|es|ing) out\b"),
    *_cues("link_to_strategy", 1.0, "", r"\binto (?:the|our) [\w\s-]{0,20}?polic(?:y|ies)\b"),
    *_cues("level", 1.5, "senior", r"\bgroup (?:decision|board)\b"),
    *_cues("scope", 2.0, "market_move", *[
        r"\b(?:foothold|beachhead|toehold|presence) in\b",
        r"\bevery (?:new )?(?:clinic|site|store|branch|centre|center|location|plant|office|school|depot|hotel|venue)'?s?"
        r" (?:moves?|switch\w*|goes?|migrat\w*|processes|will|gets?)\b",
        r"\b(?:revenue[- ]share|profit[- ]share|management agreement|asset[- ]light)\b",
        r"\bwith our own (?:techs?|technicians|staff|people|engineers|crews?)\b[^.;\n]{0,40}?\b(?:not|instead of|rather than)\b",
    ]),
    *_cues("focus", 1.5, "", r"\b(?:[5-9]|[1-9]\d)[- ]?(?:yr|year)s?\b[- ](?:lease|contract|concession|agreement|deal|commitment)\b"),
    *_cues("time_horizon", -1.5, "", *[
        r"\bfor the (?:summer|winter|holiday|christmas|easter|peak|busy) (?:peak|season|period|rush)\b|\b(?:summer|winter|holiday) peak\b",
        r"\bfor the (?:next|coming) (?:two|three|four|few|couple of|\d+) (?:sailings|voyages|flights|shifts|days|weeks|services"
        r"|matches|games|shows|performances|nights|events|runs|batches)\b",
    ]),
    *_cues("focus", 1.5, "", *[
        r"\b(?:a |our )?(?:second|third|fourth|another) [\w\s-]{0,20}?(?:plant|facility|site|factory|warehouse|depot|digester"
        r"|kiln|furnace|store|location|clinic|branch|office|hub|vessel|production line)\b",
        r"\b(?:that |the |this )?(?:capital|money|cash|budget|investment) (?:goes|will go|is going|going) into\b",
        r"\bput(?:ting)? (?:the )?(?:savings|money|cash|budget|capital) into\b|\bnew [\w-]+ (?:line|plant|site|facility|hub) in\b",
    ]),
    *_cues("focus", 1.0, "", r"\b(?:battery[- ]electric|hydrogen|electrif\w+|zero[- ]emission|net[- ]zero)\b"),
    *_cues("focus", -2.0, "like_for_like", *[
        r"\b(?:just|simply|only) (?:replacing|replace|swapping|renewing|repairing)\b",
        r"\breplac\w+ (?:the |our |all )?(?:[\w-]+ ){0,3}(?:old|worn|broken|damaged|shredded|failed|faulty|obsolete)\b",
        r"\b(?:lose|losing|loses|out of|end of) (?:manufacturer |vendor |mainstream )?support\b",
        r"\b(?:scheduled|planned|routine|regular) (?:[\w-]+ )?(?:change-?outs?|replacements?|renewals?|overhauls?)\b",
        r"\bstays? (?:exactly )?the same\b",
    ]),
    *_cues("scope", -2.0, "routine", r"\bno commitment\b|\bsample (?:pallet|order|batch|run)\b|\bone-?off\b"),
    # --- link to business strategy ---
    *_cues("link_to_strategy", 2.0, "", *[
        r"\b(?:strategic plan|business (?:goals?|objectives?|strategy|plan)|corporate (?:strategy|goals?)|okrs?|mission|vision"
        r"|north star|the goal is|our goal|long-term goals?|to compete|compete with|where (?:our )?margins|our edge|win long-term)\b",
        r"\b(?:become|becoming|be) (?:the|a|an) [\w\s'-]{0,40}?(?:leader|default|center of excellence|destination|provider|partner of choice|network operator|brand)\b",
    ]),
    *_cues("link_to_strategy", 1.0, "strategy_word", r"\b(?:strateg(?:y|ic|ies)|long[- ]term|growth|profitab\w+|as we scale)\b"),
    *_cues("link_to_strategy", -1.0, "", *[
        r"\bto (?:cut|reduce|speed up|shorten|lower|avoid|prevent|clear|fix|catch up|beat)\b",
        r"\bso (?:that )?[\w\s']{0,40}?(?:faster|quicker|before|on time)\b",
        r"\b(?:no change|does not alter|same slas?|standard)\b",
    ]),
]
