# ruff: noqa: E501 - a table of sentences; wrapping them would only make translating harder
"""The words around the questions on the pupil's pages, translated with Django's gettext like the rest.

The Dutch text is the source (the msgid); each sentence carries the message context ``leerling`` so a
translator sees at once that it is for pupils (B1 level, plain words) and it never collides with a staff
string. The catalogues are ``fieldwork/locale/<lang>/LC_MESSAGES/django.po`` for English and for the
newcomer languages Django ships (``ar``, ``pl``, ``tr``, ``uk``); ``tools/extract_messages.sh`` keeps them
current and ``make messages`` refuses an incomplete one (``tools/check_messages.py``). The questions
themselves are translated in the XLSForm, not here. See docs/developers/translating.md.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

#: The message context of every pupil text in the catalogues.
CONTEXT = "leerling"


#: The pupil texts by key, as lazy translations (Dutch when a catalogue lacks one).
SOURCE: Mapping[str, Promise] = MappingProxyType(
    {
        "start_title": pgettext_lazy("leerling", "Vragenlijst voor jongeren"),
        "start_intro": pgettext_lazy(
            "leerling", "Je leraar heeft een code op het bord gezet. Typ die code hieronder."
        ),
        "code_label": pgettext_lazy("leerling", "Code van je klas"),
        "code_hint": pgettext_lazy(
            "leerling", "Zes tekens, bijvoorbeeld KXM 49P. Hoofdletters zijn niet nodig."
        ),
        "start_button": pgettext_lazy("leerling", "Verder"),
        "code_wrong": pgettext_lazy(
            "leerling", "Deze code kennen we niet. Kijk nog eens goed naar het bord en probeer het opnieuw."
        ),
        "code_early": pgettext_lazy("leerling", "Deze code werkt nog niet. Je kunt beginnen vanaf {start}."),
        "code_late": pgettext_lazy(
            "leerling",
            "Deze code werkt niet meer. De tijd voor deze klas was tot {end}. Vraag je leraar om hulp.",
        ),
        "code_closed": pgettext_lazy("leerling", "Deze vragenlijst is gesloten. Vraag je leraar om hulp."),
        "rate_limited": pgettext_lazy(
            "leerling",
            "Er zijn te veel verkeerde codes geprobeerd. Wacht een kwartier of vraag je leraar om hulp.",
        ),
        "session_full": pgettext_lazy(
            "leerling", "Met deze code zijn al heel veel vragenlijsten gestart. Vraag je leraar om hulp."
        ),
        "intro_title": pgettext_lazy("leerling", "Welkom"),
        "intro_anonymous": pgettext_lazy(
            "leerling",
            "Je naam vragen we niet. Niemand kan zien welke antwoorden van jou zijn: je leraar niet, je ouders niet en de gemeente ook niet.",
        ),
        "intro_why": pgettext_lazy(
            "leerling",
            "De gemeente gebruikt de antwoorden van alle jongeren samen. Zo weet de gemeente wat jongeren nodig hebben.",
        ),
        "intro_free": pgettext_lazy(
            "leerling",
            "Meedoen is vrij. Je mag een vraag overslaan als er 'zeg ik liever niet' staat. Er zijn geen goede of foute antwoorden.",
        ),
        "intro_time": pgettext_lazy("leerling", "Het duurt ongeveer 20 minuten."),
        "begin": pgettext_lazy("leerling", "Ik doe mee"),
        "refuse": pgettext_lazy("leerling", "Ik doe niet mee"),
        "refused_title": pgettext_lazy("leerling", "Je doet niet mee"),
        "refused_text": pgettext_lazy(
            "leerling",
            "Dat is goed. Je hoeft niets meer te doen. Blijf rustig zitten tot de les verder gaat.",
        ),
        "next": pgettext_lazy("leerling", "Volgende"),
        "back": pgettext_lazy("leerling", "Vorige"),
        "finish": pgettext_lazy("leerling", "Klaar, versturen"),
        "progress": pgettext_lazy("leerling", "Deel {n} van {total}"),
        "saved": pgettext_lazy("leerling", "Opgeslagen"),
        "saving_failed": pgettext_lazy(
            "leerling",
            "Niet opgeslagen: geen verbinding. Je antwoorden worden bewaard en verstuurd zodra er weer verbinding is.",
        ),
        "language": pgettext_lazy("leerling", "Taal"),
        "change_language": pgettext_lazy("leerling", "Kies taal"),
        "new_pupil": pgettext_lazy("leerling", "Nieuwe leerling op deze computer"),
        "new_pupil_hint": pgettext_lazy(
            "leerling", "Ben jij niet de leerling die hier begon? Start dan opnieuw."
        ),
        "resumed": pgettext_lazy("leerling", "Welkom terug. Je gaat verder waar je was."),
        "thanks_title": pgettext_lazy("leerling", "Bedankt!"),
        "thanks_text": pgettext_lazy(
            "leerling", "Je antwoorden zijn verstuurd. Je kunt dit scherm nu sluiten."
        ),
        "help_title": pgettext_lazy("leerling", "Wil je met iemand praten?"),
        "help_intro": pgettext_lazy(
            "leerling",
            "Sommige vragen gaan over moeilijke dingen. Zit je ergens mee? Praat erover met iemand die je vertrouwt, of neem contact op met:",
        ),
        "help_kindertelefoon": pgettext_lazy(
            "leerling", "De Kindertelefoon: bel gratis 0800-0432 of chat op kindertelefoon.nl (anoniem)."
        ),
        "help_113": pgettext_lazy(
            "leerling",
            "113 Zelfmoordpreventie: bel gratis 0800-0113 of chat op 113.nl. Bij direct gevaar: bel 112.",
        ),
        "help_school": pgettext_lazy("leerling", "De mentor of vertrouwenspersoon op je school."),
        "required": pgettext_lazy("leerling", "Geef een antwoord op deze vraag."),
        "choose": pgettext_lazy("leerling", "Kies een van de antwoorden."),
        "integer": pgettext_lazy("leerling", "Vul een heel getal in, zonder letters."),
        "decimal": pgettext_lazy("leerling", "Vul een getal in, bijvoorbeeld 2,5."),
        "constraint": pgettext_lazy("leerling", "Dit antwoord kan niet kloppen. Kijk het nog eens na."),
        "errors_title": pgettext_lazy("leerling", "Er ontbreekt nog iets"),
        "read_aloud": pgettext_lazy("leerling", "Lees voor"),
        "skip_link": pgettext_lazy("leerling", "Naar de inhoud"),
        "privacy": pgettext_lazy("leerling", "Privacy"),
        "footer_note": pgettext_lazy("leerling", "Kansrijk is open-sourcesoftware (EUPL-1.2)."),
        "expired": pgettext_lazy(
            "leerling",
            "Je antwoorden van deze pagina kwamen niet aan. Kijk ze na en druk nog een keer op Volgende.",
        ),
    }
)


@functools.lru_cache(maxsize=32)
def _texts(lang: str) -> Mapping[str, str]:
    with translation.override(lang):
        return MappingProxyType({key: str(text) for key, text in SOURCE.items()})


def text_for(lang: str) -> dict[str, str]:
    """The pupil texts in ``lang`` (a key the catalogue lacks is in Dutch); computed once per language."""
    return dict(_texts(lang))
