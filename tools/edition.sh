# Sourced by tools/build-book.sh and tools/build-pdf.sh: reads `--edition student|instructor` and
# `--language en|ja` from "$@" into EDITION and LANG_CODE, and sets OUT (the jupyter-book options
# that choose the output folder) and BUILD (that folder's _build):
#   student, en     -> _build                      instructor, en -> _build/instructor/_build
#   student, ja     -> _build/ja/_build            instructor, ja -> _build/instructor-ja/_build
# The Japanese edition has its own execution cache (_ext/languages.py): its notebooks render their
# quizzes in Japanese.
EDITION=student
LANG_CODE=en
usage="usage: bash $0 [--edition student|instructor] [--language en|ja]"
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
  student) OUT=() ; BUILD=_build ;;
  student-ja) OUT=(--path-output _build/ja) ; BUILD=_build/ja/_build ;;
  *) OUT=(--path-output "_build/$NAME") ; BUILD="_build/$NAME/_build" ;;
esac
