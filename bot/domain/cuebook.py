"""The catalogue of named cues (see `bot.domain.cues` for the notation).

Each cue says one thing the reference document uses to tell the two sides apart, in words any
industry uses. Its examples must match and its counterexamples must not (tests/domain/test_cuebook.py
runs every one). The trained model takes each cue's hits as a feature and learns how much it
counts; the weights here decide the five dimensions' leanings and their evidence.
"""

from __future__ import annotations

from bot.domain.cues import Cue

WORD_SETS = {
    "market": "market markets country countries region regions segment segments sector sectors industry "
    "territory territories",
    "line": "business businesses market markets segment sector industry line lines brand brands category",
    "firm": "rival rivals competitor competitors company companies firm firms business businesses chain chains "
    "group operator brand agency practice practices startup start-up stake",
    "site": "plant plants factory factories site sites campus campuses store stores branch branches warehouse "
    "warehouses centre centres center centers hub hubs mill mills clinic clinics hospital hospitals office "
    "offices depot depots facility facilities school schools location locations hotel hotels outlet outlets "
    "restaurant restaurants studio studios shop shops showroom showrooms terminal terminals yard yards "
    "farm farms kitchen kitchens lab labs laboratory laboratories venue venues unit units",
    "money_word": "capital capex investment investments funding spend spending budget budgets money cash resources",
    "offering": "brand range product products service services offering offerings business venture programme "
    "program degree subscription subscriptions membership edition format label",
    "unit": "line bay ward dock gate room desk lane aisle platform pump till register door route table bed zone "
    "floor level stand berth pitch court rink track kiosk counter",
    "frontline": "supervisor supervisors foreman foremen crew crews technician technicians techs clerk clerks "
    "cashier cashiers driver drivers agents nurse nurses porter porters attendant attendants "
    "receptionist receptionists cleaner cleaners barista baristas servers waiters waitstaff pickers "
    "packers mechanic mechanics dispatcher dispatchers chefs cooks stewards guards volunteers "
    "housekeeping housekeepers tellers caretakers rangers lifeguards groundskeepers keepers",
    "middle": "manager managers lead leads supervisor supervisors coordinator coordinators",
    "site_role": "store site plant branch shift duty floor ward unit line area department depot warehouse kitchen "
    "office project operations ops team service fleet regional general account practice night day "
    "shop clinic venue production",
    "moved_things": "capital capex investment investments spending spend budget budgets production focus resources "
    "manufacturing emphasis sourcing volume volumes business portfolio money funding strategy towards "
    "toward away upmarket premium capacity",
    "site_change": "open opens opening build builds building construct constructing close closes closing shut shuts "
    "shutting consolidate consolidates consolidating consolidation relocate relocates relocating "
    "decommission decommissioning mothball mothballing retire retiring convert converting",
    "process_trouble": "efficiency efficient efficiently faster quicker throughput productivity backlog backlogs "
    "bottleneck bottlenecks turnaround downtime uptime rework waste wastage delays delay queue queues "
    "latency errors",
    "upkeep": "repair repairs repaired repairing fix fixes fixing patch patching maintenance servicing serviced "
    "inspection inspections inspect inspecting cleaning cleaned resurfacing resurface repaint "
    "repainting calibration calibrate calibrating recalibrate descale descaling defrost defrosting "
    "lubricate greasing restock restocking replenish replenishing replenishment reorder reordering "
    "refill refilling dredging regrout reseal resealing servicing",
    "scheduling": "roster rosters rostered rostering rota rotas shift shifts scheduling staffing overtime handover "
    "handovers timetable timetables breaks slot slots rotation",
    "tools": "process processes procedure procedures checklist checklists sop sops protocol protocols template "
    "templates forms workflow workflows ticket tickets logbook spreadsheet handheld handhelds portal "
    "dashboard dashboards alert alerts threshold thresholds macro macros signage paperwork triage "
    "huddle huddles standup standups briefing briefings stocktake stock inventory supplies "
    "consumables spares",
}
WORD_SETS = {name: frozenset(words.split()) for name, words in WORD_SETS.items()}


