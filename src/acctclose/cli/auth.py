"""`acctclose auth login | logout | status`: an AccessKey pair kept in the OS keyring.

The live source uses it when no other credentials are configured. The secret is read
without echo (or from standard input in scripts), stored only in the keyring, and never
shown, logged or written to a file; status shows the AccessKey ID masked.
"""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer

from acctclose.cli.errors import handled_errors
from acctclose.cli.options import debug_enabled
from acctclose.errors import AcctcloseError

auth_app = typer.Typer(
    name="auth",
    help="Keep an AccessKey pair in the OS keyring for reading the account (read-only RAM user "
    "recommended).",
    no_args_is_help=True,
)


@auth_app.command("login")
def login_command(
    ctx: typer.Context,
    access_key_id: Annotated[
        str | None,
        typer.Option(
            "--access-key-id", help="The AccessKey ID (asked for on a terminal when left out)."
        ),
    ] = None,
    secret_stdin: Annotated[
        bool,
        typer.Option(
            "--secret-stdin",
            help="Read the AccessKey secret from standard input (for scripts; never pass it as "
            "an argument).",
        ),
    ] = False,
) -> None:
    """Store an AccessKey pair in the OS keyring."""
    from acctclose import credentials

    with handled_errors(debug_enabled(ctx)):
        terminal = sys.stdin.isatty()
        if access_key_id is None:
            if not terminal:
                raise AcctcloseError(
                    "no terminal to ask on: pass --access-key-id and pipe the secret to "
                    "--secret-stdin"
                )
            access_key_id = typer.prompt("AccessKey ID").strip()
        if secret_stdin:
            secret = sys.stdin.readline().strip()
        elif terminal:
            secret = getpass.getpass("AccessKey secret (not shown): ").strip()
        else:
            raise AcctcloseError("no terminal to ask on: pipe the secret to --secret-stdin")
        credentials.store_key(access_key_id, secret)
        typer.echo(
            f"Stored AccessKey {credentials.mask(access_key_id.strip())} in the OS keyring. "
            "acctclose uses it when no other credentials are configured."
        )
        typer.echo("Use a read-only RAM user's key, never the account's own (see docs/live.md).")


@auth_app.command("logout")
def logout_command(ctx: typer.Context) -> None:
    """Remove the stored AccessKey pair from the OS keyring."""
    from acctclose import credentials

    with handled_errors(debug_enabled(ctx)):
        if credentials.forget_key():
            typer.echo("Removed the AccessKey from the OS keyring.")
        else:
            typer.echo("No AccessKey was stored in the OS keyring.")


@auth_app.command("status")
def status_command(ctx: typer.Context) -> None:
    """Show which AccessKey acctclose would use (masked); no network call."""
    from acctclose import credentials

    with handled_errors(debug_enabled(ctx)):
        stored = credentials.stored_key_id()
        from_env = credentials.environment_key_id()
        if stored:
            typer.echo(f"OS keyring: AccessKey {credentials.mask(stored)}")
        else:
            typer.echo("OS keyring: no AccessKey stored (acctclose auth login)")
        if from_env:
            typer.echo(
                f"Environment: AccessKey {credentials.mask(from_env)} "
                f"({credentials.ENV_KEY_ID}); it takes precedence over the keyring"
            )
        typer.echo(
            "Order: --profile, then environment, aliyun CLI profile, credentials file, "
            "OS keyring, ECS RAM role."
        )
