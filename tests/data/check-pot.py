#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What `meson compile lineup-pot` extracts: runs xgettext over
po/POTFILES.in as the glib preset does (into a temporary file, not the
source tree) and checks that the desktop file, metainfo and settings
schema strings are in the template.

usage: check-pot.py SOURCE_ROOT XGETTEXT
Prints TAP.
"""
import configparser
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from taplib import check, run

source_root, xgettext = sys.argv[1:3]
DATA = os.path.join(source_root, "data")
DESKTOP = "data/io.github.lineup.Lineup.desktop.in.in"
METAINFO = "data/io.github.lineup.Lineup.metainfo.xml.in.in"
SCHEMA = "data/io.github.lineup.Lineup.gschema.xml"

with tempfile.TemporaryDirectory() as tmp:
    pot_path = os.path.join(tmp, "lineup.pot")
    subprocess.run([xgettext, "--package-name=lineup", "-p", tmp, "-o", "lineup.pot",
                    "--directory=" + source_root,
                    "--files-from=" + os.path.join(source_root, "po", "POTFILES.in"),
                    "--from-code=UTF-8", "--add-comments",
                    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                    "--keyword=g_dngettext:2,3", "--flag=N_:1:pass-c-format",
                    "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
                    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
                    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
                    "--flag=g_set_error:4:c-format"],
                   check=True, stdout=subprocess.DEVNULL)
    pot = open(pot_path, encoding="utf-8").read()


def entries():
    """(references, msgid, msgid_plural) of every entry."""
    for block in pot.split("\n\n"):
        refs = " ".join(line[3:] for line in block.splitlines() if line.startswith("#: "))
        strings = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                strings[key] = match.group(2)
            elif line.startswith('"') and key:
                strings[key] += line[1:-1]
        if strings.get("msgid"):
            unescape = lambda s: s.replace('\\"', '"').replace("\\n", "\n")  # noqa: E731
            yield refs, unescape(strings["msgid"]), strings.get("msgid_plural")


ENTRIES = list(entries())
MSGIDS = {msgid for _, msgid, _ in ENTRIES}


def from_file(path):
    return {msgid for refs, msgid, _ in ENTRIES if path + ":" in refs}


@check("the desktop file's Name, GenericName, Comment and Keywords")
def _():
    entry = configparser.RawConfigParser(interpolation=None)
    entry.read(os.path.join(source_root, DESKTOP), encoding="utf-8")
    wanted = {entry["Desktop Entry"][key] for key in ("Name", "GenericName", "Comment", "Keywords")}
    missing = wanted - from_file(DESKTOP)
    assert not missing, missing


@check("the metainfo's name, summary, description and captions")
def _():
    root = ET.parse(os.path.join(source_root, METAINFO)).getroot()
    found = from_file(METAINFO)
    for path in ("name", "summary", "screenshots/screenshot/caption"):
        for node in root.findall(path):
            assert node.text.strip() in found, node.text.strip()
    normalized = {" ".join(m.split()) for m in found}
    for node in root.findall("description/p") + root.findall("description/ul/li"):
        assert " ".join(node.text.split()) in normalized, node.text.strip()[:40]
    assert "The Lineup Developers" not in found, "the developer name is marked translate=no"


@check("every settings key's summary and description")
def _():
    root = ET.parse(os.path.join(source_root, SCHEMA)).getroot()
    found = from_file(SCHEMA)
    for key in root.iter("key"):
        for part in ("summary", "description"):
            text = key.findtext(part)
            assert text in found, f"{key.get('name')}: {part} not extracted"


# A number right before a plural noun ("%u faces") needs ngettext(); units
# do not.
COUNTED = re.compile(r"%l?[dui] (?!ms\b)[a-z]+s\b")


def placeholders(text):
    return sorted(re.findall(r"%[-+ #0-9.]*l?[duifsg]", text))


@check("counted strings use ngettext() and keep their placeholders in the plural")
def _():
    counted = [msgid for _, msgid, plural in ENTRIES if not plural and COUNTED.search(msgid)]
    assert not counted, f"use ngettext() for {counted}"
    for _, msgid, plural in ENTRIES:
        if plural:
            assert placeholders(msgid) == placeholders(plural), (msgid, plural)


@check("the About dialog's translator credits")
def _():
    assert "translator-credits" in MSGIDS


run()
