"""The console's loop: interactive on a terminal (with history), line by line when piped, or a
short scripted conversation that shows the product."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import Settings
from bot.console import render
from bot.domain.safety import terminal_safe

PROMPT = "you> "
SCRIPT = [
    "What is the difference in time horizon between operations strategy and operations management?",
    "> and who makes each kind of decision?",
    "/classify Leadership approved entering the Brazilian market with two plants by 2029.",
    "agree {last}",
    "/classify The CEO wants the Friday stock count at the Leeds depot to start at 7am.",
    "operational {last}",
    "Decision: we move the night shift to 10pm from Monday to cut overtime.",
    "home",
    "/digest",
]
INTRO = (
    "Altitude console: the real Slack app, on a local stand-in for Slack. "
    "Decisions go to {db}. Type 'help' for what you can do."
)


def run(settings: Settings, *, scripted: bool = False) -> int:
    from bot.console.session import Console

    console = Console(settings)
    try:
        print(INTRO.format(db=settings.database_url))
        if scripted:
            _play(console)
        elif sys.stdin.isatty():
            _interactive(console)
        else:
            for line in sys.stdin:
                if _step(console, line.rstrip("\n"), echo=True) is False:
                    break
    finally:
        console.close()
    return 0


def _play(console) -> None:
    for line in SCRIPT:
        _step(console, line.format(last=console.last_decision or 1), echo=True)
    print("\nThat was Altitude offline. Connect a workspace or a model: see the README.")


def _interactive(console) -> None:
    history = Path.home() / ".altitude_history"
    try:
        import readline
    except ImportError:  # not on every platform; the console works without history
        readline = None
    if readline is not None:
        try:
            readline.read_history_file(history)
        except OSError:
            pass  # no history yet
    try:
        while True:
            try:
                line = input(PROMPT)
            except EOFError:  # Ctrl-D quits
                break
            except KeyboardInterrupt:  # Ctrl-C clears the line, as in a shell
                print()
                continue
            if _step(console, line, echo=False) is False:
                break
    finally:
        if readline is not None:
            try:
                readline.write_history_file(history)
            except OSError:
                pass


def _step(console, line: str, *, echo: bool) -> bool:
    if line.strip().lower() in ("quit", "exit"):
        return False
    if echo:
        print(f"\n{PROMPT}{line}")
    shown = console.handle(line)
    if shown:
        print(render.styled(terminal_safe(shown)))
    return True
