# Sourced by tools/build-pdf.sh and tools/run-tests.sh: install Debian's TeX packages for the PDF
# when any is missing (as root, or through sudo), like tools/run-tests.sh does for chromium.
# About 130 MB to download (--no-install-recommends). texlive-fonts-extra (485 MB) is not needed:
# _ext/latex/bbm.sty stands in for its bbm. fonts-ipaexfont-mincho: Japanese text;
# poppler-utils: pdftotext, pdffonts, pdfinfo for the tests and the benchmark; make: runs latexmk.
TEX_PACKAGES=(make latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra
              texlive-fonts-recommended tex-gyre fonts-freefont-otf fonts-ipaexfont-mincho poppler-utils)
missing_tex=()
for pkg in "${TEX_PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] || missing_tex+=("$pkg")
done
if [ ${#missing_tex[@]} -gt 0 ]; then
  echo "Installing Debian's TeX packages for the PDF: ${missing_tex[*]}..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_tex[@]}" >/dev/null
fi
