"""The Zero to JupyterHub configuration (hub/z2jh/config.yaml) parses and
names the course image, the resources of a student's server and the culler,
sized from the figures the instructors' page gives."""

from __future__ import annotations

import re

import yaml

from hub_client import REPO

CONFIG = REPO / "hub" / "z2jh" / "config.yaml"


def _quantity(text: str) -> float:
    """A Kubernetes memory quantity (512M, 1G, 1Gi) in bytes."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)", str(text))
    assert match, f"{CONFIG}: {text!r} is not a memory quantity like 512M"
    unit = {"K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20,
            "Gi": 2**30}[match[2]]
    return float(match[1]) * unit


def test_z2jh_config_names_image_limits_and_culler():
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    single = config["singleuser"]
    image = single["image"]
    assert image["name"] and image["tag"], f"{CONFIG}: singleuser.image"
    text = CONFIG.read_text(encoding="utf-8")
    assert "repo2docker" in text and "nbgitpuller" in text, (
        f"{CONFIG}: the image's build command (repo2docker with nbgitpuller)")
    assert f"--image-name {image['name']}:{image['tag']}" in text, (
        f"{CONFIG}: the build command does not name the image it uses")
    memory, cpu = single["memory"], single["cpu"]
    assert 0 < _quantity(memory["guarantee"]) <= _quantity(memory["limit"])
    assert 0 < float(cpu["guarantee"]) <= float(cpu["limit"])
    cull = config["cull"]
    assert cull["enabled"] is True
    assert int(cull["timeout"]) > 0 and int(cull["every"]) > 0
    # The sizes are the measured ones the instructors' page states.
    page = (REPO / "chapters" / "instructors" / "running.md").read_text()
    for value in (memory["guarantee"], memory["limit"]):
        assert f"`{value}`" in page, (
            f"running.md does not explain the memory size {value} of {CONFIG}")
