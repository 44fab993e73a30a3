"""`altitude answers ...`: the answers log from the command line."""

from __future__ import annotations

import csv

from bot.cli.out import emit_json, json_line, say
from bot.cli.review import _csv_value, _jsonable, _output, _snippet
from bot.cli.when import parse_since
from bot.config import load_settings
from bot.domain.safety import csv_safe
from bot.storage.answers import COLUMNS, AnswersLog


def _answers() -> AnswersLog:
    from bot.storage.database import connect

    return AnswersLog(connect(load_settings().database_url))


def answers_list(args) -> int:
    rows = _answers().list(since=parse_since(args.since), limit=args.limit)
    if args.json:
        for row in rows:
            emit_json(_public(row))
        return 0
    if not rows:
        say("No answers match.")
        return 0
    say(f"{'id':>6}  {'asked (UTC)':<16}  {'engine':<7}  {'covered':<7}  {'feedback':<8}  question")
    for row in rows:
        covered = "yes" if row["in_scope"] else "no"
        say(
            f"{row['id']:>6}  {row['created_at']:%Y-%m-%d %H:%M}  {row['engine']:<7}  {covered:<7}  "
            f"{row['feedback'] or '-':<8}  {_snippet(row['question'])}"
        )
    return 0


def answers_export(args) -> int:
    rows = _answers().export_rows(since=parse_since(args.since))
    with _output(args.output) as out:
        if args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=COLUMNS)
            writer.writeheader()
            for row in rows:
                row = _public(row)
                row["citations"] = " ".join(row["citations"])
                writer.writerow({k: csv_safe(_csv_value(v)) for k, v in row.items()})
        else:
            for row in rows:
                out.write(json_line(_public(row), ascii_only=False) + "\n")
    return 0


def answers_stats(args) -> int:
    stats = _answers().stats(since=parse_since(args.since))
    if args.json:
        emit_json(stats)
        return 0
    say(_stats_text(stats))
    return 0


def _stats_text(stats: dict) -> str:
    if not stats["answers"]:
        return "No answers logged yet."
    lines = [f"{'engine':<8} {'prompt version':<24} {'answers':>7} {'votes':>6} {'helpful':>8}"]
    for group in stats["engines"]:
        rate = "-" if group["helpful_rate"] is None else f"{group['helpful_rate']:.0%}"
        lines.append(
            f"{group['engine']:<8} {group['prompt_version'] or '-':<24} {group['answers']:>7} "
            f"{group['votes']:>6} {rate:>8}"
        )
    lines += ["", "Questions the documents did not cover, most asked first (what to write next):"]
    lines += [f"  {item['times']:>3} x {_snippet(item['question'], 90)}" for item in stats["uncovered"]] or ["  none"]
    return "\n".join(lines)


def _public(row: dict) -> dict:
    return _jsonable({k: row[k] for k in COLUMNS})
