#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: start the real lineup binary on the demo service, drive it
through the accessibility tree as a screen reader user would, one action
at a time, waiting for each state change.

usage: test-search-atspi.py LINEUP DEMO_SERVER [SCREENSHOT.png]
Prints TAP.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_util import Atspi, Tap, Lineup, enabled_button, find, labels, wait_for, write_samples  # noqa: E402


def main():
    lineup, demo_server = sys.argv[1], sys.argv[2]
    screenshot = sys.argv[3] if len(sys.argv) > 3 else None
    probe = os.path.join(write_samples(demo_server), "probe-strong.jpg")

    app_under_test = Lineup(lineup, probe)
    tap = Tap(3)
    try:
        app = app_under_test.app()
        search = enabled_button(app, "Search")
        tap.ok("window shows the photo and an enabled Search button")

        search.do_action(0)
        wait_for("the result title", lambda: "1 Match" in labels(app))
        tap.ok("Search shows one match above the threshold")

        wait_for("the matched person's details", lambda: "emp-0004" in labels(app))
        texts = labels(app)
        assert any(t.startswith("Dmitri Volkov") for t in texts), texts
        assert "Above" in texts and "Below" in texts, texts
        meter = find(app, Atspi.Role.LEVEL_BAR)
        assert meter is not None, "no score meter in the tree"
        tap.ok("rows show user details, verdicts and a score meter")

        if screenshot:
            time.sleep(1.0)
            subprocess.run(["import", "-window", "root", screenshot], check=False)
    except Exception as error:  # report as TAP, then fail
        tap.fail_rest(error)
        return 1
    finally:
        app_under_test.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
