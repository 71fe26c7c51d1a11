# ruff: noqa: E501 - Markdown table rows must stay on one line each
"""Privacy facts read from the running installation, and the documents built from them.

The privacy statement for pupils and parents (``/privacy/``), the record of processing (verwerkingsregister,
AVG art. 30) and the DPIA template for the municipality's privacy officer all come from :func:`facts`, so
they say what this installation actually does (settings, model fields, thresholds) rather than what a
hand-written text once said. The Markdown documents are drafts: the privacy officer completes and signs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from kansrijk.accounts.models import Municipality
from kansrijk.analysis.disclosure import DisclosureRules
from kansrijk.fieldwork.models import PageSave, Response

#: What is never stored with an answer; tests/test_privacy.py checks the models and logs really hold none.
NEVER_STORED = (
    "naam",
    "geboortedatum",
    "IP-adres",
    "gegevens over het apparaat of de browser (user agent)",
    "precieze tijdstippen",
)
#: Fields of a response that are not answers, with the words a pupil or parent understands.
_FIELD_WORDS = {
    "session": "de klas-sessie (school, klas, leerjaar)",
    "language": "de taal van de vragenlijst",
    "started_date": "de datum waarop je begon",
    "started_hour": "het uur waarin je begon (geen minuten)",
    "complete": "of de vragenlijst af is",
    "refused": "of je niet meedoet",
    "current_page": "bij welke pagina je bent",
    "locked": "of de meting gesloten is",
    "answers": "je antwoorden",
    "resume_token_hash": "een versleutelde code om verder te gaan (alleen als controlegetal)",
    "page": "welke pagina is opgeslagen",
    "client_save_id": "een willekeurig nummer van de opslag",
    "seconds": "hoe lang je op een pagina was (afgerond op 5 seconden)",
}


@dataclass(frozen=True)
class PrivacyFacts:
    municipality: str
    code: str
    retention_years: int | None
    min_n: int
    min_count: int
    stored: tuple[str, ...]
    never_stored: tuple[str, ...]
    session_hours: float
    two_factor: bool
    login_attempts: int
    tls: bool
    results_public: bool


def stored_fields() -> tuple[str, ...]:
    """Every concrete field of a response and a page save, in words (an unknown new field shows by name)."""
    out = []
    for model in (Response, PageSave):
        for f in model._meta.concrete_fields:
            if f.primary_key or f.name == "response":
                continue
            out.append(_FIELD_WORDS.get(f.name, f.name))
    return tuple(dict.fromkeys(out))


def facts(municipality: Municipality | None = None) -> PrivacyFacts:
    from .services import results_are_public

    rules = DisclosureRules()
    return PrivacyFacts(
        municipality=municipality.name if municipality else "",
        code=municipality.code if municipality else "",
        retention_years=municipality.retention_years if municipality else None,
        min_n=rules.min_n,
        min_count=rules.min_count,
        stored=stored_fields(),
        never_stored=NEVER_STORED,
        session_hours=settings.SESSION_COOKIE_AGE / 3600,
        two_factor=bool(settings.KANSRIJK.get("REQUIRE_2FA", True)),
        login_attempts=int(getattr(settings, "AXES_FAILURE_LIMIT", 5)),
        tls=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
        results_public=results_are_public(municipality) if municipality else False,
    )


def _bullets(items: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def register_markdown(f: PrivacyFacts) -> str:
    """An entry for the record of processing activities (verwerkingsregister, AVG art. 30 lid 1)."""
    retention = (
        f"{f.retention_years} jaar na het einde van het veldwerk" if f.retention_years else "in te vullen"
    )
    return f"""# Verwerkingsregister — OKO-jeugdmonitor (Kansrijk)

*Gegenereerd uit de instellingen van deze installatie; te controleren en aan te vullen door de privacy officer.*

