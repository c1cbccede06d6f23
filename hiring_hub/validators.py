"""Validators shared by every app's models and forms."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Every character Python's str.splitlines() breaks on: CR, LF, VT, FF, the ASCII file/group/
# record separators, NEL, and the Unicode line and paragraph separators. Any of them in a
# name or title would split a mail header or a line of a calendar file.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@deconstructible
class SingleLineValidator:
    """Refuse a value that holds a line break: names, titles, subjects and addresses are
    one line, and are used in email headers and calendar files."""

    message = "Enter this on one line: line breaks are not allowed here."
    code = "line_break"

    def __call__(self, value) -> None:
        if isinstance(value, str) and not LINE_BREAKS.isdisjoint(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, SingleLineValidator)

    def __hash__(self) -> int:
        return hash(self.__class__)


validate_single_line = SingleLineValidator()
