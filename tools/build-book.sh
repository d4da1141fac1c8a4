#!/usr/bin/env bash
# README command 1: set up the environment and build the book (warnings are errors).
# The student edition (the default) goes to _build/html; `--edition instructor` builds the
# instructor edition (answer keys, solutions, grading notes) into _build/instructor/_build/html.
# Both share the execution cache _build/.jupyter_cache (see _ext/editions.py).
EDITION=student
while [ $# -gt 0 ]; do
  case "$1" in
    --edition) EDITION="${2:-}"; shift 2 ;;
    --edition=*) EDITION="${1#--edition=}"; shift ;;
    *) echo "usage: bash tools/build-book.sh [--edition student|instructor]" >&2; exit 2 ;;
  esac
done
case "$EDITION" in
  student) OUT=() ; HTML=_build/html ;;
  instructor) OUT=(--path-output _build/instructor) ; HTML=_build/instructor/_build/html ;;
  *) echo "error: --edition expects 'student' or 'instructor', got '$EDITION'" >&2; exit 2 ;;
esac
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"

# -W: a warning fails the build; -n: every cross-reference and citation must resolve;
# --keep-going: report every warning, not just the first.
JESC_EDITION="$EDITION" jupyter-book build . "${OUT[@]}" -W -n --keep-going

cat <<MSG

The $EDITION edition of the book is built: $ROOT/$HTML/index.html
View it locally with:
    .venv/bin/python -m http.server --directory $HTML 8000
and open http://localhost:8000 in a browser.
MSG
