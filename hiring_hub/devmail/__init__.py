"""Development mail: every email the app sends is kept as an .eml file and announced as one
line on the terminal; DEBUG-only pages under /dev/mail/ list and show them in full.

`EMAIL_URL=devmail://` (the default when DEBUG is on) selects it; `devmail:////tmp/mail`
keeps the files in /tmp/mail instead of var/mail.
"""
