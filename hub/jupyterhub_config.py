"""JupyterHub configuration of the course's one-machine class hub.

Started by ``bash tools/hub.sh`` (read that script first): it exports the
``JESC_HUB_*`` variables read below.  Everything here is JupyterHub's own
configuration (https://jupyterhub.readthedocs.io); the course adds only the
class list, the settings file and secrets made at start.

What a student gets: a login with the class's shared password (JupyterHub's
SharedPasswordAuthenticator), a Jupyter server of their own in the course's
environment (``.venv``), with a home of their own under the state folder,
nbgitpuller to pull the public tree into it, and JupyterHub's idle culler.

The servers are started by SimpleLocalProcessSpawner: every student's server
runs as the same system user as the hub (root, when the hub is started as
root). There is no isolation between students, nor between a student and
the machine: use it on a machine that holds nothing else of value, for a
class whose members are trusted with it; a class that needs isolation runs
Zero to JupyterHub (hub/z2jh/config.yaml).
"""

import os
import secrets
import sys
from pathlib import Path

import yaml

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads the file)

REPO = Path(os.environ["JESC_HUB_REPO"])
STATE = Path(os.environ["JESC_HUB_STATE"])
settings = yaml.safe_load(Path(os.environ["JESC_HUB_SETTINGS"]).read_text())
sys.path.insert(0, str(REPO / "hub"))
from class_list import read_class_list  # noqa: E402


def secret(name: str, make) -> str:
    """A secret kept in the state folder (mode 600), made on first start."""
    path = STATE / name
    if not path.exists():
        path.write_text(make(), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


# --- where and how the hub answers: this machine only ----------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{os.environ['JESC_HUB_PORT']}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["JESC_HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = (
    f"http://127.0.0.1:{os.environ['JESC_HUB_PROXY_API_PORT']}")
c.ConfigurableHTTPProxy.command = [
    str(REPO / "hub" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.auth_token = secrets.token_hex(32)  # new each start
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# --- who may log in: the class list, one shared password --------------------
students = read_class_list(Path(os.environ["JESC_HUB_CLASS_LIST"]))
admins = set(settings.get("admins") or [])
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = secret(
    "password", lambda: secrets.token_urlsafe(12))
c.Authenticator.allowed_users = set(students) - admins
if admins:
    c.Authenticator.admin_users = admins
    c.SharedPasswordAuthenticator.admin_password = secret(
        "admin-password", lambda: secrets.token_urlsafe(24))

# --- each student's server: the course environment, a home of their own ----
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(
    STATE / "home" / "{username}")
c.Spawner.cmd = [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
if os.geteuid() == 0:
    c.Spawner.args = ["--allow-root"]
c.Spawner.environment = {
    # how often a server tells the hub it is in use (the culler reads it)
    "JUPYTERHUB_ACTIVITY_INTERVAL": os.environ.get(
        "JESC_HUB_ACTIVITY_INTERVAL", "300"),
}

# --- the idle culler, run by the hub as a service --------------------------
cull_timeout = int(os.environ["JESC_HUB_CULL_TIMEOUT"])
cull_every = int(settings.get("cull_every") or 0) or max(1, cull_timeout // 2)
cull_every = int(os.environ.get("JESC_HUB_CULL_EVERY", cull_every))
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={cull_timeout}", f"--cull-every={cull_every}"],
}]
roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers",
               "delete:servers"],
    "services": ["idle-culler"],
}]
# A token for scripts (the test, the load benchmark): given in the environment
# of the start only, never written down.
if os.environ.get("JESC_HUB_ADMIN_TOKEN"):
    c.JupyterHub.services.append({
        "name": "course-admin",
        "api_token": os.environ["JESC_HUB_ADMIN_TOKEN"],
    })
    roles.append({"name": "admin", "services": ["course-admin"]})
c.JupyterHub.load_roles = roles
