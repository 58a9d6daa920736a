#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sandbox policy of the Flatpak manifests, which flatpak-builder
--show-manifest does not judge.

usage: check-manifest.py STABLE.json DEVEL.json
Prints TAP.
"""
import copy
import json
import sys

from taplib import check, run

BASE_ID = "io.github.lineup.Lineup"
# Camera (libportal), files (file chooser, drag and drop) and the API
# secret (libsecret's Secret portal) all go through portals: no devices,
# no filesystem, no bus names.
FINISH_ARGS = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
               "--device=dri"}
PROFILE_KEYS = ("id", "tags", "desktop-file-name-suffix")

stable_path, devel_path = sys.argv[1:3]
stable = json.load(open(stable_path, encoding="utf-8"))
devel = json.load(open(devel_path, encoding="utf-8"))


def lineup_module(manifest):
    module = manifest["modules"][-1]
    assert module["name"] == "lineup", "the last module is not lineup"
    assert module["buildsystem"] == "meson", module["buildsystem"]
    return module


@check("GNOME 51 runtime and SDK, command lineup")
def _():
    for manifest in (stable, devel):
        assert manifest["runtime"] == "org.gnome.Platform", manifest["runtime"]
        assert manifest["sdk"] == "org.gnome.Sdk", manifest["sdk"]
        assert manifest["runtime-version"] == "51", manifest["runtime-version"]
        assert manifest["command"] == "lineup", manifest["command"]


@check("finish-args: network, IPC, Wayland with X11 fallback and DRI, nothing else")
def _():
    for manifest in (stable, devel):
        args = manifest.get("finish-args", [])
        assert len(args) == len(set(args)), f"duplicate finish-args in {manifest['id']}"
        assert set(args) == FINISH_ARGS, f"{manifest['id']}: {sorted(set(args) ^ FINISH_ARGS)}"


@check("app ids and profiles")
def _():
    assert stable["id"] == BASE_ID, stable["id"]
    assert devel["id"] == BASE_ID + ".Devel", devel["id"]
    assert "-Dprofile=default" in lineup_module(stable).get("config-opts", [])
    assert "-Dprofile=development" in lineup_module(devel).get("config-opts", [])
    assert "devel" in devel.get("tags", [])


@check("the two manifests differ only in their profile")
def _():
    a, b = copy.deepcopy(stable), copy.deepcopy(devel)
    for manifest in (a, b):
        for key in PROFILE_KEYS:
            manifest.pop(key, None)
        manifest["modules"][-1]["config-opts"] = [
            opt for opt in manifest["modules"][-1].get("config-opts", [])
            if not opt.startswith(("-Dprofile=", "-Dbuildtype="))]
    assert a == b, "edit both manifests alike"


@check("modules built from source are pinned")
def _():
    for manifest in (stable, devel):
        for module in manifest["modules"][:-1]:
            if isinstance(module, str):
                continue
            for source in module.get("sources", []):
                if source.get("type") in ("archive", "file"):
                    assert source.get("sha256"), f"{module['name']}: {source.get('url')} has no sha256"
                elif source.get("type") == "git":
                    assert source.get("commit") or source.get("tag"), f"{module['name']}: unpinned git"


run()
