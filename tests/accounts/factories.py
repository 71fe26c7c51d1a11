"""factory_boy factories of the accounts app: what every other app's factories build on."""

from __future__ import annotations

import factory

from kansrijk.accounts.models import Municipality, School


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "GM9999"
    name = "Gemeente Voorbeeld"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ("municipality", "brin", "location")

    municipality = factory.SubFactory(MunicipalityFactory)
    brin = factory.Sequence(lambda n: f"{10 + n % 90:02d}A{chr(65 + n % 26)}")
    location = "00"
    name = factory.Sequence(lambda n: f"School {n}")
    levels = factory.LazyFunction(lambda: ["havo"])
