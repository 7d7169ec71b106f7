"""The frameworks Roder ships, in the framework file format (files.py, the quality README).

Sources: KommunKompassen 2010 and 2020 and SIQ from ../shared/domain-reference.md §1 (SKR's
pages on Kommunkompassen, seed 002); Stockholms stads Kvalitetsutmärkelse from seed 001 (areas
and question numbers from its table of contents, the texts of questions 1–15 from its body; the
seed stops in question 15, so 16–24 have no text yet). Where a scale is unconfirmed, areas are
0–100 as the README says; administrators can change them in a new version.
"""

FORMAT = "roder-framework"
FORMAT_VERSION = 1


def _areas(names, max_score=100, sub_areas=None):
    sub_areas = sub_areas or {}
    return [
        {
            "number": number,
            "name": name,
            "max_score": max_score,
            "help_text": "",
            "sub_areas": [
                {"number": i, "name": sub, "help_text": ""}
                for i, sub in enumerate(sub_areas.get(number, []), start=1)
            ],
            "questions": [],
        }
        for number, name in enumerate(names, start=1)
    ]


KK2010_SUB_AREAS = {
    1: [
        "Strategi för demokratiutveckling och information",
        "Information till medborgare",
        "Dialog och medborgarmedverkan",
        "Etik – motverkan av korruption",
    ],
    2: [
        "Strategi för brukarorientering",
        "Tillgänglighet och bemötande",
        "Information om service och tjänster",
        "Valfrihet",
        "Brukarundersökningar",
        "Deklarationer och synpunkts-/klagomålshantering",
    ],
    3: [
        "System för styrning och uppföljning",
        "Politiska mål",
        "Uppföljning och rapportering",
        "Ansvarsfördelning politiker/tjänstemän",
        "Samspel och dialog",
    ],
    4: [
        "Strategi för ledarskap, ansvar och delegation",
        "Enheternas ansvar",
        "Tvärsektoriellt samarbete",
        "Personligt ansvar och uppdrag för chefer",
        "Kommunledningens kommunikation",
        "Ledarutveckling",
    ],
    5: [
        "Strategi för resultatstyrning och effektivitetsutveckling",
        "Kostnader och resultat i budgetprocessen",
        "Arbetsprocesser, uppföljning och kontroll",
        "Kommunikation kring resurser och resultat",
        "Jämförelser",
        "Extern samverkan",
    ],
    6: [
        "Personalstrategi",
        "Rekrytering",
        "Kompetens- och medarbetarutveckling",
        "Individuell lönesättning",
        "Arbetsmiljöarbete",
        "Mångfald",
    ],
    7: [
        "Strategiskt kvalitetsarbete",
        "Verktyg för kvalitets-/verksamhetsutveckling",
        "Lärande genom omvärldsspaning och samverkan",
        "Kreativitet och innovationer",
        "IT-stöd",
    ],
    # 8: the seed is cut off before area 8's sub-areas; left empty, editable.
}

KOMMUNKOMPASSEN_2010 = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "kommunkompassen",
    "name": "KommunKompassen",
    "version_label": "2010",
    "year": 2010,
    "description": (
        "SKL:s verktyg för utvärdering och analys av hur en kommun leds (inte av verksamhetens "
        "resultat), reviderat 2010 tillsammans med KS (Norge), KL och KREVI (Danmark). Åtta "
        "huvudområden med 0–100 poäng vardera, totalt 800. Utvärderarna använder intervjuer, "
        "officiella dokument och kommunens hemsida. Poäng enligt 2010 års version är inte "
        "jämförbara med den äldre versionen."
    ),
    "source": "SKL, Kommunkompassen (version 2.0, 2010); rubriker enligt SKL:s analys av "
    "Upplands Väsby 2011.",
    "areas": _areas(
        [
            "Offentlighet och demokrati",
            "Tillgänglighet och brukarorientering",
            "Politisk styrning och kontroll",
            "Ledarskap, ansvar och delegation",
            "Resultat och effektivitet",
            "Kommunen som arbetsgivare – personalpolitik",
            "Verksamhetsutveckling",
            "Kommunen som samhällsbyggare",
        ],
        sub_areas=KK2010_SUB_AREAS,
    ),
}

KOMMUNKOMPASSEN_2020 = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "kommunkompassen",
    "name": "KommunKompassen",
    "version_label": "2020",
    "year": 2020,
    "description": (
        "SKR:s reviderade Kommunkompass (2020): åtta områden i fyra roller – Demokratiaktör, "
        "Samhällsbyggare, Välfärdsaktör och Arbetsgivare. Poängskalan per område är inte "
        "bekräftad; 0–100 antas och kan ändras i en ny version."
    ),
    "source": "SKR, Kommunkompassen (revidering 2020).",
    "areas": _areas(
        [
            "Samspel mellan förtroendevalda och medborgare",
            "Samhällsutveckling",
            "Styrning och kontroll",
            "Effektivitet",
            "Brukarens fokus",
            "Kvalitetsutveckling",
            "Arbetsliv",
            "Chefs- och ledarskap samt medarbetarskap",
        ]
    ),
}

