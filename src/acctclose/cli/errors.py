"""How every command fails: one line on stderr and exit 1 (130 for Ctrl-C), never a traceback."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from acctclose.errors import AcctcloseError

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def fail(message: str) -> None:
    sys.stderr.write(f"acctclose: error: {message}\n")


@contextmanager
def handled_errors(debug: bool = False) -> Iterator[None]:
    try:
        yield
    except typer.Exit:
        raise
    except AcctcloseError as error:
        if debug:
            traceback.print_exc()
        fail(str(error))
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        sys.stderr.write("\nacctclose: interrupted\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as error:  # a bug: still one line unless --debug asks for the traceback
        if debug:
            traceback.print_exc()
        fail(f"internal error: {type(error).__name__}: {error} (run with --debug for details)")
        raise typer.Exit(EXIT_ERROR) from None
