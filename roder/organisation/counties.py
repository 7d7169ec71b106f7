"""Sweden's 21 counties (län) by SCB's county code, the first two digits of a municipality code.
The genitive form is how Kolada and SCB name a county's groups ("Stockholms läns kommuner")."""

# länskod -> the county's name in the genitive, as in "<name> län"
COUNTIES = {
    "01": "Stockholms",
    "03": "Uppsala",
    "04": "Södermanlands",
    "05": "Östergötlands",
    "06": "Jönköpings",
    "07": "Kronobergs",
    "08": "Kalmar",
    "09": "Gotlands",
    "10": "Blekinge",
    "12": "Skåne",
    "13": "Hallands",
    "14": "Västra Götalands",
    "17": "Värmlands",
    "18": "Örebro",
    "19": "Västmanlands",
    "20": "Dalarnas",
    "21": "Gävleborgs",
    "22": "Västernorrlands",
    "23": "Jämtlands",
    "24": "Västerbottens",
    "25": "Norrbottens",
}


def county_of(municipality_code: str) -> str:
    """The county of a municipality code ("0114" → "Stockholms"; a region "0001" → its county
    too), or "" when the code names none."""
    code = municipality_code or ""
    if len(code) != 4 or not code.isdigit():
        return ""
    county = code[2:] if code.startswith("00") else code[:2]
    return COUNTIES.get(county, "")
