"""Load the demo municipality: each app loads its own part (``<app>/demo.py``), in dependency order.

Every loader is idempotent and goes through the same services (importers, intake) as real data, so the
demo exercises the product rather than a shortcut into the database.
"""

from __future__ import annotations

import importlib

from rich.console import Console

#: Apps with a ``demo.py`` exposing ``load(console) -> list[(username, password, role)]``, in order.
DEMO_APPS = [
    "kansrijk.accounts",
    "kansrijk.fieldwork",
    "kansrijk.results",
    "kansrijk.cycle",
]


def load_demo(console: Console) -> list[tuple[str, str, str]]:
    logins: list[tuple[str, str, str]] = []
    for app in DEMO_APPS:
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise
            continue  # this app has no demo data (yet)
        with console.status(f"Demo: {app.rsplit('.', 1)[-1]}…"):
            logins.extend(module.load(console))
    from kansrijk.accounts.demo import bind_demo_coordinator

    bind_demo_coordinator(console)
    return logins
