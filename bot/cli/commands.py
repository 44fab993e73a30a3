"""Command handlers: parse arguments into calls on the services, then render."""

from __future__ import annotations

import sys
from dataclasses import replace

from bot.cli import render
from bot.cli.out import emit_json, say, utf8_out
from bot.config import load_settings, parse_digest_channel
from bot.domain.text import plural
from bot.domain.verdict import Origin
from bot.errors import BadInput
from bot.services import Services


def classify(args) -> int:
    services = Services(load_settings())
    if args.jsonl:
        if args.text is not None or args.explain:
            raise BadInput("--jsonl reads the decisions from stdin", "drop TEXT and --explain, or drop --jsonl")
        return _classify_lines(services, args.engine, _origin(args))
    if args.explain and services.check_engine(args.engine) != "rubric":
        raise BadInput("--explain shows the offline engine's workings", "add --engine rubric")
    text = _text(args.text, "decision")
    result = services.classify(text, engine=args.engine, origin=_origin(args))
    explanation = services.explain(text) if args.explain else None
    if args.json:
        emit_json({**render.classification_json(result), **({"explanation": explanation} if explanation else {})})
    else:
        say(render.classification_text(result))
        if explanation:
            say("\n" + render.explanation_text(explanation))
    return 0


def _origin(args) -> Origin | None:
    return None if args.no_log else Origin(source="cli")


def _classify_lines(services: Services, engine: str | None, origin: Origin | None) -> int:
    from bot.cli.lines import classify_lines

    total, failed = classify_lines(services, engine, origin, sys.stdin.buffer, sys.stdout, ascii_only=not utf8_out())
    if failed:
        verb = "was" if failed == 1 else "were"
        print(
            f'altitude: error: {failed:,} of {plural(total, "line")} {verb} not classified; see their "error" objects',
            file=sys.stderr,
        )
        return 2
    return 0


def ask(args) -> int:
    services = Services(load_settings())  # not logged: the answers log is of what people ask in Slack
    result = services.ask(_text(args.question, "question"), engine=args.engine)
    if args.json:
        emit_json(render.answer_json(result))
    else:
        say(render.answer_text(result))
    return 0


def evaluate(args) -> int:
    from bot import evaluation

    if args.cv:
        return _cross_validate(args)
    services = Services(load_settings())
    services.check_engine(args.engine)
    report = evaluation.run(services, evaluation.load_files(args.files), engine=args.engine)
    if args.json:
        emit_json(report.to_dict())
    else:
        say(render.evaluation_text(report))
    return 0


def _cross_validate(args) -> int:
    from bot import evaluation

    if args.engine not in (None, "rubric"):
        raise BadInput("--cv trains and measures the offline engine", "drop --engine, or use --engine rubric")
    report = evaluation.cross_validate(args.files)
    if args.json:
        emit_json(report)
    else:
        say(render.cv_text(report))
    return 0


def train(args) -> int:
    from bot import training_service

    services = Services(load_settings())
    outcome = training_service.train(services, dry_run=args.dry_run, force=args.force)
    if args.json:
        emit_json(outcome)
    else:
        say(render.training_text(outcome, dry_run=args.dry_run))
    return 0


def digest(args) -> int:
    from bot import digests
    from bot.domain import weeks
    from bot.domain.digest import as_text
    from bot.slack import digest as slack_digest

    settings = load_settings()
    services = Services(settings)
    # a preview shows what the next scheduled digest will say; a post is the digest as of now
    week = args.week or (digests.default_week(settings) if args.post else digests.next_week(settings))
    weeks.bounds(week, settings.timezone)  # a malformed week is bad input before anything else
    if not args.post:
        say(as_text(digests.compose(services, week)))
        return 0
    if args.channel:
        settings = replace(settings, digest_channel=parse_digest_channel(args.channel, "--channel"))
    digests.require_channel(settings.digest_channel)
    from bot.slack.delivery import Delivery

    workspaces = _workspaces(settings, services)
    delivery = Delivery(services, workspaces)
    posted = 0
    for team in workspaces.teams():
        if channel := settings.digest_channel_for(team):
            outcome = slack_digest.post(
                services, workspaces.client(team), delivery, channel=channel, week=week, team_id=team
            )
            if outcome == "queued":  # Slack refused it for now: keep trying a while, as serve would
                outcome = delivery.drain(services.outbox.id_of(f"digest:{team}:{channel}:{week}"), seconds=120)
            say(f"digest for {week}: {outcome} in {channel}")
            posted += 1
    if not posted:
        raise BadInput(
            "no installed workspace has a digest channel", "give TEAM:CHANNEL pairs in ALTITUDE_DIGEST_CHANNEL"
        )
    return 0


def _workspaces(settings, services):
    from bot.slack.clients import verified_client
    from bot.slack.server import check_credentials
    from bot.slack.workspaces import Workspaces

    check_credentials(settings, "posting the digest")
    if settings.oauth:
        return Workspaces(settings, services.log.engine)
    _, team = verified_client(settings)  # a refused token or an unreachable Slack is one clear line
    return Workspaces(settings, services.log.engine, single_team=team)


def serve(args) -> int:
    import logging

    from bot.logs import configure
    from bot.slack.server import serve as run_server

    settings = load_settings()
    configure(settings.log_format, level=logging.DEBUG if args.debug else logging.INFO, secrets=settings.secrets)
    run_server(settings, port=args.port)
    return 0


def console(args) -> int:
    import logging

    from bot.console import repl
    from bot.logs import configure

    settings = load_settings()
    configure(settings.log_format, level=logging.WARNING, secrets=settings.secrets)
    return repl.run(settings, scripted=args.script)


def run(args) -> int:
    """With Slack tokens, serve; without, the console (a scripted conversation when not on a terminal)."""
    from bot.console import repl

    settings = load_settings()
    if (settings.slack_bot_token or settings.oauth) and (settings.slack_signing_secret or settings.slack_app_token):
        return serve(args if hasattr(args, "port") else _with_port(args))
    import logging

    from bot.logs import configure

    configure(settings.log_format, level=logging.WARNING, secrets=settings.secrets)
    return repl.run(settings, scripted=not sys.stdin.isatty())


def _with_port(args):
    args.port = None
    return args


def demo(args) -> int:
    from bot import demo as demo_module

    say(demo_module.run(Services(load_settings())))
    return 0


def _text(value: str | None, what: str) -> str:
    if value is None:
        raise BadInput(f"no {what} given", f"pass the {what} as an argument, or '-' to read it from stdin")
    if value == "-":
        try:
            return sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("stdin is not valid UTF-8", "re-encode the input as UTF-8") from None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(f"the {what} is not valid UTF-8", "re-encode it as UTF-8") from None
    return value