CUEBOOK: list[Cue] = [
    # --- scope: the whole organization, its markets and its portfolio; or one process, unit or job ---
    Cue(
        id="market-entry",
        dimension="scope",
        weight=3.0,
        kind="move",
        summary="Entering a new market, country, region or customer segment.",
        phrases=(
            "{enter,enters,entering,entered,entry} ... @market",
            "{entry,expand,expands,expanding,expansion,move,moving,moves,branch,branching} into ... @market",
            "{expand,expands,expanding,expansion} into",
            "break* into",
            "{start,starting,begin,beginning} {selling,operating,trading,exporting,shipping} {in,to,into}",
            "{launch,launching,launches} in",
            "{foothold,beachhead,presence} in",
            "never {served,sold,operated,traded}",
            "not yet {served,sold,operated,traded}",
            "{new,first} {market,markets,country,territory,territories}",
        ),
        examples=(
            "The CEO wants us to enter the Japanese market.",
            "We're expanding into Mexico next year.",
            "Start selling in Canada from spring, through our own site.",
            "Board approved entry into the home insurance segment.",
            "We want a foothold in Southeast Asia before the rivals.",
            "Open routes into South America, a region we have never served.",
        ),
        counterexamples=(
            "Please enter the stock counts into the sheet by Friday.",
            "Expanding the break room into the old store cupboard.",
            "Farmers market stall rota: Sam covers Saturday.",
        ),
    ),
    Cue(
        id="market-exit",
        dimension="scope",
        weight=3.0,
        kind="move",
        summary="Leaving a market, country or line of business, or no longer offering something.",
        phrases=(
            "{exit,exits,exiting,exited}",
            "{leave,leaves,leaving,quit,quits,quitting,abandon,abandoning} ... @line",
            "{withdraw,withdraws,withdrawing,withdrawal} from",
            "pull* out of",
            "{get,getting} out of",
            "wind* down",
            "{stop,stops,stopping,cease,ceasing,end,ending} {selling,offering,making,serving,supplying,producing,"
            "trading,exporting,manufacturing,brewing,printing,publishing,breeding,hosting,running}",
            "no longer {sell,sells,offer,offers,make,makes,serve,serves,supply,supplies,produce,produces,run,do}",
            "sunset*",
            "discontinu* ... {line,lines,range,product,products,service,services,brand,business,edition}",
            "{drop,dropping,drops,axe,axing,scrap,scrapping} ... {line,range,brand,business,segment,service,"
            "services,edition}",
            "done with",
        ),
        unless=(
            "{fire,emergency,side,rear,main,front,north,south,east,west} exit*",
            "exit* ... {building,room,premises,door,doors,ramp,lane,gate,interview,interviews,survey,surveys,sign,"
            "signs,route,routes,code,codes,page,screen,app,meeting,car,park,queue}",
            "exit {interview,interviews,survey,surveys,ticket,tickets}",
            "pull* out of ... {bay,bays,depot,yard,dock,garage,car,park,station,lot,service,rotation,queue}",
            "{get,getting} out of ... {bed,car,van,truck,building,room,meeting,hospital,way,hand,jail}",
            "{get,getting} out of {the,a} {way,door,habit,house,queue,office}",
            "wind* down {the,a,for,at,by,early,before} ... {shift,day,night,evening,service,week,kitchen,bar}",
        ),
        examples=(
            "We are pulling out of home insurance.",
            "Board approved: we exit retail banking in Poland by 2028.",
            "The toy company is withdrawing from the United States after a decade there.",
            "We'll stop selling wholesale and sell only through our shop.",
            "Sunsetting the print edition at the end of the year.",
            "We're done with wedding photography.",
        ),
        counterexamples=(
            "Fire exit on level 2 is blocked again, please clear it.",
            "Exit interviews move to a form from Monday.",
            "Get out of the way of the forklift lanes during deliveries.",
            "Kitchen winds down for the evening at 10pm.",
        ),
    ),
    Cue(
        id="acquisition",
        dimension="scope",
        weight=3.0,
        kind="move",
        summary="Buying, merging with or taking a stake in another business.",
        phrases=(
            "{acquire,acquires,acquiring,acquired,acquisition,acquisitions}",
            "{merge,merges,merger,mergers,merging}",
            "{takeover,buyout}",
            "{take,takes,taking} over ... @firm",
            "{buy,buys,buying,bought,purchase,purchases,purchasing} ... @firm",
            "{stake,shareholding,share} in",
            "joint venture",
            "{join,joins,joining,joined} forces",
            "{team,teams,teaming,teamed,tie,ties,tying,tied,link,links,linking,linked} up with",
            "{form,forms,forming,formed,enter,enters,entering} ... alliance",
        ),
        unless=(
            "acquir* ... {data,skills,skill,samples,sample,images,image,signal,permit,permits,taste,licence,license}",
            "{buy,buys,buying,bought,purchase,purchasing} ... business {cards,class,hours,days,rates,licence,license}",
            "take* over ... {shift,shifts,rota,duty,duties,desk,calls,queue,night,early,late,handover,the running}",
            "merg* ... {lanes,lane,queues,cells,files,spreadsheets,sheets,tabs,tickets,forms,rotas,shifts,lists}",
        ),
        examples=(
            "The seed company is purchasing a rival crop genetics firm.",
            "The CEO wants to take over the competing dental clinic chain across town.",
            "Leadership decided to acquire a regional cold-chain logistics firm.",
            "We'll take a 30% stake in our biggest supplier.",
            "Merger with Harbor Mutual signed; integration over two years.",
            "We are teaming up with our biggest rival to share one logistics network.",
        ),
        counterexamples=(
            "Acquire the satellite images for plot 7 before noon.",
            "Night team takes over the help desk queue at 10pm.",
            "Merge the two cleaning rotas into one sheet.",
            "Buy business cards for the new starters.",
        ),
    ),
    Cue(
        id="divestment",
        dimension="scope",
        weight=3.0,
        kind="move",
        summary="Selling off or spinning off a business, division, brand or sites.",
        phrases=(
            "{divest,divests,divesting,divestment,divestiture,offload,offloading}",
            "{spin,spins,spinning,spun} off",
            "{sell,sells,selling,sold} ... {business,division,unit,subsidiary,brand,stake,arm,portfolio,chain,"
            "plants,stores,sites,hotels,branches,clinics,book,fleet,operations,titles,property,estate,land}",
            "{sell,sells,selling,sold} off",
            "{hand,hands,handing} ... over to",
        ),
        unless=(
            "sell* off ... {stock,surplus,leftovers,scrap,samples,excess,end,ends,returns}",
            "sell* ... {operations,property} {manual,team,tickets}",
            "hand* ... over to ... {night,day,early,late,next,morning,evening} {shift,team,crew}",
            "hand* ... over to {the,a} {next,night,day,morning,evening,relief,incoming}",
        ),
        examples=(
            "We'll sell the frozen foods division to a private equity buyer.",
            "Spin off the software arm as its own company next year.",
            "Board agreed to divest our three rural hotels.",
            "Hand the Leeds plant over to the new owners in March.",
        ),
        counterexamples=(
            "Sell off the surplus stock of winter coats at half price.",
            "Hand your keys over to the night shift supervisor.",
            "Sales team training moves to Thursdays.",
        ),
    ),
    Cue(
        id="new-offering",
        dimension="scope",
        weight=2.5,
        kind="move",
        summary="A new product line, brand, service line or venture: what the organization offers changes.",
        phrases=(
            "{new,second,third,another} {brand,venture,concept,label}",
            "{product,business,service,revenue,income} {line,lines,stream,streams}",
            "line of {business,work}",
            "{launch,launching,launches,launched,introduce,introducing,introduces} ... @offering",
            "{start,starting,begin,beginning,starts} {offering,selling,making,producing,providing,exporting,"
            "manufacturing,licensing,franchising,building,growing,brewing,publishing,hosting}",
            "diversif*",
            "{as,into} a paid {service,product,offering}",
        ),
        unless=(
            "{launch,launching,launches,launched,introduce,introducing} ... {service,business} {desk,window,contract,"
            "call,calls,schedule,rota,hours,meeting,review}",
            "{launch,launching,launches,launched,introduce,introducing} ... {range,format,label} {of,for} ... "
            "{checks,check,tests,labels,forms,sheets,shifts}",
        ),
        examples=(
            "We're launching a second brand aimed at students.",
            "Start offering home delivery as a paid service from 2027.",
            "A new revenue stream: we license our recipes to other bakeries.",
            "Diversifying into commercial cleaning contracts.",
        ),
        counterexamples=(
            "Launching the new service desk rota on Monday.",
            "Start the morning stock count at 6.",
            "Line 3 restarts after the belt swap.",
        ),
    ),
    Cue(
        id="make-or-buy",
        dimension="scope",
        weight=2.5,
        kind="move",
        summary="Outsourcing, bringing work in-house, or franchising and licensing instead of running it ourselves.",
        phrases=(
            "outsourc*",
            "{insource,insourcing,insourced}",
            "in house",
            "{vertical,vertically} integrat*",
            "white label*",
            "{franchise,franchises,franchising,franchised} {model,our,the,out,network}",
            "licens* {our,the} ... {brand,technology,recipes,recipe,ip,patents,patent,designs,format,formats,"
            "catalogue,content,platform,software,name}",
            "{make,making,build,building,grow,growing,run,running,brew,brewing,bake,baking} {our,its,their} own",
            "{rather,instead} than ... ourselves",
        ),
        examples=(
            "We're outsourcing all distribution to a 3PL.",
            "Bring payroll in-house next year instead of the bureau.",
            "Start making our own packaging rather than buying it in.",
            "License our brand to a partner in the Gulf.",
        ),
        counterexamples=(
            "Order more packaging from the usual supplier.",
            "Payroll runs on Thursday this month because of the holiday.",
            "The in tray is full again.",
        ),
    ),
    Cue(
        id="footprint",
        dimension="scope",
        weight=2.0,
        kind="move",
        summary="Opening, building, closing or consolidating plants, sites, stores or other facilities.",
        phrases=(
            "@site_change ... @site",
            "care and maintenance",
        ),
        unless=(
            "{open,opens,opening,close,closes,closing,shut,shuts,shutting} ... {early,late,temporarily,today,tonight,"
            "tomorrow,briefly,overnight}",
            "{open,opens,opening,close,closes,closing,shut,shuts,shutting} ... for {the,a,an,cleaning,maintenance,"
            "repairs,resurfacing,stocktake,inventory,training,lunch,inspection,the,deliveries}",
            "{open,opens,opening,close,closes,closing,shut,shuts,shutting} ... {at,until,till,from,on} <num>",
            "{open,opens,opening,close,closes,closing,shut,shuts,shutting} ... {at,until,till,from,on} <day>",
            "{open,opens,opening,close,closes,closing,shut,shuts,shutting} ... {at,until,till} {noon,midnight}",
            "{building,shop,store,office,warehouse,site,plant,kitchen} {manager,managers,supervisor,floor,team,staff}",
            "{open,opening,close,closing} {the,a} {ticket,tickets,case,cases,file,order,orders,door,doors,gate}",
        ),
        examples=(
            "We're closing the inpatient unit at our Riverside hospital in 2026.",
            "Build a second factory in Ohio over the next three years.",
            "Consolidating our four warehouses into one automated hub.",
            "Opening six new stores in the north next year.",
        ),
        counterexamples=(
            "Close the Leeds store early on Sunday for the stocktake.",
            "Pool closed after 9pm this week for resurfacing.",
            "Office opens at 8 from Monday.",
            "Store manager wants the rota by Thursday.",
        ),
    ),
    Cue(
        id="repositioning",
        dimension="scope",
        weight=2.5,
        kind="move",
        summary="Repositioning, rebranding or pivoting what the organization is and whom it serves.",
        phrases=(
            "{reposition,repositions,repositioning,repositioned,rebrand,rebrands,rebranding,rebranded,pivot,pivots,"
            "pivoting,pivoted,refocus,refocuses,refocusing,reinvent,reinventing}",
            "{go,going,move,moving,shift,shifting} {upmarket,downmarket,premium,upscale,online}",
            "{focus,focusing,focuses,concentrate,concentrating} {only,solely,exclusively,entirely} on",
            "{serve,serving,sell,selling,work,working} only {to,for,with}",
            "{all,all-in} in on",
            "{only,exclusively} {b2b,b2c,wholesale,retail,online,direct}",
        ),
        unless=(
            "pivot {table,tables}",
            "refocus* {the,a,our} {camera,lens,telescope,microscope,beam,projector}",
        ),
        examples=(
            "We're repositioning the hotels as long-stay apartments.",
            "Pivot from hardware to a software subscription.",
            "There are three of us, but we go all in on commercial shoots.",
            "From now on we focus solely on corporate clients.",
        ),
        counterexamples=(
            "Update the pivot table in the weekly report.",
            "Please refocus the telescope after the lens clean.",
            "Focus on the backlog this week.",
        ),
    ),
    Cue(
        id="whole-organisation",
        dimension="scope",
        weight=1.0,
        kind="reach",
        summary="The decision reaches the whole organization, its portfolio or all its businesses.",
        phrases=(
            "{whole,entire} {company,organisation,organization,business,group,portfolio,network,estate,fleet,"
            "institution,firm,enterprise}",
            "{company,group,organisation,organization,enterprise,firm,network,portfolio,system} wide",
            "across {all,every,the} ... {markets,regions,brands,divisions,businesses,countries,companies,subsidiaries}",
        ),
        examples=(
            "The whole company moves to a four-day week by 2027.",
            "A group-wide pricing model for all our brands.",
            "Across all our markets we'll sell direct.",
        ),
        counterexamples=(
            "The whole shift gets a break at 3pm.",
            "Across the ward, beds get new sheets daily.",
        ),
    ),
    Cue(
        id="single-unit",
        dimension="scope",
        weight=-1.0,
        kind="reach",
        summary="One line, bay, ward, room, route or job: a single unit of operations.",
        phrases=(
            "@unit <id>",
            "{this,that,tonight's,today's,tomorrow's,next} {shift,job,batch,run,delivery,order,event,match,flight,"
            "sailing}",
            "{one,single} {shift,job,batch,run,delivery,order,event}",
            "one off",
            "{just,only} this {once,time,week,weekend,month}",
        ),
        examples=(
            "Line 3 restarts at 14:00 after the belt swap.",
            "Gate B12 jet bridge is down, use the stairs.",
            "Just this once, the delivery goes to the back door.",
            "Tonight's shift starts half an hour later.",
        ),
        counterexamples=(
            "Over the next three years we rebuild the network.",
            "The board approved the new line of business.",
        ),
    ),
    # --- level of decision-making: top management, or middle and lower managers ---
    Cue(
        id="board",
        dimension="level",
        weight=2.0,
        kind="role",
        summary="The board, trustees, shareholders, owners' council or governing body decides.",
        phrases=(
            "board",
            "{trustees,shareholders,stockholders,governors,regents,investors}",
            "governing body",
            "{council,committee,members,partners,family,owners} {voted,approved,agreed,decided,signed}",
        ),
        unless=(
            "{on,aboard,notice,cutting,chopping,circuit,key,bulletin,message,drawing,score,sign,white,dart,diving,"
            "ironing,skirting,floor,departures,arrivals,job,mood,story,pin,task,kanban} board",
            "board {the,at,from,via,through,passengers,first,last,game,games,shorts,up,ups}",
            "{boarding,aboard}",
        ),
        examples=(
            "Board approved the capital plan.",
            "The trustees voted to close the satellite campus.",
            "Shareholders back the merger.",
            "The family agreed to sell the estate.",
        ),
        counterexamples=(
            "Put the new rota on the notice board.",
            "Passengers board at gate 5 from 14:10.",
            "Get everyone on board with the new checklist.",
        ),
    ),
    Cue(
        id="top-executive",
        dimension="level",
        weight=1.5,
        kind="role",
        summary="The chief executive, the owners or founders, or the executive team decides.",
        phrases=(
            "{ceo,ceos,president,chairman,chairwoman,chairperson,founder,founders,cofounder,"
            "cofounders,owner,owners,ownership,proprietor,md}",
            "chief executive",
            "co founders",
            "c suite",
            "{executive,exec,leadership,management} {team,committee,board,group}",
            "{top,senior} {management,leadership}",
            "managing {director,directors,partner,partners}",
            "the partners",
            "{leadership,executives} {decided,approved,agreed,wants,want,signed}",
        ),
        unless=(
            "{process,product,task,ticket,shift,account,site,service,rota,roster,key,car,pet,dog,house,home,"
            "property,business,system,data,budget,risk,control,record,van,vehicle,boat} {owner,owners}",
            "{store,shop,restaurant,salon,stall} owners ... {association,forum}",
            # an executive who only announces or mentions something is not the one who decides it
            "{ceo,president,chairman,founder,founders,owner,owners,md} {announced,mentioned,presented,shared,praised,"
            "thanked,congratulated}",
            "{announced,mentioned,presented,shared,praised} by the {ceo,president,chairman,founder,founders,owner,md}",
        ),
        examples=(
            "Our CEO asked that the stock count start at 7am.",
            "The founders agreed to move the studio to Lisbon.",
            "Exec team signed off the three-year plan.",
            "Senior leadership wants us in the premium segment.",
        ),
        counterexamples=(
            "The process owner updates the checklist each Monday.",
            "Dog owners must keep pets on a lead in the garden.",
            "Product owner moved the sprint review.",
            "We roll out a new pick path and the CEO announced it at the all-hands.",
        ),
    ),
    Cue(
        id="senior-manager",
        dimension="level",
        weight=0.8,
        kind="role",
        summary="A vice president or director: senior, but not necessarily top management.",
        phrases=(
            "{vp,svp,evp,cfo,coo,cto,cio,cmo,cro,cpo}",
            "vice president",
            "{director,directors}",
        ),
        unless=(
            "{funeral,musical,art,creative,technical,stage,casting,film,site,shift,duty,event,events,activity,"
            "activities,tour,clinical,medical,ward,choir,theatre,theater,match,race,sports} director*",
        ),
        examples=(
            "The VP of sales wants a new price list.",
            "Our CFO approved the lease.",
            "Directors agreed the budget split.",
        ),
        counterexamples=(
            "The funeral director confirmed the 2pm slot.",
            "Stage director moved the rehearsal to Friday.",
        ),
    ),
    Cue(
        id="middle-manager",
        dimension="level",
        weight=-1.0,
        kind="role",
        summary="A store, site, shift or department manager or lead: middle management runs it.",
        phrases=(
            "@site_role @middle",
            "department {head,heads}",
            "head {chef,nurse,porter,housekeeper,teacher,gardener,keeper,coach,brewer,baker}",
            "{gm,pm,pms}",
            "general manager",
        ),
        examples=(
            "Store manager wants the rota by Thursday.",
            "The shift lead moved breaks to 11 and 3.",
            "Head chef changed the prep list.",
            "Department heads agreed the exam timetable.",
        ),
        counterexamples=(
            "The board approved the plan.",
            "Leadership decided to exit the segment.",
        ),
    ),
    Cue(
        id="frontline",
        dimension="level",
        weight=-1.5,
        kind="role",
        summary="Supervisors, crews, technicians, drivers, nurses and other front-line staff carry it out.",
        phrases=(
            "@frontline",
            "{the,our} {team,crew,staff}",
            "{on,duty} call",
            "front desk",
        ),
        unless=("{board,executive,leadership,management,senior,top} {team,crew,staff}",),
        examples=(
            "Drivers take the bypass until the bridge reopens.",
            "Supervisors sign the checklist at handover.",
            "The crew swaps the belts on Saturday.",
            "Front desk hands out the new maps.",
        ),
        counterexamples=(
            "The board signed off the acquisition.",
            "Leadership team agreed the five-year plan.",
        ),
    ),
    Cue(
        id="junior-staff",
        dimension="level",
        weight=-1.5,
        kind="role",
        summary="Junior staff, interns, apprentices or trainees: the lowest level of the organization.",
        phrases=(
            "{junior,juniors,intern,interns,apprentice,apprentices,trainee,trainees,graduates}",
            "new {hire,hires,starter,starters,joiner,joiners}",
            "entry level",
        ),
        unless=("junior {partner,partners,minister,ministers}",),
        examples=(
            "Two junior analysts will re-run the monthly reconciliation.",
            "Interns cover the phones on Friday.",
            "New starters shadow a senior tech for a week.",
        ),
        counterexamples=(
            "The partners agreed to open a Dublin office.",
            "Senior leadership signed it off.",
        ),
    ),
    # --- time horizon: the long term, or day to day ---
    Cue(
        id="years-ahead",
        dimension="time_horizon",
        weight=2.5,
        kind="horizon",
        summary="A horizon of years: over the next few years, a multi-year plan, the long term.",
        phrases=(
            "over the {next,coming} ... {years,decade,decades}",
            "{in,for,into} the {coming,next} {years,decade,decades}",
            "{in,for,into} coming {years,decades}",
            "for years to come",
            "{years,decades} ahead",
            "{within,in,over,for} ... <num> {years,yrs}",
            "<num> {year,yr} {plan,programme,program,strategy,roadmap,transition,horizon,contract,lease,deal,"
            "agreement,commitment,partnership,project,build,investment,concession,phase-in,rollout}",
            "multiyear",
            "multi year",
            "{decade,decades}",
            "long {term,range,haul,run}",
        ),
        unless=(
            "<num> {years,yrs} {old,ago,of}",
            "{last,past,previous} ... <num> {years,yrs}",
            "{multi} {purpose,skilled,site,storey,story,use,tool,pack}",
        ),
        examples=(
            "Over the next three years we close four depots.",
            "A ten-year lease on the new terminal.",
            "This is a long-term bet on electric buses.",
            "A multi-year programme to rebuild the network.",
            "Hold more stock for resilience in coming years.",
            "A hub we will rely on for years to come.",
        ),
        counterexamples=(
            "The boiler is 15 years old and keeps tripping.",
            "The next years' budgets come later.",
            "Over the last five years sales doubled.",
            "Multi-purpose cleaner for the wards.",
        ),
    ),
    Cue(
        id="target-year",
        dimension="time_horizon",
        weight=2.5,
        kind="horizon",
        summary="A target year, or a span between years: by 2028, from 2030, FY27.",
        phrases=(
            "{by,from,in,until,through,before,starting,beyond,after,effective,during,for} <year>",
            "<year> to <year>",
            "between <year> and <year>",
        ),
        pattern=r"\b fy \s? '? \d{2} \b",
        requires=("fy",),
        examples=(
            "We exit retail banking by 2028.",
            "New campus opens in 2029.",
            "Capital plan for FY27.",
            "A rollout between 2027 and 2030.",
        ),
        counterexamples=(
            "Order 2028 more gloves.",
            "Ward 2030 is closed for cleaning.",
        ),
    ),
    Cue(
        id="permanent",
        dimension="time_horizon",
        weight=1.5,
        kind="horizon",
        summary="A lasting change: permanently, for good, for the foreseeable future.",
        phrases=(
            "{permanent,permanently}",
            "for good",
            "foreseeable future",
            "{next,coming} {fiscal,financial} year",
            "next year",
        ),
        unless=("{permanent} {marker,markers,ink,pen,pens,staff,contract,contracts,role,roles,position,positions}",),
        examples=(
            "We are closing the print edition for good.",
            "The Dublin office shuts permanently in March.",
            "Budget for next year moves to digital.",
        ),
        counterexamples=(
            "Label the bins with a permanent marker.",
            "Good job on the handover today.",
        ),
    ),
    Cue(
        id="months-ahead",
        dimension="time_horizon",
        weight=1.5,
        kind="horizon",
        summary="A horizon of many months, or a phased transition: over 18 months, in phases.",
        phrases=(
            "over the {next,coming} ... months",
            "{phase,phased,phasing,ramp,ramping} ... over",
            "{roll,rolling,rolled} out over",
            "in phases",
            "<num> month {plan,programme,program,transition,roadmap,build,project}",
        ),
        examples=(
            "Phased over the next 18 months, starting with the north.",
            "We'll move to the new model in phases.",
            "An 18-month transition to the new supplier base.",
        ),
        counterexamples=(
            "The shift pattern changes next week.",
            "Roll the trolley over to bay 2.",
        ),
    ),
    Cue(
        id="going-forward",
        dimension="time_horizon",
        weight=0.7,
        kind="horizon",
        summary="An open-ended change with no stated horizon: going forward, from now on.",
        phrases=("going forward", "from now on", "from here on", "{ongoing}"),
        examples=("Going forward, we only bid on public contracts.", "From now on the report is weekly."),
        counterexamples=("Going to the depot forward bay at 3.",),
    ),
    Cue(
        id="immediate",
        dimension="time_horizon",
        weight=-2.0,
        kind="horizon",
        summary="Today, tonight, tomorrow, this week: a change for now.",
        phrases=(
            "{today,tonight,tomorrow,tmrw,tmr,asap,immediately,eod,overnight}",
            "right away",
            "this {morning,afternoon,evening,week,weekend,shift,sprint,saturday,sunday,friday,month}",
            "this {week's,weekend's,month's}",
            "{today's,tonight's,tomorrow's}",
            "next week",
            "end of {day,shift}",
        ),
        unless=(
            "{decided,approved,agreed,announced,confirmed,signed,voted,decision,meeting,call} {today,yesterday,"
            "tonight,this}",
            "signed off {today,this}",
        ),
        examples=(
            "Cleaners start at 6am tomorrow on floor 3.",
            "Ward visiting hours change starting tonight.",
            "Fix the label printer this afternoon.",
            "Air-freight one batch so we hit this month's energisation date.",
        ),
        counterexamples=(
            "The board approved today the exit from Poland by 2028.",
            "The board decided this month to leave Poland by 2028.",
            "Over the next decade we grow the fleet.",
        ),
    ),
    Cue(
        id="clock-time",
        dimension="time_horizon",
        weight=-2.0,
        kind="horizon",
        summary="A time of day: 7am, 9:30, 14:05.",
        pattern=r"""
            \b \d{1,2} (?: : \d{2} )? \s? (?: am | pm ) \b      # 7am, 9:30 pm
            | \b (?: [01]?\d | 2[0-3] ) : [0-5]\d \b              # 14:05
            | \b \d{1,2} \s? [-–] \s? \d{1,2} \s? (?: am | pm ) \b  # 2-8pm
        """,
        requires=("am", "pm", ":"),
        examples=("Visiting hours are now 2-8pm.", "Doors open at 7am.", "The 14:05 uses the stairs.", "Start 9:30."),
        counterexamples=("Over the next 3 years.", "Ratio is 3:1 now.", "Price up 2%."),
    ),
    Cue(
        id="weekday",
        dimension="time_horizon",
        weight=-1.5,
        kind="horizon",
        summary="A day of the week: starting Monday, on Fridays.",
        phrases=("<day>",),
        # "sun" and "sat" are words too: "a follow-the-sun support desk", "the order sat in the queue"
        unless=(
            "{black,cyber,good,ash,palm} {friday,monday,sunday,wednesday}",
            "the sun",
            "sat {in,on,down,idle,there}",
        ),
        examples=("Starting Monday, deliveries come in at the back.", "No stocktake on Fridays.", "Open Sun 10-4."),
        counterexamples=(
            "Black Friday pricing stays as it was.",
            "Over the next five years.",
            "Support moves to a follow-the-sun model.",
            "The order sat in the queue.",
        ),
    ),
    Cue(
        id="recurring",
        dimension="time_horizon",
        weight=-1.5,
        kind="horizon",
        summary="A recurring routine: daily, weekly, every shift, twice a day.",
        phrases=(
            "{daily,nightly,weekly,fortnightly,hourly}",
            "every {day,night,morning,evening,afternoon,shift,week,weekday,weekend,hour,fortnight,other,<num>,<day>}",
            "{once,twice} a {day,week,shift,night,month}",
            "{per,each} {shift,day,night,week}",
        ),
        examples=(
            "Temperatures get logged every shift.",
            "Pharmacy delivers to ward 6 twice a day.",
            "Weekly stand-ups move to Tuesday.",
        ),
        counterexamples=("Over the next decade we double capacity.", "Every market we enter needs a partner."),
    ),
    Cue(
        id="short-period",
        dimension="time_horizon",
        weight=-1.0,
        kind="horizon",
        summary="A short stretch: this month or term, the holiday peak, the next few days.",
        phrases=(
            "{this,next} {month,term,semester,quarter,season,fortnight}",
            "for the {summer,winter,holiday,holidays,christmas,easter,peak,busy,festive} ... {season,period,peak,rush,"
            "break,weeks}",
            "{summer,winter,holiday} peak",
            "for the {next,coming} {few,couple,two,three,four,<num>} ... {days,weeks,shifts,sailings,nights,events,"
            "games,matches,runs,batches,flights}",
            "{within,in} <num> {hours,hrs,minutes,mins,days}",
            "until further notice",
            "until ... {fixed,repaired,done,back,resolved,restored,finished,reopens,reopened}",
        ),
        examples=(
            "Extra cover for the Christmas rush.",
            "For the next two sailings we board from pier 4.",
            "Respond to complaints within 24 hours.",
            "Use the side door until the lift is fixed.",
        ),
        counterexamples=("Over the next three years.", "By 2030 we serve the whole region."),
    ),
    Cue(
        id="calendar-date",
        dimension="time_horizon",
        weight=-0.8,
        kind="horizon",
        summary="A particular date: March 3, 14 June.",
        phrases=("<month> <num>", "<num> <month>"),
        unless=("<month> <year>",),
        examples=("The audit moves to March 3.", "Close the pool on 14 June."),
        counterexamples=("By March 2028 we exit.", "May we take the bay?"),
    ),
    # --- focus: market focus, competitive position and resources; or efficiency of processes ---
    Cue(
        id="capital-allocation",
        dimension="focus",
        weight=2.5,
        kind="move",
        summary="Moving capital, investment or budget from one business, region or product to another.",
        phrases=(
            "{reallocat*,redirect*,divert*,rebalanc*,redeploy*} ... @money_word",
            "@money_word {reallocated,redirected,diverted,moved,shifted,switched,transferred} {to,into,from,toward,"
            "towards}",
            "{shift,shifting,shifts,move,moving,moves,switch,switching,channel,channelling,put,putting,pour,"
            "pouring,steer,steering,plough,plow} ... @money_word ... {from,to,into,toward,towards,away}",
            "@money_word {goes,go,going,will,is} ... {into,to,toward,towards}",
            "{invest,invests,investing} {in,into}",
            "{frees,free,freeing,freed} up {capital,cash,budget,money,funds,resources}",
            "% of ... {capex,capital,budget,investment,spend,spending,funding}",
            "{reinvest,reinvests,reinvesting}",
        ),
        unless=(
            "{budget,money,cash} {meeting,meetings,call,review,template,sheet,spreadsheet,report,code,codes,owner,"
            "box,tin,float,bag,count,office}",
            "{move,moving,put,putting} ... {cash,money} ... {safe,till,tin,box,float,drawer,bank}",
        ),
        examples=(
            "Shift 20% of capex from print to digital.",
            "The CEO wants half of the exploration budget reallocated to wind farms.",
            "Redirect renovation capital from city hotels to beach resorts.",
            "The savings free up capital for product R&D.",
        ),
        counterexamples=(
            "Move the budget meeting to Tuesday.",
            "Put the cash from the float into the safe at close.",
            "Shift the rota so Sam covers Friday.",
        ),
    ),
    Cue(
        id="capacity",
        dimension="focus",
        weight=2.0,
        kind="move",
        summary="Adding or cutting capacity: a new plant, line, fleet or site, doubling output.",
        phrases=(
            "{double,doubling,doubles,triple,tripling,expand,expanding,expands,add,adding,adds,cut,cutting,halve,"
            "halving,increase,increasing} ... capacity",
            "{new,additional,extra} capacity",
            "{second,third,fourth,another,new} {plant,factory,line,facility,warehouse,hub,kiln,furnace,vessel,"
            "fleet,site,depot,terminal}",
        ),
        unless=(
            "{no,not,without} ... capacity",
            "{new,another} line {manager,supervisor,lead,shift,rota,of}",
            "{second,another} {line,site} {check,checks,inspection,visit,rota,shift,supervisor}",
        ),
        examples=(
            "Double our cold-storage capacity by 2028.",
            "We add a second kiln at the Ashby plant.",
            "A new vessel joins the fleet in spring.",
        ),
        counterexamples=(
            "No change to capacity; same slots as before.",
            "New line supervisor starts Monday.",
        ),
    ),
    Cue(
        id="business-model",
        dimension="focus",
        weight=2.0,
        kind="move",
        summary="How the organization earns: its business, pricing, revenue or subscription model, its channels.",
        phrases=(
            "{business,revenue,pricing,operating,delivery,service,subscription,membership,franchise,licensing,"
            "rental,commission,distribution} model",
            "{subscription,subscriptions,membership,memberships} {offer,plan,plans,tier,tiers,product,service,"
            "business,scheme,model,box}",
            "pricing {strategy,structure,tiers,tier}",
            "go to market",
            "{sales,distribution} {channel,channels}",
            "{direct,online} to {consumer,consumers,customer,customers}",
            "{revenue,profit} share",
            "{asset,capital} light",
        ),
        examples=(
            "Move to a subscription model for the software.",
            "We sell direct to consumers from next year.",
            "New go-to-market for the Gulf.",
        ),
        counterexamples=(
            "Subscription renewals email goes out Monday.",
            "Model the rota in the new sheet.",
        ),
    ),
    Cue(
        id="competition",
        dimension="focus",
        weight=1.5,
        kind="aim",
        summary="Competitive position: rivals, market share, what sets the organization apart.",
        phrases=(
            "{compete,competes,competing,competition,competitive,competitor,competitors,rival,rivals}",
            "market share",
            "{our,an,the,competitive} edge",
            "{differentiat*,advantage}",
            "{where,how} we win",
        ),
        unless=(
            "competition {entry,entries,prize,prizes,winner,winners,judges,day,night}",
            "{baking,staff,photo,quiz,team,office,charity} competition",
            "{take,taking,took} advantage of ... {weather,tide,sun,window,lull,quiet,slot,break}",
            "{edge,edges} {of,trim,trimming}",
        ),
        examples=(
            "We compete on price with the discounters.",
            "Win market share in the premium segment.",
            "Our edge is same-day delivery.",
        ),
        counterexamples=(
            "Staff baking competition is on Friday.",
            "Take advantage of the dry weather to paint the yard.",
        ),
    ),
    Cue(
        id="markets-and-customers",
        dimension="focus",
        weight=1.5,
        kind="aim",
        summary="Market focus: markets, segments, customer base, audiences.",
        phrases=(
            "{market,markets,segment,segments,vertical,verticals,niche,clientele,audience,audiences}",
            "{customer,client} {base,segment,segments,mix,profile}",
            "{new,target} {customers,clients}",
        ),
        unless=(
            "{farmers,farmer's,night,street,flea,christmas,fish,food,day,flower,covered,indoor,craft} {market,markets}",
            "market {day,days,stall,stalls,hall,square,street,town,traders,trader}",
            "{segment,segments} {of,on} {the,our,a} {road,pipe,pipeline,belt,track,route,line,fence,wall}",
            "{new,target} {customers,clients} {form,forms,welcome,pack,packs,checklist,sheet}",
        ),
        examples=(
            "We go after the premium segment.",
            "Shift the customer base toward corporate clients.",
            "Aimed at a younger audience.",
        ),
        counterexamples=(
            "Christmas market stall needs two more volunteers.",
            "Repave the segment of the road by the gate.",
        ),
    ),
    Cue(
        id="resources",
        dimension="focus",
        weight=1.5,
        kind="aim",
        summary="Resource allocation: capital, investment, funding, research and new products.",
        phrases=(
            "{capex,capital,investment,investments,funding,funded,endowment}",
            "{invest,invests,investing}",
            "{research,innovation}",
            "r d",
            "product development",
            "new {product,products}",
        ),
        unless=(
            "capital {letters,city,one}",
            "{invest,investing,invests} ... {time,hour,hours,minutes,effort} {in,on}",
        ),
        examples=(
            "Put the capital into two automated hubs.",
            "We invest in our own R&D lab.",
            "Funding goes to new products.",
        ),
        counterexamples=(
            "Write the names in capital letters.",
            "Invest ten minutes in the handover notes.",
        ),
    ),
    Cue(
        id="growth-talk",
        dimension="focus",
        weight=0.8,
        kind="amplifier",
        summary="Talk of growth, scale or margins: it amplifies, but on its own decides little.",
        phrases=(
            "{growth,expansion,profitability,profitable,margins,margin}",
            "{grow,grows,growing} {the,our,into,to,revenue,sales,share}",
            "{scale,scaling} {up,to,into}",
        ),
        unless=("margin {of,notes,note}", "{growing,grow} {season,seasons,media,lights,trays,bags,tunnel,room}"),
        examples=("It's all about growth in the next phase.", "Scale up to 40 sites.", "Margins are better online."),
        counterexamples=("The growing season starts early this year.", "Leave a margin of error in the count."),
    ),
    Cue(
        id="money",
        dimension="focus",
        weight=0.5,
        kind="amplifier",
        summary="An amount of money: it says the decision is costly, not what kind of decision it is.",
        pattern=r"""
            [$£€] \s? \d[\d,.]* \s? (?: k | m | mm | bn | million | billion )? \b
            | \b \d[\d,.]* \s? (?: k | m | million | bn | billion ) \s (?: dollars | usd | eur | euros | pounds | gbp ) \b
        """,
        requires=("$", "£", "€", "dollar", "usd", "eur", "pound", "gbp"),
        examples=("$3.2M approved for the conveyor.", "£40k for the new roof.", "2 million euros for the plant."),
        counterexamples=("Line 3 restarts at 2pm.", "Order 40 boxes."),
    ),
    Cue(
        id="efficiency",
        dimension="focus",
        weight=-1.5,
        kind="aim",
        summary="Efficiency of a process: faster, fewer delays, throughput, backlog, waiting times.",
        phrases=(
            "@process_trouble",
            "{wait,waiting,cycle,response,lead,dwell,processing,handling} {time,times}",
            "on time",
            "speed* up",
            "{cut,cutting,reduce,reducing,shorten,shortening} ... {time,times,errors,waste,delays,queues,steps,"
            "clicks,walking,trips}",
        ),
        examples=(
            "Combos on the first screen so servers ring orders in faster.",
            "Cut the picking time per order.",
            "Reduce waiting times at check-in.",
        ),
        counterexamples=("We exit the segment by 2028.", "Board approved the acquisition."),
    ),
    Cue(
        id="upkeep",
        dimension="focus",
        weight=-2.0,
        kind="upkeep",
        summary="Repairs, maintenance, inspections, cleaning and restocking.",
        phrases=(
            "@upkeep",
            "deep clean",
        ),
        unless=("care and maintenance",),
        examples=(
            "Pool closed after 9pm for resurfacing.",
            "Descale the coffee machine every week.",
            "Restock the ward cupboards before the night shift.",
        ),
        counterexamples=("We exit the market.", "Mothballing the mine: care and maintenance from June."),
    ),
    Cue(
        id="like-for-like",
        dimension="focus",
        weight=-2.0,
        kind="upkeep",
        summary="A like-for-like replacement or restoration: same spec, end of life, nothing new.",
        phrases=(
            "like for like",
            "{same,identical,equivalent} {model,spec,specs,specification,type,make,vendor,supplier,size,capacity,"
            "unit,units,design,terms,price,route,footprint}",
            "{replace,replaces,replacing,replacement,replacements,swap,swapping,swaps} ... {old,worn,broken,failed,"
            "faulty,damaged,ageing,aging,existing,obsolete,cracked,leaking}",
            "end of ... life",
            "{refurbish,refurbishing,refurbishment,overhaul,overhauling,reline,relining,rehabilitate,"
            "rehabilitation,rebuild}",
            "<num> {years,year} old",
            "worn out",
            "{ageing,aging}",
            "top* up",
            "{no,not} {change,changes,changing} {to,in}",
            "stays the same",
            "standard replenishment",
        ),
        unless=("rebuild ... {network,business,brand,portfolio,reputation,presence,market}",),
        examples=(
            "$3.2M to replace the failed baggage conveyor, same model.",
            "Swap the old pumps at end of life.",
            "Top up the spare transformer inventory by two units.",
            "The boiler is 20 years old; replace like for like.",
        ),
        counterexamples=(
            "Replace our print business with a digital subscription.",
            "Same day delivery is our edge.",
        ),
    ),
    Cue(
        id="scheduling",
        dimension="focus",
        weight=-1.5,
        kind="routine",
        summary="Shifts, rosters, rotas, schedules, staffing, breaks and opening hours.",
        phrases=(
            "@scheduling",
            "{opening,visiting,office,service,surgery,opening} hours",
            "on call",
            "{schedule,schedules} {change,changes,for,update,updated}",
        ),
        unless=(
            "{shift,shifts,shifting} ... @moved_things",
            "{paradigm,strategic,market,culture,cultural} shift",
            "{staffing,rota,roster,scheduling} {agency,agencies,firm,firms,company,companies,business,businesses,"
            "competitor,competitors,group,industry,market,sector,software,platform,startup}",
        ),
        examples=(
            "Night shift starts 30 minutes earlier from Monday.",
            "New nurse rota for ward 4.",
            "Visiting hours change to 2-8pm.",
            "The CEO asked that the night shift start at 10pm.",
        ),
        counterexamples=(
            "Shift 20% of capex from print to digital.",
            "A strategic shift toward long-stay guests.",
            "Retire two older ships and shift capacity to Asia-Pacific itineraries.",
            "We buy a staffing agency in Leeds.",
        ),
    ),
    Cue(
        id="compliance",
        dimension="focus",
        weight=-1.0,
        kind="routine",
        summary="Compliance work: audits, certifications, regulatory filings, renewals.",
        phrases=(
            "{compliance,compliant,audit,audits,audited,auditing,recertification,recertify,accreditation,renewal,"
            "renewals}",
            "regulatory {filing,filings,return,returns,report,reports,reporting}",
        ),
        examples=("The fire audit moves to Thursday.", "Licence renewals go through the portal now."),
        counterexamples=("We exit the insurance market.",),
    ),
    Cue(
        id="process-tools",
        dimension="focus",
        weight=-1.0,
        kind="routine",
        summary="Procedures and their tools: checklists, templates, forms, tickets, logs, dashboards.",
        phrases=(
            "@tools",
            "stand up",
            "sign off sheet",
            "{purchase,work} {order,orders}",
        ),
        unless=("stand up {for,to,against}", "{stock,stocks} {market,markets,exchange,listing}"),
        examples=(
            "New checklist for the opening shift.",
            "Tickets get triaged at the morning huddle.",
            "Order more stock for the weekend.",
        ),
        counterexamples=("We exit the market by 2028.", "Board approved the merger."),
    ),
    # --- link to business strategy ---
    Cue(
        id="business-goals",
        dimension="link_to_strategy",
        weight=2.0,
        kind="aim",
        summary="Tied to the business strategy, goals or mission, or to becoming a leader in a market.",
        phrases=(
            "{strategic,business,corporate,company,group,growth} {plan,plans,objective,objectives,goal,goals,"
            "priority,priorities,roadmap,ambition,ambitions}",
            "{business,corporate,company,group,growth,competitive} strategy",
            "{our,company's,group's} {mission,vision,ambition}",
            "{long,five,ten} ... {goals,vision,plan,ambition}",
            "north star",
            "to {compete,win} {with,against,in,for,on}",
            "{become,becoming,be} {the,a,an} ... {leader,leading,default,destination,largest,biggest,preferred,"
            "premier,first}",
        ),
        unless=("{plan,plans} {for,of} {the,this,next,tomorrow's} {shift,day,week,weekend}",),
        examples=(
            "This supports our five-year growth plan.",
            "It is in line with the corporate strategy.",
            "We want to become the leading provider in the region.",
        ),
        counterexamples=("Plan for the shift: two on the tills.", "Fix the vision mixer in studio 2."),
    ),
    Cue(
        id="strategy-word",
        dimension="link_to_strategy",
        weight=0.8,
        kind="amplifier",
        summary="The word strategy or strategic: people use it for routine things too, so it only amplifies.",
        phrases=("strateg*",),
        examples=("New returns strategy for the call centre.", "A strategic partnership with the port."),
        counterexamples=("The rota changes next week.",),
    ),
    Cue(
        id="local-fix",
        dimension="link_to_strategy",
        weight=-1.0,
        kind="aim",
        summary="Its purpose is a local problem: to cut, speed up, avoid or fix something in a process.",
        phrases=(
            "to {cut,reduce,speed,shorten,lower,avoid,prevent,clear,fix,catch,beat,ease,stop,save,keep,cover}",
            "so {that,we,they,the,it,staff,drivers,agents,nurses} ... {faster,quicker,before,sooner,easier,less,"
            "fewer,on}",
        ),
        unless=("to {cut,reduce,lower} ... {emissions,carbon,dependence,reliance,exposure}",),
        examples=(
            "Move the huddle to 8:45 to cut handover time.",
            "Tag the crates so that pickers find them faster.",
        ),
        counterexamples=("We exit the market by 2028.",),
    ),
]
