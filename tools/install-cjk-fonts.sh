#!/usr/bin/env bash
# Installs Debian's Noto CJK fonts when no Japanese font is present (the Japanese edition's plot
# labels, and Chromium drawing its pages in the browser tests).
set -euo pipefail
if fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  exit 0
fi
echo "Installing Debian's fonts-noto-cjk (a Japanese font)..."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null
