"""The deployment recipe: container image (Containerfile), Kubernetes manifests (deploy/kubernetes), probes.

The image cannot be built here (no container registry for the base image), so its recipe is checked for
what it promises: a non-root user, a read-only root filesystem (every path the app writes is a volume), and
entrypoints that are real ``kansrijk`` commands with valid options. The manifests are rendered with
``kubectl kustomize`` (kubectl comes with these machines; ``scripts/ensure-debian-packages.sh`` installs
Debian's ``kubernetes-client`` where it is missing) and validated offline against the Kubernetes OpenAPI
schemas that the ``kubernetes-validate`` package ships, in strict mode (unknown fields fail).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import kubernetes_validate
import pytest
import typer.main
import yaml

ROOT = Path(__file__).resolve().parent.parent
KUSTOMIZE = ROOT / "deploy" / "kubernetes"
OVERLAY = KUSTOMIZE / "overlays" / "example"
BASE = KUSTOMIZE / "base"
CONTAINERFILE = ROOT / "Containerfile"
#: Oldest Kubernetes minor still supported upstream when this was written, and the newest schema shipped.
K8S_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())
#: A container's web server listens on every interface of its own network namespace.
ALL_INTERFACES = "0.0.0.0"  # noqa: S104


# --- rendering ------------------------------------------------------------------------------------------


@cache
def render(folder: Path) -> tuple[dict[str, Any], ...]:
    kubectl = shutil.which("kubectl")
    assert kubectl, (
        "kubectl is missing: `make test` installs Debian's kubernetes-client "
        "(scripts/ensure-debian-packages.sh test)"
    )
    done = subprocess.run(
        [kubectl, "kustomize", str(folder)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return tuple(doc for doc in yaml.safe_load_all(done.stdout) if doc)


def by_kind(docs: tuple[dict[str, Any], ...], kind: str) -> list[dict[str, Any]]:
    return [d for d in docs if d["kind"] == kind]


def one(docs: tuple[dict[str, Any], ...], kind: str, name_prefix: str) -> dict[str, Any]:
    found = [d for d in by_kind(docs, kind) if d["metadata"]["name"].startswith(name_prefix)]
    assert len(found) == 1, (kind, name_prefix, [d["metadata"]["name"] for d in by_kind(docs, kind)])
    return found[0]


def pod_specs(docs: tuple[dict[str, Any], ...]) -> dict[str, dict[str, Any]]:
    return {
        f"{d['kind']}/{d['metadata']['name']}": d["spec"]["template"]["spec"]
        for d in docs
        if d["kind"] in ("Deployment", "Job", "StatefulSet", "DaemonSet")
    }


def kansrijk_commands() -> Any:
    from kansrijk.cli import app

    return typer.main.get_command(app)


def assert_kansrijk_command(args: list[str]) -> None:
    """``args`` (what follows ``kansrijk``) name a real command with options it accepts."""
    group = kansrijk_commands()
    assert args and args[0] in group.commands, (args, sorted(group.commands))
    command = group.commands[args[0]]
    command.make_context(f"kansrijk {args[0]}", list(args[1:]))  # raises on an unknown option or bad value


# --- the manifests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [BASE, OVERLAY], ids=["base", "example-overlay"])
@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_manifests_render_and_validate_against_the_kubernetes_schemas(folder: Path, version: str) -> None:
    docs = render(folder)
    assert docs
    for doc in docs:
        # strict: a misspelt or misplaced field (e.g. `readOnlyRootFileSystem`) fails, not just a wrong type
        kubernetes_validate.validate(doc, version, strict=True)


def test_strict_validation_catches_a_misspelt_field() -> None:
    deployment = json.loads(json.dumps(one(render(OVERLAY), "Deployment", "kansrijk-web")))
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["securityContext"]["readOnlyRootFileSystem"] = container["securityContext"].pop(
        "readOnlyRootFilesystem"
    )
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, K8S_VERSIONS[0], strict=True)


def test_overlay_holds_every_part_of_an_installation() -> None:
    docs = render(OVERLAY)
    kinds = {d["kind"] for d in docs}
    assert {
        "Deployment",
        "HorizontalPodAutoscaler",
        "Job",
        "ConfigMap",
        "Secret",
        "NetworkPolicy",
        "PodDisruptionBudget",
        "Service",
        "Ingress",
        "PersistentVolumeClaim",
        "Namespace",
    } <= kinds
    namespace = one(docs, "Namespace", "kansrijk").get("metadata", {})["name"]
    for doc in docs:
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == namespace, doc["metadata"]["name"]
    for spec in pod_specs(docs).values():
        for container in spec["containers"]:
            image = container["image"]
            assert ":" in image.rsplit("/", 1)[-1] and not image.endswith(":latest"), image


def test_web_worker_and_migrations_run_kansrijk_commands() -> None:
    docs = render(OVERLAY)
    web = one(docs, "Deployment", "kansrijk-web")["spec"]["template"]["spec"]["containers"][0]
    worker = one(docs, "Deployment", "kansrijk-worker")["spec"]["template"]["spec"]["containers"][0]
    migrate = one(docs, "Job", "kansrijk-migrate")["spec"]["template"]["spec"]["containers"][0]
    assert web["args"][:2] == ["serve", "--prod"] and ALL_INTERFACES in web["args"]
    assert worker["args"] == ["worker"]
    assert migrate["args"] == ["migrate"]
    for container in (web, worker, migrate):
        assert "command" not in container  # the image's ENTRYPOINT is `kansrijk`
        assert_kansrijk_command(container["args"])
    port = web["args"][web["args"].index("--port") + 1]
    assert web["ports"][0]["containerPort"] == int(port)


def test_every_pod_is_unprivileged_with_a_read_only_root_filesystem() -> None:
    docs = render(OVERLAY)
    specs = pod_specs(docs)
    assert len(specs) == 3
    image_volumes = set(containerfile_volumes())
    for name, spec in specs.items():
        assert spec["automountServiceAccountToken"] is False, name
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["runAsUser"] != 0, name
        assert pod["seccompProfile"]["type"] == "RuntimeDefault", name
        volumes = {v["name"]: v for v in spec["volumes"]}
        for container in spec["containers"]:
            sc = container["securityContext"]
            assert sc["readOnlyRootFilesystem"] is True, name
            assert sc["allowPrivilegeEscalation"] is False, name
            assert sc["capabilities"]["drop"] == ["ALL"], name
            assert "memory" in container["resources"]["limits"], name
            mounts = {m["mountPath"]: volumes[m["name"]] for m in container["volumeMounts"]}
            assert "emptyDir" in mounts["/tmp"], name  # the image's HOME, fontconfig cache
            assert set(mounts) <= image_volumes, (name, set(mounts) - image_volumes)
            if not name.startswith("Job/"):  # web and worker share the file store
                claim = mounts["/var/lib/kansrijk"]["persistentVolumeClaim"]["claimName"]
                pvc = one(docs, "PersistentVolumeClaim", claim)
                assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]


def test_probes_hpa_pdb_service_and_network_policies_fit_the_web_pods() -> None:
    docs = render(OVERLAY)
    web = one(docs, "Deployment", "kansrijk-web")
    labels = web["spec"]["template"]["metadata"]["labels"]
    container = web["spec"]["template"]["spec"]["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert web["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0

    def selects(selector: dict[str, str]) -> bool:
        return all(labels.get(k) == v for k, v in selector.items())

    hpa = one(docs, "HorizontalPodAutoscaler", "kansrijk-web")["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "kansrijk-web"}
    assert 2 <= hpa["minReplicas"] < hpa["maxReplicas"]
    pdb = one(docs, "PodDisruptionBudget", "kansrijk-web")["spec"]
    assert selects(pdb["selector"]["matchLabels"]) and pdb["minAvailable"] < hpa["minReplicas"]
    service = one(docs, "Service", "kansrijk-web")["spec"]
    assert selects(service["selector"]) and service["ports"][0]["targetPort"] == "http"
    worker_labels = one(docs, "Deployment", "kansrijk-worker")["spec"]["template"]["metadata"]["labels"]
    assert not all(worker_labels.get(k) == v for k, v in service["selector"].items())  # no traffic to workers

    policies = by_kind(docs, "NetworkPolicy")
    deny = one(docs, "NetworkPolicy", "kansrijk-default-deny")["spec"]
    assert deny["policyTypes"] == ["Ingress", "Egress"] and "ingress" not in deny and "egress" not in deny
    for workload in (d for d in docs if d["kind"] in ("Deployment", "Job")):
        pod_labels = workload["spec"]["template"]["metadata"]["labels"]
        assert all(pod_labels.get(k) == v for k, v in deny["podSelector"]["matchLabels"].items()), workload
    ingress_rules = [
        (p["metadata"]["name"], rule)
        for p in policies
        for rule in p["spec"].get("ingress", [])
        if all(labels.get(k) == v for k, v in p["spec"]["podSelector"].get("matchLabels", {}).items())
    ]
    assert ingress_rules and all(r["ports"] == [{"protocol": "TCP", "port": 8000}] for _n, r in ingress_rules)
    egress_ports = {
        port["port"]
        for p in policies
        for rule in p["spec"].get("egress", [])
        for port in rule.get("ports", [])
    }
    assert {53, 5432, 6379} <= egress_ports


def test_environment_names_only_settings_kansrijk_reads() -> None:
    """Every ConfigMap/Secret key is read by the settings (a typo would silently fall back to a default),
    and the Secret carries what must never be in a ConfigMap."""
    docs = render(OVERLAY)
    settings_source = (ROOT / "src" / "kansrijk" / "web" / "settings.py").read_text()
    external: set[str] = set()  # variables read by other programs than Kansrijk (none today)
    config = one(docs, "ConfigMap", "kansrijk-env")["data"]
    secret = one(docs, "Secret", "kansrijk-secrets")["data"]
    for key in [*config, *secret]:
        assert key in external or f'"{key}"' in settings_source, key
    assert {"SECRET_KEY", "DATABASE_URL", "KANSRIJK_CACHE_URL"} <= set(secret)
    assert not {"SECRET_KEY", "DATABASE_URL", "KANSRIJK_CACHE_URL"} & set(config)
    assert config["DEBUG"] == "false" and config["KANSRIJK_TLS"] == "true"
    referenced = {
        ref[kind]["name"]
        for spec in pod_specs(docs).values()
        for c in spec["containers"]
        for ref in c["envFrom"]
        for kind in ("configMapRef", "secretRef")
        if kind in ref
    }
    assert referenced == {
        one(docs, "ConfigMap", "kansrijk-env")["metadata"]["name"],
        one(docs, "Secret", "kansrijk-secrets")["metadata"]["name"],
    }


# --- the container recipe -------------------------------------------------------------------------------


@cache
def instructions() -> tuple[tuple[int, str, str], ...]:
    """(stage number, INSTRUCTION, arguments) for each instruction, continuation lines joined."""
    text = re.sub(r"\\\n", " ", CONTAINERFILE.read_text())
    out: list[tuple[int, str, str]] = []
    stage = -1
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        word = word.upper()
        if word == "FROM":
            stage += 1
        out.append((stage, word, rest.strip()))
    return tuple(out)


def final_stage() -> list[tuple[str, str]]:
    last = max(s for s, _w, _r in instructions())
    return [(w, r) for s, w, r in instructions() if s == last]


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in final_stage():
        if word == "ENV":
            for part in shlex.split(rest):
                key, _, value = part.partition("=")
                env[key] = value.replace("$PATH", "/usr/bin")
    return env


def containerfile_volumes() -> list[str]:
    return [v for word, rest in final_stage() if word == "VOLUME" for v in json.loads(rest)]


def test_image_runs_as_an_unprivileged_user() -> None:
    stage = final_stage()
    users = [rest for word, rest in stage if word == "USER"]
    assert users, "the final stage sets no USER: the container would run as root"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit() and int(uid) >= 1000 and gid.isdigit() and int(gid) >= 1000  # numeric: runAsNonRoot
    after_user = [word for word, _r in stage[[w for w, _r in stage].index("USER") :]]
    assert "RUN" not in after_user and "COPY" not in after_user and "ADD" not in after_user
    pod_user = {spec["securityContext"]["runAsUser"] for spec in pod_specs(render(OVERLAY)).values()}
    assert pod_user == {int(uid)}


def test_image_entrypoint_and_command_are_kansrijk_commands() -> None:
    stage = dict(final_stage())
    assert json.loads(stage["ENTRYPOINT"]) == ["kansrijk"]  # exec form: signals reach the process
    command = json.loads(stage["CMD"])
    assert command[:2] == ["serve", "--prod"] and ALL_INTERFACES in command
    assert_kansrijk_command(command)
    # The header names each process the image runs: every one is a real command with valid options.
    named = re.findall(r"^#\s+([a-z]+):\s+kansrijk (\S.*?)(?:\s{2,}|$)", CONTAINERFILE.read_text(), re.M)
    assert {role for role, _args in named} >= {"web", "worker", "migrations"}
    for _role, args in named:
        assert_kansrijk_command(shlex.split(args))
    assert str(command[command.index("--port") + 1]) == stage["EXPOSE"]


def test_image_base_is_the_python_the_project_requires() -> None:
    args = [rest for _s, word, rest in instructions() if word == "ARG" and rest.startswith("PYTHON_IMAGE=")]
    image = args[0].split("=", 1)[1]
    assert re.search(r"python:3\.11[.-]", image) and "latest" not in image, image
    assert 'requires-python = ">=3.11,<3.12"' in (ROOT / "pyproject.toml").read_text()


def test_image_writes_only_to_its_volumes() -> None:
    """Run the settings with the image's environment and the manifests' ConfigMap: every directory the app
    writes to lies on a volume; static files were collected at build time into the read-only image."""
    env = image_env()
    volumes = [PurePosixPath(v) for v in containerfile_volumes()]
    assert {"/tmp", env["KANSRIJK_VAR_DIR"]} <= {str(v) for v in volumes}
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert any(PurePosixPath(env["HOME"]).is_relative_to(v) for v in volumes)
    assert any(PurePosixPath(env["XDG_CACHE_HOME"]).is_relative_to(v) for v in volumes)
    runs = " ".join(rest for _s, word, rest in instructions() if word == "RUN")
    assert "collectstatic" in runs and f"KANSRIJK_STATIC_ROOT={env['KANSRIJK_STATIC_ROOT']}" in runs
    assert "compileall" in runs

    config = one(render(OVERLAY), "ConfigMap", "kansrijk-env")["data"]
    probe = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({'media': str(s.MEDIA_ROOT), 'static': str(s.STATIC_ROOT), "
        "'snapshots': str(s.KANSRIJK_SNAPSHOT_DIR), 'results': str(s.KANSRIJK_RESULTS_DIR), "
        "'db': str(s.DATABASES['default']['NAME'])}))"
    )
    child_env = {
        "PATH": os.environ["PATH"],
        **{k: v for k, v in env.items() if k.startswith(("KANSRIJK_", "DJANGO_"))},
        **config,
        "SECRET_KEY": "test-only",
        "DATABASE_URL": "postgres://kansrijk@db.invalid:5432/kansrijk",
    }
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {probe}"],
        env=child_env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    paths = json.loads(done.stdout.strip().splitlines()[-1])
    assert paths["static"] == env["KANSRIJK_STATIC_ROOT"]
    for what in ("media", "snapshots", "results"):
        assert any(PurePosixPath(paths[what]).is_relative_to(v) for v in volumes), (what, paths[what])
    assert paths["db"] == "kansrijk"  # PostgreSQL from the Secret, never a SQLite file in the image


def test_image_copies_only_what_exists_and_is_not_ignored() -> None:
    ignored = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for _s, word, rest in instructions():
        if word != "COPY" or rest.startswith("--from"):
            continue
        *sources, _dest = rest.split()
        for source in sources:
            assert (ROOT / source).exists(), source
            assert source not in ignored, source


def test_image_runtime_packages_are_the_ones_the_demo_needs() -> None:
    """The runtime stage installs WeasyPrint's libraries and fonts as the Debian bootstrap script does."""
    script = (ROOT / "scripts" / "ensure-debian-packages.sh").read_text()
    demo = set(re.search(r"^packages=\(([^)]*)\)", script, re.M).group(1).split())  # type: ignore[union-attr]
    runtime = " ".join(rest for word, rest in final_stage() if word == "RUN")
    installed = set(re.search(r"--no-install-recommends (.*?) &&", runtime).group(1).split())  # type: ignore[union-attr]
    assert installed == demo - {"gettext", "nodejs", "npm"}  # gettext and Node are build-time only


