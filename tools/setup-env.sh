# Sourced by the README's two commands: create .venv and install the pinned dependencies.
# Re-running is cheap: the install is skipped while requirements/lock.txt and pyproject.toml are unchanged.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

if ! "$PY" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null; then
  echo "error: the course needs Python 3.11, 3.12 or 3.13 (found $("$PY" --version 2>&1)); set PYTHON=/path/to/python3.12" >&2
  exit 1
fi
# A .venv made by another Python than the one asked for is made again.
want_version="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
have_version="$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"
if [ "$have_version" != "$want_version" ]; then
  [ -z "$have_version" ] || echo "Re-creating .venv for Python $want_version (it was made with $have_version)..."
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

stamp="$VENV/.installed-from"
want="$(cat "$ROOT/requirements/lock.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing the pinned dependencies into .venv (first run: a few minutes)..."
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements/lock.txt"
  # The course package itself, editable, so that notebooks import the code and data of this checkout.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$ROOT"
  echo "$want" > "$stamp"
fi
export PATH="$VENV/bin:$PATH"
cd "$ROOT"
