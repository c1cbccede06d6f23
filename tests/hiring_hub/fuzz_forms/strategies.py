"""Hypothesis strategies of the form fuzzing: hostile values (`text`, `number`, `when`),
plausible ones a user could type (`words`, `paragraph`, `future`), résumé bytes, references to
the world's objects resolved once it exists (`real`, `pks`), and the fields shared by forms."""

import datetime as dt
import io
import zipfile

from hypothesis import strategies as st

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "line\nbreak",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ 7*7 }}",
    "\u202e\u200b\ufeff",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "2026-02-30",
    "2026-12-01T25:61",
    "x" * 5000,
]
text = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))
number = st.one_of(st.sampled_from(NASTY), st.integers(-(2**40), 2**40).map(str))
when = st.one_of(
    st.sampled_from(NASTY),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    st.dates().map(str),
)


def choice(*values):
    return st.one_of(st.sampled_from(values), text)


# Plausible values: what a user could really type, hostile content included (markup,
# template syntax, right-to-left marks, any script). Half the examples of a form built with
# `posts()` use them in every field, so its action succeeds and its emails get checked.
HOSTILE_WORDS = [
    "<script>alert(1)</script>",
    "O'Brien & Söhne",
    "{{ 7*7 }} {% now %}",
    "\u202eevil.exe",
    "=cmd|' /C calc'!A0",
    "Zoë 测试 🎉",
    "Bcc: victim@example.org",
]
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
words = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.text(PRINTABLE, min_size=1, max_size=60).filter(str.strip),
)
paragraph = st.lists(words, min_size=1, max_size=4).map("\n".join)
future = st.datetimes(min_value=dt.datetime(2031, 1, 1), max_value=dt.datetime(2035, 12, 31)).map(
    lambda d: d.strftime("%Y-%m-%dT%H:%M")
)
future_day = st.dates(min_value=dt.date(2031, 1, 1), max_value=dt.date(2035, 12, 31)).map(str)


def posts(fields: dict):
    """`fields`: name -> (plausible, hostile) strategies. Either every field plausible, or
    each field either."""
    plausible = st.fixed_dictionaries({k: good for k, (good, _) in fields.items()})
    mixed = st.fixed_dictionaries({k: st.one_of(good, bad) for k, (good, bad) in fields.items()})
    return st.one_of(plausible, mixed)


@st.composite
def zip_bytes(draw) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in draw(
            st.lists(
                st.sampled_from(
                    ["mimetype", "[Content_Types].xml", "word/document.xml", "a.zip", "../x"]
                )
                | st.text(min_size=1, max_size=20),
                max_size=6,
                unique=True,
            )
        ):
            archive.writestr(name, draw(st.binary(max_size=2000)))
    data = out.getvalue()
    cut = draw(st.integers(0, len(data)))
    return data if draw(st.booleans()) else data[:cut]


resume = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b),
    zip_bytes(),
    st.text(max_size=500).map(str.encode),
)


# Real ids mixed into the fuzzed values: "@object:<world object>", "@user:<role>",
# "@key:criterion" (a criterion's UUID key), filled in once the world exists.
def real(*refs: str):
    return st.sampled_from(refs)


def pk_or_junk(*refs: str):
    return st.one_of(real(*refs), number) if refs else number


def pks(*refs: str):
    return st.lists(pk_or_junk(*refs), max_size=3)


PEOPLE = ("@user:recruiter", "@user:manager", "@user:interviewer", "@user:team_recruiter")


# The fields of scheduling and of rescheduling an interview (scheduling also names the stage).
interview_fields = {
    "starts_at": (future, when),
    "duration_minutes": (st.sampled_from(["30", "60", "600"]), number),
    "interviewers": (
        st.lists(real("@user:interviewer", "@user:second_interviewer"), max_size=2),
        pks("@user:outsider_interviewer"),
    ),
    "location": (words, text),
    "video_link": (
        st.sampled_from(["https://meet.example.org/abc", "meet.example.org/x?y=<b>"]),
        choice("javascript:alert(1)", "x"),
    ),
    "next_steps_promised_by": (future_day, when),
    "next_steps_message": (paragraph, text),
}
