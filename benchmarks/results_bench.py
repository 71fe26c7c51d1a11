"""Speed of the results app: publish a 10,000-pupil wave (analysis → stored rows → published → dashboard),
and render all school reports of a municipality in parallel.

    .venv/bin/python benchmarks/results_bench.py [--pupils 11500] [--workers N]

Runs on the test settings (SQLite in memory) in a temporary folder; the real ``kansrijk.analysis`` pipeline.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pupils", type=int, default=11500, help="enrolled per wave (about 87%% respond)")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kansrijk-results-bench-"))
    os.environ["KANSRIJK_VAR_DIR"] = str(tmp / "var")
    os.environ["DJANGO_SETTINGS_MODULE"] = "kansrijk.web.settings_test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.MEDIA_ROOT = str(tmp / "media")
    settings.KANSRIJK_SNAPSHOT_DIR = str(tmp / "snapshots")
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)

    from kansrijk.accounts.services import ensure_municipality, ensure_staff_user
    from kansrijk.fieldwork import services as fieldwork
    from kansrijk.results import reports, services
    from kansrijk.synth.dataset import generate_dataset

    t0 = time.perf_counter()
    synth = tmp / "synth"
    generate_dataset(synth, pupils=args.pupils, waves=2, seed=11)
    print(
        f"synthetic data ({args.pupils} enrolled × 2 waves): {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    municipality = ensure_municipality("GM9999", "Gemeente Voorbeeld")
    user = ensure_staff_user("partner", "x-very-long-password", municipality, "partner")
    waves = fieldwork.import_dataset(None, municipality, synth)
    first = services.analyse_wave(None, waves[0], background=False)
    services.publish(None, first)

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    t = {}
    start = time.perf_counter()
    run = services.analyse_wave(None, waves[1], background=False)
    t["analyse+store"] = time.perf_counter() - start
    assert run.status == "done", run.error
    services.publish(None, run)
    t["…+publish"] = time.perf_counter() - start
    response = client.get("/gemeente/GM9999/resultaten/?leefdomein=substance_use&uitsplitsing=grade")
    assert response.status_code == 200
    spec = client.get(
        "/gemeente/GM9999/resultaten/grafiek/leefdomein.json?leefdomein=substance_use"
        "&uitsplitsing=grade&eenheid=percentage"
    )
    assert spec.status_code == 200
    t["…+dashboard page and chart"] = time.perf_counter() - start
    respondents = run.meta.get("respondents") or run.meta.get("row_count") or "?"
    print(f"publish wave of {respondents} respondents, {run.rows.count()} result rows:")
    for k, v in t.items():
        print(f"  {k:32s} {v:6.2f} s")

    start = time.perf_counter()
    paths = reports.render_school_reports(run, tmp / "school-reports", workers=args.workers)
    total = time.perf_counter() - start
    print(
        f"school reports: {len(paths)} in {total:.2f} s → {total / max(1, len(paths)):.2f} s per school "
        f"(workers={args.workers or os.cpu_count()}, cpus={os.cpu_count()})"
    )
    start = time.perf_counter()
    reports.render_school_reports(run, tmp / "school-reports-serial", workers=1)
    serial = time.perf_counter() - start
    print(f"  serial for comparison: {serial:.2f} s → {serial / max(1, len(paths)):.2f} s per school")


if __name__ == "__main__":
    main()
