"""factory_boy factories for the fieldwork app (the default OKO-kern instrument unless told otherwise)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kansrijk.fieldwork import services
from kansrijk.fieldwork.codes import new_code
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.fieldwork.models import ClassSession, SchoolClass, Wave
from tests.accounts.factories import MunicipalityFactory, SchoolFactory

__all__ = ["ClassSessionFactory", "MunicipalityFactory", "SchoolClassFactory", "SchoolFactory", "WaveFactory"]


class WaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wave

    municipality = factory.SubFactory(MunicipalityFactory)
    instrument = factory.LazyFunction(services.default_instrument)
    code = factory.Sequence(lambda n: f"GM9999-{2025 + n}")
    name = factory.Sequence(lambda n: f"OKO {2025 + n}")
    grades = factory.LazyFunction(lambda: [2, 4])
    window_start = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    window_end = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    languages = factory.LazyFunction(lambda: ["nl", "en", "ar"])
    status = WaveStatus.OPEN


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass

    wave = factory.SubFactory(WaveFactory)
    school = factory.SubFactory(SchoolFactory, municipality=factory.SelfAttribute("..wave.municipality"))
    grade = 2
    name = factory.Sequence(lambda n: f"2{chr(65 + n % 26)}{n // 26 or ''}")
    expected = 25


class ClassSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassSession

    school_class = factory.SubFactory(SchoolClassFactory)
    code = factory.LazyFunction(new_code)
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=2))