# --- the probes -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_touches_nothing(client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_readyz_checks_database_and_cache(client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.web import health

    health._migrated = False
    response = client.get("/readyz")
    assert response.status_code == 200 and response.content == b"ready"
    assert response["Cache-Control"] == "no-store"
    with django_assert_num_queries(1):  # SELECT 1; the migration state is remembered once complete
        assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_probes_answer_a_kubelet_over_plain_http_at_the_pod_address(client, settings) -> None:  # type: ignore[no-untyped-def]
    """The kubelet probes http://<pod ip>:8000/: ALLOWED_HOSTS and the HTTPS redirect must not refuse it."""
    settings.ALLOWED_HOSTS = ["kansrijk.gemeente.example"]
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.42.0.17:8000")
        assert response.status_code == 200, (path, response.status_code)
    assert client.get("/", HTTP_HOST="10.42.0.17:8000").status_code == 400  # other pages still check the host


@pytest.mark.django_db
def test_readyz_fails_when_the_cache_is_unreachable(client, settings) -> None:  # type: ignore[no-untyped-def]
    # A real Redis client against a port nothing listens on (port 1): rate limits would fail, so not ready.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode() == "cache: not reachable"
    assert client.get("/healthz").status_code == 200  # liveness does not depend on it: no restart loop
