#!/usr/bin/env bash
# Start the class hub on this machine: JupyterHub, its idle culler and nbgitpuller, with the course
# environment (.venv) as every student's environment. Configuration: hub/jupyterhub_config.py and
# hub/settings.yaml; see "A hub on one machine" in chapters/instructors/running.md.
#
#   bash tools/hub.sh [--port 8000] [--class-list hub/class-list.csv] [--repo URL] [--branch main]
#                     [--cull-timeout 3600] [--state _build/hub] [--settings hub/settings.yaml]
#                     [--links-only]
#
# --repo is the PUBLIC tree's repository (tools/publish-public.sh), which students pull from.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"
source "$ROOT/tools/hub-env.sh"

settings="$ROOT/hub/settings.yaml"
declare -A opt=()
links_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port|--class-list|--repo|--branch|--cull-timeout|--state)
      [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
      opt[${1#--}]="$2"; shift 2 ;;
    --settings) settings="$(realpath "$2")"; shift 2 ;;
    --links-only) links_only=1; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "error: unknown option $1 (see bash tools/hub.sh --help)" >&2; exit 2 ;;
  esac
done

# One value each: the option, else the settings file, else the default (one Python for all).
eval "$(python - "$settings" "${opt[port]:-}" "${opt[class-list]:-}" "${opt[repo]:-}" \
  "${opt[branch]:-}" "${opt[cull-timeout]:-}" "${opt[state]:-}" <<'PY'
import shlex, sys, yaml
from pathlib import Path
data = yaml.safe_load(open(sys.argv[1])) or {}
config = yaml.safe_load(open("_config.yml"))
given = dict(zip(["port", "class_list", "repository", "branch",
                  "cull_timeout", "state"], sys.argv[2:]))
defaults = {"port": 8000, "class_list": "hub/class-list.csv",
            "repository": config["repository"]["url"], "branch": "main",
            "target": "course", "cull_timeout": 3600, "state": "_build/hub"}
for key, default in defaults.items():
    value = given.get(key) or data.get(key)
    value = default if value in (None, "") else value
    if key in ("class_list", "state"):
        value = Path(str(value)).resolve()
    print(f"{key}={shlex.quote(str(value))}")
PY
)"
repo="$repository"
case "$port" in ''|*[!0-9]*) echo "error: --port must be a number, not '$port'" >&2; exit 2 ;; esac

# The links: one a part, each pulling the public tree into ~/$target and opening the part's folder.
base="http://127.0.0.1:$port"
echo "nbgitpuller links (give each student the one of the week's part):"
python - "$base" "$repo" "$branch" "$target" <<'PY'
import sys
from pathlib import Path
from urllib.parse import urlencode
base, repo, branch, target = sys.argv[1:]
parts = sorted(p.name for p in Path("chapters").iterdir()
               if p.is_dir() and p.name != "instructors")
for part in parts:
    query = urlencode({"repo": repo, "branch": branch, "targetpath": target,
                       "subpath": f"chapters/{part}", "app": "lab"})
    print(f"  {part:<14} {base}/hub/user-redirect/git-pull?{query}")
PY
[ "$links_only" -eq 0 ] || exit 0
[ -f "$class_list" ] || { echo "error: no class list at $class_list (a CSV with a 'username' column; see hub/class-list.example.csv)" >&2; exit 1; }
python "$ROOT/hub/class_list.py" "$class_list"

mkdir -p "$state/home"
chmod 700 "$state"
free_port() { python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export JESC_HUB_REPO="$ROOT" JESC_HUB_STATE="$state" JESC_HUB_SETTINGS="$settings" \
  JESC_HUB_PORT="$port" JESC_HUB_CLASS_LIST="$class_list" JESC_HUB_CULL_TIMEOUT="$cull_timeout" \
  JESC_HUB_API_PORT="${JESC_HUB_API_PORT:-$(free_port)}" \
  JESC_HUB_PROXY_API_PORT="${JESC_HUB_PROXY_API_PORT:-$(free_port)}"
if [ "$(id -u)" -eq 0 ]; then
  # (hub/jupyterhub_config.py then starts each server with --allow-root)
  echo "warning: running as root: every student's server runs as root too (no isolation between students;" \
       "see the instructors' page)" >&2
fi
python - "$state" <<'PY'
import sys
from pathlib import Path
password = Path(sys.argv[1]) / "password"
print(f"Students log in with their user name of the class list and the class password "
      + (f"in {password}" if password.exists() else f"written to {password} at start"))
PY
echo "Hub: $base (this machine only); stop it with Ctrl-C."
cd "$state"
exec "$VENV/bin/jupyterhub" -f "$ROOT/hub/jupyterhub_config.py"