# Kvalitetsutmärkelsen 2012 (seed 001): area → question numbers, texts of 1–15 from the seed.
KU_AREAS = [
    ("Brukare/kunder", range(1, 7)),
    ("Chefs- och ledarskap", range(7, 11)),
    ("Medarbetare", range(11, 15)),
    ("Vision och värdegrund", range(15, 16)),
    ("Från åtaganden/mål till uppföljning", range(16, 19)),
    ("Resursanvändning", range(19, 20)),
    ("Resultat och analys", range(20, 22)),
    ("Utveckling", range(22, 25)),
]
ANALYSIS = " Redogör också för er analys av resultaten och vilka trender ni kan se."
KU_QUESTIONS = {
    1: "Redogör för hur ni skapar och förstärker en kultur där brukarna/kunderna är i centrum, "
    "till exempel hur ni arbetar med bemötandefrågor.",
    2: "Beskriv hur er värdegrund och/eller vision görs känd hos era brukare/kunder.",
    3: "Beskriv vilka metoder/arbetssätt ni har för att ta reda på brukarnas/kundernas "
    "förväntningar på verksamheten.",
    4: "Beskriv hur ni fångar upp och hanterar brukarnas/kundernas synpunkter och klagomål samt "
    "förbättringsförslag.",
    5: "Redovisa kortfattat resultaten från era brukarundersökningar/kunddialoger." + ANALYSIS,
    6: "Ge exempel på hur brukarnas/kundernas synpunkter, klagomål och förbättringsförslag "
    "påverkat utvecklingen av er verksamhet.",
    7: "Beskriv din ledarskapsidé och hur du gör den känd och förankrad i organisationen.",
    8: "Beskriv hur du som chef/ledare kommunicerar, det vill säga försäkrar dig om att "
    "medarbetarna är införstådda med verksamhetens mål/åtaganden.",
    9: "Beskriv hur du som chef/ledare skapar möjligheter för lärande i organisationen.",
    10: "Redogör för hur du som ledare utvärderar och utvecklar ditt ledarskap.",
    11: "Beskriv hur ni säkerställer att medarbetarna kompetensutvecklas utifrån brukarnas behov "
    "och verksamhetens resultat.",
    12: "Beskriv hur du som chef/ledare skapar förutsättningar för att ta vara på engagemanget "
    "hos medarbetarna för utveckling av verksamheten.",
    13: "Beskriv hur ni ger erkännande och stöd till enskilda eller grupper av medarbetare.",
    14: "Redovisa kortfattat resultaten från de senaste medarbetarundersökningarna." + ANALYSIS,
    15: "Beskriv vilken värdegrund/gemensamma förhållningssätt ni har för er verksamhet. "
    "Beskriv också hur den/de togs fram och förankrades i organisationen.",
}
# Questions whose answers report results: the entry form offers figures from Roder.
KU_RESULT_QUESTIONS = {5, 14, 20, 21}

KVALITETSUTMARKELSEN_2012 = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "kvalitetsutmarkelsen-stockholm",
    "name": "Stockholms stads Kvalitetsutmärkelse",
    "version_label": "2012",
    "year": 2012,
    "description": (
        "Stockholms stads kvalitetsutmärkelse: verksamheten besvarar 24 numrerade frågor i åtta "
        "områden i ett tävlingsbidrag; utvärderarna poängsätter bidraget och skriver en "
        "återföringsrapport. Klasser: Förskola; Skola; Äldreomsorg; Socialtjänst och stöd och "
        "service till personer med funktionsnedsättning; Andra verksamheter. Poängskalan är inte "
        "bekräftad och lämnas öppen."
    ),
    "source": "Tävlingsbidrag Kvalitetsutmärkelsen 2012, Serviceförvaltningen (frågorna 1–15). "
    "Frågorna 16–24 saknar text: källan tar slut i fråga 15.",
    "areas": [
        {
            "number": number,
            "name": name,
            "max_score": None,
            "help_text": "",
            "sub_areas": [],
            "questions": [
                {
                    "number": q,
                    "text": KU_QUESTIONS.get(q, ""),
                    "help_text": "",
                    "max_score": None,
                    "asks_for_results": q in KU_RESULT_QUESTIONS,
                }
                for q in questions
            ],
        }
        for number, (name, questions) in enumerate(KU_AREAS, start=1)
    ],
}

SIQ = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "siq",
    "name": "SIQ Modell för Kundorienterad Verksamhetsutveckling",
    "version_label": "2010",
    "year": 2010,
    "description": (
        "SIQ:s modell med sju kriterier. Arbetsgång: individuell utvärdering → konsensus → "
        "platsbesök → återföringsrapport. Poängskalan per kriterium är inte bekräftad; 0–100 "
        "antas och kan ändras i en ny version."
    ),
    "source": "SIQ-modellen 2010/2013 enligt Roders domänreferens (domain-reference.md §1).",
    "areas": _areas(
        [
            "Ledarskap",
            "Information och analys",
            "Verksamhetens planering",
            "Medarbetarnas engagemang och utveckling",
            "Verksamhetens processer",
            "Verksamhetens resultat",
            "Kundtillfredsställelse",
        ]
    ),
}

SHIPPED = [KOMMUNKOMPASSEN_2010, KOMMUNKOMPASSEN_2020, KVALITETSUTMARKELSEN_2012, SIQ]
