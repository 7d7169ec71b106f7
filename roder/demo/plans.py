"""The demo plans and goals for 2026, built from seeds 004 (Upplands Väsby) and 000 (Stockholm).

Everything goes through `roder.planning.services`, as the pages do. Texts are the seeds' own;
where the extraction lost a word or a year the restored value is chosen here and listed in
README.md ("Demo plans and goals"). The seeds' handlingsplaner and åtgärdslista are kept as
constants (HANDLINGSPLANER, ATGARDSLISTA) for the actions step; they are not goals.
"""

from django.db import transaction

from roder.organisation.models import Organisation, Unit
from roder.planning import services
from roder.planning.models import Goal, GoalCategory, Plan

YEAR = 2026


def _bullets(*items: str) -> str:
    return "\n".join(f"- {item}" for item in items)


# --- Upplands Väsby (seed 004) -------------------------------------------------------------

# (number, name, parent number, description). The seed's sub-areas 3.1.1 … 3.4.2 are numbered
# without the plan's section "3." prefix. A sub-area's introduction is kept only when it is
# short (under 300 characters); 3.4.1.1 Ekonomisk översikt is the budget, not a goal area.
VASBY_CATEGORIES = [
    ("1", "Kund", None, ""),
    ("1.1", "Kunden i fokus", "1", ""),
    ("1.2", "Kunskap och lärande", "1", ""),
    (
        "1.3",
        "Trygghet och hälsa",
        "1",
        "Stöd & process arbetar med lika möjligheter och rättigheter. Detta ligger under rubriken "
        "Medarbetarperspektivet i styrkortet. Anledningen till detta är att stöd & process har en "
        "mycket liten möjlighet att påverka dessa frågor gentemot kommunens medborgare.",
    ),
    ("2", "Samhälle och miljö", None, ""),
    ("2.1", "Miljö och klimat", "2", ""),
    ("3", "Medarbetare", None, ""),
    (
        "3.1",
        "Stolta medarbetare",
        "3",
        "Lönekartläggningen kommer att ligga till grund för att ta fram ytterligare nyckeltal för "
        "kommande år. Den nya policyn för lika möjligheter och rättigheter kommer också att "
        "arbetas aktivt med.",
    ),
    ("4", "Ekonomi", None, ""),
    ("4.1", "Ekonomiskt resultat", "4", ""),
    (
        "4.2",
        "Kvalitet och effektivitet",
        "4",
        # Seed: "Under [år] genomförs … [Resultat]et kommer att ligga till grund …"
        "Under 2026 genomförs den första enkätundersökningen om nöjd kund. Resultatet kommer att "
        "ligga till grund för de nyckeltal som vi kommer att följa upp årligen.",
    ),
]

# Allmänna utskottets nämndmål per sub-area, worded as in the seed. 1.2 Kunskap och lärande and
# 1.3 Trygghet och hälsa have none. The nämndmål of 4.1 was lost in extraction entirely (its
# nyckeltal values, 0,3 / 0,5 mkr, are the budget's lost "Resultat" row); "Resultat i balans"
# follows the summary's "Stöd & process arbetar för ett resultat i balans".
NAMNDMAL = {
    "1.1": [
        "Kunderna får snabb återkoppling",
        "Elektronisk felanmälan ska användas av kunderna när det är möjligt",
        "Kunderna upplever god service och gott bemötande i kommunens externt riktade kanaler.",
        "Våra interna kunder ska få en god, professionell, och tydlig service",
        "Väsby ska vara i framkant i arbetet medborgardialog och arbeta för att skapa "
        "dialogmöjligheter för Väsbyborna.",
        "Medarbetare som är kompetenta i bemötande och kundkommunikation.",
    ],
    "2.1": ["Vara en toppkommun inom miljöområdet"],
    "3.1": [
        "Nöjda och stolta medarbetare",
        "Lika rättigheter och möjligheter för kommunens medarbetare",
        "Kompetensutveckling",
    ],
    "4.1": ["Resultat i balans"],
    "4.2": [
        "Leverans av konkurrenskraftiga tjänster",
        "Tydliga kundöverenskommelser och uppföljning",
        "Antalet ärenden som avslutas i Väsby Direkt",
    ],
}

