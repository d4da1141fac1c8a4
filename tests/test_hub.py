"""The class hub of tools/hub.sh: it starts and answers on this machine only;
two simulated students log in (a token each, through the hub's REST API),
start their servers, pull a part with its nbgitpuller link from a local bare
repository (a stand-in for the public tree), run one of its notebooks in
their own server, and are culled by the idle culler.

Needs the hub's packages (requirements/hub-lock.txt) and its proxy (npm);
tools/run-tests.sh installs both, so in CI this test runs, never skips.
"""

from __future__ import annotations

import importlib.util
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import yaml

from hub_client import REPO, Hub, Student, make_part_repo

PROXY = REPO / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
PART, NOTEBOOK = "introduction", "lens.ipynb"
CULL_TIMEOUT = 10


def _missing() -> str:
    for module in ("jupyterhub", "jupyterhub_idle_culler", "nbgitpuller"):
        if importlib.util.find_spec(module) is None:
            return (f"{module} is not installed (requirements/hub-lock.txt; "
                    "tools/run-tests.sh installs it)")
    if not PROXY.exists():
        return ("configurable-http-proxy is not installed in hub/node_modules"
                " (tools/run-tests.sh runs npm ci --prefix hub)")
    return ""


pytestmark = pytest.mark.skipif(bool(_missing()), reason=_missing() or "-")


def test_two_students_pull_run_and_are_culled(tmp_path):
    url = make_part_repo(tmp_path, PART, [NOTEBOOK, "sources.ipynb"])
    names = ["student-a", "student-b"]
    hub = Hub(tmp_path, names, url, cull_timeout=CULL_TIMEOUT, cull_every=2,
              activity_interval=2)
    began = time.monotonic()
    try:
        hub.wait_ready()
        print(f"hub ready in {time.monotonic() - began:.1f} s")
        began = time.monotonic()
        # The hub answers on 127.0.0.1 and its login page shows.
        login = requests.get(f"{hub.url}/hub/login", timeout=30)
        assert login.status_code == 200, login.text[:500]
        log = hub.log.read_text()
        assert f"JupyterHub is now running at http://127.0.0.1:{hub.port}" \
            in log, log
        # Only the class list may log in: they exist, nobody else does.
        listed = {user["name"] for user in hub.api("GET", "/users").json()}
        assert listed == set(names), listed

        students = [Student(hub, name) for name in names]
        for student in students:
            home = student.login()
            assert home.status_code == 200, (student.name, home.text[:500])
            assert "/hub/login" not in home.url, (student.name, home.url)
            student.start()
        for student in students:
            student.wait_ready()
        ready = time.monotonic()

        def work(student: Student) -> float:
            page = student.pull(PART)
            assert page.status_code == 200, (student.name, page.text[:500])
            assert page.url.startswith(f"{student.server}/git-pull?"), page.url
            folder = student.contents(f"course/chapters/{PART}")
            assert folder.status_code == 200, (student.name, folder.text)
            seen = {item["name"] for item in folder.json()["content"]}
            assert {NOTEBOOK, "sources.ipynb"} <= seen, (student.name, seen)
            return student.run_notebook(f"course/chapters/{PART}/{NOTEBOOK}")

        with ThreadPoolExecutor(len(students)) as pool:
            seconds = list(pool.map(work, students))
        assert all(s > 0 for s in seconds), seconds
        print(f"phases: servers ready {ready - began:.1f} s, pull and run "
              f"{time.monotonic() - ready:.1f} s (notebook: {seconds})")
        began = time.monotonic()
        for name in names:
            home = hub.state / "home" / name / "course" / "chapters" / PART
            assert (home / NOTEBOOK).is_file(), f"{name}: no {home / NOTEBOOK}"

        # Idle now: the culler stops both servers within its timeout and
        # a round or two of its checks.
        deadline = time.monotonic() + CULL_TIMEOUT + 45
        while time.monotonic() < deadline and any(
                s.server_running() for s in students):
            time.sleep(1)
        running = [s.name for s in students if s.server_running()]
        assert not running, (f"not culled after {CULL_TIMEOUT + 45} s: "
                             f"{running}\n{hub.log.read_text()[-3000:]}")
        print(f"culled after {time.monotonic() - began:.1f} s idle")
        assert "idle-culler" in hub.log.read_text()
        # What the student sees: their server's API no longer answers them.
        gone = students[0].browser.get(f"{students[0].server}/api/status",
                                       timeout=30, allow_redirects=False)
        assert gone.status_code != 200, gone.status_code
        # The home and its pulled notebooks stay after culling.
        assert (hub.state / "home" / names[0] / "course").is_dir()
    finally:
        hub.stop()
    # Every process of the hub is gone (proxy, culler, servers).
    with pytest.raises(ProcessLookupError):
        os.killpg(hub.process.pid, 0)


def test_hub_script_binds_localhost_and_prints_a_link_per_part(tmp_path):
    """--links-only prints the nbgitpuller links (to the public tree given
    with --repo) and starts nothing."""
    import subprocess

    class_list = tmp_path / "class.csv"
    class_list.write_text("username\nstudent-a\n")
    out = subprocess.run(
        ["bash", str(REPO / "tools" / "hub.sh"), "--links-only", "--port",
         "8123", "--class-list", str(class_list), "--repo",
         "https://example.org/course-public"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=True)
    parts = sorted(p.name for p in (REPO / "chapters").iterdir()
                   if p.is_dir() and p.name != "instructors")
    for part in parts:
        assert (f"http://127.0.0.1:8123/hub/user-redirect/git-pull?repo="
                f"https%3A%2F%2Fexample.org%2Fcourse-public") in out.stdout
        assert f"subpath=chapters%2F{part}&" in out.stdout, (part, out.stdout)
    settings = yaml.safe_load((REPO / "hub" / "settings.yaml").read_text())
    assert settings["port"] and settings["cull_timeout"] > 0
    config = (REPO / "hub" / "jupyterhub_config.py").read_text()
    assert 'bind_url = f"http://127.0.0.1:' in config


@pytest.mark.parametrize("text, message", [
    ("name\nstudent-a\n", "no 'username' column"),
    ("username\nstudent-a\nStudent B\n", "row 3: username 'Student B'"),
    ("username\n", "the class list names nobody"),
    ("username\nstudent-a\nstudent-a\n", "row 3: username 'student-a' is"),
])
def test_a_bad_class_list_stops_the_hub_with_its_row(tmp_path, text, message):
    import subprocess

    class_list = tmp_path / "class.csv"
    class_list.write_text(text)
    out = subprocess.run(
        ["bash", str(REPO / "tools" / "hub.sh"), "--port", "1",
         "--class-list", str(class_list), "--state", str(tmp_path / "s")],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert f"error: {class_list}" in out.stderr, out.stderr[-2000:]
    assert message in out.stderr, out.stderr[-2000:]
