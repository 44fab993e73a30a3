"""`classify --jsonl`: one decision a line in, one JSON object a line out, in the same order.

Without logging and with the offline engine, lines go to a pool of processes, one per core, forked
once the engine is loaded. They go in batches of whatever input has already arrived, so a file is
classified as fast as the cores allow and a line typed at a terminal is answered at once.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from bot.cli.out import json_line
from bot.domain.verdict import Origin
from bot.errors import BadInput
from bot.services import Services

BATCH = 256  # lines a worker takes at a time, at most
_END = object()
_worker_services: Services | None = None  # what a forked worker classifies with (inherited)
_worker_ascii = True


def classify_lines(
    services: Services, engine: str | None, origin: Origin | None, source: BinaryIO, out: TextIO, *, ascii_only: bool
) -> tuple[int, int]:
    """Classify every line of `source` into `out`; returns (lines, lines that failed)."""
    parallel = origin is None and services.check_engine(engine) == "rubric" and (os.cpu_count() or 1) > 1
    if parallel and hasattr(os, "fork"):
        return _in_pool(services, source, out, ascii_only)
    total = failed = 0
    for total, raw in enumerate(source, 1):
        obj = line_result(services, engine, origin, total, raw)
        failed += "error" in obj
        out.write(json_line(obj, ascii_only=ascii_only) + "\n")
    return total, failed


def line_result(services: Services, engine: str | None, origin: Origin | None, number: int, raw: bytes) -> dict:
    """One line's JSON object: its verdict, or an error that says what to fix, with the line's number."""
    from bot.cli import render

    try:
        line = decision_of(raw.decode("utf-8").rstrip("\r\n"))
        return render.classification_json(services.classify(line, engine=engine, origin=origin))
    except UnicodeDecodeError:
        return {"error": "not valid UTF-8; re-encode the input as UTF-8", "line": number}
    except BadInput as exc:
        return {"error": str(exc), "line": number}


def decision_of(line: str) -> str:
    """A line's decision: the line itself, or the `text` of a JSON object (as `eval` reads them)."""
    if not line.lstrip().startswith("{"):
        return line
    import json

    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return line  # text that happens to begin with a brace
    except (RecursionError, ValueError):  # nested past what the parser takes, or a number too long
        raise BadInput(
            "the JSON line is nested too deeply or holds a number too long", 'write {"text": "..."}'
        ) from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise BadInput('a JSON line needs a "text" field holding the decision', 'write {"text": "..."} or plain text')
    return obj["text"]


def _in_pool(services: Services, source: BinaryIO, out: TextIO, ascii_only: bool) -> tuple[int, int]:
    import multiprocessing

    global _worker_services, _worker_ascii
    services.offline_model.current().load_weights()  # loaded before the fork: every worker inherits it
    _worker_services, _worker_ascii = services, ascii_only
    total = failed = 0
    with multiprocessing.get_context("fork").Pool(os.cpu_count(), initializer=_quiet_worker) as pool:
        for lines, errors in pool.imap(_classify_batch, _batches(source)):
            out.write(lines)
            failed += errors
            total += lines.count("\n")
    return total, failed


def _quiet_worker() -> None:
    """Ctrl-C is the parent's to handle: a worker stops when the parent ends the pool."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _classify_batch(batch: tuple[int, list[bytes]]) -> tuple[str, int]:
    first, raws = batch
    objects = [line_result(_worker_services, None, None, first + k, raw) for k, raw in enumerate(raws)]
    text = "".join(json_line(obj, ascii_only=_worker_ascii) + "\n" for obj in objects)
    return text, sum("error" in obj for obj in objects)


def _batches(source: BinaryIO) -> Iterator[tuple[int, list[bytes]]]:
    """Lines in batches: each holds the lines already read when it is made, at least one."""
    lines: queue.Queue = queue.Queue(maxsize=BATCH * 64)

    def read() -> None:
        for raw in source:
            lines.put(raw)
        lines.put(_END)

    threading.Thread(target=read, name="jsonl-reader", daemon=True).start()
    number = 1
    while (raw := lines.get()) is not _END:
        batch = [raw]
        while len(batch) < BATCH:
            try:
                raw = lines.get_nowait()
            except queue.Empty:
                break
            if raw is _END:
                yield number, batch
                return
            batch.append(raw)
        yield number, batch
        number += len(batch)