# Seed 004's introductions to perspectives and sub-areas, Stöd & process's own text for 2026 (a
# plan's area text; the short ones above are the organisation's category descriptions). The lost
# years are restored as 2025 and 2026, hyphenations and run-together words mended.
SP_AREA_TEXTS = {
    "1": (
        "Kommunens kundkontaktcenter, Väsby Direkt, nås via olika kanaler och är, för många, den "
        "första kontakten för medborgare och övriga kunder som kontaktar kommunen."
    ),
    "1.1": (
        "Nyckeltalet kring medborgardialog är nytt och började mätas under 2025. Därför saknas "
        "historik. Detsamma gäller för mätningen av kundnöjdhet internt. Väsby Direkts utveckling "
        "förutsätter att utrymme och resurser finns för vidare kompetens- och metodutveckling. "
        "För fortsatt gott resultat vad gäller tillgänglighet och kundnöjdhet, behöver det goda "
        "samarbetet med kommunens övriga kontor bestå.\n\n"
        "Samtliga medarbetare inom stöd & process ska vara budbärare av och kunna ge information "
        "om gemensamma projekt som sker inom kommunal regi, till exempel skolprojektet. Cheferna "
        "säkerställer att samtliga medarbetare får denna information.\n\n"
        "De sociala medierna och utökandet av olika sätt att kontakta kommunen är en förbättring "
        "i tillgängligheten för kommunens invånare men leder också till ett allt högre "
        "bemanningsbehov för stöd & process. Kunderna väljer i allt större utsträckning att "
        "använda sig av kommunens digitala kanaler för att söka information och använda "
        "kommunens e-tjänster. Det sätter större krav på vår webborganisation där varje kontor "
        "har ett viktigt uppdrag att aktivt arbeta med sin egen information.\n\n"
        "Medborgardialog används i allt större utsträckning. Kommunikationsenheten ansvarar för "
        "uppföljning på helheten och för metodutveckling. För att medborgardialog ska fortsätta "
        "att vara en bra och effektiv metod måste information spridas till övriga kontor inom "
        "kommunen. För att säkerställa att kontoret har medarbetare som är trygga och kompetenta "
        "i bemötande och kundkommunikation planeras en bemötandeutbildning och en "
        "bemötandehandbok att tas fram."
    ),
    "1.2": (
        "Kommunens satsning på skolprojektet finns med i stöd & process planering av "
        "verksamheten. Skolprojektet medvetandegörs för medarbetarna genom arbetsplatsträffar och "
        "i arbetet planeras och prioriteras för att kunna möta behovet ute i verksamheterna "
        "kopplat till projektet. Ett konkret deltagande finns bland annat genom "
        "nämndsekreterarstöd i den politiska styrgruppen. Kommunikationsenheten har en resurs som "
        "står till projektets förfogande och specialistenheten har en miljö- och "
        "kvalitetscontroller som stöttar projektet. I kontorets ledningsgrupp finns alltid "
        "skolprojektet med på agendan."
    ),
    "2.1": (
        "Stöd & process består av åtta enheter som har olika miljöpåverkan i sina uppdrag. "
        "IT-enheten arbetar med grön IT för att minska hela kommunens miljöpåverkan. "
        "Upphandlingen inom specialistenheten har stor möjlighet att minska kommunens "
        "miljöpåverkan eftersom kommunen vid upphandling ställer miljökrav. Även sociala och "
        "ekonomiska aspekter av hållbarhetsbegreppet kan styras vid upphandling av varor och "
        "tjänster. Den miljöstrategiska funktionen inom samma enhet har uppdraget att säkerställa "
        "att miljöledningssystemet utvecklas och vidmakthålls enligt kraven i SS-EN ISO 14001 "
        "samt samarbeta med näringslivet och den ideella sektorn för att sprida miljöarbetet i "
        "kommunen.\n\n"
        "Under 2025 och 2026 har skett och sker en del större förändringar som minskar "
        "miljöpåverkan. Bland annat ingår här kanslienhetens arbete med elektroniska dokument, "
        "IT-enhetens arbete med byte av skrivare och löneenhetens arbete med "
        "e-lönespecifikationer och digitalisering av personakter. Därför blir stöd & process "
        "arbete från och med 2026 framåt inriktat på att arbeta med resultatet av den analys av "
        "kontorets miljöpåverkan som gjordes under 2025. Där identifierades tre betydande "
        "aspekter för att minska miljöpåverkan. Dessa var inköp, införande av hårdvara, resor i "
        "tjänsten (korta) och att upprätthålla och utveckla miljöledningssystemet. Varje enhet "
        "kommer att arbeta med dessa frågor under ett antal arbetsplatsträffar under året."
    ),
    "3": (
        "Stöd & process ska arbeta strategiskt med att kompetensutveckla sin personal för att "
        "kunna leverera ett proaktivt och konsultativt stöd till kunderna. Individuella "
        "utvecklingsplaner upprättas med samtliga medarbetare. Gemensam kompetensutveckling "
        "behövs inom områden som rör kundrelationer och kundkommunikation.\n\n"
        "Medarbetarinflytande sker på tre nivåer. På individnivå genom medarbetarsamtal samt "
        "uppföljningssamtal. På enhetsnivå genom arbetsplatsträffar och på kontorsnivå genom "
        "samverkansgrupp. Framöver kommer stöd & process både på övergripande och på enhetsnivå "
        "arbeta med alla medarbetares lika möjligheter och rättigheter. Kontoret kommer också "
        "aktivt att arbeta med att säkerställa kompetensutveckling på både organisations-, "
        "grupp-, och individnivå. För att säkerställa detta har nya nyckeltal införts."
    ),
    "4": (
        "Verksamheten förväntas ha hög intäkts- och kostnadsmedvetenhet som möjliggör goda och "
        "effektiva prioriteringar, som gynnar såväl stöd & process som kunder. Kontinuerlig "
        "uppföljning av kontorets resultat sker på alla resultatenheter. Stöd & process chefer "
        "arbetar aktivt med att följa upp ekonomin och skapa möjligheter för utrymme till "
        "utveckling."
    ),
}

SP_TITLE = "Verksamhetsplan med budget 2026 – Allmänna utskottet (Stöd & process)"

# key: (heading, text). Seed sections 1, 2 and 6; the lost years are 2026 and the lost "Målet"
# is restored. Paragraph breaks are added where the seed's topic changes.
SP_SECTIONS = {
    "summary": (
        "Sammanfattning",
        "Inför år 2026 och framåt har stöd & process utökat antalet nyckeltal gällande kunder. "
        "Förutom tidigare mätningar av Väsby Direkt ingår nu också mätningar av "
        "medborgardialoger och digitala kanaler. Vidare genomförs årligen, från och med år 2026, "
        "en kundenkät för att internt följa upp kundnöjdhet. Tillsammans med Väsby Direkt "
        "planeras också att ta fram en bemötandehandbok för att bättre möta både våra interna "
        "och externa kunder.\n\n"
        "På stöd & process har vi valt att arbeta med jämnställdhetsfrågor med fokus på "
        "medarbetarna. Däri ingår både löneöversyn och arbete med policyfrågor på enhetsnivå. "
        "Kontoret kommer också aktivt att arbeta med att säkerställa kompetensutveckling på både "
        "organisations-, grupp-, och individnivå. För att säkerställa detta har nya nyckeltal "
        "införts.\n\n"
        "Stöd & process arbetar för ett resultat i balans, men också med att skapa ett utrymme "
        "för möjligheten att arbeta med kvalitetsutveckling och för att möta upp oförutsedda "
        "händelser.\n\n"
        "Stöd & process arbetar strategiskt med att kompetensutveckla sin personal för att kunna "
        "leverera ett proaktivt och konsultativt stöd till kunderna. Av vikt är också att skapa "
        "goda ledare för att ge förutsättningar för en attraktiv arbetsplats. Därför genomgår "
        "chefer kommunens ledarprogram.\n\n"
        "Som framåtblickande och viktiga områden för kontoret ses utökat samarbete med "
        "processägarna och det konsultativa förhållningssättet. Målet är att stöd & process alla "
        "tjänster ska genomsyras av ett professionellt, tydligt och proaktivt förhållningssätt. "
        "För att ytterligare höja kvaliteten behöver vi också omvärldsbevaka branschspecifikt "
        "utanför kommunen. Kontinuerlig uppföljning av kontorets resultat ska ske på alla "
        "enheter med fokus på prognoser och utvecklingsområden.",
    ),
    "responsibility": (
        "Ansvarsområde",
        "Stöd & process svarar för kommungemensamma stödprocesser och system och arbetar på "
        "uppdrag av kommunledningen och övriga verksamheter enligt följande:\n"
        + _bullets(
            "uppdragen är efterfråge- och intäktsstyrda och avropas som tjänst",
            "uppdragen bygger på långsiktig relation och överenskommelser med kund",
        )
        + "\n\nStöd & process ska främja en ökad helhetssyn, effektivitet, professionalitet och "
        "kvalitet avseende kommungemensamma stödprocesser och system.",
    ),
    "outlook": (
        "Omvärldsanalys och framåtblick",
        "Stöd & process affärsidé lyder: Stöd & process säkerställer leverans av "
        "konkurrenskraftiga tjänster så att kommunens verksamheter kan vara framgångsrika i sina "
        "uppdrag.\n\n"
        "För att kunna leva upp till detta ser vi ett ökat behov av kvalificerad "
        "omvärldsbevakning, både i vår närmaste omgivning som i ett större perspektiv. För att "
        "fortsätta utveckla kvaliteten i tjänsterna, kommer vi att omvärldsbevaka mer både "
        "branschspecifikt och utanför kommunsfären.\n\n"
        "Också arbetet med det konsultativa förhållningssättet kommer att vara i fokus för "
        "arbetet framåt. Det konsultativa förhållningssättet definierar vi som tydlighet, "
        "professionalitet, och proaktivitet. Målet är att detta ska genomsyra alla tjänster inom "
        "stöd & process.",
    ),
}

