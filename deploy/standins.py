"""Stand-ins for the images `deploy/verify` cannot pull (no registry is reachable from its machines),
made from Debian's own packages with mmdebstrap and cached in podman's store.

- `python:3.11-slim`, the Dockerfile's base: Debian's python3 (3.11) on a minimal bookworm without
  documentation or translations, as the official slim images are made; `python` on the PATH.
  Where an image of that name exists already (a real one, or a stand-in made before), it is used.
- A PostgreSQL image from Debian's `postgresql` package whose entry point reads `POSTGRES_USER`,
  `POSTGRES_PASSWORD` and `POSTGRES_DB` as the official image does.

The machine's local CA certificates (Debian's folder for them) are copied into the Python stand-in
at build time, so that pip inside the build reaches PyPI through a proxy that needs them. They are
written to a temporary build folder only, never to the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PYTHON_BASE = "docker.io/library/python:3.11-slim"
POSTGRES = "localhost/altitude-standin/postgresql:bookworm"
LOCAL_CERTS = Path("/usr/local/share/ca-certificates")
SLIM = ["--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr"]  # merged /usr without usrmerge and its perl
SLIM += [f"--dpkgopt=path-exclude=/usr/share/{folder}/*" for folder in ("man", "doc", "info", "locale", "lintian")]
SLIM += ["--dpkgopt=path-include=/usr/share/doc/*/copyright", "--dpkgopt=path-include=/usr/share/locale/locale.alias"]
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

PYTHON_CONTAINERFILE = f"""\
FROM localhost/altitude-standin/debian-python:bookworm
COPY certs/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null && ln -s /usr/bin/python3 /usr/local/bin/python
ENV PATH={PATH} LANG=C.UTF-8 PIP_CERT=/etc/ssl/certs/ca-certificates.crt
LABEL org.opencontainers.image.description="stand-in for python:3.11-slim from Debian's packages (deploy/verify)"
CMD ["python3"]
"""

POSTGRES_CONTAINERFILE = f"""\
FROM localhost/altitude-standin/debian-postgresql:bookworm
COPY entrypoint /usr/local/bin/postgres-entrypoint
ENV PATH=/usr/lib/postgresql/15/bin:{PATH} PGDATA=/var/lib/postgresql/data LANG=C.UTF-8
USER postgres
LABEL org.opencontainers.image.description="PostgreSQL from Debian's packages (deploy/verify)"
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]
"""

# Initialises the cluster on first start as the official image does, then runs postgres in front.
POSTGRES_ENTRYPOINT = """\
#!/bin/sh
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  printf '%s' "$POSTGRES_PASSWORD" > /tmp/password
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile=/tmp/password --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm /tmp/password
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=/tmp" start >/dev/null
  createdb -h /tmp -U "$POSTGRES_USER" "$POSTGRES_DB"
  pg_ctl -D "$PGDATA" -w stop >/dev/null
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
"""


def exists(podman, image: str) -> bool:
    return podman("image", "exists", image, check=False).returncode == 0


def debian(podman, tag: str, packages: list[str]) -> None:
    """A minimal bookworm with `packages`, made by mmdebstrap and imported as `tag` (once)."""
    if exists(podman, tag):
        return
    with tempfile.TemporaryFile() as log:
        strap = subprocess.Popen(
            ["mmdebstrap", "--quiet", "--variant=minbase", f"--include={','.join(packages)}", *SLIM, "bookworm", "-"],
            stdout=subprocess.PIPE,
            stderr=log,
        )
        podman("import", "--change", f"ENV PATH={PATH}", "--change", 'CMD ["bash"]', "-", tag, stdin=strap.stdout)
        if strap.wait() != 0:
            log.seek(0)
            raise RuntimeError(f"mmdebstrap failed: {log.read()[-2000:].decode(errors='replace')}")


def python_base(podman) -> str:
    """The Dockerfile's base image, made once when no image of its name exists."""
    if not exists(podman, PYTHON_BASE):
        debian(
            podman,
            "localhost/altitude-standin/debian-python:bookworm",
            ["ca-certificates", "passwd", "python3", "python3-venv"],
        )
        with tempfile.TemporaryDirectory() as folder:
            context = Path(folder)
            (context / "certs").mkdir()
            for cert in LOCAL_CERTS.glob("*.crt") if LOCAL_CERTS.is_dir() else ():
                shutil.copy(cert, context / "certs")
            (context / "Containerfile").write_text(PYTHON_CONTAINERFILE)
            podman("build", "--quiet", "--pull=never", "--format", "docker", "-t", PYTHON_BASE, str(context))
    return PYTHON_BASE


def postgres(podman) -> str:
    if not exists(podman, POSTGRES):
        debian(podman, "localhost/altitude-standin/debian-postgresql:bookworm", ["postgresql"])
        with tempfile.TemporaryDirectory() as folder:
            context = Path(folder)
            (context / "entrypoint").write_text(POSTGRES_ENTRYPOINT)
            (context / "entrypoint").chmod(0o755)
            (context / "Containerfile").write_text(POSTGRES_CONTAINERFILE)
            podman("build", "--quiet", "--pull=never", "--format", "docker", "-t", POSTGRES, str(context))
    return POSTGRES
