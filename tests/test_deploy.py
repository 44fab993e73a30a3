"""The deployment files agree with each other, with the Kubernetes schemas and with pyproject.toml.
(`deploy/verify` builds and runs the image itself; `.ci/run` runs it.)"""

import re
import tomllib

import pytest
import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def _load(name):
    return yaml.safe_load((DEPLOY / name).read_text())


def _locked() -> dict[str, tuple[str, str]]:
    """Package name -> (pinned version, what asked for it), from deploy/requirements.lock."""
    text = (DEPLOY / "requirements.lock").read_text()
    pins = {}
    for name, version, via in re.findall(r"^([A-Za-z0-9._-]+)==(\S+).*?\n((?:\s+(?:--hash|#).*\n)+)", text, re.M):
        pins[_canonical(name)] = (version, via)
    return pins


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _disagreements(pyproject: dict, locked: dict[str, tuple[str, str]]) -> list[str]:
    """Where the lock no longer matches pyproject.toml's dependencies and build backend."""
    from packaging.requirements import Requirement

    ours = [Requirement(r) for r in pyproject["project"]["dependencies"]]
    backend = [Requirement(r) for r in pyproject["build-system"]["requires"]]
    found = []
    for requirement in ours + backend:
        name = _canonical(requirement.name)
        if name not in locked:
            found.append(f"{name} is not locked")
        elif not requirement.specifier.contains(locked[name][0]):
            found.append(f"{name}=={locked[name][0]} does not satisfy {requirement}")
        elif "--hash=sha256:" not in locked[name][1]:
            found.append(f"{name} has no hash")
    asked = {name for name, (_, via) in locked.items() if "altitude (pyproject.toml)" in via}
    found += [
        f"{name} is locked as ours but no longer a dependency"
        for name in sorted(asked - {_canonical(r.name) for r in ours})
    ]
    return found


def test_the_lock_agrees_with_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert _disagreements(pyproject, _locked()) == [], "run make lock"


def test_a_dependency_added_tightened_or_dropped_without_relocking_is_caught():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    dependencies = [d for d in pyproject["project"]["dependencies"] if not d.startswith("waitress")]
    dependencies += ["left-pad>=1"]
    dependencies = [("openai>=999" if d.startswith("openai") else d) for d in dependencies]
    pyproject["project"]["dependencies"] = dependencies
    found = _disagreements(pyproject, _locked())
    assert found[0].startswith("openai==") and "does not satisfy openai>=999" in found[0]
    assert found[1:] == ["left-pad is not locked", "waitress is locked as ours but no longer a dependency"]


@pytest.mark.parametrize("manifest", sorted(p.name for p in (DEPLOY / "k8s").glob("*.yaml")))
def test_the_kubernetes_manifests_are_valid_against_the_kubernetes_schemas(manifest):
    import kubernetes_validate

    for document in yaml.safe_load_all((DEPLOY / "k8s" / manifest).read_text()):
        kubernetes_validate.validate(document, "1.31", strict=True)


def test_a_manifest_that_breaks_the_schema_is_refused():
    import kubernetes_validate
    from kubernetes_validate.utils import ValidationError

    deployment = _load("k8s/deployment.yaml")
    deployment["spec"]["replicas"] = "two"
    with pytest.raises(ValidationError):
        kubernetes_validate.validate(deployment, "1.31", strict=True)


def test_compose_k8s_and_the_image_agree_on_port_probes_environment_and_migrations():
    pod = _load("k8s/deployment.yaml")["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    (migrate,) = pod["initContainers"]
    services = _load("compose.yml")["services"]
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    port = container["ports"][0]["containerPort"]
    assert f"EXPOSE {port}" in dockerfile and f"PORT={port}" in dockerfile
    assert f"127.0.0.1:{port}/healthz" in dockerfile and services["altitude"]["ports"] == [f"{port}:{port}"]
    assert migrate["args"] == services["migrate"]["command"] == ["altitude", "db", "upgrade"]
    assert container["args"] == ["altitude", "serve"] and 'CMD ["altitude", "serve"]' in dockerfile
    k8s_env = {v["name"]: v["value"] for v in container["env"]}
    assert k8s_env["ALTITUDE_LOG_FORMAT"] == "json" and "ALTITUDE_LOG_FORMAT=json" in dockerfile
    secret = _load("k8s/secret.example.yaml")["stringData"]
    assert {"DATABASE_URL", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"} <= set(secret)
    assert services["altitude"]["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert secret["DATABASE_URL"].startswith("postgresql+psycopg://")


def test_the_image_installs_the_locked_dependencies_with_their_hashes():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "--require-hashes -r /tmp/requirements.lock" in dockerfile and "--no-deps" in dockerfile


def test_the_deployment_runs_two_replicas_with_probes_on_health_and_readiness():
    spec = _load("k8s/deployment.yaml")["spec"]
    container = spec["template"]["spec"]["containers"][0]
    assert spec["replicas"] >= 2
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert spec["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_the_cronjob_posts_the_digest_with_the_cli():
    job = _load("k8s/cronjob-digest.yaml")["spec"]
    args = job["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"]
    assert args[:3] == ["altitude", "digest", "--post"] and job["concurrencyPolicy"] == "Forbid"


def test_compose_runs_migrations_once_before_serving():
    services = _load("compose.yml")["services"]
    assert services["migrate"]["command"] == ["altitude", "db", "upgrade"]
    assert services["altitude"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["altitude"]["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")


def test_the_image_is_slim_non_root_with_a_health_check():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "python:3.11-slim" in dockerfile and "USER altitude" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert "uninstall --quiet --yes setuptools pip" in dockerfile  # build tools stay in the build stage


def test_the_package_installs_as_the_image_installs_it_and_runs_from_there(tmp_path):
    """As the Dockerfile's build stage does: copy these files and install them (not editable); then run
    outside the source tree, so prompts, knowledge and migrations must come from the installed package."""
    import json
    import shutil
    import subprocess
    import sys

    source, prefix, work = tmp_path / "src", tmp_path / "install", tmp_path / "work"
    source.mkdir(), work.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    for name in ("bot", "prompts"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    # --ignore-installed: pip would otherwise remove this environment's own (editable) install first
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--ignore-installed",
            "--prefix",
            str(prefix),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (site,) = prefix.glob("lib/python3*/site-packages")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(site), "DATABASE_URL": f"sqlite:///{work / 'a.db'}"}

    def altitude(*args):
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args], cwd=work, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = subprocess.run(
        [sys.executable, "-c", "import bot; print(bot.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(site))
    altitude("db", "upgrade")
    verdict = json.loads(altitude("classify", "We will exit the bus market by 2030.", "--json"))
    assert verdict["id"] == 1 and verdict["label"] == "strategic" and verdict["prompt_version"]
    answer = json.loads(altitude("ask", "What is operations strategy?", "--json"))
    assert answer["in_scope"] and "definition_strategy" in answer["citations"]
