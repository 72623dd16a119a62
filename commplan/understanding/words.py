"""Words of chat and mail that never name a topic, and the words that only point back.

The ranking's own stop list drops the framing of a catalogue question ("which standard
covers..."). Real posts add the writer's situation and manners: "we're redesigning our
residents' survey for the council this autumn, wondering if you could point me to...". Left
in, those words count against every entry as words nothing explains, and the typo corrector
turns "team" into "term" and "residents" into "residence".

Two lists. :data:`FILLER` is everyday English that names no survey topic: dropped unless the
catalogue itself uses the word ("service" stays for armed forces service, "older" goes). It
deliberately leaves out nouns that could be a topic nobody covers ("smoking", "debt", "pets"):
those must stay, as the evidence that no standard covers the question. :data:`NOISE` is
dropped always: words the catalogue happens to use that in a post only ask about a standard's
state or are chat ("is it still under review?", "which version is current?", "our staff").
"""

from __future__ import annotations

# Kept as text: a thousand quoted words would hide the content.
_FILLER = """
hi hello hey hiya heya howdy morning afternoon evening dear team teams colleague colleagues
folks guys everyone everybody all bot harmonibot thanks thank cheers regards wishes best kind
kindly please pls plz ta thx lol haha ok okay yes yeah yep no nope sorry apologies oops
wondering wonder wondered hoping hope hoped trying tried try tries searching search searched
hunting seeking sought keen planning planned designing design designed redesign redesigning
developing develop building build built preparing prepare prepared drafting drafted writing
write wrote written putting put running run ran doing does done making make made makes adding
add added adds including include included includes thinking think thought pointing point
pointer pointers advise advice advised suggestion suggestions recommendation recommendations
steer approach approaches wording words word worded phrasing phrase phrased form forms field
fields item items module modules block blocks section sections variable variables tool tools
template templates spreadsheet sheet list lists link links page pages website site sites
document documents doc docs paper papers pdf attached attachment attachments copy copies email
emails mail message messages post posts posting channel chat slack project projects programme
programmes program study studies pilot piloting wave waves round rounds exercise exercises
piece pieces workstream tender contract commission commissioned analyst analysts researcher
researchers statistician statisticians officer officers manager managers boss director
directors directorate department departments dept division unit units office offices
organisation organisations org organization organizations body bodies agency agencies city
cities borough boroughs county counties town towns village villages london leeds manchester
birmingham bristol cardiff swansea edinburgh glasgow aberdeen belfast newport liverpool
sheffield newcastle nottingham residents resident customers customer clients client users user
participants participant citizens citizen sample samples panel panels cohort cohorts year years
yearly annual annually monthly weekly daily today tomorrow yesterday tonight soon later earlier
early late currently now recently already yet again upcoming future past period periods autumn
spring summer winter january february march april june july august september october november
december monday tuesday wednesday thursday friday saturday sunday weekend weekends exactly
actually basically really quite bit bits lot lots thing things stuff something anything
everything nothing sure unsure confused confusing clear clearly unclear clarify clarity
appropriate suitable relevant correct right proper better good great fine ideal ideally
hopefully definitely probably possibly perhaps maybe quick quickly easy easily simple simply
brief briefly chance idea ideas thoughts view views opinion opinions enquiry enquiries request
requests requesting wanted want wants need needs needed needing require required requires
requirement requirements able unable possible impossible allowed allow allows usage apply
applies applied applying follow follows following followed align aligned aligning consistent
consistently consistency compliant comply ensure check checks checking checked confirm confirms
confirming confirmed understand understanding understood know knows knowing knew known find
finds finding found see sees seeing seen saw get gets getting got gotten give gives giving gave
given share shares sharing shared send sends sending sent tell tells telling told let lets
letting show shows showing shown showed suggest suggests suggested suggesting recommend
recommends recommending same similar different difference differences differ new existing often
sometimes usually always never ever generally typically normally mostly mainly particularly
especially specifically just also too very much many more most less least few several various
whole entire main major minor key important interesting useful helpful sad grateful delighted
pleased afraid certain specific general overall broadly roughly approximately around about
nearly almost whatever whichever whoever wherever however whenever anyway anyhow otherwise
instead rather though although despite unless whereas hence therefore thus meanwhile besides
moreover firstly secondly thirdly finally lastly next previously above below come comes coming
came go goes going went gone take takes taking took taken bring brings bringing brought keep
keeps keeping kept hold holds holding held turn turns turning turned start starts starting
started begin begins beginning began finish finishes finishing finished stop stops stopping
stopped continue continues continuing continued move moves moving moved change changes changing
changed happen happens happening happened seem seems seemed appear appears appeared become
becomes becoming became remain remains remained stay stays stayed leave leaves leaving left
call calls calling called say says saying said talk talks talking talked speak speaks spoke
mention mentions mentioned explain explains explaining explained discuss discusses discussing
discussed describe describes describing described consider considers considering considered
decide decides deciding decided believe believes believed expect expects expecting expected
assume assumes assuming assumed guess guessing wish remember remembers remembering forget
forgot forgotten notice noticed realise realised realize realized learn learns learning learned
learnt read reads reading look looks looking looked watch watching listen listening wait waits
waiting waited hear hears heard feel feels felt seek seeks pick picks picking picked choose
chooses choosing chose chosen prefer prefers preferred select selects selecting selected option
options offer offers offering offered provide provides providing provided produce produces
producing produced create creates creating created update updates set sets setting fix fixes
fixing fixed solve solves solving solved improve improves improving improved increase increases
increasing increased reduce reduces reducing reduced serve publish publishes publishing lift
lifting lifted reuse reusing reused adopt adopts adopting adopted adapt adapts adapting adapted
tweak tweaking tweaked amend amending amended edit editing edited refresh refreshing refreshed
replace replacing replaced migrate migrating migrated switch switching switched map maps
mapping mapped match matches matching matched line lines lining combine combining combined
split splitting derive deriving derived calculate calculating calculated estimate estimates
estimating analyse analyses analysing analyze analyzing analysed analyzed report reports
reporting reported present presenting presented outputs release releases released figure
figures number numbers count counts counting counted total totals percentage percentages
proportion proportions rate rates level levels scale scales score scores value values average
averages result results findings evidence insight insights example examples instance instances
case cases sort type types bunch couple pair way ways method methods process processes step
steps stage stages part parts aspect aspects detail details element elements feature features
points issue issues problem problems challenge challenges concern concerns question questions
answer answers response responses reply replies feedback comment comments note notes query
queries topic topics subject subjects area areas side sides matter matters purpose purposes
reason reasons context background situation position basis terms term meaning definition
framework guide guides handbook manual policy policies rule rules legislation duty duties
obligation obligations scheme schemes strategy strategies plan plans agenda meeting meetings
webinar conference workshop event events presentation briefing briefings minister ministers
councillor councillors member members board boards committee committees partner partners
partnership stakeholder stakeholders funder funders commissioner commissioners inspector
inspectors contractor contractors supplier suppliers vendor vendors fieldwork interviewer
interviewers script scripting scripted showcard showcards postal telephone mode modes cati capi
cawi face push sign off sign-off deadline deadlines date dates day days week weeks month months
time times moment minute minutes second seconds one two three four five six seven eight nine
ten twenty hundred thousand first third plus minus via per etc vs versus ie eg im ive id ill
youre youve youd youll hes shes its weve wed well were theyre theyve theyd theyll dont doesnt
didnt isnt arent wasnt werent wont cant couldnt wouldnt shouldnt havent hasnt hadnt thats
theres heres whats whos wheres hows itll itd council councils authority authorities local
national regional variant variants format formats heading headings detailed provider providers
icb nhs compare compares comparing compared comparable comparability comparison comparisons
separate separately distinct themselves himself herself myself yourself ourselves uk britain gb
england wales scotland ireland northern ni nations nation fit footnote footnotes footnoting
approved long work works working worked home homes school schools speaking speaker speakers
access accessing family families relative relatives friend friends lead association peoples
advance box boxes contacted marked outstanding properly summary surveying system systems text
together withdrawn account alone behalf blog breakdown breakdowns classify complete easier
evaluating evaluate evaluators evaluation falls flag half hand harmonising intro introduction
journalist lately letter linked locally meet newer planners population quarter rights room
twice uses wrong accountable affect alternative amount another appreciate argument article
authoritative away awful bad booking border branch broken catch catching chase cite coffee
collects completely copied core cross database dealt delivered delivery departmental deputy
diary dictionary differently directory double enough everyday everywhere exact fair fall
forwarding fortnight generation headache higher hole imminent indirect judgment jump labelled
longer lovely lumping lurker maintained mentioning nervous outcome outcomes overview perfect
permanent picture place platform politically pray pressure pressures progress pull pulling
rabbit recall redoing redone rejoined relies reporter responsibly rush sanity schedule
secondment senior sensitive significance sit slightly somewhere standardising sticking strange
stuck sunny tackling tada tank targets tasks unusable unwilling volume web wholesale hr logging
log logged session sessions pass passing passed university universities across within
throughout towards upon onto lfs aps ashe awe dwp dcms mhclg nisra osr ons edi hop hops sg la
ig mod moj hmrc dfe dhsc defra dluhc beis desnz dsit fcdo hmt dft dbt ukhsa ohid nhse phs phw
jsna behind derivation derivations definitions audiences audience applicants applicant
programming handling sizes visits affects mentors mentor arrive arrives appointment appointments
letters learner agreed signing friendly established incl gp recognised respectful
"""