# The seed's Handlingsplan rows per sub-area, (title, description), for the actions step. Lost
# words restored: years (2026, and 2025 for the analysis made the year before), "Resultat" and
# "Budget". The seed's table collapsed; where a row's title is lost the sentence is the title.
HANDLINGSPLANER: dict[str, list[tuple[str, str]]] = {
    "1.1": [
        (
            "Felanmälan skall helst ske via elektronisk självbetjäning",
            "Kundvägledarna uppmuntrar kunderna att använda elektronisk felanmälan genom att "
            "upplysa om möjligheten och aktivt hjälpa kunderna. Stöd & process ska arbeta för att "
            "skapa en hög tillgänglighet av användandet av e-tjänst och app.",
        ),
        (
            "Nöjda kunder till Väsby Direkt",
            "Kundnöjdheten mäts och följs upp. Kunddialogen utvecklas fortlöpande genom det "
            "verktyg som medarbetarna fått i utbildningen ”professionellt kundbemötande”.",
        ),
        (
            "Kommunikationsenheten tar fram enkätfrågor för att mäta medborgarnas möjlighet att "
            "påverka",
            "",
        ),
        ("Framtagande av Bemötandehandbok", ""),
    ],
    "2.1": [
        (
            "Betydande miljöaspekt",
            "Stöd & process kommer under 2026 att fokusera på att arbeta med de under 2025 för "
            "kontoret identifierade betydande miljöaspekterna:\n"
            + _bullets(
                "Inköp",
                "införande av hårdvara",
                "resor i tjänsten (korta)",
                "upprätthålla och utveckla miljöledningssystemet.",
            )
            + "\nDen sista har positiv miljöpåverkan. Detta kommer resultera i att kontoret "
            "minskar sin negativa miljöpåverkan och fortsätter att utveckla "
            "miljöledningssystemet.",
        )
    ],
    "3.1": [
        (
            "Tillgängliga chefer",
            "Chefer inom stöd & process ska arbeta för att vara mer tillgängliga och närvarande. "
            "Vidare ska alla chefer i ledningsgruppen genomgått Växthuset för att bättre svara upp "
            "mot medarbetarnas förväntningar.",
        ),
        (
            "Handlingsplaner utifrån resultat av lönekartläggning",
            "Utifrån lönekartläggning ser vi över vilka grupper av individer som eventuellt "
            "ligger fel i lön och sätter därefter enskilda handlingsplaner för att dessa ska "
            "hamna på rätt nivå.",
        ),
        ("Kompetensplaneringsdagar", "Kompetensplaneringsdagar per enhet"),
        (
            "Kompetensplaneringsdagar",
            "Kompetensplaneringsdag på övergripande stöd & process-nivå",
        ),
    ],
    "4.1": [
        (
            "Resultat i balans med utrymme för kvalitetsberedskap",
            "Varje enhet identifierar sitt behov av verksamhetsutveckling och för in detta i "
            "budget.",
        ),
        (
            "Budgetplanering klar 30/6",
            "Alla enheter ska ha sin budgetplanering klar för nästkommande år till den sista juni.",
        ),
    ],
    "4.2": [
        (
            "Mätning av kundnöjdhet",
            "S&P tar, under 2026, fram en gemensam modell för att mäta nöjda (och lyfta fram "
            "missnöjda) kunder på ett bra sätt. För att uppnå detta genomförs en kundenkät under "
            "året vars resultat blir underlag för eventuella nya nyckeltal.",
        ),
        ("Tydliggöra tjänsteutbudet", ""),
        (
            "Mer och bättre uppföljning av kunder",
            "Skapa riktlinjer för vad vi gör när tjänsteleverans inte fungerar. Tydlig struktur "
            "och uppföljning på ledningsgruppsnivå.",
        ),
        ("Gemensamma överenskommelser", ""),
        (
            "Minst 72% av ärendena ska avslutas i Väsby Direkt",
            "Mätning görs kontinuerligt. Avvikelser analyseras och åtgärder vidtas. Dialog förs "
            "med huvudprocessansvariga på övriga kontor.",
        ),
    ],
}

# Seed 004 section 4 "Uppdrag och ägardirektiv": the committee's assignments to the office,
# (title, description). Stöd & process's plan holds them as assignments (section 4 of the
# document).
UPPDRAG = [
    ("Genomföra åtgärder för ökad kundnöjdhet", "Tidsperiod: löpande"),
    ("Utveckla ökad koncernnytta inom stödprocesserna", ""),
]


