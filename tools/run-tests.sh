#!/usr/bin/env bash
# README command 2: run every test; exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"

# The browser tests need Debian's Chromium; a missing browser is a failure, not a skip.
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# Grading runs every submission in bubblewrap (tests/test_grading.py): Debian's bubblewrap.
if ! command -v bwrap >/dev/null 2>&1; then
  echo "Installing Debian's bubblewrap for the grading sandbox..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq bubblewrap >/dev/null
fi
# The class hub (tests/test_hub.py): JupyterHub, its culler and nbgitpuller from requirements/hub-lock.txt,
# its proxy from npm (hub/package-lock.json), so that the hub's test runs here and never skips.
source "$ROOT/tools/hub-env.sh"
# TeX for tests/browser/test_pdf.py (the whole-book PDF).
source "$ROOT/tools/install-tex.sh"
# The Japanese edition's pages (tests/browser/test_japanese.py) need a Japanese font in Chromium.
bash "$(dirname "${BASH_SOURCE[0]}")/install-cjk-fonts.sh"
# axe-core (accessibility engine) comes from npm, pinned by tests/browser/package-lock.json;
# installed again when the copy in node_modules is not the pinned version.
axe_version() {
  python -c 'import json, sys; d = json.load(open(sys.argv[1]))
print(d.get("packages", {}).get("node_modules/axe-core", d)["version"])' "$1" 2>/dev/null || true
}
if [ -f tests/browser/package-lock.json ] && [ "$(axe_version tests/browser/package-lock.json)" \
     != "$(axe_version tests/browser/node_modules/axe-core/package.json)" ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --silent
fi

# Every stored notebook output is compared with a fresh run by tests/test_notebook_pairs.py, from
# the execution cache that tools/build-book.sh filled (each notebook runs once per language and run;
# volatile parts are masked by the regexes in tests/nbval-sanitize.cfg, as nbval masked them).
# pytest exits 5 when it collects nothing: that is a failure too, and set -e passes it on.
python -m pytest "$@"
