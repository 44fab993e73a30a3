"""The command line's grammar. Handlers live in `bot.cli.commands` and load only when called."""

from __future__ import annotations

import argparse

ENGINE_CHOICES = ("auto", "rubric", "openai")
# What `--help` shows under each command, by its words after `altitude`.
EXAMPLES = {
    "classify": [
        'altitude classify "We will exit the bus market by 2030."',
        'altitude classify --json --no-log "Move the night shift to 10pm from Monday."',
        'altitude classify --jsonl --no-log < decisions.jsonl   # lines of text, or {"text": ...}',
    ],
    "ask": [
        'altitude ask "What is the time horizon of operations strategy?"',
        'altitude ask --json "Is a new shift roster strategic or operational?"',
    ],
    "eval": ["altitude eval", "altitude eval my_decisions.jsonl --json", "altitude eval --cv"],
    "train": ["altitude train --dry-run", "altitude train"],
    "serve": ["altitude serve", "altitude serve --port 8080"],
    "digest": ["altitude digest", "altitude digest --week 2026-W47", "altitude digest --post --channel C0123456789"],
    "review": [
        "altitude review list --since 7d --unreviewed",
        "altitude review set 12 --label strategic --by U0123",
        "altitude review stats --since 30d",
        "altitude review purge --before 2025-01-01 --dry-run",
    ],
    "review list": ["altitude review list --since 7d --unreviewed", "altitude review list --label strategic --json"],
    "review export": ["altitude review export --format csv --output decisions.csv"],
    "review set": ["altitude review set 12 --label operational --by U0123 --note 'a shift change'"],
    "review stats": ["altitude review stats --since 30d"],
    "review purge": ["altitude review purge --before 2025-01-01 --dry-run", "altitude review purge --user U0123 --yes"],
    "answers": [
        "altitude answers list --since 7d",
        "altitude answers stats",
        "altitude answers export --format jsonl --output answers.jsonl",
    ],
    "db": ["altitude db upgrade"],
    "console": ["altitude console", "altitude console --script"],
}
LABELS = ("strategic", "operational")


def _lazy(name: str):
    """A handler that imports its module (`bot.cli.commands`, or `bot.cli.review` for review_*) when called."""

    def handler(args):
        import importlib

        modules = {"review_": "bot.cli.review", "db_": "bot.cli.review", "answers_": "bot.cli.answers"}
        module = importlib.import_module(
            next((m for p, m in modules.items() if name.startswith(p)), "bot.cli.commands")
        )
        return getattr(module, name)(args)

    return handler


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole grammar; with `command`, only that command's (the command line starts faster)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    parser = argparse.ArgumentParser(
        prog="altitude",
        parents=[common],
        description="Tell operations strategy from operations management.",
        epilog='examples:\n  altitude classify "We will exit the bus market by 2030."\n'
        '  altitude ask "What is operations strategy?"\n  altitude review list --since 7d\n'
        "  altitude console\n\nEach command's --help has examples of its own.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(debug=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, add in COMMANDS.items():
        if command in (None, name):
            add(sub, common)
    return parser


def _classify(sub, common) -> None:
    classify = sub.add_parser(
        "classify", parents=[common], **_examples("classify"), help="classify a decision as strategic or operational"
    )
    classify.add_argument("text", nargs="?", metavar="TEXT", help="the decision; '-' reads it from stdin")
    classify.add_argument("--json", action="store_true", help="print one JSON object")
    classify.add_argument(
        "--jsonl", action="store_true", help="stdin: one decision per line; stdout: one JSON object per line"
    )
    classify.add_argument("--engine", choices=ENGINE_CHOICES, help="default: ALTITUDE_ENGINE, else auto")
    classify.add_argument("--no-log", action="store_true", help="do not write the decision log")
    classify.add_argument(
        "--explain",
        action="store_true",
        help="show the offline engine's workings: cues, the model's strongest words, margin",
    )
    classify.set_defaults(handler=_lazy("classify"))


def _ask(sub, common) -> None:
    ask = sub.add_parser(
        "ask", parents=[common], **_examples("ask"), help="ask a question about strategy and operations"
    )
    ask.add_argument("question", metavar="QUESTION", help="the question; '-' reads it from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--engine", choices=ENGINE_CHOICES, help="default: ALTITUDE_ENGINE, else auto")
    ask.set_defaults(handler=_lazy("ask"))


