#!/usr/bin/env bash
# README command 1: set up the environment and build the book (warnings are errors).
# The student edition (the default) goes to _build/html; `--edition instructor` builds the
# instructor edition (answer keys, solutions, grading notes) into _build/instructor/_build/html.
# Both share the execution cache _build/.jupyter_cache (see _ext/editions.py), which
# _ext/notebook_cache.py fills in parallel before Sphinx reads (CONTRIBUTING.md, "Builds and the execution cache").
# `--language ja` builds the Japanese edition (from locales/ja/, see _ext/languages.py) into
# _build/ja/_build/html; the folders of every edition are listed in tools/edition.sh.
source "$(dirname "${BASH_SOURCE[0]}")/edition.sh"
HTML=$BUILD/html
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"

# -W: a warning fails the build; -n: every cross-reference and citation must resolve;
# --keep-going: report every warning, not just the first.
if [ "$LANG_CODE" = ja ]; then
  # Plot labels and the browser tests need a Japanese font (Debian's Noto CJK).
  bash "$ROOT/tools/install-cjk-fonts.sh"
fi
JESC_EDITION="$EDITION" JESC_LANGUAGE="$LANG_CODE" jupyter-book build . "${OUT[@]}" -W -n --keep-going

cat <<MSG

The $EDITION edition of the book ($LANG_CODE) is built: $ROOT/$HTML/index.html
View it locally with:
    .venv/bin/python -m http.server --bind 127.0.0.1 --directory $HTML 8000
and open http://localhost:8000 in a browser.
MSG