# --- Stockholm (seed 000) ------------------------------------------------------------------

# KF:s inriktningsmål 1–3, named in seed 000 ("KF:s inriktningsmål 2 – Kvalitet och …").
INRIKTNINGSMAL = [
    (
        "1",
        "Stockholm ska vara en attraktiv, trygg och tillgänglig stad för boende, företagande "
        "och besök",
    ),
    ("2", "Kvalitet och valfrihet ska utvecklas och förbättras"),
    ("3", "Stadens verksamheter ska vara kostnadseffektiva"),
]

# The committee goals Mål 1–5 "knyter an till", with the inriktningsmål each belongs to.
TN_GOALS = [
    (
        "Det ska vara enkelt att ta del av trafikkontorets tjänster och arbetet ska präglas av "
        "ett gott bemötande",
        "1",
    ),
    ("Stimulera till delaktighet och utveckling", "2"),
    ("Minska sjukfrånvaron", "2"),
    ("Öka prognossäkerheten", "3"),
    ("Budgeten ska hållas", "3"),
    ("Resurser ska i ökad utsträckning styras till nämndens huvuduppdrag", "3"),
]
_TN_EASY, _TN_PARTICIPATION, _TN_SICK_LEAVE, _TN_FORECAST, _TN_BUDGET, _TN_RESOURCES = (
    title for title, _number in TN_GOALS
)

NS_OVERARCHING = {
    "number": "Övergripande mål",
    "title": "Utveckla ett professionellt nämndsekretariat som erbjuder kvalitativ, effektiv och "
    "hög service till våra kunder, politiker och allmänhet",
    "description": "Vår verksamhet präglas av öppenhet, tydlighet och effektivitet, som också är "
    "trafikkontorets övergripande ledord.\n\n"
    "Flera av de mål som sekretariatet arbetar mot kompletterar och överlappar varandra. Till "
    "exempel är mål 2, att minska sårbarheten, beroende av att vi uppnår mål 1, att skapa "
    "gemensamma rutiner för samtliga nämnder och handikappråd. Med detta beroendeförhållande "
    "målen emellan beaktat kan samtliga mål (Mål 1–5) inrymmas under nämndsekretariatets "
    "övergripande mål.",
}