def _eval(sub, common) -> None:
    evaluate = sub.add_parser(
        "eval",
        parents=[common],
        **_examples("eval"),
        help="accuracy, confusion matrix and calibration on labelled data",
    )
    evaluate.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="JSON Lines of labelled decisions or questions; default: the shipped examples",
    )
    evaluate.add_argument("--engine", choices=ENGINE_CHOICES, help="default: ALTITUDE_ENGINE, else auto")
    evaluate.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    evaluate.add_argument(
        "--cv",
        action="store_true",
        help="leave-one-set-out: train on every labelled set but one, measure on that one "
        "(needs the train extra); FILEs are added as sets of their own",
    )
    evaluate.set_defaults(handler=_lazy("evaluate"))


def _train(sub, common) -> None:
    train = sub.add_parser(
        "train",
        parents=[common],
        **_examples("train"),
        help="retrain the offline engine on the shipped examples plus this log's reviews",
    )
    train.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    train.add_argument("--dry-run", action="store_true", help="train and report, but store nothing")
    train.add_argument("--force", action="store_true", help="activate the new model even if it scores worse")
    train.set_defaults(handler=_lazy("train"))


def _serve(sub, common) -> None:
    serve = sub.add_parser(
        "serve",
        parents=[common],
        **_examples("serve"),
        help="run the Slack app (HTTP, or Socket Mode with SLACK_APP_TOKEN)",
    )
    serve.add_argument("--port", type=_port, help="HTTP port (default: PORT, else 3000)")
    serve.set_defaults(handler=_lazy("serve"))


def _digest(sub, common) -> None:
    digest = sub.add_parser(
        "digest", parents=[common], **_examples("digest"), help="the weekly digest: print it, or post it once"
    )
    digest.add_argument(
        "--week",
        metavar="WEEK",
        help="ISO week, e.g. 2026-W47 (default: printed, the week the next "
        "scheduled digest covers; with --post, the week a digest sent now covers)",
    )
    digest.add_argument("--channel", metavar="CID", help="channel to post to (default: ALTITUDE_DIGEST_CHANNEL)")
    digest.add_argument("--post", action="store_true", help="post it to Slack, once per team, channel and week")
    digest.set_defaults(handler=_lazy("digest"))


def _db(sub, common) -> None:
    db = sub.add_parser("db", parents=[common], **_examples("db"), help="the decision log's database")
    db.set_defaults(handler=lambda args: _help_of(db))
    db_sub = db.add_subparsers(title="commands", metavar="COMMAND")
    upgrade = db_sub.add_parser(
        "upgrade", parents=[common], **_examples("db upgrade"), help="bring the schema up to date (migrations)"
    )
    upgrade.set_defaults(handler=_lazy("db_upgrade"))


def _console(sub, common) -> None:
    console = sub.add_parser(
        "console",
        parents=[common],
        **_examples("console"),
        help="the Slack app on a local stand-in for Slack, in this terminal",
    )
    console.add_argument("--script", action="store_true", help="play a short scripted conversation and exit")
    console.set_defaults(handler=_lazy("console"))


def _run(sub, common) -> None:
    run = sub.add_parser(
        "run",
        parents=[common],
        **_examples("run"),
        help="what `make run` does: serve with Slack tokens, else the console",
    )
    run.set_defaults(handler=_lazy("run"))


def _demo(sub, common) -> None:
    demo = sub.add_parser("demo", parents=[common], **_examples("demo"), help="show what Altitude does, offline")
    demo.set_defaults(handler=_lazy("demo"))


