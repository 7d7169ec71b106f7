"""The questionnaires Roder ships, in the questionnaire file format (files.py, the README).

Sources: HME and the NKI from ../shared/domain-reference.md §3 (SKR's HME; SCB's
medborgarundersökning, whose published NKI weights its three questions with a model Roder does
not have: the shipped index is the unweighted mean and says so); the work-environment checklist
and the follow-up checklist from seed 000 (Nämndsekretariatet's follow-up methods, goals 1–5);
the customer survey's quality areas from seed 001 (Serviceförvaltningen's kundenkät).
"""

FORMAT = "roder-questionnaire"
FORMAT_VERSION = 1


def _scale(code, text, scale_max, low, high, *, dont_know=False, help_text=""):
    return {
        "code": code,
        "kind": "likert",
        "text": text,
        "help_text": help_text,
        "scale_max": scale_max,
        "low_label": low,
        "high_label": high,
        "dont_know": dont_know,
        "positive_steps": 2,
        "required": False,
        "choices": [],
    }


def _choice(code, text, choices, *, help_text=""):
    return {
        "code": code,
        "kind": "single",
        "text": text,
        "help_text": help_text,
        "choices": list(choices),
        "required": False,
    }


HME_LOW, HME_HIGH = "Stämmer mycket dåligt", "Stämmer mycket bra"
HME_GROUPS = {
    "motivation": (
        "Motivation",
        [
            "Mitt arbete känns meningsfullt.",
            "Jag lär nytt och utvecklas i mitt dagliga arbete.",
            "Jag ser fram emot att gå till arbetet.",
        ],
    ),
    "ledarskap": (
        "Ledarskap",
        [
            "Min närmaste chef visar uppskattning för mina arbetsinsatser.",
            "Min närmaste chef visar förtroende för mig som medarbetare.",
            "Min närmaste chef ger mig förutsättningar att ta ansvar i mitt arbete.",
        ],
    ),
    "styrning": (
        "Styrning",
        [
            "Jag är insatt i min arbetsplats mål.",
            "Min arbetsplats mål följs upp och utvärderas på ett bra sätt.",
            "Jag vet vad som förväntas av mig i mitt arbete.",
        ],
    ),
}

HME = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "hme",
    "name": "Hållbart medarbetarengagemang (HME)",
    "version_label": "SKR",
    "description": (
        "Nio påståenden på en skala 1–5. Varje svar blir 0–100 genom (x − 1) × 25; "
        "totalindex och tre delindex: motivation, ledarskap och styrning."
    ),
    "source": "SKR, Hållbart medarbetarengagemang (Kolada U00200–U00203).",
    "groups": [
        {
            "number": number,
            "title": title,
            "help_text": "",
            "questions": [
                _scale(f"{key}_{i}", text, 5, HME_LOW, HME_HIGH)
                for i, text in enumerate(texts, start=1)
            ],
        }
        for number, (key, (title, texts)) in enumerate(HME_GROUPS.items(), start=1)
    ],
    "indices": [
        {
            "code": "hme",
            "name": "HME totalt",
            "description": "Kolada U00200",
            "questions": [f"{key}_{i}" for key in HME_GROUPS for i in (1, 2, 3)],
        },
        *(
            {
                "code": f"hme_{key}",
                "name": f"HME {title.lower()}",
                "description": f"Kolada U0020{n}",
                "questions": [f"{key}_{i}" for i in (1, 2, 3)],
            }
            for n, (key, (title, _texts)) in enumerate(HME_GROUPS.items(), start=1)
        ),
    ],
}

NKI = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "nki",
    "name": "Nöjd kund-index (NKI), SCB-liknande",
    "version_label": "1",
    "description": (
        "Tre frågor på en skala 1–10. Indexet är ett ovägt medelvärde av frågornas index "
        "(x − 1) × 100 / 9 och en approximation: SCB:s NKI väger frågorna med en modell vars "
        "vikter inte publiceras."
    ),
    "source": "SCB:s medborgar- och kundundersökningar (betygsindex).",
    "groups": [
        {
            "number": 1,
            "title": "Helhet",
            "help_text": "",
            "questions": [
                _scale(
                    "helhet",
                    "Hur nöjd är du sammantaget med verksamheten?",
                    10,
                    "Inte alls nöjd",
                    "I högsta grad nöjd",
                    dont_know=True,
                ),
                _scale(
                    "forvantningar",
                    "Hur väl uppfyller verksamheten dina förväntningar?",
                    10,
                    "Inte alls",
                    "Helt och hållet",
                    dont_know=True,
                ),
                _scale(
                    "ideal",
                    "Tänk dig en verksamhet som är så bra som den kan bli. Hur nära ett sådant "
                    "ideal kommer verksamheten?",
                    10,
                    "Mycket långt ifrån",
                    "Mycket nära",
                    dont_know=True,
                ),
            ],
        }
    ],
    "indices": [
        {
            "code": "nki",
            "name": "NKI (ovägd approximation)",
            "description": "Ovägt medelvärde av tre frågeindex; inte SCB:s viktade NKI.",
            "questions": ["helhet", "forvantningar", "ideal"],
        }
    ],
}

