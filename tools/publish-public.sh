#!/usr/bin/env bash
# Export the public tree (what students read, link to and install from) into DIR:
# the repository without assignment sources, hidden tests, essay keys or instructor notes.
# Then, in DIR: bash tools/build-book.sh (the student edition) and bash tools/run-tests.sh.
set -euo pipefail
if [ "$#" -ne 1 ]; then
  echo "usage: bash tools/publish-public.sh DIR" >&2
  exit 2
fi
exec python3 "$(dirname "${BASH_SOURCE[0]}")/publish_public.py" "$1"
