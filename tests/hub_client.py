"""Drive the class hub (tools/hub.sh) as students would, through its REST APIs.

Shared by tests/test_hub.py and benchmarks/hub_load.py: start the hub on a
free port with an admin token of the start, give simulated students a token
and a server, follow a part's nbgitpuller link and run a notebook's code
cells in the student's own server (the Jupyter server's kernel API over its
websocket, as JupyterLab runs them).
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import requests

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_part_repo(folder: Path, part: str, notebooks: list[str]) -> str:
    """A bare git repository holding `chapters/<part>/` notebooks of this
    checkout (a stand-in for the public tree); its file:// URL."""
    work = folder / "public"
    (work / "chapters" / part).mkdir(parents=True)
    for name in notebooks:
        source = REPO / "chapters" / part / name
        (work / "chapters" / part / name).write_bytes(source.read_bytes())
    git = ["git", "-c", "user.name=course",
           "-c", "user.email=course@localhost"]
    subprocess.run(git + ["init", "-q", "-b", "main", str(work)], check=True)
    subprocess.run(git + ["-C", str(work), "add", "."], check=True)
    subprocess.run(git + ["-C", str(work), "commit", "-q", "-m", "part"],
                   check=True)
    bare = folder / "public.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)],
                   check=True)
    return bare.as_uri()


