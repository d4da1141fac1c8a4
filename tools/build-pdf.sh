#!/usr/bin/env bash
# The whole book as one PDF (warnings are errors): _build/latex/japan-europe-security.pdf for the
# student edition (the default); `--edition instructor` (each part's quiz answer keys at the end of
# the part, the solutions and grading notes) builds _build/instructor/_build/latex/....pdf.
# Jupyter Book's pdflatex builder writes LaTeX and runs xelatex through latexmk (make all-pdf).
source "$(dirname "${BASH_SOURCE[0]}")/edition.sh"
PDF=$BUILD/latex/japan-europe-security.pdf
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"

source "$ROOT/tools/install-tex.sh"

rm -rf "$BUILD/latex"  # latexmk would otherwise reuse the last run's auxiliary files
JESC_EDITION="$EDITION" JESC_LANGUAGE="$LANG_CODE" jupyter-book build . "${OUT[@]}" --builder pdflatex -W -n --keep-going

# xelatex keeps going past an unresolved reference or a missing glyph: those fail the build too.
LOG=$BUILD/latex/japan-europe-security.log
if grep -nE "^! |LaTeX Warning: (Reference|Citation) .* undefined|There were undefined references|Missing character" "$LOG"; then
  echo "error: $LOG has the LaTeX errors or warnings above" >&2
  exit 1
fi
[ -s "$PDF" ] || { echo "error: no PDF at $PDF" >&2; exit 1; }
echo
echo "The $EDITION edition of the book as one PDF: $ROOT/$PDF"
