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
# TeX for tests/browser/test_pdf.py (the whole-book PDF).
source "$ROOT/tools/install-tex.sh"
# axe-core (accessibility engine) comes from npm, pinned by tests/browser/package-lock.json.
if [ -f tests/browser/package-lock.json ] && [ ! -d tests/browser/node_modules/axe-core ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --silent
fi

# --nbval: every stored notebook output is compared with a fresh run (strict mode);
# volatile parts are masked by the regexes in tests/nbval-sanitize.cfg.
# pytest exits 5 when it collects nothing: that is a failure too, and set -e passes it on.
python -m pytest --nbval --nbval-sanitize-with tests/nbval-sanitize.cfg "$@"
