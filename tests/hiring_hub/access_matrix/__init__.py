"""The access matrix: every URL of the app × every role that must NOT reach it.

PRODUCT.md: "Hiring managers and interviewers only ever see the requisitions, candidates and
interviews they are part of." The matrix walks the URL resolver (`urls.URLS`), fills each
pattern's kwargs from one realistic world (`world.build_world`, `world.url_for`), and asserts
for each URL and role that the wrong people get 403/404 (or 405 for a method the view does
not take), never a 200 or a successful redirect, and that the database is byte-for-byte
unchanged afterwards (`world.fingerprint`).

A new URL name fails `test_every_url_is_in_the_matrix` (and its own matrix cases) until it
is added to `urls.URL_TARGETS`, so no future view can skip the check. The cases are grouped
by who asks: `test_matrix` (completeness, anonymous visitors, controls), `test_outsiders`,
`test_interviewers`, `test_managers`, `test_recruiters`.
"""

from tests.hiring_hub.access_matrix.urls import URL_TARGETS, URLS
from tests.hiring_hub.access_matrix.world import World, build_world, fingerprint, url_for

__all__ = ["URLS", "URL_TARGETS", "World", "build_world", "fingerprint", "url_for"]
