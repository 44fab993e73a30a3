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


def test_the_package_installs_as_the_image_installs_it_and_runs_from_there(tmp_path):
    """The Dockerfile's build stage: copy these files, `pip install --prefix`; then run outside the
    source tree, so prompts, knowledge and migrations must come from the installed package."""
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
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--ignore-installed", "--prefix", str(prefix),
                    str(source)], check=True, capture_output=True, timeout=300)
    (site,) = prefix.glob("lib/python3*/site-packages")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(site), "DATABASE_URL": f"sqlite:///{work / 'a.db'}"}

    def altitude(*args):
        done = subprocess.run([sys.executable, "-m", "bot", *args], cwd=work, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = subprocess.run([sys.executable, "-c", "import bot; print(bot.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site))
    altitude("db", "upgrade")
    verdict = json.loads(altitude("classify", "We will exit the bus market by 2030.", "--json"))
    assert verdict["id"] == 1 and verdict["label"] == "strategic" and verdict["prompt_version"]
    answer = json.loads(altitude("ask", "What is operations strategy?", "--json"))
    assert answer["in_scope"] and "definition_strategy" in answer["citations"]
