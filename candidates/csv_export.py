"""CSV that is safe to open in a spreadsheet."""

import csv

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets
# (OWASP "CSV injection"); a leading quote makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_rows(out, rows) -> None:
    out.write("\ufeff")  # the byte-order mark makes Excel read the file as UTF-8
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