def _add_review(sub, common) -> None:
    review = sub.add_parser(
        "review", parents=[common], **_examples("review"), help="the decision log and its human reviews"
    )
    review.set_defaults(handler=lambda args: _help_of(review))
    commands = review.add_subparsers(title="commands", metavar="COMMAND")

    listing = commands.add_parser(
        "list", parents=[common], **_examples("review list"), help="recent decisions, newest first"
    )
    listing.add_argument("--since", metavar="WHEN", help="e.g. 7d, 12h, 2w or 2026-11-01")
    listing.add_argument("--unreviewed", action="store_true", help="only decisions no one has reviewed")
    listing.add_argument("--label", choices=LABELS, help="the reviewed label, else Altitude's")
    listing.add_argument("--limit", type=_positive_int, default=50, help="at most this many rows (default 50)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_lazy("review_list"))

    export = commands.add_parser(
        "export", parents=[common], **_examples("review export"), help="every decision with its latest review"
    )
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--since", metavar="WHEN", help="e.g. 7d, 12h, 2w or 2026-11-01")
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(handler=_lazy("review_export"))

    setter = commands.add_parser(
        "set", parents=[common], **_examples("review set"), help="record a reviewer's label for a decision"
    )
    setter.add_argument("id", type=_positive_int, metavar="ID")
    setter.add_argument("--label", choices=LABELS, required=True)
    setter.add_argument("--by", required=True, metavar="USER_ID", help="the reviewer's Slack user ID")
    setter.add_argument("--note", metavar="TEXT")
    setter.set_defaults(handler=_lazy("review_set"))

    stats = commands.add_parser(
        "stats", parents=[common], **_examples("review stats"), help="how often reviewers agreed, per engine and prompt"
    )
    stats.add_argument("--since", metavar="WHEN", help="e.g. 30d or 2026-11-01")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=_lazy("review_stats"))

    purge = commands.add_parser(
        "purge",
        parents=[common],
        **_examples("review purge"),
        help="remove decisions and answers, for retention or on request",
    )
    purge.add_argument("--before", metavar="DATE", help="remove decisions created before DATE (e.g. 2025-01-01)")
    purge.add_argument(
        "--user", metavar="USER_ID", help="remove the decisions and questions of one person, and their feedback"
    )
    purge.add_argument("--dry-run", action="store_true", help="say what would be removed, and remove nothing")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation on a terminal")
    purge.set_defaults(handler=_lazy("review_purge"))


def _answers(sub, common) -> None:
    answers = sub.add_parser(
        "answers",
        parents=[common],
        **_examples("answers"),
        help="the answers log: what people asked, and whether it helped",
    )
    answers.set_defaults(handler=lambda args: _help_of(answers))
    commands = answers.add_subparsers(title="commands", metavar="COMMAND")

    listing = commands.add_parser(
        "list", parents=[common], **_examples("answers list"), help="recent answers, newest first"
    )
    listing.add_argument("--since", metavar="WHEN", help="e.g. 7d, 12h, 2w or 2026-11-01")
    listing.add_argument("--limit", type=_positive_int, default=50, help="at most this many rows (default 50)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_lazy("answers_list"))

    export = commands.add_parser(
        "export", parents=[common], **_examples("answers export"), help="every answer, with its feedback"
    )
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--since", metavar="WHEN", help="e.g. 7d, 12h, 2w or 2026-11-01")
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(handler=_lazy("answers_export"))

    stats = commands.add_parser(
        "stats",
        parents=[common],
        **_examples("answers stats"),
        help="the helpful rate per engine and prompt, and the questions the documents did not cover",
    )
    stats.add_argument("--since", metavar="WHEN", help="e.g. 30d or 2026-11-01")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=_lazy("answers_stats"))


def _examples(name: str) -> dict:
    """`add_parser` arguments that show the examples of command `name` ("review list") under its help."""
    lines = EXAMPLES.get(name)
    if not lines:
        return {}
    return {
        "epilog": "examples:\n" + "\n".join(f"  {line}" for line in lines),
        "formatter_class": argparse.RawDescriptionHelpFormatter,
    }


def _help_of(parser: argparse.ArgumentParser) -> int:
    """A command group named without its command: its own help, and the usage error's status."""
    import sys

    parser.print_help(sys.stderr)
    return 2


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port from 1 to 65535")
    return int(value)


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


COMMANDS = {
    "classify": _classify,
    "ask": _ask,
    "eval": _eval,
    "train": _train,
    "serve": _serve,
    "digest": _digest,
    "review": _add_review,
    "answers": _answers,
    "db": _db,
    "console": _console,
    "run": _run,
    "demo": _demo,
}


def command_in(argv: list[str]) -> str | None:
    """The command `argv` names, if it names one before any help flag."""
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None
