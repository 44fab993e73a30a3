"""`altitude review ...` and `altitude db upgrade`: the decision log from the command line."""

from __future__ import annotations

import csv
import sys
from contextlib import contextmanager
from datetime import datetime

from bot.cli.out import emit_json, json_line, say
from bot.cli.when import parse_moment, parse_since
from bot.config import load_settings
from bot.domain.safety import csv_safe
from bot.domain.text import plural
from bot.errors import BadInput
from bot.storage.log import EXPORT_COLUMNS, DecisionLog


def _log() -> DecisionLog:
    return DecisionLog.open(load_settings().database_url)


def db_upgrade(args) -> int:
    from bot.storage.database import HEAD

    log = _log()
    say(f"decision log schema is current ({HEAD}) at {log.engine.url.render_as_string(hide_password=True)}")
    return 0


def review_list(args) -> int:
    rows = _log().list(since=parse_since(args.since), unreviewed=args.unreviewed, label=args.label, limit=args.limit)
    if args.json:
        for row in rows:
            emit_json(_jsonable(row))
        return 0
    if not rows:
        say("No decisions match.")
        return 0
    from bot.domain.digest import confidence_of

    say(f"{'id':>6}  {'created (UTC)':<16}  {'source':<8}  {'label':<11}  {'conf':>4}  {'reviewed by':<12}  text")
    for row in rows:
        label = row["review_label"] or row["label"] or row["status"]
        conf = confidence_of(row) if row["label"] else None  # none for the other label, once corrected
        say(
            f"{row['id']:>6}  {row['created_at']:%Y-%m-%d %H:%M}  {row['source']:<8}  {label:<11}  "
            f"{_confidence(conf):>4}  {_snippet(row['reviewed_by'] or '-', 12):<12}  {_snippet(row['text'])}"
        )
    return 0


def review_export(args) -> int:
    rows = _log().export_rows(since=parse_since(args.since))
    with _output(args.output) as out:
        if args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: csv_safe(_csv_value(v)) for k, v in row.items()})
        else:
            for row in rows:
                out.write(json_line(_jsonable(row), ascii_only=False) + "\n")
    return 0


def review_set(args) -> int:
    review = _log().add_review(decision_id=args.id, label=args.label, reviewer=args.by, note=args.note)
    say(f"decision {args.id}: reviewed as {review['label']} by {review['reviewer']}")
    return 0


def review_stats(args) -> int:
    from bot.domain.review_stats import summarize

    since = parse_since(args.since)
    summary = summarize(_log().review_stats(since=since))
    if args.json:
        emit_json(summary)
    else:
        say(_stats_text(summary, since))
    return 0


def review_purge(args) -> int:
    """Removes for retention or on request; `--dry-run` only counts, and on a terminal it asks first."""
    from bot.domain.safety import terminal_safe
    from bot.storage.answers import AnswersLog

    before = parse_moment(args.before) if args.before else None
    log = _log()
    answers_log = AnswersLog(log.engine)
    who = f"made by {args.user}" if args.user else ""
    scope = " and ".join(filter(None, [f"created before {before:%Y-%m-%d %H:%M} UTC" if before else "", who]))

    def said(result, answers: int) -> str:
        return (
            f"{plural(result.decisions, 'decision')} {scope}, with their {plural(result.reviews, 'review')}, "
            f"and {plural(answers, 'answer')} to questions {scope.replace('made by', 'asked by')}"
        )

    counted = said(
        log.would_purge(before=before, user_id=args.user), answers_log.would_purge(before=before, user_id=args.user)
    )
    if args.dry_run:
        say(f"would remove {counted} (a dry run: nothing was removed)")
        return 0
    if sys.stdin.isatty() and not args.yes:
        try:
            reply = input(terminal_safe(f"Remove {counted}? This cannot be undone. [y/N] "))
        except EOFError:  # Ctrl-D: no
            reply = ""
        if reply.strip().lower() not in ("y", "yes"):
            say("Nothing was removed.")
            return 1
    result = log.purge(before=before, user_id=args.user)
    say(f"removed {said(result, answers_log.purge(before=before, user_id=args.user))}")
    return 0


def _stats_text(summary: dict, since: datetime | None) -> str:
    if not summary["groups"]:
        return (
            f"No decisions made since {since:%Y-%m-%d %H:%M} UTC have been reviewed."
            if since
            else "No reviewed decisions yet."
        )
    lines = [f"{'engine':<8} {'prompt version':<24} {'reviewed':>8} {'agreed':>7} {'rate':>6}"]
    for group in summary["groups"]:
        lines.append(
            f"{group['engine'] or '-':<8} {group['prompt_version'] or '-':<24} {group['reviewed']:>8} "
            f"{group['agreed']:>7} {group['agreement']:>6.0%}"
        )
    lines += [
        "",
        "Confusion matrix (rows: Altitude's label, columns: reviewers' label)",
        f"  {'':<12} {'strategic':>10} {'operational':>12}",
    ]
    for label, row in summary["confusion"].items():
        lines.append(f"  {label:<12} {row['strategic']:>10} {row['operational']:>12}")
    return "\n".join(lines)


@contextmanager
def _output(path: str | None):
    if path is None:
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise BadInput(f"cannot write {path} ({exc.strerror})", "give a writable file path") from None
    with handle:
        yield handle


def _jsonable(row: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}


def _csv_value(value):
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime) else value


def _confidence(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _snippet(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
