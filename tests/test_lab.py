"""The course opens in JupyterLab (`bash tools/lab.sh`, the README's task table; issue 18).

* JupyterLab and its jupyterlab-myst extension (which renders the notebooks' MyST markup) are
  installed and enabled in the environment the README's commands make.
* ``tools/lab.sh`` starts a server that answers on localhost with the course's folder as its root;
  the test starts it, polls it, and stops it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_jupyterlab_myst_is_installed_and_enabled():
    done = subprocess.run([str(BIN / "jupyter"), "labextension", "list"], capture_output=True, text=True,
                          timeout=120)
    listing = done.stdout + done.stderr
    assert done.returncode == 0, listing
    line = next((x for x in listing.splitlines() if "jupyterlab-myst" in x), None)
    assert line is not None, f"jupyterlab-myst is not a JupyterLab extension of {BIN.parent}:\n{listing}"
    assert "enabled" in line and "OK" in line, line


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, json.loads(response.read())


def test_lab_command_serves_the_course_on_localhost(tmp_path):
    port = free_port()
    token = "jesc-test"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        ["bash", str(REPO / "tools" / "lab.sh"), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         # CI containers run as root, which Jupyter refuses without this.
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        version = None
        deadline = time.monotonic() + 120  # a hang guard: a healthy start takes a few seconds
        while version is None and time.monotonic() < deadline and server.poll() is None:
            try:
                version = get_json(f"{base}/api")[1]["version"]
            except OSError:
                time.sleep(0.5)
        assert version, f"tools/lab.sh did not answer on {base}:\n" + (tmp_path / "lab.log").read_text()
        status, contents = get_json(f"{base}/api/contents?token={token}")
        names = {item["name"] for item in contents["content"]}
        assert status == 200 and {"chapters", "_config.yml", "exercises"} <= names, names
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=10) as response:
            page = response.read().decode()
        assert response.status == 200 and "JupyterLab" in page
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # the server and anything it started
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()
