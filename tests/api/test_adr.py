"""The NL API Design Rules lint (tools/adr_lint.py + tools/adr-ruleset.yaml, run by ``make lint``) and the TLS
rule that ``kansrijk check-deploy`` enforces.

The lint test runs the real Spectral (npm, ``npm ci``) once over Kansrijk's own document and over copies that
each break one rule, so a rule that silently stopped firing fails here too.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kansrijk.api.adr import document_json
from kansrijk.api.api import api

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
RULESET = ROOT / "tools" / "adr-ruleset.yaml"

pytestmark = pytest.mark.slow


def _snake_property(d: dict[str, Any]) -> None:
    d["components"]["schemas"]["ResultOut"]["properties"]["ci_low"] = {"type": "number"}


def _no_version_header(d: dict[str, Any]) -> None:
    del d["paths"]["/me"]["get"]["responses"]["200"]["headers"]["API-Version"]


def _trailing_slash(d: dict[str, Any]) -> None:
    d["paths"]["/me/"] = d["paths"].pop("/me")


def _plain_json_error(d: dict[str, Any]) -> None:
    response = d["paths"]["/me"]["get"]["responses"]["401"]
    response["content"] = {"application/json": response["content"]["application/problem+json"]}


def _not_semver(d: dict[str, Any]) -> None:
    d["info"]["version"] = "1"


def _no_major_in_server(d: dict[str, Any]) -> None:
    d["servers"] = [{"url": "/api"}]


def _contact_without_email(d: dict[str, Any]) -> None:
    del d["info"]["contact"]["email"]


def _camel_path(d: dict[str, Any]) -> None:
    d["paths"]["/municipalities/{code}/actionPoints"] = d["paths"].pop("/municipalities/{code}/action-points")


def _snake_query(d: dict[str, Any]) -> None:
    for parameter in d["paths"]["/municipalities/{code}/results"]["get"]["parameters"]:
        if parameter["name"] == "domainType":
            parameter["name"] = "domain_type"


def _no_invalid_input(d: dict[str, Any]) -> None:
    del d["paths"]["/municipalities/{code}/results"]["get"]["responses"]["400"]


def _no_document_resource(d: dict[str, Any]) -> None:
    del d["paths"]["/openapi.json"]


def _odd_method(d: dict[str, Any]) -> None:
    d["paths"]["/me"]["trace"] = copy.deepcopy(d["paths"]["/me"]["get"])


def _problem_without_instance(d: dict[str, Any]) -> None:
    del d["components"]["schemas"]["Problem"]["properties"]["instance"]


def _no_cors_on_document(d: dict[str, Any]) -> None:
    del d["paths"]["/openapi.json"]["get"]["responses"]["200"]["headers"]["Access-Control-Allow-Origin"]


#: breakage → the Design Rule (rule id in tools/adr-ruleset.yaml) that must catch it
BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "snake-property": (_snake_property, "nlgov:property-casing"),
    "no-version-header": (_no_version_header, "nlgov:missing-version-header"),
    "trailing-slash": (_trailing_slash, "nlgov:paths-no-trailing-slash"),
    "plain-json-error": (_plain_json_error, "nlgov:use-problem-schema"),
    "not-semver": (_not_semver, "nlgov:semver"),
    "no-major-in-server": (_no_major_in_server, "nlgov:include-major-version-in-uri"),
    "contact-without-email": (_contact_without_email, "nlgov:info-contact-fields-exist"),
    "camel-path": (_camel_path, "nlgov:paths-kebab-case"),
    "snake-query": (_snake_query, "nlgov:query-keys-camel-case"),
    "no-invalid-input": (_no_invalid_input, "nlgov:problem-invalid-input"),
    "no-document-resource": (_no_document_resource, "nlgov:paths-open-api-json-resource-exists"),
    "odd-method": (_odd_method, "nlgov:http-methods"),
    "problem-without-instance": (_problem_without_instance, "nlgov:problem-schema-members"),
    "no-cors-on-document": (_no_cors_on_document, "nlgov:paths-open-api-json-specify-cors-header"),
}


def test_the_document_meets_the_rules_and_every_rule_fires(tmp_path: Path) -> None:
    assert SPECTRAL.exists(), "Spectral is missing: run `npm ci` (make bootstrap does)"
    document = json.loads(document_json(api))
    files = {"kansrijk": tmp_path / "kansrijk.json"}
    files["kansrijk"].write_text(json.dumps(document))
    for name, (breaks, _rule) in BROKEN.items():
        broken = copy.deepcopy(document)
        breaks(broken)
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(json.dumps(broken))
    result = subprocess.run(
        [
            str(SPECTRAL),
            "lint",
            "--ruleset",
            str(RULESET),
            "--format",
            "json",
            "--quiet",
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    found: dict[str, set[str]] = {name: set() for name in files}
    for problem in json.loads(result.stdout or "[]"):
        found[Path(problem["source"]).stem].add(problem["code"])
    assert found["kansrijk"] == set(), found["kansrijk"]
    missed = {name: found[name] for name, (_b, rule) in BROKEN.items() if rule not in found[name]}
    assert missed == {}


def _check_deploy(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KANSRIJK_", "DJANGO_", "DEBUG"))}
    env |= {
        "SECRET_KEY": "k" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
        "ALLOWED_HOSTS": "kansrijk.example",
    }
    env |= extra
    return subprocess.run(
        [sys.executable, "-m", "kansrijk", "check-deploy"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_check_deploy_refuses_a_deployment_without_tls(tmp_path: Path) -> None:
    tls_checks = ("security.W004", "security.W008", "security.W012", "security.W016")
    without = _check_deploy({"KANSRIJK_VAR_DIR": str(tmp_path)})
    assert without.returncode == 1
    assert all(check in without.stdout for check in tls_checks), without.stdout
    with_tls = _check_deploy({"KANSRIJK_VAR_DIR": str(tmp_path), "KANSRIJK_TLS": "true"})
    assert not [check for check in tls_checks if check in with_tls.stdout], with_tls.stdout