WORK_ENVIRONMENT = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "arbetsmiljo-checklista",
    "name": "Checklista för god arbetsmiljö",
    "version_label": "1",
    "description": (
        "Stäms av individuellt vid medarbetarsamtalen. Höga poäng visar att sårbarheten är låg."
    ),
    "source": "Seed 000, Nämndsekretariatet, uppföljningsmetod för mål 2 och 5.",
    "groups": [
        {
            "number": 1,
            "title": "Arbetsmiljö",
            "help_text": "",
            "questions": [
                _scale(
                    "avlastning",
                    "Jag kan få avlastning när jag behöver.",
                    6,
                    "Stämmer inte alls",
                    "Stämmer helt",
                ),
                _scale(
                    "ledighet",
                    "Jag kan ta ledigt om jag behöver.",
                    6,
                    "Stämmer inte alls",
                    "Stämmer helt",
                ),
            ],
        }
    ],
    "indices": [
        {
            "code": "arbetsmiljo",
            "name": "Arbetsmiljöindex",
            "description": "Höga värden: låg sårbarhet.",
            "questions": ["avlastning", "ledighet"],
        }
    ],
}

FOLLOW_UP_CHOICES = ("Helt", "Delvis", "Inte alls")
FOLLOW_UP_POINTS = [
    ("mal1", "Vi har jämfört nämndernas flödesscheman och nämndhandlingar (mål 1)."),
    (
        "mal2",
        "Vi har prövat att ta över varandras ansvarsområden med rutinbeskrivningarna (mål 2).",
    ),
    ("mal3", "Protokoll och nämndhandlingar har prövats mot referensgruppen (mål 3)."),
    ("mal4", "Veckoplaner, rutiner och årsplan är avstämda (mål 4)."),
    ("mal5", "Arbetsmiljön har tagits upp på arbetsplatsträffen (mål 5)."),
]

FOLLOW_UP = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "uppfoljning-checklista",
    "name": "Checklista för uppföljningspunkterna",
    "version_label": "1",
    "description": (
        "Gås igenom på varje arbetsplatsträff: uppfyller vi punkten helt, delvis eller inte alls?"
    ),
    "source": "Seed 000, Nämndsekretariatet, uppföljningsmetod för mål 4.",
    "groups": [
        {
            "number": 1,
            "title": "Uppföljningspunkter",
            "help_text": "",
            "questions": [
                _choice(code, text, FOLLOW_UP_CHOICES) for code, text in FOLLOW_UP_POINTS
            ],
        }
    ],
    "indices": [],
}

CUSTOMER_AREAS = [
    (
        "tillganglighet",
        "Tillgänglighet",
        "Hur nöjd är du med vår tillgänglighet per telefon och e-post?",
    ),
    ("information", "Information", "Hur nöjd är du med den information du får från oss?"),
    ("bemotande", "Bemötande", "Hur nöjd är du med vårt bemötande?"),
    ("effektivitet", "Effektivitet", "Hur nöjd är du med hur effektivt vi hanterar dina ärenden?"),
]

CUSTOMER = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "kundenkat",
    "name": "Kundenkät per kvalitetsområde",
    "version_label": "1",
    "description": (
        "Kundernas omdöme per kvalitetsområde på en skala 1–10 och andelen nöjda kunder "
        "(de två översta stegen av fem)."
    ),
    "source": "Seed 001, Serviceförvaltningens kundenkät (Tillgänglighet, Information, "
    "Bemötande, Effektivitet).",
    "groups": [
        {
            "number": 1,
            "title": "Kvalitetsområden",
            "help_text": "",
            "questions": [
                _scale(code, text, 10, "Mycket missnöjd", "Mycket nöjd", dont_know=True)
                for code, _name, text in CUSTOMER_AREAS
            ],
        },
        {
            "number": 2,
            "title": "Helhet",
            "help_text": "",
            "questions": [
                _scale(
                    "helhet",
                    "Hur nöjd är du med oss som helhet?",
                    5,
                    "Mycket missnöjd",
                    "Mycket nöjd",
                ),
                {
                    "code": "synpunkter",
                    "kind": "text",
                    "text": "Har du tips eller förslag på vad vi kan göra bättre?",
                    "help_text": "Skriv inte namn eller andra personuppgifter.",
                    "required": False,
                    "choices": [],
                },
            ],
        },
    ],
    "indices": [
        *(
            {"code": code, "name": name, "description": "", "questions": [code]}
            for code, name, _text in CUSTOMER_AREAS
        ),
        {
            "code": "kundomdome",
            "name": "Kundernas omdöme",
            "description": "Medel av de fyra kvalitetsområdena.",
            "questions": [code for code, _name, _text in CUSTOMER_AREAS],
        },
    ],
}

SHIPPED = (HME, NKI, WORK_ENVIRONMENT, FOLLOW_UP, CUSTOMER)
