#!/usr/bin/env bash
# README command 1: set up the environment and build the book (warnings are errors).
# The student edition (the default) goes to _build/html; `--edition instructor` builds the
# instructor edition (answer keys, solutions, grading notes) into _build/instructor/_build/html.
# Both share the execution cache _build/.jupyter_cache (see _ext/editions.py).
source "$(dirname "${BASH_SOURCE[0]}")/edition.sh"
HTML=$BUILD/html
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
