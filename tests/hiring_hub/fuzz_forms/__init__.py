"""Property-based fuzzing (Hypothesis) of every form the app posts and the résumé upload,
posted through the real view as the user who may post them. Whatever arrives:

- the answer is never a 500;
- a refused post (anything but a redirect, or a redirect that only carries an error message)
  changes nothing in the database;
- an accepted post's emails (the outbox rows the action wrote) are well-formed: a valid
  recipient, a one-line subject, sender and Reply-To that parse, a body, a unique Message-ID,
  and the row is delivered over the locmem backend into a real MIME message.

Each example runs in its own savepoint, rolled back afterwards, so examples do not pile up.
The shared strategies and checks are in `fuzzing.py`; one test module per area."""