# Mål 1–5 with seed 000's sections 3.1 (goal), 3.3 (förväntade resultat), 4.1 (arbetssätt) and
# 6.1 (uppföljningsmetoder), and the committee goals each "knyter an till" (links).
NS_GOALS = [
    {
        "number": "Mål 1",
        "title": "Gemensamma rutiner",
        "description": "Vi ska skapa en så lika hantering och rutin som möjligt i alla avseenden "
        "runt nämndflödet/nämndprocessen.",
        "expected_results": _bullets(
            "Nämnd- och handikapprådsledamöter, handläggare och andra intressenter ska känna igen "
            "sig i nämndhandlingars uppbyggnad, struktur, språk och rubriceringar. Samtliga "
            "dokument ska följa stadens grafiska profil.",
            "Det blir enkelt att stötta och ersätta varandra vid hög arbetsbelastning.",
            "Organisationens kan växa vid behov och ta emot nya kunder.",
        ),
        "working_methods": _bullets(
            "Sekretariatet ska ta fram ett nämndspecifikt flödesschema för varje nämnd och ett "
            "flödesschema för varje handikappråd. Utifrån dessa ska vi ta fram ett gemensamt "
            "flödesschema av administrationen för alla nämnder samt ett för alla handikappråd. "
            "Flödesschemat ska vara så pass generellt att det kan tillämpas på samtliga nämnder "
            "respektive handikappråd. På så sätt kan vi kartlägga likheter och skillnader i "
            "arbetsstruktur, för att se var rutiner och arbetsätt kan göras mer lika och vad som "
            "kan behöva förbli olika i administrationen av nämnderna och varför.",
            "Vi ska samla alla sekretariatets dokument och jämföra dem för att se vad som skiljer "
            "sig åt, ta reda på varför och om det går att ändra. Vi ska uppdatera dokument och "
            "mallar till att följa stadens grafiska profil. Dokument inkluderar till exempel "
            "kallelser med föredragningslista, protokoll, protokollsutdrag, delgivningskvitton "
            "och informationsbrev till nya nämndledamöter.",
        )
        + "\n\nI dag har sekretariatet nämndspecifika flödesscheman för trafik- och "
        "renhållningsnämnden och stadsbyggnadsnämnden. Strukturen på flödesschemat är indelat i "
        "tid (vecka) och i tre nivåer beroende på vem eller vilka som agerar; förvaltning/kontor, "
        "nämndsekretariat, nämnd. Frågor vi kan ställa med hjälp av flödesschemana är hur "
        "skiljer sig rutinerna åt och varför. Är det något vi kan eller bör åtgärda? Vad är "
        "respektive flödesschemas styrka och svaghet? Var i processen är vi som mest sårbara? "
        "Saknar vi de resurser och verktyg vi behöver för att uppnå gemensamma rutiner?",
        "follow_up_methods": _bullets(
            "När nämndsekretariatet identifierat en förändring som ska genomföras förs den direkt "
            "in som en åtgärd i vår åtgärdslista. Åtgärdslistan innehåller vem eller vilka som "
            "ska genomföra åtgärden samt när den förväntas vara utförd. Åtgärdslistan är ett "
            "levande dokument som följs upp vid varje arbetsplatsträff (minst åtta gånger per år) "
            "där utförda åtgärder bockas av och kvarvarande åtgärder diskuteras, uppdateras och "
            "eventuellt får ett nytt datum eller ny ansvarig om det behövs. Åtgärdslistan ligger "
            "som en bilaga till arbetsplatsträffprotokollet. Sekretariatet går även igenom "
            "åtgärdslistan vid kvalitetsutvecklingsarbetet och vid speciellt inplanerade "
            "arbetsdagar.",
            "Vi jämför årsvis våra nämndspecifika flödesscheman för att se i vilken utsträckning "
            "nämndernas administrativa hantering närmast sig varandra.",
            "Vi jämför halvårsvis nämndhandlingarna för att säkerställa att de är lika.",
            "Planering av den löpande verksamheten är en fast punkt på dagordningen vid varje "
            "arbetsplatsträff (minst åtta gånger per år).",
        ),
        "links": [_TN_PARTICIPATION, _TN_BUDGET, _TN_RESOURCES],
    },
    {
        "number": "Mål 2",
        "title": "Minska sårbarheten",
        "description": "Vi ska skapa en stark och säker verksamhet och minska sårbarheten",
        "expected_results": _bullets(
            "Minimera risken för avbrott eller förseningar i nämndflödet oavsett frånvaro av "
            "ordinarie nämndsekreterare, handikapprådssekreterare eller assistenter.",
            "Kunder, politiker och allmänhet kan alltid få hjälp och svar på frågor om "
            "nämndärenden, beslutsprocesser, gamla och nya beslut och protokoll, datum och tider "
            "för nämndsammanträden och kontaktuppgifter till nämndledamöter.",
        ),
        "working_methods": _bullets(
            "Nämndsekretariatet använder flödesscheman (se arbetssätt för att uppnå mål 1) för "
            "att identifiera nämndsekretariatets svagheter.",
            "Vi ska utveckla gemensamma respektive nämndspecifika kalendarium för hela året för "
            "alla nämnder och handikappråd. Med hjälp av det årsvisa kalendariet kan "
            "sekretariatet ha bättre framförhållning och bevakning av återkommande ärenden. Det "
            "årsövergripande kalendariet innehåller viktiga och återkommande hållpunkter för alla "
            "nämnder, till exempel verksamhetsberättelse, budget och sammanträdestider. De "
            "nämndspecifika årsvisa kalendarier innehåller återkommande ärenden för just den "
            "nämnden, till exempel valärenden för utskott och beredningar.",
            "Enheten ska vidareutveckla nämndspecifika rutiner för varje nämndcykel - från "
            "anmälan av nämndärenden till expediering av beslut. Med hjälp av rutinbeskrivningarna "
            "kan medarbetare lättare ersätta varandra vid frånvaro och avlasta vid hög "
            "arbetsbelastning.",
            "Sårbarheten minskar genom att sekretariatet skapar lathundar som kompletterar "
            "rutinbeskrivningarna med en detaljerad beskrivning av hur varje moment i "
            "nämndprocessen ska utföras, exempelvis publicering av nämndhandlingar på webben och "
            "anmälan av nämndärenden i ärendehanteringssystemet Public.",
            "Vi ska avsätta tid för att lära oss, och öva på, moment i nämndadministration som "
            "skiljer sig mycket åt nämnderna emellan.",
            "Vi ska fortsätta att regelbundet delta på varandras nämndsammanträden och "
            "handikappråd för att hålla oss uppdaterade.",
        ),
        "follow_up_methods": _bullets(
            "Då mål 2 i stor utsträckning är beroende av att mål 1 uppnås ser vi på "
            "nämndsekretariatets åtgärdslista hur vi närmar oss målet 1, gemensamma rutiner, att "
            "vi klarar att skapa en stark organisation.",
            "Vi ska regelbundet pröva att ta över varandras ansvarsområden för att i praktiken se "
            "att det verkligen går att följa rutinbeskrivningar och lathundar. Innehåller "
            "rutinbeskrivningarna och lathundarna riktig, relevant och tillräcklig information?",
            "I checklistan för god arbetsmiljö finns påståendena ”Jag kan få avlastning när jag "
            "behöver” och ”Jag kan ta ledigt om jag behöver” med svarsalternativen 1 till 6, med "
            "1 = stämmer inte alls och 6 = stämmer helt. Höga poäng på huruvida dessa påstående "
            "stämmer eller inte indikerar att sårbarheten är låg. Checklistan stäms av "
            "individuellt varje år vid medarbetarsamtalen.",
        ),
        "links": [_TN_EASY, _TN_PARTICIPATION, _TN_RESOURCES],
    },
    {
        "number": "Mål 3",
        "title": "Tydliga protokoll och övriga nämndhandlingar",
        "description": "Vi ska utarbeta tydliga, pedagogiska och lättförståliga protokoll och "
        "beslutssatser",
        "expected_results": _bullets(
            "Lättförståeliga och tydliga protokoll och handlingar ger ökad förståelse av beslut, "
            "politik och stadens arbete.",
            "Lättförståeliga och tydliga protokoll och handlingar skapar förutsättningar för "
            "bättre insyn i beslut, politik och stadens arbete och därmed ökat förtroende från "
            "allmänheten för staden och dess verksamheter.",
            "Lättförståeliga och tydliga protokoll och handlingar skapar förutsättningar för ökat "
            "deltagande hos allmänheten och därmed ökad demokrati.",
            "Tydlig och juridisk korrekt hantering av handlingar, beslut och verkställighet.",
        ),
        "working_methods": _bullets(
            "Nämndsekretariatet ska gå igenom alla nämnd- och handikapprådsdokument för att byta "
            "ut gamla och onödigt byråkratiska formuleringar. Sekretariatet ska använda sig av "
            "tydliga, lättförståeliga, moderna och språkligt korrekta formuleringar.",
            "Vi ska anlita språkspecialist, jurister, kontrollgrupper och konsulter inom "
            "nämndadministration för att få hjälp att gå igenom och bearbeta utvalda "
            "nämnddokument.",
            "Medarbetarna ska delta i kurser om nämndadministration, protokollskrivning m.m. och "
            "annan utbildning som anknyter till verksamhetsområden för att ständigt uppdatera oss "
            "inom området.",
        ),
        "follow_up_methods": _bullets(
            "Nämndsekretariatet ska pröva mot referensgrupp om protokoll och övriga "
            "nämndhandlingar är lätta att förstå. Detta sker i slutet av verksamhetsåret.",
        ),
        "links": [_TN_EASY, _TN_PARTICIPATION],
    },
    {
        "number": "Mål 4",
        "title": "Effektivisering och förbättring",
        "description": "Vi ska effektivisera och förbättra vår verksamhet och den "
        "nämndadministrativa processen",
        "expected_results": _bullets(
            "Hitta synergieffekter och effektiviseringsmöjligheter.",
            "Identifiera dubbelarbeten.",
            "Öka förståelsen för varandras arbeten och deadlines vilket skapar förutsättningar "
            "för bättre samarbete inom sekretariatet och i kontakt med våra kunder, politiker och "
            "allmänhet.",
            "Kunniga i kommunal lagstiftning.",
            "Förtydligande av roller och ansvar sekretariatet och kunderna emellan, korrekta "
            "förväntningar.",
            "Vara uppdaterade och i fas med stadens riktlinjer, policys och utveckling.",
            "Bättre och kvalitativa nämndhandlingar.",
        ),
        "working_methods": _bullets(
            "Nämndsekretariatet initierar möten där vi bjuder in olika grupper inom vår kundkrets "
            "och presenterar nämndadministrationen genom nämndflödesschemat (se verktyg för mål "
            "1). Med utgångspunkt i flödesschemat kan vi diskutera fördelar, nackdelar, "
            "identifiera problem, möjligheter och nya behov från dessa grupper.",
            "För att informera oss om våra kunders verksamheter deltar vi i den övergripande "
            "verksamhetsintroduktion som förvaltningarna och kontoren arrangerar för sina "
            "nyanställda. Vidare bevakar vi nya stadsövergripande direktiv från "
            "staden/stadsledningskontoret samt följer utveckling och förändring på våra kunders "
            "respektive kontor. Genom att vi på detta sätt lär oss mer om våra kunder och staden "
            "kan vi ge allmänhet, politiker, tjänstemän, media och övriga intressenter bättre "
            "service och information.",
            "Sekretariatet deltar i utvecklingsprocesser tillsammans med förvaltningarna och "
            "kontoren vid behov, till exempel utveckla ett digitalt nämndflöde på "
            "stadsbyggnadskontoret. Vi kan även bidra med förslag på bra rutiner och lösningar "
            "från andra kontor och förvaltningar.",
        ),
        "follow_up_methods": _bullets(
            "Nämndsekretariatet ska genomföra en kundundersökning under hösten i form av enkät om "
            "bland annat kundnöjdhet enligt förväntningar och behov till olika grupper inom "
            "sekretariatets kundkrets. Vi får då konkreta svar på vad vi kan göra bättre och om "
            "vi lever upp till kundernas förväntningar.",
            "Vi stämmer av våra veckoplaner, rutiner och årsplanen en gång per år. På så sätt sker "
            "en naturlig uppföljning och uppdatering.",
            "För att samtliga uppföljningsmetoder för alla våra mål ska vara mätbara för vi in dem "
            "i en checklista, som vi går igenom på varje arbetsplatsträff. På så vis kan vi lätt "
            "stämma av om vi uppfyller var och en av uppföljningspunkterna helt, delvis eller inte "
            "alls, och får därmed en tydlig överblick av vårt utvecklingsarbete. Att föra in "
            "samtliga uppföljningsmetoder för alla våra mål på detta sätt innebär i sig en "
            "effektivisering och förbättring, då vi säkerställer att vi alltid har fokus på "
            "verksamhetsutveckling.",
            "Åtgärdslistan utgör även i detta mål en uppföljning av hur det går med arbetet att "
            "effektivisera och förbättra verksamheten.",
        ),
        "links": [_TN_EASY, _TN_PARTICIPATION, _TN_FORECAST, _TN_BUDGET, _TN_RESOURCES],
    },
    {
        "number": "Mål 5",
        "title": "God arbetsmiljö",
        "description": "Vi ska aktivt verka för en god arbetsmiljö.",
        "expected_results": _bullets(
            "Minskad frånvaro.",
            "Trygg och harmonisk arbetsmiljö.",
            "Glädje på jobbet.",
            "Samarbete och omväxling.",
        ),
        "working_methods": _bullets(
            "Nämndsekretariatet har tagit fram en checklista för god arbetsmiljö vars aktualitet "
            "stäms av vid arbetsplatsträffar två gånger om året. Genom att enheten diskuterar och "
            "uppdaterar checklistan bearbetas regelbundet frågor om vilka värderingar som ska "
            "ligga till grund för att skapa en god arbetsmiljö på sekretariatet.",
            "Sekretariatet ska utveckla nya kanaler för kommunikation och stärka de som redan "
            "finns, till exempel fredagsavstämningen då enheten samlar upp veckan som varit och "
            "går igenom viktiga händelser i veckan som kommer. Ytterligare kanaler för att stärka "
            "kopplingen till trafikkontoret har utvecklats genom veckovisa möten med chefen för "
            "trafikkontorets stab. Ytterligare sätt att dela information kan vara skrivtavlor i "
            "lunchrum för meddelanden.",
            "Enheten uppmuntras till att nyttja friskvårdstimmen och flextiden.",
            "Genom att uppnå framför allt mål 1 (gemensamma rutiner) och mål 2 (minska "
            "sårbarheten) skapar vi förutsättningar för en trygg och god arbetsmiljö. Det är "
            "viktigt att känna att avlastning är möjligt när det behövs.",
        ),
        "follow_up_methods": _bullets(
            "Vid medarbetarsamtal framgår hur medarbetarna upplever sin arbetsmiljö genom att man "
            "fyllt i checklistan för god arbetsmiljö. Resultaten visar om arbetsmiljön sammantaget "
            "upplevs som god eller sämre, samt låga poäng visar i vilka sammanhang arbetsmiljön är "
            "mindre bra och utifrån detta kan gruppen planera vilka åtgärder som måste vidtas.",
            "Arbetsmiljö står som en fast punkt på dagordningen för sekretariatets "
            "arbetsplatsträffar som alltid tas upp. Där diskuteras arbetsmiljöfrågor och "
            "eventuella insatser förs upp på åtgärdslistan.",
        ),
        "links": [_TN_SICK_LEAVE, _TN_RESOURCES],
    },
]

