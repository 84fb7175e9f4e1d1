from __future__ import annotations


class ExtractError(Exception):
    """Bad input: names the file, the row (when known) and the rule it broke, and what to do."""

    def __init__(self, file: str, rule: str, detail: str, row: int | None = None):
        self.file, self.rule, self.detail, self.row = file, rule, detail, row
        where = f"{file}, row {row}" if row is not None else file
        super().__init__(f"{where}: [{rule}] {detail}")
