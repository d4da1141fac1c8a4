#!/usr/bin/env bash
# Re-sync every notebook pair (name.ipynb <-> name.nb.md) and re-execute every notebook in place,
# so that stored outputs are what the code produces now. Pass paths to limit it to some notebooks.
# Each notebook is first stamped with the repository URL of _config.yml and the JupyterLab note
# (tools/execute_notebooks.py); `--stamp-only` stamps and syncs without re-executing.
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"
flags=()
if [ "${1:-}" = "--stamp-only" ]; then flags=(--stamp-only); shift; fi
if [ "$#" -gt 0 ]; then notebooks=("$@"); else
  mapfile -t notebooks < <(find chapters exercises -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort)
fi
python tools/execute_notebooks.py "${flags[@]}" "${notebooks[@]}"
