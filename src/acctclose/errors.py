"""The one error type the CLI turns into a single line on stderr and exit code 1."""


class AcctcloseError(Exception):
    """A failure the user can act on: bad input, bad state, credentials, API refusal."""


class InventoryError(AcctcloseError):
    """An inventory file that cannot be read or does not follow the v1 format."""

    def __init__(self, path: str, where: str, problem: str) -> None:
        self.path = path
        self.where = where
        self.problem = problem
        location = f"{where}: " if where else ""
        super().__init__(f"{path}: {location}{problem}")
