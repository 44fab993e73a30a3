"""Build Altitude's image from the working tree and run it for real with podman; `deploy/verify` runs
this (see the README's Deploy section).

1. The image alone: `altitude --help`; `/healthz` and `/readyz` through a published port; the
   image's own health check; not root; the tokenizer with no network; SIGTERM exits 0 within 15 s.
2. Two replicas from `deploy/k8s/deployment.yaml` (`podman kube play`) on PostgreSQL in a container,
   with a fake Slack on this machine that the containers reach: signed `/classify` requests to each
   replica, every decision posted once, the weekly digest posted once, the migrations run once, and
   both replicas ready.

It prints each check and how long it took. Where the machine cannot run containers (not root, or no
apt to install podman with), it says why and exits 0, unless ALTITUDE_REQUIRE_DEPLOY=1 (CI).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "deploy")]

import standins  # noqa: E402 - deploy/ is not a package

IMAGE = "localhost/altitude:verify"
CACHE = Path("/var/cache/altitude-verify")
PACKAGES = ["podman", "runc", "netavark", "aardvark-dns", "iptables", "mmdebstrap", "uidmap"]
CONTAINERS_CONF = """\
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
[network]
network_backend = "netavark"
"""
NAME = "altitude-verify"  # prefix of everything this creates, removed before and after
SECRET = "verify-signing-secret"
REQUESTS_PER_REPLICA = 5
DIGEST_CHANNEL = "C0DIGEST"


def main() -> int:
    reason = cannot_run()
    if reason:
        print(f"deploy/verify: skipped: {reason}")
        return 1 if os.environ.get("ALTITUDE_REQUIRE_DEPLOY") == "1" else 0
    started = time.monotonic()
    with step("podman, runc and mmdebstrap installed (apt, when missing)"):
        install()
    with step("base image python:3.11-slim (a stand-in from Debian's packages, made once)"):
        base = standins.python_base(podman)
    with step("image built from the working tree"):
        podman("build", "--quiet", "--pull=never", "--format", "docker", "-f", "deploy/Dockerfile", "-t", IMAGE, ".")
    size = json.loads(podman("image", "inspect", IMAGE).stdout)[0]["Size"]
    print(f"    image {IMAGE}: {size / 1e6:.0f} MB (on {base})")
    cleanup()
    from tests.fakes.slack_server import FakeSlack

    # on every address, for containers on any network to reach it as host.containers.internal
    with FakeSlack(host="0.0.0.0") as slack:
        slack_url = f"http://host.containers.internal:{slack.port}"
        try:
            check_the_image(slack_url)
            check_two_replicas(slack, slack_url)
        finally:
            cleanup()
    print(f"deploy/verify: all checks passed in {time.monotonic() - started:.0f} s")
    return 0


# --- the image alone ---


def check_the_image(slack_url: str) -> None:
    with step("`altitude --help` runs"):
        out = podman("run", "--rm", IMAGE, "altitude", "--help").stdout
        assert "usage: altitude" in out, out
    with step("token counting needs no network (the encodings are in the image)"):
        out = podman(
            "run",
            "--rm",
            "--network=none",
            IMAGE,
            "python",
            "-c",
            "from bot.llm.budget import count; print(count('Open a plant in Brazil by 2029.', 'gpt-4o-mini'))",
        )
        assert int(out.stdout.strip()) > 0, out.stdout
    name = f"{NAME}-single"
    with step("serve starts; /healthz and /readyz answer through a published port"):
        podman(
            "run",
            "-d",
            "--name",
            name,
            "-p",
            "127.0.0.1::3000",
            "-e",
            "SLACK_BOT_TOKEN=xoxb-verify",
            "-e",
            f"SLACK_SIGNING_SECRET={SECRET}",
            "-e",
            f"SLACK_API_URL={slack_url}/api/",
            IMAGE,
        )
        port = podman("port", name, "3000").stdout.strip().rsplit(":", 1)[1]
        for path in ("/healthz", "/readyz"):
            wait_for(f"http://127.0.0.1:{port}{path}", timeout=60)
    with step("the image's own health check reports healthy"):
        podman("healthcheck", "run", name)
    with step("the process is not root"):
        user = podman("exec", name, "id", "-u").stdout.strip()
        assert user != "0", "serve runs as root"
        print(f"    uid {user}")
    with step("SIGTERM exits 0 within 15 s"):
        podman("kill", "--signal", "TERM", name)
        code = podman("wait", name, timeout=15).stdout.strip()
        assert code == "0", f"exit code {code}"


# --- two replicas on PostgreSQL ---


def check_two_replicas(slack, slack_url: str) -> None:
    with step("PostgreSQL image (a stand-in from Debian's postgresql package, made once)"):
        postgres_image = standins.postgres(podman)
    network = f"{NAME}-net"
    podman("network", "create", network)
    with step("PostgreSQL running in a container"):
        podman(
            "run",
            "-d",
            "--name",
            f"{NAME}-db",
            "--network",
            network,
            "-e",
            "POSTGRES_USER=altitude",
            "-e",
            "POSTGRES_PASSWORD=verify",
            "-e",
            "POSTGRES_DB=altitude",
            postgres_image,
            "-c",
            "log_statement=ddl",
        )
        until(
            lambda: podman("exec", f"{NAME}-db", "pg_isready", "-q", "-h", "127.0.0.1", check=False).returncode == 0,
            timeout=60,
            what="PostgreSQL ready",
        )
    with tempfile.TemporaryDirectory() as folder:
        settings = {
            "DATABASE_URL": f"postgresql+psycopg://altitude:verify@{NAME}-db:5432/altitude",
            "SLACK_BOT_TOKEN": "xoxb-verify",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": f"{slack_url}/api/",
            "OPENAI_API_KEY": "",
        }
        secret(f"{NAME}-secrets", settings)
        with step("two replicas from deploy/k8s/deployment.yaml (podman kube play), both ready"):
            manifest = Path(folder) / "deployment.yaml"
            deployment, init = deployment_for_verify()
            manifest.write_text(deployment)
            podman("kube", "play", "--network", network, str(manifest))
            replicas = [f"http://{address}:3000" for address in replica_addresses(network)]
            assert len(replicas) == 2, replicas
            for url in replicas:
                wait_for(f"{url}/readyz", timeout=90)
        with step("the replicas, starting together, migrated once"):
            assert migrations() == 1, f"the decisions table was created {migrations()} times"
        with step("the manifest's migration step (its init container) runs, and finds nothing to do"):
            environment = [f"--env={key}={value}" for key, value in settings.items()]
            podman("run", "--rm", "--network", network, *environment, IMAGE, *init["args"])
            assert migrations() == 1, f"the decisions table was created {migrations()} times"
        with step(f"{REQUESTS_PER_REPLICA} signed /classify requests to each replica: each decision posted once"):
            sent = [
                classify(url, n, f"{slack_url}/respond/{n}") for n, url in enumerate(replicas * REQUESTS_PER_REPLICA)
            ]
            until(lambda: len(posted_texts(slack)) >= len(sent), timeout=60, what="every verdict in Slack")
            time.sleep(3)  # a second post would come now, if any did
            texts = posted_texts(slack)
            for decision in sent:
                count = sum(decision in text for text in texts)
                assert count == 1, f"{decision!r} was posted {count} times"
        with step("the weekly digest posted once"):
            until(lambda: digests(slack) >= 1, timeout=60, what="the digest")
            time.sleep(3)
            assert digests(slack) == 1, f"the digest was posted {digests(slack)} times"
        with step("both replicas still ready"):
            for url in replicas:
                wait_for(f"{url}/readyz", timeout=10)


def deployment_for_verify() -> tuple[str, dict]:
    """deploy/k8s/deployment.yaml with this build's image, the verify secret and a digest due now, as
    one Deployment of one replica for each replica it asks for; and its init container."""
    import yaml

    deployment = yaml.safe_load((ROOT / "deploy/k8s/deployment.yaml").read_text())
    spec = deployment["spec"]["template"]["spec"]
    today = datetime.now(UTC).strftime("%a").lower()
    for container in spec.get("initContainers", []) + spec["containers"]:
        container["image"] = IMAGE
        for source in container.get("envFrom", []):
            source["secretRef"]["name"] = f"{NAME}-secrets"
        for variable in container.get("env", []):
            if variable["name"] == "ALTITUDE_DIGEST_CHANNEL":
                variable["value"] = DIGEST_CHANNEL
            if variable["name"] == "ALTITUDE_DIGEST_AT":
                variable["value"] = f"{today} 00:00"
    # podman 4.3 fails a pod whose init container has finished (it removes the container while it
    # still counts it as running), so the replicas start without it and migrate on start, together;
    # the init container's own command is run on its own afterwards (in `check_two_replicas`).
    init = spec.pop("initContainers")
    # podman 4.3 publishes a containerPort on the host's same port, which two replicas cannot share:
    # the pods are reached at their own addresses instead, and the probes name the port by number.
    for container in spec["containers"]:
        ports = {port["name"]: port["containerPort"] for port in container.pop("ports", [])}
        for probe in ("readinessProbe", "livenessProbe"):
            get = container.get(probe, {}).get("httpGet", {})
            get["port"] = ports.get(get.get("port"), get.get("port"))
    # podman 4.4 and later play a Deployment as one replica whatever it asks for: the replicas are
    # two Deployments of one replica each, in one manifest, so podman starts them together.
    replicas = deployment["spec"].pop("replicas")
    copies = []
    for n in range(replicas):
        copy = yaml.safe_load(yaml.safe_dump(deployment))
        copy["metadata"]["name"] = f"{NAME}-{n}"
        copy["spec"]["replicas"] = 1
        copies.append(copy)
    return yaml.safe_dump_all(copies), init[0]


def migrations() -> int:
    """How many times the decisions table was created (PostgreSQL logs every DDL statement here)."""
    return podman("logs", f"{NAME}-db").stderr.count("CREATE TABLE decisions")


def replica_addresses(network: str) -> list[str]:
    names = podman("ps", "--filter", f"name={NAME}-\\d+-pod-", "--format", "{{.Names}}").stdout.split()
    addresses = []
    for name in names:
        if name.endswith("-altitude"):
            info = json.loads(podman("inspect", name).stdout)[0]
            addresses.append(info["NetworkSettings"]["Networks"][network]["IPAddress"])
    return addresses


def classify(url: str, n: int, response_url: str) -> str:
    decision = f"Leadership approved a second plant in Brazil by 2029 to serve the region (verify {n})."
    body = urlencode(
        {
            "team_id": "T0001",
            "channel_id": "C0VERIFY",
            "user_id": "U0VERIFY",
            "command": "/classify",
            "text": decision,
            "response_url": response_url,
            "trigger_id": f"{n}.{time.time_ns()}.verify",
            "api_app_id": "A0001",
            "team_domain": "verify",
            "channel_name": "verify",
            "user_name": "verify",
        }
    )
    from slack_sdk.signature import SignatureVerifier

    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body),
    }
    request = urllib.request.Request(f"{url}/slack/events", data=body.encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200, response.status
    return decision


def posted_texts(slack) -> list[str]:
    calls = slack.called("response_url") + slack.called("chat.postMessage")
    return [json.dumps(call) for call in calls if call.get("channel") != DIGEST_CHANNEL]


def digests(slack) -> int:
    return sum(call.get("channel") == DIGEST_CHANNEL for call in slack.called("chat.postMessage"))


# --- the machine ---


def cannot_run() -> str | None:
    if sys.platform != "linux":
        return "containers are run on Linux only"
    if os.geteuid() != 0:
        return "not root (podman's networks and apt need root here)"
    if shutil.which("podman") is None and shutil.which("apt-get") is None:
        return "no podman, and no apt-get to install it with"
    return None


def install() -> None:
    missing = [
        package for package in PACKAGES if subprocess.run(["dpkg", "-s", package], capture_output=True).returncode
    ]
    if missing:
        print(f"    apt-get install {' '.join(missing)}")
        subprocess.run(
            ["apt-get", "install", "-y", "-q", *missing],
            check=True,
            capture_output=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    CACHE.mkdir(parents=True, exist_ok=True)
    conf = CACHE / "containers.conf"
    if not conf.exists() or conf.read_text() != CONTAINERS_CONF:
        conf.write_text(CONTAINERS_CONF)
    os.environ["CONTAINERS_CONF"] = str(conf)


def podman(*args: str, check: bool = True, stdin=None, timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(["podman", *args], stdin=stdin, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if check and result.returncode != 0:
        raise RuntimeError(f"podman {' '.join(args[:3])} failed ({result.returncode}): {result.stderr[-3000:]}")
    return result


def secret(name: str, values: dict[str, str]) -> None:
    """A podman secret that `podman kube play` reads for envFrom: secretRef (JSON, values in base64)."""
    data = json.dumps({key: base64.b64encode(value.encode()).decode() for key, value in values.items()})
    subprocess.run(["podman", "secret", "create", name, "-"], input=data, text=True, check=True, capture_output=True)


def cleanup() -> None:
    quiet = {"check": False}
    manifest_pods = podman("pod", "ps", "--filter", f"name={NAME}", "--format", "{{.Name}}", **quiet).stdout.split()
    for pod in manifest_pods:
        podman("pod", "rm", "--force", "--time", "2", pod, **quiet)
    for container in podman("ps", "-a", "--filter", f"name={NAME}", "--format", "{{.Names}}", **quiet).stdout.split():
        podman("rm", "--force", "--time", "2", container, **quiet)
    podman("secret", "rm", f"{NAME}-secrets", **quiet)
    podman("network", "rm", "--force", f"{NAME}-net", **quiet)


def wait_for(url: str, timeout: float) -> None:
    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    until(answers, timeout=timeout, what=f"{url} answering 200")


def until(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.25)


@contextmanager
def step(what: str):
    started = time.monotonic()
    try:
        yield
    except BaseException:
        print(f"FAIL {what} ({time.monotonic() - started:.1f} s)", flush=True)
        raise
    print(f"ok   {what} ({time.monotonic() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
