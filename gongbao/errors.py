"""Errors a user sees as one line naming the file and the problem."""


class InputError(Exception):
    """Bad input: the message is `FILE: problem` and nothing was stored."""

    exit_code = 2

    def __init__(self, path, problem: str, exit_code: int | None = None):
        self.path = str(path)
        self.problem = problem
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(f"{self.path}: {problem}")
