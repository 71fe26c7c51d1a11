"""One municipality with everything a staff URL or API endpoint can show, for the API tests, the role matrix
and the hardening tests: two schools (a coordinator is bound to the first), wijken, two synthetic waves
imported through fieldwork and analysed with the results tests' stand-in pipeline (both published, plus a
newer unpublished run), an open wave with a class session, the policy cycle, an API token per role, and a
second municipality whose admin must see nothing of the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.test import Client
from django.utils import timezone

PASSWORD = "correct-horse-battery"
ROLES = ("anonymous", "municipal_admin", "analyst", "school_coordinator", "partner", "other_municipality")


@dataclass
class World:
    municipality: Any
    other: Any
    school_a: Any
    school_b: Any
    wave: Any  # published (synthetic) wave
    open_wave: Any
    session_a: Any
    session_b: Any
    run: Any  # the latest published run
    unpublished_run: Any
    action_point: Any
    risk_group: Any
    users: dict[str, Any] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # role -> clear text
    token_objects: dict[str, Any] = field(default_factory=dict)

    def client(self, role: str, *, otp: bool = True) -> Client:
        from tests.conftest import verify_second_factor

        client = Client()
        if role != "anonymous":
            user = self.users[role]
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            if otp:
                verify_second_factor(client, user)
        return client


def generate(out: Path) -> Path:
    from kansrijk.synth.dataset import generate_dataset

    generate_dataset(out, pupils=300, waves=2, seed=3)
    return out


def build(synth_dir: Path) -> World:
    from django.test import override_settings

    from kansrijk.accounts.models import School
    from kansrijk.accounts.services import ensure_municipality, ensure_staff_user
    from kansrijk.api import services as api_services
    from kansrijk.cycle.models import ActionPoint, ActionPointIndicator, RiskGroup, Theme
    from kansrijk.fieldwork import services as fieldwork
    from kansrijk.fieldwork.codes import new_code
    from kansrijk.fieldwork.models import ClassSession, SchoolClass
    from kansrijk.results import services as results
    from tests.results.stand_in import FakePipeline

    municipality = ensure_municipality("GM9999", "Gemeente Voorbeeld")
    other = ensure_municipality("GM0001", "Andere Gemeente")
    waves = fieldwork.import_dataset(None, municipality, synth_dir)
    pipeline = FakePipeline()
    with override_settings(KANSRIJK_ANALYSIS_PIPELINE=pipeline):
        runs = [results.publish(None, results.analyse_wave(None, w, background=False)) for w in waves]
        pipeline.shift = 0.01
        unpublished = results.analyse_wave(None, waves[-1], background=False)

    schools = list(School.objects.filter(municipality=municipality).order_by("brin", "location"))
    school_a, school_b = schools[0], schools[1]
    other_school = School.objects.create(
        municipality=other, brin="11ZZ", location="00", name="Elders College"
    )

    open_wave = fieldwork.create_wave(
        None,
        municipality,
        waves[-1].instrument,
        code="GM9999-open",
        name="Open meting",
        grades=[2],
        window_start=timezone.localdate() - dt.timedelta(days=1),
        window_end=timezone.localdate() + dt.timedelta(days=10),
        languages=["nl", "en"],
    )
    sessions = []
    for school in (school_a, school_b):
        klass = SchoolClass.objects.create(wave=open_wave, school=school, grade=2, name="2A", expected=25)
        sessions.append(
            ClassSession.objects.create(
                school_class=klass,
                code=new_code(),
                starts_at=timezone.now() - dt.timedelta(hours=1),
                ends_at=timezone.now() + dt.timedelta(hours=2),
            )
        )

    fieldwork.open_wave(None, open_wave)

    theme = Theme.objects.create(municipality=municipality, number=1, title="Bescherming")
    risk_group = RiskGroup.objects.create(
        municipality=municipality, code="armoede", number=1, title="Armoede"
    )
    point = ActionPoint.objects.create(municipality=municipality, number=1, title="Sport voor iedereen")
    point.themes.add(theme)
    point.risk_groups.add(risk_group)
    ActionPointIndicator.objects.create(action_point=point, code="sport_weekly", expected="up")

    world = World(
        municipality=municipality,
        other=other,
        school_a=school_a,
        school_b=school_b,
        wave=waves[-1],
        open_wave=open_wave,
        session_a=sessions[0],
        session_b=sessions[1],
        run=runs[-1],
        unpublished_run=unpublished,
        action_point=point,
        risk_group=risk_group,
    )
    for role in ("municipal_admin", "analyst", "partner"):
        world.users[role] = ensure_staff_user(role, PASSWORD, municipality, role)
    world.users["school_coordinator"] = ensure_staff_user(
        "school_coordinator", PASSWORD, municipality, "school_coordinator", schools=[school_a]
    )
    world.users["other_municipality"] = ensure_staff_user(
        "other_admin", PASSWORD, other, "municipal_admin", schools=None
    )
    del other_school
    admin = world.users["municipal_admin"]
    for role in ("municipal_admin", "analyst", "partner"):
        created = api_services.create_token(admin, municipality, role=role, name=f"{role} koppeling")
        world.tokens[role] = created.clear_text
        world.token_objects[role] = created.token
    other_token = api_services.create_token(None, other, role="municipal_admin", name="andere")
    world.tokens["other_municipality"] = other_token.clear_text
    api_services.set_results_public(admin, municipality, True)
    return world


def module_world(django_db_blocker: Any, synth_dir: Path, tmp_path_factory: Any) -> Iterator[World]:
    """Build the world once for a test module; everything is rolled back afterwards."""
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("api-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media / "media"), KANSRIJK_SNAPSHOT_DIR=str(media / "snapshots")),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build(synth_dir)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
