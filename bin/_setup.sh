# Sourced by bin/dev and bin/test. Checks every prerequisite first (all of them, each with
# the line that installs it), then creates the virtual environment for the chosen Python and
# installs requirements/dev.txt into it (again only when that lock changes).
#
#   PYTHON  the interpreter to use (default: python3 if it is 3.11-3.13, else the newest
#           python3.13 / python3.12 / python3.11 on PATH)
#   VENV    the virtual environment (default: .venv-<version>, e.g. .venv-3.13; `.venv` is a
#           link to the first one made, for editors and `.venv/bin/python ...`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

HH_SUPPORTED="3.11 3.12 3.13"

hh_python_version() { # prints X.Y if $1 is a supported Python, else fails
  local version
  version=$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || return 1
  case " $HH_SUPPORTED " in *" $version "*) echo "$version" ;; *) return 1 ;; esac
}

hh_find_python() {
  local candidate
  if [ -n "${PYTHON:-}" ]; then
    hh_python_version "$PYTHON" >/dev/null && { echo "$PYTHON"; return 0; }
    return 1
  fi
  for candidate in python3 python3.13 python3.12 python3.11; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    hh_python_version "$candidate" >/dev/null && { echo "$candidate"; return 0; }
  done
  return 1
}

# hh_check_prerequisites [chromium] [java] [compose]: report everything missing at once, then stop.
# With HH_INSTALL_SYSTEM_DEPS=1 (bin/test --install-system-deps) the Debian packages missing
# are installed with apt-get first.
hh_check_prerequisites() {
  local missing=() debian=() want asked=${PYTHON:-} found
  if ! found=$(hh_find_python); then
    if [ -n "$asked" ]; then
      missing+=("Python 3.11, 3.12 or 3.13: PYTHON=$asked is $("$asked" --version 2>/dev/null || echo "not a working Python"); set PYTHON to a supported one")
    else
      missing+=("Python 3.11, 3.12 or 3.13: sudo apt-get install python3 python3-venv  (macOS: brew install python@3.13; or set PYTHON=/path/to/python3.X)")
    fi
    debian+=(python3 python3-venv)
  else
    PYTHON=$found
    HH_PYTHON_VERSION=$(hh_python_version "$PYTHON")
    if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
      missing+=("the venv module of $PYTHON: sudo apt-get install python${HH_PYTHON_VERSION}-venv")
      debian+=("python${HH_PYTHON_VERSION}-venv")
    fi
  fi
  if ! command -v git >/dev/null 2>&1; then
    missing+=("git: sudo apt-get install git  (macOS: xcode-select --install)")
    debian+=(git)
  fi
  for want in "$@"; do
    case $want in
      chromium)
        if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
          missing+=("Chromium for the browser tests: sudo apt-get install chromium fonts-liberation  (or set CHROMIUM_PATH=/path/to/chromium)")
          debian+=(chromium fonts-liberation)
        fi ;;
      java)
        if ! command -v java >/dev/null 2>&1; then
          missing+=("Java for the Nu HTML Checker (vnu.jar) in the tests: sudo apt-get install default-jre-headless")
          debian+=(default-jre-headless)
        fi ;;
      compose)
        if ! command -v docker-compose >/dev/null 2>&1 \
          && ! docker compose version >/dev/null 2>&1; then
          missing+=("docker compose, to check docker-compose.yml in the PostgreSQL run: sudo apt-get install docker-compose")
          debian+=(docker-compose)
        fi ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "${HH_INSTALL_SYSTEM_DEPS:-}" = 1 ] && [ ${#debian[@]} -gt 0 ] \
    && command -v apt-get >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "==> Installing system packages: ${debian[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${debian[@]}" >/dev/null
    HH_INSTALL_SYSTEM_DEPS=0 hh_check_prerequisites "$@"
    return
  fi
  echo "Hiring Hub needs, before anything else:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
}

hh_setup_venv() {
  VENV=${VENV:-.venv-$HH_PYTHON_VERSION}
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> Creating $VENV with $PYTHON ($("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv "$VENV"
  fi
  if [ ! -e .venv ] && [ ! -L .venv ] && [ "$VENV" != .venv ]; then
    ln -s "$VENV" .venv
  fi
  local stamp="$VENV/.requirements.sha" want
  want=$(sha256sum requirements/dev.txt | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> Installing Python packages into $VENV (requirements/dev.txt, hash-checked)"
    # (grep drops the noise of a pip.conf that lists local mirrors absent on this machine)
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
      -r requirements/dev.txt 2> >(grep -v "is ignored: it is neither" >&2)
    echo "$want" >"$stamp"
  fi
  mkdir -p var/staticfiles
  if [ ! -f .env ]; then
    # A checkout is a development machine: let plain `python manage.py ...` work too.
    printf '# Local development settings (see .env.example for every variable).\nDEBUG=true\n' >.env
  fi
  case $VENV in /*) VIRTUAL_ENV=$VENV ;; *) VIRTUAL_ENV=$PWD/$VENV ;; esac
  export VIRTUAL_ENV PATH="$VIRTUAL_ENV/bin:$PATH"
}
