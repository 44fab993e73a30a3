"""The `altitude` command: parse, call the services, print. Errors become one line on stderr."""

from __future__ import annotations

import sys

from bot.cli.parser import build_parser, command_in


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(command_in(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_usage(sys.stderr)
        print('altitude: error: name a command, e.g. altitude classify "..."', file=sys.stderr)
        return 2
    try:
        return args.handler(args) or 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); nothing left to say
        return 0
    except Exception as exc:
        if args.debug:
            raise
        return _report(exc)


def _report(exc: Exception) -> int:
    from bot.cli.out import say
    from bot.errors import AltitudeError

    if isinstance(exc, AltitudeError):
        say(f"altitude: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(
        f"altitude: error: unexpected {type(exc).__name__}; run again with --debug for the traceback", file=sys.stderr
    )
    return 1
