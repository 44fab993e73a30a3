"""The command line's grammar. Handlers live in `bot.cli.commands` and load only when called."""

from __future__ import annotations

import argparse

ENGINE_CHOICES = ("auto", "rubric", "openai")


def _lazy(name: str):
    def handler(args):
        from bot.cli import commands

        return getattr(commands, name)(args)

    return handler


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    parser = argparse.ArgumentParser(
        prog="altitude", parents=[common],
        description="Tell operations strategy from operations management.",
    )
    parser.set_defaults(debug=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    classify = sub.add_parser("classify", parents=[common], help="classify a decision as strategic or operational")
    classify.add_argument("text", nargs="?", metavar="TEXT", help="the decision; '-' reads it from stdin")
    classify.add_argument("--json", action="store_true", help="print one JSON object")
    classify.add_argument("--jsonl", action="store_true", help="stdin: one decision per line; stdout: one JSON object per line")
    classify.add_argument("--engine", choices=ENGINE_CHOICES, help="default: ALTITUDE_ENGINE, else auto")
    classify.add_argument("--no-log", action="store_true", help="do not write the decision log")
    classify.set_defaults(handler=_lazy("classify"))

    ask = sub.add_parser("ask", parents=[common], help="ask a question about strategy and operations")
    ask.add_argument("question", metavar="QUESTION", help="the question; '-' reads it from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--engine", choices=ENGINE_CHOICES, help="default: ALTITUDE_ENGINE, else auto")
    ask.set_defaults(handler=_lazy("ask"))

    evaluate = sub.add_parser("eval", parents=[common], help="accuracy, confusion matrix and calibration on labelled data")
    evaluate.add_argument("files", nargs="*", metavar="FILE", help="JSON Lines of labelled decisions or questions; default: the shipped examples")
    evaluate.add_argument("--engine", choices=ENGINE_CHOICES, help="default: ALTITUDE_ENGINE, else auto")
    evaluate.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    evaluate.set_defaults(handler=_lazy("evaluate"))

    demo = sub.add_parser("demo", parents=[common], help="show what Altitude does, offline")
    demo.set_defaults(handler=_lazy("demo"))
    return parser
