"""The shared words of Kansrijk: leefdomeinen (survey domains) and the risk groups of Kinderen op de Kaart.

Kept in one plain module (no Django) because the instrument (indicators name a domain and risk groups),
the analysis, the synthetic data and the policy-cycle app must all agree on the same codes. Codes are
stable identifiers stored in XLSForms and databases; labels are for people.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    nl: str
    en: str


#: Leefdomeinen of the Icelandic Prevention Model, the survey areas an indicator belongs to.
DOMAINS: tuple[Term, ...] = (
    Term("substance_use", "Middelengebruik", "Substance use"),
    Term("family", "Gezin en ouders", "Family and parents"),
    Term("peers", "Vrienden", "Peers"),
    Term("leisure", "Vrije tijd", "Leisure"),
    Term("school", "School", "School"),
    Term("wellbeing", "Welzijn", "Wellbeing"),
    Term("safety", "Veiligheid", "Safety"),
)

#: The thirteen risk groups of "Kinderen op de Kaart" (2018), in the order and numbering of its chapters 2–14.
RISK_GROUPS: tuple[Term, ...] = (
    Term("armoede", "Kinderen die opgroeien in armoede", "Children growing up in poverty"),
    Term(
        "ouders_ggz_verslaving",
        "Kinderen met ouders met ernstige psychische problematiek en verslaafde ouders",
        "Children of parents with serious mental illness or addiction",
    ),
    Term(
        "tienerzwangerschap",
        "Tienerzwangerschappen, ongewenste zwangerschappen en jonge ouders",
        "Teenage and unwanted pregnancies, young parents",
    ),
    Term(
        "schoolverlaters",
        "Voortijdig schoolverlaters zonder startkwalificatie",
        "Early school leavers without a basic qualification",
    ),
    Term(
        "huiselijk_geweld",
        "Kinderen die opgroeien met huiselijk geweld",
        "Children growing up with domestic violence",
    ),
    Term(
        "amv_statushouders",
        "Alleenstaande minderjarige vreemdelingen en jonge statushouders",
        "Unaccompanied minors and young refugees with a residence permit",
    ),
    Term("zwerfjongeren", "Zwerfjongeren", "Homeless young people"),
    Term(
        "huisuitzetting",
        "Gezinnen met kinderen die te maken krijgen met huisuitzettingen",
        "Families with children facing eviction",
    ),
    Term("risicojeugd", "Risicojeugd", "Youth at risk"),
    Term("middelengebruik", "Jongeren die middelen gebruiken", "Young people who use substances"),
    Term(
        "gesloten_setting",
        "Jongeren die vanuit een gesloten setting terugkeren in de maatschappij",
        "Young people returning to society from a closed setting",
    ),
    Term("ouder_detentie", "Kinderen van een ouder in detentie", "Children of a parent in detention"),
    Term("pesten", "Kinderen die gepest worden", "Children who are bullied"),
)

DOMAIN_CODES: frozenset[str] = frozenset(t.code for t in DOMAINS)
RISK_GROUP_CODES: frozenset[str] = frozenset(t.code for t in RISK_GROUPS)

#: Languages of the default instrument; direction is a property of the language, never guessed from text.
LANGUAGES: dict[str, tuple[str, str]] = {
    # code: (native name, direction)
    "nl": ("Nederlands", "ltr"),
    "en": ("English", "ltr"),
    "ar": ("العربية", "rtl"),
    "pl": ("Polski", "ltr"),
    "tr": ("Türkçe", "ltr"),
    "uk": ("Українська", "ltr"),
}
RTL_LANGUAGES: frozenset[str] = frozenset(code for code, (_, d) in LANGUAGES.items() if d == "rtl")