FILLER: frozenset[str] = frozenset(_FILLER.split())
"""Folded everyday words that name no topic. Dropped unless the catalogue uses them; when it
does they still help rank a phrase, but never make a phrase on their own ("levels", "the
council")."""

_NOISE = """
version versions review reviews reviewed reviewing status latest newest current currently
update updates updated updating revised revision revisions published publishing development
developed interim draft drafts final finalised superseded replaced outdated recent recently
legacy still yet already now moment set staff government governments looking look looked looks
official gss ons harmonised harmonized harmonisation harmonization people person persons
individuals individual adults adult children child kids parents women men girls boys older
elderly young youth pupils students learners patient patients residents respondents
participants members public among amongst charity charities
wot wat wots wats shud shld cud wud coud ur tbh btw fyi asap imo iirc afaik
anywhere somewhere govt gov ppl folk folks claim claims
"""
NOISE: frozenset[str] = frozenset(_NOISE.split())
"""Dropped always: the state of a standard, and chat words the catalogue happens to use."""

#: Words that only point back at something named earlier: "is there one for this?".
_REFERENCES = "this that these those it its they them one ones such above below same former latter"
REFERENCES: frozenset[str] = frozenset(_REFERENCES.split())

#: "ok cool", "brilliant, cheers", "nice one", "night all", "testing 123".
ACKNOWLEDGEMENT = (
    r"ok(?:ay)?|k|kk|great|cool|nice(?:\s+one)?|perfect|brilliant|lovely|awesome|got\s+it"
    r"|no\s+(?:worries|probs?|problem)|noted|will\s+do|sounds\s+(?:good|great)|lol|haha+|yes|yeah"
    r"|yep|yup|no|nope|sure|fab|super|excellent|amazing|(?:good|great)\s+stuff|ace|wonderful"
    r"|that'?s\s+(?:(?:really|very|super|so)\s+)?(?:great|perfect|helpful|brilliant|useful|"
    r"lovely|fab|ideal|it)|(?:very|really|super)\s+(?:helpful|useful)|helpful|useful|thanks"
    r"|thank\s+you|cheers|ty|thx|ta|much\s+appreciated|all\s+good|understood|makes\s+sense"
    r"|fair\s+enough|smashing|champion|spot\s+on|legend|you'?re\s+a\s+star|(?:so|very)\s+much"
    r"|mate|all|again|bot|everyone|folks|team|(?:good\s*)?night|bye|laters|see\s+(?:you|ya)"
    r"(?:\s+(?:tomorrow|tmrw|later|soon|next\s+week|then|on\s+\w+day))?|catch\s+you(?:\s+later)?"
    r"|(?:speak|talk|chat)\s+(?:soon|later|tomorrow|next\s+week)"
    r"|(?:just\s+)?test(?:ing)?(?:\s+\d+)?|one\s+two(?:\s+three)?|ha+|gotcha|got\s+you"
    r"|a+h+|o+h+|ooh+|good\s+to\s+know|good\s+shout|fair\s+play|i'?ll\s+(?:have|take)\s+a\s+look"
    r"|i'?ll\s+(?:check\s+(?:it|that)\s+out|give\s+it\s+a\s+go|try\s+that)"
    r"|wicked|(?:much\s+)?obliged|hello|hi|hey|hiya|howdy|morning|afternoon|evening"
    r"|(?:that\s+)?works(?:\s+for\s+me)?|(?:have\s+a\s+)?(?:good|great|nice|lovely)\s+(?:day|one)"
    r"|(?:(?:that'?s|it'?s)\s+)?(?:exactly|just|precisely)\s+what\s+(?:i|we)\s+(?:needed|wanted|"
    r"was\s+after|were\s+after)|(?:that'?s\s+)?sorted(?:\s+it)?|found\s+it|all\s+sorted"
)
"""Words that only acknowledge (a regular expression's alternatives): a message of nothing but
a run of them is chatter."""