| Onderdeel | Invulling |
|---|---|
| Verwerkingsverantwoordelijke | {f.municipality} ({f.code}) |
| Naam van de verwerking | OKO-jeugdmonitor: vragenlijst onder leerlingen voortgezet onderwijs, cijfers per gemeente, wijk en school |
| Doel | Preventiebeleid (Opgroeien in een Kansrijke Omgeving): zicht op risico- en beschermende factoren, trends, en de beleidscyclus Kinderen op de Kaart. Geen beoordeling of profilering van individuele leerlingen. |
| Grondslag | Taak van algemeen belang (AVG art. 6 lid 1 sub e; gezondheidsbeleid) — *door de privacy officer te bevestigen* |
| Betrokkenen | Leerlingen van de deelnemende klassen (anoniem); medewerkers met een account |
| Categorieën gegevens bij een antwoord | {"; ".join(f.stored)} |
| Bijzondere gegevens | Antwoorden over gezondheid, middelengebruik en veiligheid (AVG art. 9), zonder naam of contactgegevens |
| Niet vastgelegd | {"; ".join(f.never_stored)} |
| Ontvangers | Medewerkers van de gemeente naar rol (beheerder, analist, zorgcoördinator school: alleen eigen school, partner: alleen gepubliceerde cijfers); {"iedereen via de open API (gepubliceerde cijfers, geen schoolcijfers)" if f.results_public else "geen openbare API"} |
| Doorgifte buiten de EER | Geen (eigen installatie) — *hosting te vermelden* |
| Bewaartermijn | Ruwe antwoorden: {retention}; daarna verwijderd. Snapshot (bevroren antwoordbestand zonder vrije tekst) en gepubliceerde cijfers blijven. |
| Beveiliging | Tweestapsverificatie voor microdata: {"aan" if f.two_factor else "UIT"}; blokkade na {f.login_attempts} foute inlogpogingen; sessie maximaal {f.session_hours:g} uur; HTTPS en beveiligde cookies: {"aan" if f.tls else "UIT (zet KANSRIJK_TLS aan)"}; strikte Content Security Policy; API-sleutels alleen als hash opgeslagen; auditlog van inzage in microdata. |
| Onthullingsbeheersing | Geen gepubliceerde cel onder {f.min_n} respondenten of met minder dan {f.min_count} respondenten die het antwoord wel/niet geven; complementaire onderdrukking; cijfers per wijk, nooit per buurt. |
"""


def dpia_markdown(f: PrivacyFacts) -> str:
    """A DPIA template (model DPIA Rijksdienst, shortened) with what the installation already guarantees."""
    return f"""# DPIA — OKO-jeugdmonitor {f.municipality} ({f.code})

*Sjabloon, gegenereerd uit de instellingen van deze installatie. Vul de open punten in; de privacy officer en
de FG beoordelen het geheel.*

## 1. Beschrijving van de verwerking
Leerlingen van de deelnemende klassen vullen tijdens een lesuur anoniem een vragenlijst in met een klassecode.
Bij een antwoord wordt vastgelegd:
{_bullets(list(f.stored))}

Nooit vastgelegd:
{_bullets(list(f.never_stored))}

## 2. Doel, noodzaak en evenredigheid
- Doel: preventiebeleid op gemeente- en wijkniveau; schoolrapporten alleen voor de eigen school.
- Minimale gegevens: geen naam, geen contactgegevens, geen precieze tijden; postcode alleen op 4 cijfers (PC4).
- Bewaartermijn ruwe antwoorden: {f.retention_years if f.retention_years is not None else "…"} jaar; daarna worden ze verwijderd.
- Open punt: toestemming / informatie aan ouders (brief), bezwaarmogelijkheid leerling.

## 3. Risico's en maatregelen
| Risico | Maatregel in Kansrijk | Restrisico |
|---|---|---|
| Herleiding van kleine groepen | Geen cel onder {f.min_n} respondenten of met < {f.min_count} per antwoord; complementaire onderdrukking; wijk in plaats van buurt | … |
| Onbevoegde inzage in microdata | Alleen de rol analist; tweestapsverificatie {"aan" if f.two_factor else "UIT"}; auditlog | … |
| Koppeling via tijdstip of apparaat | Alleen datum en uur; geen IP-adres of user agent; logregels zonder adres | … |
| Raden van inloggegevens | Blokkade na {f.login_attempts} pogingen (per gebruikersnaam) | … |
| Uitlekken van API-sleutels | Sleutels per gemeente en rol, als hash opgeslagen, intrekbaar, begrensd aantal verzoeken | … |
| Onderschepping | HTTPS en beveiligde cookies: {"aan" if f.tls else "UIT — zet KANSRIJK_TLS aan"} | … |

## 4. Conclusie
Open punt: oordeel privacy officer / FG, datum, handtekening.
"""
