# Sourced by bin/dev and bin/test: install everything the project needs, once.
# Idempotent; re-installs only when requirements.lock or package-lock.json change.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "Hiring Hub needs Python 3.11 (found $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "==> Installing Python packages (requirements.lock)"
  # (grep drops the noise of a pip.conf that lists local mirrors absent on this machine)
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip \
    2> >(grep -v "is ignored: it is neither" >&2)
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock \
    2> >(grep -v "is ignored: it is neither" >&2)
  echo "$want" > "$stamp"
fi
nstamp=node_modules/.package-lock.sha
nwant=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$nstamp" 2>/dev/null)" != "$nwant" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Hiring Hub serves Bootstrap and htmx from npm packages: install Node.js and npm." >&2
    exit 1
  fi
  echo "==> Installing front-end packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$nwant" > "$nstamp"
fi
mkdir -p var/staticfiles
if [ ! -f .env ]; then
  # A checkout is a development machine: let plain `python manage.py ...` work too.
  printf '# Local development settings (see .env.example for every variable).\nDEBUG=true\n' > .env
fi
export PATH="$PWD/.venv/bin:$PATH"