NS_TITLE = "Verksamhetsplan 2026 – Nämndsekretariatet"

# Seed 000 sections 1 Inledning and 1.1 Verksamhetsidé, 1.2 Uppdrag och tjänster and
# 8.3.3–8.3.4 Möjligheter and Hot.
NS_SECTIONS = {
    "summary": (
        "Inledning och verksamhetsidé",
        "Trafikkontorets nämndsekretariat administrerar nämndprocessen för sex nämnder och "
        "deras handikappråd. Enheten består av en enhetschef tillika nämndsekreterare, "
        "ytterligare två nämndsekreterare, en handikapprådssekreterare och två assistenter och är "
        "organiserad under staben på trafikkontoret. Syftet med samordningen är framförallt "
        "samlad kompetens, kostnadseffektivitet och minskad sårbarhet.\n\n"
        "Nämndsekretariatets övergripande mål är att utveckla ett professionellt "
        "nämndsekretariat som erbjuder kvalitativ, effektiv och hög service till våra kunder, "
        "politiker och allmänhet. Vår verksamhet präglas av öppenhet, tydlighet och "
        "effektivitet, som också är trafikkontorets övergripande ledord.\n\n"
        "Vi vill tillgängliggöra nämndfrågor och beslut på ett tydligt och sammanhängande sätt "
        "så att alla kan förstå och känna igen sig i föredragningslistor, nämndprotokoll och "
        "andra dokument som återfinns inom nämndprocessen. All information som kommer från oss "
        "ska ha Stockholms stad som tydlig avsändare oavsett vilken nämnd det handlar om.",
    ),
    "responsibility": (
        "Uppdrag och tjänster",
        "Nämndsekretariatets uppdrag är att ansvara för administrationen runt nämndprocessen för "
        "exploateringsnämnden, trafik- och renhållningsnämnden, miljö- och "
        "hälsoskyddsnämnden, stadsbyggnadsnämnden, fastighetsnämnden och i viss mån "
        "servicenämnden.\n\n"
        "Uppdraget innefattar också att ansvara för administrationen av de flesta av våra "
        "kunders gemensamma handikappråd; stadsbyggandsnämndens och exploateringsnämndens "
        "handikappråd, trafik- och renhållningsnämndens och Stockholm Parkerings AB:s "
        "handikappråd, och till 50 % miljö- och hälsoskyddsnämndens och fastighetsnämndens "
        "handikappråd.\n\n"
        "Nämndsekretariatets kunder och uppdragsgivare är nämnderna. Genom avtal som tecknas med "
        "respektive förvaltning eller kontor utformas det specifika uppdraget utifrån kundens "
        "behov och önskemål, men med en likadan bas för samtliga nämnder.",
    ),
    "outlook": (
        "Möjligheter och hot",
        "Möjligheter\n"
        + _bullets(
            "Vi kan utveckla vår verksamhet ytterligare till att innefatta fler nämnder och på så "
            "sätt ytterligare minska vår sårbarhet genom en större personalstyrka som arbetar "
            "efter likadana rutiner och kan varandras arbete.",
            "Vi kan dela med oss av våra idéer och vår erfarenhet i att skapa ett gemensamt "
            "nämndsekretariat för flera nämnder, både inom staden och till andra kommuner som är "
            "intresserade av att bygga upp en liknande verksamhet.",
            "Vi kan utveckla samarbetsformer med andra nämndadministrationer i staden för att "
            "tillsammans finna fler möjligheter till effektivisering, samordning och "
            "kunskapsutbyte.",
        )
        + "\n\nHot\n"
        + _bullets(
            "Skulle våra kunder välja att inte förlänga sina avtal med oss och själva hantera "
            "nämndadministrationen står vi utan kunder och med en övertalighet på "
            "trafikkontoret.",
            "En längre tids frånvaro av flera medarbetare samtidigt skulle innebära ett hot mot "
            "vår förmåga att utföra vårt uppdrag på ett förtjänstfullt sätt.",
            "Ett hot mot att uppnå ett professionellt nämndsekretariat är brist på resurser för "
            "att uppnå våra mål, till exempel personal, tid för vidareutveckling och uppföljning, "
            "lokaler att växa i och bristande IT-stöd.",
        ),
    ),
}

