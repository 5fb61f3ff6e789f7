"""The `layout` command line: parse options, call one function, print, set the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from layout.errors import IssueError


@click.group()
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """ADALAZAMAT layout: turn an issue folder into a print-ready PDF."""
    ctx.obj = {"debug": debug}


def run(ctx: click.Context, action):
    """Call action; turn input errors into `path:line: message` and an exit code."""
    try:
        return action()
    except IssueError as err:
        if ctx.obj.get("debug"):
            raise
        click.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted: no PDF written", err=True)
        sys.exit(130)


@main.command()
@click.argument("issue", default="issue", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="PDF to write.")
@click.pass_context
def build(ctx: click.Context, issue: Path, output: Path | None) -> None:
    """Build the issue's PDF (default: build/<magazine>-<year>-<nn>.pdf)."""
    from layout.build import build as build_issue

    path = run(ctx, lambda: build_issue(issue, output))
    click.echo(f"wrote {path}")
