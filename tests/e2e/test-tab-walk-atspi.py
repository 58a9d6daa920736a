#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: walk the main window with Tab, as a keyboard and screen
reader user does, and check what each stop is called: one clean name
each (no doubled label, no mnemonic underscore), one stop per result row
whose name says rank, who, score and verdict, and a score meter that
exposes its value.

usage: test-tab-walk-atspi.py LINEUP DEMO_SERVER
Prints TAP.
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_util import Atspi, Tap, Lineup, enabled_button, find, focused, labels, wait_for, walk, write_samples  # noqa: E402

EXPECTED = ["Open Image", "Sample Photos", "Main Menu", "Library", "Matches", "Threshold",
            "Recommended thresholds", "Threshold slider", "Rotation Detection", "Search"]
ROW = re.compile(r"^Rank (\d+): (\S+), (.+)\. Score (\d+\.\d), (above|below) the threshold (\d+\.\d)$")


def doubled(name):
    words = name.split()
    half = len(words) // 2
    return len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]


def press_tab(app, previous):
    subprocess.run(["xdotool", "key", "Tab"], check=True)
    return wait_for("the focus to move", lambda: (lambda f: f if f is not None and f != previous else None)(focused(app)),
                    timeout=5)


def main():
    lineup, demo_server = sys.argv[1], sys.argv[2]
    probe = os.path.join(write_samples(demo_server), "probe-strong.jpg")
    app_under_test = Lineup(lineup, probe)
    tap = Tap(4)
    try:
        app = app_under_test.app()
        enabled_button(app, "Search").do_action(0)
        wait_for("the results", lambda: "1 Match" in labels(app))
        wait_for("the matched person's details", lambda: "emp-0004" in labels(app))

        # Tab until the focus comes round again.
        stops = []
        node = None
        for _ in range(80):
            node = press_tab(app, node)
            stop = (node.get_role(), node.get_name() or "")
            if stops and stop == stops[0] and len(stops) > 5:
                break
            stops.append(stop)
        names = [name for _, name in stops]
        tap.ok(f"Tab walks {len(stops)} stops and comes round")

        bad = [s for s in stops if not s[1] or "_" in s[1] or doubled(s[1]) or s[1].startswith("Gtk")]
        assert not bad, f"unclean names: {bad}"
        missing = [n for n in EXPECTED if n not in names]
        assert not missing, f"missing stops {missing} in {names}"
        tap.ok("every stop has one clean name")

        rows = [n for n in names if n.startswith("Rank ")]
        assert len(rows) == 5 and len(set(rows)) == 5, rows
        first = ROW.match(rows[0])
        assert first, rows[0]
        assert first.group(1) == "1" and first.group(2) == "emp-0004" and first.group(5) == "above", rows[0]
        assert first.group(3).startswith("Dmitri Volkov"), rows[0]
        assert all(ROW.match(r) for r in rows), rows
        # Nothing inside a row takes the focus on its own.
        roles = [role for role, name in stops]
        assert Atspi.Role.LABEL not in roles, stops
        tap.ok("one stop per result row, named by rank, who, score and verdict")

        meters = [n for n in walk(app) if n.get_role() == Atspi.Role.LEVEL_BAR]
        assert len(meters) >= 5, "no score meters"
        value = meters[0].get_current_value()
        assert abs(value - 95.0) < 0.05, value
        assert meters[0].get_name() == "Score", meters[0].get_name()
        thumbnail = find(app, Atspi.Role.IMAGE, prefix="Enrolled photo of ")
        assert thumbnail is not None, "thumbnails are not labelled"
        tap.ok("score meters expose their value; thumbnails are labelled")
    except Exception as error:  # report as TAP, then fail
        tap.fail_rest(error)
        return 1
    finally:
        app_under_test.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
