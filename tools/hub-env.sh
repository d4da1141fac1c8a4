# Sourced by tools/hub.sh and tools/run-tests.sh after setup-env.sh: installs the class hub's
# packages into .venv (requirements/hub-lock.txt, on top of the lock) and its proxy from npm
# (hub/package-lock.json, into hub/node_modules, which git ignores). Skipped while both are current.
hub_stamp="$VENV/.hub-installed-from"
hub_want="$(cat "$ROOT/requirements/lock.txt" "$ROOT/requirements/hub-lock.txt" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$hub_stamp" 2>/dev/null)" != "$hub_want" ]; then
  echo "Installing the hub's pinned packages into .venv (requirements/hub-lock.txt)..."
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c "$ROOT/requirements/lock.txt" -r "$ROOT/requirements/hub-lock.txt"
  echo "$hub_want" > "$hub_stamp"
fi
chp_version() {
  python -c 'import json, sys; d = json.load(open(sys.argv[1]))
print(d.get("packages", {}).get("node_modules/configurable-http-proxy", d)["version"])' "$1" 2>/dev/null || true
}
if [ "$(chp_version "$ROOT/hub/package-lock.json")" \
     != "$(chp_version "$ROOT/hub/node_modules/configurable-http-proxy/package.json")" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: the hub's proxy (configurable-http-proxy) comes from npm, which is missing:" \
         "install Debian's nodejs and npm (sudo apt-get install nodejs npm)" >&2
    exit 1
  fi
  npm ci --prefix "$ROOT/hub" --no-audit --no-fund --silent
fi
