#!/usr/bin/env bash
# README command 1: set up the environment and build the book (warnings are errors).
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"

# -W: a warning fails the build; -n: every cross-reference and citation must resolve;
# --keep-going: report every warning, not just the first.
jupyter-book build . -W -n --keep-going

cat <<MSG

The book is built: $ROOT/_build/html/index.html
View it locally with:
    .venv/bin/python -m http.server --directory _build/html 8000
and open http://localhost:8000 in a browser.
MSG
