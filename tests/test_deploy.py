"""The deployment files say what the README says (no Docker engine here: their shape is checked)."""

import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def _load(name):
    return yaml.safe_load((DEPLOY / name).read_text())


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
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile and "TIKTOKEN_CACHE_DIR" in dockerfile
