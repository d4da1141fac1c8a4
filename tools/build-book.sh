#!/usr/bin/env bash
# README command 1: set up the environment and build the book (warnings are errors).
# The student edition (the default) goes to _build/html; `--edition instructor` builds the
# instructor edition (answer keys, solutions, grading notes) into _build/instructor/_build/html.
# Both share the execution cache _build/.jupyter_cache (see _ext/editions.py).
# `--language ja` builds the Japanese edition (from locales/ja/, see _ext/languages.py) into
# _build/ja/_build/html (instructor: _build/instructor-ja/_build/html), with its own execution
# cache _build/.jupyter_cache-ja, since its notebooks render their quizzes in Japanese.
EDITION=student
LANG_CODE=en
usage="usage: bash tools/build-book.sh [--edition student|instructor] [--language en|ja]"
while [ $# -gt 0 ]; do
  case "$1" in
    --edition) EDITION="${2:-}"; shift 2 ;;
    --edition=*) EDITION="${1#--edition=}"; shift ;;
    --language) LANG_CODE="${2:-}"; shift 2 ;;
    --language=*) LANG_CODE="${1#--language=}"; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
case "$EDITION" in
  student|instructor) ;;
  *) echo "error: --edition expects 'student' or 'instructor', got '$EDITION'" >&2; exit 2 ;;
esac
case "$LANG_CODE" in
  en|ja) ;;
  *) echo "error: --language expects 'en' or 'ja', got '$LANG_CODE'" >&2; exit 2 ;;
esac
NAME="$EDITION"; [ "$LANG_CODE" = en ] || NAME="$EDITION-$LANG_CODE"
case "$NAME" in
  student) OUT=() ; HTML=_build/html ;;
  student-ja) OUT=(--path-output _build/ja) ; HTML=_build/ja/_build/html ;;
  *) OUT=(--path-output "_build/$NAME") ; HTML="_build/$NAME/_build/html" ;;
esac
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
    .venv/bin/python -m http.server --directory $HTML 8000
and open http://localhost:8000 in a browser.
MSG