# Nämndsekretariatets åtgärdslista, for the actions step. Seed 000 describes the list (who,
# when, status, comment; reviewed at every APT) but does not print it: the actions are the
# concrete steps of its arbetssätt and uppföljningsmetoder. Timing and status are the seed's
# where it gives them ("under hösten", "i slutet av verksamhetsåret", "två gånger om året",
# "har utvecklats", "I dag har sekretariatet …"); otherwise, and for every owner (a role from
# section 1.4, never a person), they are chosen for the demo. "goal" is the goal's number.
ATGARDSLISTA = [
    {
        "goal": "Mål 1",
        "title": "Ta fram ett nämndspecifikt flödesschema för varje nämnd och handikappråd",
        "responsible_text": "Nämndsekreterarna",
        "due_text": "2026-06-30",
        "status_text": "Pågår",
        "comment": "Klart för trafik- och renhållningsnämnden och stadsbyggnadsnämnden.",
    },
    {
        "goal": "Mål 1",
        "title": "Ta fram ett gemensamt flödesschema för alla nämnder och ett för alla "
        "handikappråd",
        "responsible_text": "Nämndsekreterarna och handikapprådssekreteraren",
        "due_text": "2026-09-30",
        "status_text": "Ej påbörjad",
        "comment": "Bygger på de nämndspecifika flödesschemana.",
    },
    {
        "goal": "Mål 1",
        "title": "Samla och jämföra sekretariatets dokument och uppdatera mallarna efter stadens "
        "grafiska profil",
        "responsible_text": "Assistenterna",
        "due_text": "2026-10-31",
        "status_text": "Ej påbörjad",
        "comment": "Kallelser med föredragningslista, protokoll, protokollsutdrag, "
        "delgivningskvitton och informationsbrev till nya nämndledamöter.",
    },
    {
        "goal": "Mål 2",
        "title": "Utveckla gemensamma och nämndspecifika årskalendarier för alla nämnder och "
        "handikappråd",
        "responsible_text": "Assistenterna",
        "due_text": "2026-03-31",
        "status_text": "Pågår",
        "comment": "Verksamhetsberättelse, budget, sammanträdestider och valärenden för utskott "
        "och beredningar.",
    },
    {
        "goal": "Mål 2",
        "title": "Skriva rutinbeskrivningar för varje nämndcykel och lathundar för varje moment",
        "responsible_text": "Nämndsekreterarna",
        "due_text": "2026-12-31",
        "status_text": "Pågår",
        "comment": "Till exempel publicering av nämndhandlingar på webben och anmälan av "
        "nämndärenden i Public.",
    },
    {
        "goal": "Mål 2",
        "title": "Pröva att ta över varandras ansvarsområden",
        "responsible_text": "Enhetschefen",
        "due_text": "Löpande",
        "status_text": "Pågår",
        "comment": "Går det att följa rutinbeskrivningarna och lathundarna i praktiken?",
    },
    {
        "goal": "Mål 3",
        "title": "Gå igenom nämnd- och handikapprådsdokumenten och byta ut byråkratiska "
        "formuleringar",
        "responsible_text": "Nämndsekreterarna",
        "due_text": "2026-11-30",
        "status_text": "Ej påbörjad",
        "comment": "Med hjälp av språkspecialist, jurister och kontrollgrupper.",
    },
    {
        "goal": "Mål 3",
        "title": "Pröva protokoll och övriga nämndhandlingar mot en referensgrupp",
        "responsible_text": "Enhetschefen",
        "due_text": "I slutet av verksamhetsåret",
        "status_text": "Ej påbörjad",
        "comment": "",
    },
    {
        "goal": "Mål 4",
        "title": "Genomföra en kundundersökning (enkät) om kundnöjdhet",
        "responsible_text": "Enhetschefen",
        "due_text": "Hösten 2026",
        "status_text": "Ej påbörjad",
        "comment": "Till olika grupper inom kundkretsen, om förväntningar och behov.",
    },
    {
        "goal": "Mål 4",
        "title": "Bjuda in kundgrupper och presentera nämndadministrationen med flödesschemat",
        "responsible_text": "Enhetschefen",
        "due_text": "2026-05-31",
        "status_text": "Ej påbörjad",
        "comment": "",
    },
    {
        "goal": "Mål 5",
        "title": "Stämma av checklistan för god arbetsmiljö på arbetsplatsträff",
        "responsible_text": "Enhetschefen",
        "due_text": "Två gånger om året",
        "status_text": "Pågår",
        "comment": "Checklistan fylls också i inför varje medarbetarsamtal.",
    },
    {
        "goal": "Mål 5",
        "title": "Veckovisa möten med chefen för trafikkontorets stab",
        "responsible_text": "Enhetschefen",
        "due_text": "Varje vecka",
        "status_text": "Klar",
        "comment": "Stärker kopplingen till trafikkontoret.",
    },
    {
        "goal": "Mål 5",
        "title": "Skrivtavla i lunchrummet för meddelanden",
        "responsible_text": "Assistenterna",
        "due_text": "",
        "status_text": "Förslag",
        "comment": "Ett möjligt sätt att dela information.",
    },
]


