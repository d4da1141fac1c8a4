#!/usr/bin/env bash
# Open the course in JupyterLab: the .venv of the README's commands (set up if needed), with
# jupyterlab-myst so that the notebooks' MyST markup ({term}, {cite:p}, labels) renders.
# Arguments pass through to `jupyter lab` (e.g. --no-browser --port 8890).
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"
exec jupyter lab --ServerApp.root_dir="$ROOT" "$@"
