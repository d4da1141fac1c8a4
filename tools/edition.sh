# Sourced by tools/build-book.sh and tools/build-pdf.sh: reads `--edition student|instructor` from
# "$@" into EDITION and sets OUT, the jupyter-book options that put the instructor edition under
# _build/instructor (the student edition, the default, goes to _build).
EDITION=student
while [ $# -gt 0 ]; do
  case "$1" in
    --edition) EDITION="${2:-}"; shift 2 ;;
    --edition=*) EDITION="${1#--edition=}"; shift ;;
    *) echo "usage: bash $0 [--edition student|instructor]" >&2; exit 2 ;;
  esac
done
case "$EDITION" in
  student) OUT=() ; BUILD=_build ;;
  instructor) OUT=(--path-output _build/instructor) ; BUILD=_build/instructor/_build ;;
  *) echo "error: --edition expects 'student' or 'instructor', got '$EDITION'" >&2; exit 2 ;;
esac
