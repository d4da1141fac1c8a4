#!/usr/bin/env bash
# Re-resolve the dependency ranges of pyproject.toml in a fresh environment and pin the result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --upgrade pip
"$tmp/venv/bin/python" -m pip install --quiet -e "$ROOT[book,test,assignments,lab]"
{
  echo "# Pinned dependencies of the course (resolved on Python 3.11; every pin has wheels for 3.12 and 3.13)."
  echo "# Regenerate with: bash tools/lock-dependencies.sh"
  # --all keeps setuptools and wheel, which sphinx-togglebutton needs when it is installed; pip itself is not pinned.
  "$tmp/venv/bin/python" -m pip freeze --all --exclude-editable | grep -v -e '^jesc' -e '^pip=='
} > "$ROOT/requirements/lock.txt"
echo "wrote requirements/lock.txt ($(grep -vc '^#' "$ROOT/requirements/lock.txt") packages)"
# The hub's packages (pyproject's `hub` group) on top of the lock, in a file of their own, so that
# the students' environment does not grow: only what the lock does not hold, every pin of the lock kept.
"$tmp/venv/bin/python" -m pip install --quiet -c "$ROOT/requirements/lock.txt" -e "$ROOT[hub]"
{
  echo "# The class hub's packages (tools/hub.sh), installed on top of requirements/lock.txt, whose pins they keep."
  echo "# Regenerate with: bash tools/lock-dependencies.sh"
  "$tmp/venv/bin/python" -m pip freeze --all --exclude-editable | grep -v -e '^jesc' -e '^pip==' \
    | grep -v -x -F -f "$ROOT/requirements/lock.txt"
} > "$ROOT/requirements/hub-lock.txt"
echo "wrote requirements/hub-lock.txt ($(grep -vc '^#' "$ROOT/requirements/hub-lock.txt") packages)"
