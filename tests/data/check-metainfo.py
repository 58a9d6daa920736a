#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What appstreamcli does not insist on but software centres and Flathub
want, checked on the built metainfo and desktop file.

usage: check-metainfo.py METAINFO DESKTOP SCREENSHOT_DIR VERSION APP_ID
Prints TAP.
"""
import configparser
import datetime
import os
import struct
import sys
import xml.etree.ElementTree as ET

from taplib import check, run

metainfo, desktop, screenshot_dir, version, app_id = sys.argv[1:6]
root = ET.parse(metainfo).getroot()


def text(path):
    node = root.find(path)
    return (node.text or "").strip() if node is not None else ""


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


@check("id, name, summary and description")
def _():
    assert text("id") == app_id, f"id is {text('id')!r}, not {app_id!r}"
    assert text("name") and text("summary"), "name or summary is empty"
    assert len(root.findall("description/p")) >= 1, "description has no paragraph"


@check("launchable desktop file uses the app id for its icon")
def _():
    assert text("launchable[@type='desktop-id']") == app_id + ".desktop"
    assert os.path.basename(desktop) == app_id + ".desktop", desktop
    entry = configparser.RawConfigParser(interpolation=None)
    entry.read(desktop, encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == app_id, entry["Desktop Entry"]["Icon"]


@check("homepage and bug tracker URLs")
def _():
    for kind in ("homepage", "bugtracker"):
        url = text(f"url[@type='{kind}']")
        assert url.startswith("https://"), f"{kind} URL is {url!r}"


@check("developer with an id and a name")
def _():
    developer = root.find("developer")
    assert developer is not None and developer.get("id"), "no <developer id=…>"
    assert (developer.findtext("name") or "").strip(), "developer has no name"
    assert text("developer_name"), "no developer_name (appstreamcli 0.16 reads only that)"


@check("OARS content rating")
def _():
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"


@check("supported display sizes and input controls")
def _():
    lengths = root.findall("requires/display_length") + root.findall("supports/display_length")
    assert lengths, "no display_length"
    controls = {c.text for c in root.findall("supports/control") + root.findall("recommends/control")
                + root.findall("requires/control")}
    assert {"keyboard", "pointing"} <= controls, controls


@check("screenshots are files in data/screenshots/ of the stated size")
def _():
    shots = root.findall("screenshots/screenshot")
    assert shots, "no screenshots"
    assert sum(s.get("type") == "default" for s in shots) == 1, "not exactly one default screenshot"
    for shot in shots:
        image = shot.find("image")
        url = (image.text or "").strip()
        assert "/data/screenshots/" in url, f"{url} is not under data/screenshots/"
        path = os.path.join(screenshot_dir, url.rsplit("/data/screenshots/", 1)[1])
        assert os.path.isfile(path), f"{path} does not exist"
        if image.get("width"):
            size = png_size(path)
            stated = (int(image.get("width")), int(image.get("height")))
            assert size == stated, f"{path} is {size}, the metainfo says {stated}"
        assert (shot.findtext("caption") or "").strip(), f"{url} has no caption"


@check("the newest release is the meson version, releases newest first")
def _():
    releases = root.findall("releases/release")
    assert releases, "no releases"
    assert releases[0].get("version") == version, \
        f"newest release is {releases[0].get('version')}, meson says {version}"
    dates = [datetime.date.fromisoformat(r.get("date")) for r in releases]
    assert dates == sorted(dates, reverse=True), "releases are not newest first"
    for release in releases:
        assert release.find("description") is not None, f"release {release.get('version')} has no notes"


@check("gettext translation domain and binaries")
def _():
    assert text("translation[@type='gettext']") == "lineup"
    assert "lineup" in {b.text for b in root.findall("provides/binary")}


run()
