"""The one error type an import raises: it names the file, row, column and what was expected."""

from __future__ import annotations


class ImportFileError(Exception):
    """A file that cannot be imported as it is; the store is left unchanged.

    Attributes:
        message: what is wrong, in words for the shop owner.
        file: the file's name (set by the import service when not known where raised).
        row: the row number as Excel shows it (1-based, header rows included), if any.
        column: the column header as printed in the file, if any.
        value: the offending cell text, if any.
        expected: what the cell should have held, if any.
        kind, platform: the export the file was recognised as, when it got that far.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(message)
        # Set once the file is recognised, so a refused file still says what it was.
        self.kind: str | None = None
        self.platform: str | None = None
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.expected = expected

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        text = self.message
        if self.value is not None:
            text += f" (found {self.value!r}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        return f"{', '.join(where)}: {text}" if where else text


class BadValue(ValueError):
    """A cell that does not hold what its column needs; ``expected`` says what would."""

    def __init__(self, expected: str, detail: str = "") -> None:
        super().__init__(detail or expected)
        self.expected = expected
        self.detail = detail


class StopReading(Exception):  # noqa: N818 - a request, not an error
    """Raised by a caller's progress callback to stop reading a file (the user cancelled).

    It passes through the reading layer untouched (never becomes an ``ImportFileError``);
    ``app.services.progress.Cancelled`` is one.
    """
