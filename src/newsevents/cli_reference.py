"""The README's command reference, written from the CLI's own parser so that it cannot drift.

    python -m newsevents.cli_reference README.md     # rewrite the section between the markers
    python -m newsevents.cli_reference               # print it

``tests/test_docs.py`` fails when the README's section differs from what this module writes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli import EXAMPLES, build_parser

START = "<!-- cli-reference: written by `python -m newsevents.cli_reference README.md`; do not edit by hand -->"
END = "<!-- /cli-reference -->"


def _usage(parser: argparse.ArgumentParser) -> str:
    # a wide formatter: the usage line must not depend on the terminal it was written from
    fmt = argparse.HelpFormatter(parser.prog, width=10_000)
    fmt.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return fmt.format_help().strip()


def _name(action: argparse.Action) -> str:
    if not action.option_strings:
        return action.metavar or action.dest
    names = ", ".join(action.option_strings)
    if action.nargs == 0:
        return names
    metavar = action.metavar or ("{" + ",".join(action.choices) + "}" if action.choices else action.dest.upper())
    return f"{names} {metavar}"


def _help(action: argparse.Action) -> str:
    text = action.help or ""
    if not action.option_strings and action.choices:
        text = (text + "; " if text else "") + "one of " + ", ".join(f"`{c}`" for c in action.choices)
    if action.default not in (None, False, argparse.SUPPRESS) and "default" not in text:
        text = f"{text} (default {action.default})".strip()
    return text.replace("|", "\\|")


def reference(parser: argparse.ArgumentParser | None = None) -> str:
    """The command reference in Markdown: per command its description, usage, arguments and example."""
    parser = parser or build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    lines = ["Options before the command: "
             + "; ".join(f"`{_name(a)}` {_help(a)}" for a in parser._actions
                         if a.option_strings and not isinstance(a, argparse._HelpAction)) + "."]
    for name, command in sub.choices.items():
        lines += ["", f"#### `newsevents {name}`", "", command.description or "", "",
                  f"    {_usage(command)}", ""]
        rows = [a for a in command._actions if not isinstance(a, argparse._HelpAction)]
        if rows:
            lines += ["| argument | what it does |", "|---|---|"]
            lines += [f"| `{_name(a)}` | {_help(a)} |" for a in rows]
            lines.append("")
        lines.append(f"Example: `{EXAMPLES[name]}`")
    return "\n".join(lines).strip() + "\n"


def replace_section(readme: str, section: str) -> str:
    """The README text with the part between the markers replaced by ``section``."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{section}{END}{tail}"


def current_section(readme: str) -> str:
    """What the README holds between the markers."""
    return readme.split(START, 1)[1].split(END, 1)[0].lstrip("\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(reference(), end="")
        return 0
    path = Path(argv[0])
    path.write_text(replace_section(path.read_text("utf-8"), reference()), "utf-8")
    print(f"wrote the command reference into {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