class Hub:
    """A hub started by tools/hub.sh in a folder of its own."""

    def __init__(self, folder: Path, students: list[str], repo_url: str, *,
                 cull_timeout: int = 3600, cull_every: int = 0,
                 activity_interval: int = 300) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.repo_url = repo_url
        class_list = folder / "class-list.csv"
        class_list.write_text("username\n" + "\n".join(students) + "\n")
        self.state = folder / "state"
        env = dict(os.environ, JESC_HUB_ADMIN_TOKEN=self.token,
                   JESC_HUB_ACTIVITY_INTERVAL=str(activity_interval))
        if cull_every:
            env["JESC_HUB_CULL_EVERY"] = str(cull_every)
        self.log = folder / "hub.log"
        self._log = self.log.open("wb")
        self.process = subprocess.Popen(
            ["bash", str(REPO / "tools" / "hub.sh"), "--port", str(self.port),
             "--class-list", str(class_list), "--state", str(self.state),
             "--repo", repo_url, "--cull-timeout", str(cull_timeout)],
            cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the hub stopped at start:\n{self.log.read_text()}")
            try:
                answer = requests.get(f"{self.url}/hub/api/", timeout=5)
                if answer.status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise TimeoutError(
            f"no hub after {timeout} s:\n{self.log.read_text()}")

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.url}/hub/api{path}",
                                headers=headers, timeout=60, **kwargs)

    def link(self, part: str, target: str = "course") -> str:
        """The part's nbgitpuller link, as tools/hub.sh prints it."""
        query = urlencode({"repo": self.repo_url, "branch": "main",
                           "targetpath": target,
                           "subpath": f"chapters/{part}", "app": "lab"})
        return f"{self.url}/hub/user-redirect/git-pull?{query}"

    def stop(self) -> None:
        """Stop the hub, its proxy, culler and every server it started."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        # servers that outlived the hub (they run in its session)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._log.close()


class Student:
    """One simulated student: a token of their own and their server."""

    def __init__(self, hub: Hub, name: str) -> None:
        self.hub, self.name = hub, name
        answer = hub.api("POST", f"/users/{name}/tokens",
                         json={"note": "simulated student"})
        answer.raise_for_status()
        self.token = answer.json()["token"]
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {self.token}"
        self.server = f"{hub.url}/user/{name}"

    def start(self) -> None:
        answer = self.hub.api("POST", f"/users/{self.name}/server")
        if answer.status_code not in (201, 202):
            raise RuntimeError(f"{self.name}: server not started: "
                               f"{answer.status_code} {answer.text}")

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = self.hub.api("GET", f"/users/{self.name}").json()
            server = (user.get("servers") or {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"{self.name}: server not ready after {timeout} s")

    def server_running(self) -> bool:
        user = self.hub.api("GET", f"/users/{self.name}").json()
        return bool((user.get("servers") or {}).get(""))

    def login(self) -> requests.Response:
        """Log in on the hub's login page with the class password, as a
        browser does (cookies); the page the hub then shows."""
        self.browser = requests.Session()
        form = self.browser.get(f"{self.hub.url}/hub/login", timeout=60)
        form.raise_for_status()
        password = (self.hub.state / "password").read_text().strip()
        return self.browser.post(
            f"{self.hub.url}/hub/login", timeout=60,
            data={"username": self.name, "password": password,
                  "_xsrf": self.browser.cookies.get("_xsrf", path="/hub/")})

    def pull(self, part: str) -> requests.Response:
        """Follow the part's link in the logged-in browser (the hub sends it
        to the student's server, whose nbgitpuller page shows the pull),
        then make the pull the page makes (nbgitpuller's event stream) until
        it is done; the page."""
        link = self.hub.link(part)
        page = self.browser.get(link, timeout=60)
        query = link.split("?", 1)[1]
        stream = self.browser.get(f"{self.server}/git-pull/api?{query}",
                                  stream=True, timeout=120)
        stream.raise_for_status()
        for line in stream.iter_lines(decode_unicode=True):
            if not line or not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            if event.get("phase") == "error":
                raise RuntimeError(f"{self.name}: nbgitpuller: "
                                   f"{event.get('message')}")
            if event.get("phase") == "finished":
                break
        return page

    def contents(self, path: str) -> requests.Response:
        return self.session.get(f"{self.server}/api/contents/{path}",
                                timeout=60)

    def run_notebook(self, path: str, timeout: float = 300) -> float:
        """Run the code cells of the notebook at `path` (relative to the home)
        in a new kernel of the student's server; the seconds it took from
        the kernel's start. Raises on a cell that fails."""
        notebook = self.contents(path)
        notebook.raise_for_status()
        cells = [cell["source"] for cell in notebook.json()["content"]["cells"]
                 if cell["cell_type"] == "code"]
        return asyncio.run(self._run(path, cells, timeout))

    async def _run(self, path: str, cells: list[str], timeout: float) -> float:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        started = time.monotonic()
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        kernel = self.session.post(f"{self.server}/api/kernels", timeout=60,
                                   json={"name": "python3", "path": folder})
        kernel.raise_for_status()
        kernel_id = kernel.json()["id"]
        ws_url = (f"{self.server}/api/kernels/{kernel_id}/channels"
                  .replace("http://", "ws://"))
        request = HTTPRequest(ws_url, connect_timeout=120,
                              request_timeout=120, headers={
            "Authorization": f"token {self.token}"})
        conn = await websocket_connect(request)
        session = uuid.uuid4().hex
        try:
            for number, code in enumerate(cells, start=1):
                msg_id = uuid.uuid4().hex
                conn.write_message(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request",
                               "username": self.name, "session": session,
                               "date": "", "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell",
                    "content": {"code": code, "silent": False,
                                "store_history": True, "user_expressions": {},
                                "allow_stdin": False, "stop_on_error": True},
                    "buffers": []}))
                while True:
                    left = timeout - (time.monotonic() - started)
                    raw = await asyncio.wait_for(conn.read_message(),
                                                 max(left, 0.1))
                    if raw is None:
                        raise RuntimeError(f"{self.name}: {path}: the kernel's"
                                           " connection closed")
                    if isinstance(raw, bytes):
                        continue
                    message = json.loads(raw)
                    parent = message["parent_header"].get("msg_id")
                    if message.get("channel") == "shell" and parent == msg_id:
                        content = message["content"]
                        if content.get("status") != "ok":
                            raise RuntimeError(
                                f"{self.name}: {path}, code cell {number}: "
                                f"{content.get('ename')}: "
                                f"{content.get('evalue')}")
                        break
        finally:
            conn.close()
            self.session.delete(f"{self.server}/api/kernels/{kernel_id}",
                                timeout=60)
        return time.monotonic() - started
