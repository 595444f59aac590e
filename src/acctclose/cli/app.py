"""The `acctclose` Typer application: global options and the command list."""

from __future__ import annotations

from typing import Annotated

import typer

from acctclose import __version__
from acctclose.cli import auth, check, close, members, prepare, status

app = typer.Typer(
    name="acctclose",
    help="Close an Alibaba Cloud account safely, completely, and with a record of every step.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: Rich-formatted help costs ~0.25 s of imports and rendering on every
    # `--help`, more than the 0.3 s budget allows. Reports and prompts still use Rich.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"acctclose {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for errors (never secrets).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = {"debug": debug}


app.command(name="check")(check.check_command)
app.add_typer(auth.auth_app, name="auth")
app.command(name="prepare")(prepare.prepare_command)
app.command(name="status")(status.status_command)
app.command(name="close")(close.close_command)
app.add_typer(members.members_app, name="members")


def main() -> None:
    app(prog_name="acctclose")
