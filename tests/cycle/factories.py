"""factory_boy factories of the cycle app."""

from __future__ import annotations

import datetime as dt

import factory

from kansrijk.cycle.models import ActionPoint, ContextFigure, DialogueEntry, Provision, RiskGroup, Theme
from tests.accounts.factories import MunicipalityFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Thema {n + 1}")


class RiskGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskGroup

    municipality = factory.SubFactory(MunicipalityFactory)
    code = "armoede"
    number = 1
    title = "Kinderen die opgroeien in armoede"


class ActionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPoint

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Actiepunt {n + 1}")


class DialogueEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueEntry

    municipality = factory.SubFactory(MunicipalityFactory)
    date = dt.date(2026, 3, 1)
    audience = "youth"
    format = "Klassengesprek"
    heard = "Te weinig te doen in de wijk."


class ContextFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextFigure

    municipality = factory.SubFactory(MunicipalityFactory)
    indicator = "kinderen_armoede"
    description = "Kinderen in armoede"
    area_code = "WK999901"
    area_level = "wijk"
    period = "2024"
    value = 12.5
    unit = "percentage"
    source = "CBS"
    retrieved = dt.date(2025, 3, 1)


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    municipality = factory.SubFactory(MunicipalityFactory)
    provider = "VV Voorbeeld"
    activity = factory.Sequence(lambda n: f"Voetbal {n}")
    category = "sport"
    area_code = "WK999901"