# --- building ------------------------------------------------------------------------------


@transaction.atomic
def build_plans() -> None:
    """Create the 2026 plans, categories, goals and links of both demo organisations.

    Called once, on a fresh demo whose organisations and units exist (see services.build_demo).
    """
    _build_vasby(Organisation.objects.get(slug="upplands-vasby"))
    _build_stockholm(Organisation.objects.get(slug="stockholm"))


def _unit(organisation: Organisation, code: str) -> Unit:
    return Unit.objects.get(organisation=organisation, code=code)


def _fill_sections(plan: Plan, sections: dict[str, tuple[str, str]]) -> None:
    for section in plan.sections.all():
        if section.key in sections:
            title, body = sections[section.key]
            services.section_update(
                section=section, expected_version=section.version, title=title, body=body, by=None
            )


def _goal(plan: Plan, **values) -> Goal:
    values.setdefault("kind", "goal")
    return services.goal_create(plan=plan, by=None, **values)


def _build_vasby(organisation: Organisation) -> None:
    categories: dict[str, GoalCategory] = {}
    for number, name, parent, description in VASBY_CATEGORIES:
        categories[number] = services.category_create(
            organisation=organisation,
            parent=categories[parent] if parent else None,
            number=number,
            name=name,
            description=description,
            by=None,
        )

    # The nämndmål are Allmänna utskottet's: the seed is "Allmänna utskottet (Stöd & process)".
    committee = services.plan_create(
        unit=_unit(organisation, "AU"),
        year=YEAR,
        title=f"Verksamhetsplan {YEAR} – Allmänna utskottet",
        by=None,
    )
    office = services.plan_create(
        unit=_unit(organisation, "SP"), year=YEAR, title=SP_TITLE, by=None
    )
    _fill_sections(office, SP_SECTIONS)
    for number, titles in NAMNDMAL.items():
        for title in titles:
            target = _goal(committee, title=title, category=categories[number])
            own = _goal(office, title=title, category=categories[number])
            services.goal_link(goal=own, target=target, by=None)
    for title, description in UPPDRAG:
        _goal(office, title=title, description=description, kind="assignment")
    for number, text in SP_AREA_TEXTS.items():
        services.area_text_save(
            plan=office, category=categories[number], body=text, expected_version=0, by=None
        )


def _build_stockholm(organisation: Organisation) -> None:
    categories = {
        number: services.category_create(
            organisation=organisation, parent=None, number=number, name=name, by=None
        )
        for number, name in INRIKTNINGSMAL
    }
    council = services.plan_create(
        unit=_unit(organisation, "KF"),
        year=YEAR,
        title=f"Kommunfullmäktiges inriktningsmål {YEAR}",
        by=None,
    )
    council_goals = {
        number: _goal(
            council, number=f"Inriktningsmål {number}", title=name, category=categories[number]
        )
        for number, name in INRIKTNINGSMAL
    }

    committee = services.plan_create(
        unit=_unit(organisation, "TN"),
        year=YEAR,
        title=f"Verksamhetsplan {YEAR} – Trafiknämnden",
        by=None,
    )
    committee_goals = {}
    for title, number in TN_GOALS:
        goal = _goal(committee, title=title, category=categories[number])
        services.goal_link(goal=goal, target=council_goals[number], by=None)
        committee_goals[title] = goal

    unit = services.plan_create(
        unit=_unit(organisation, "TK-STAB-NS"), year=YEAR, title=NS_TITLE, by=None
    )
    _fill_sections(unit, NS_SECTIONS)
    _goal(unit, **NS_OVERARCHING)
    for values in NS_GOALS:
        values = dict(values)
        links = values.pop("links")
        goal = _goal(unit, **values)
        for title in links:
            services.goal_link(goal=goal, target=committee_goals[title], by=None)
