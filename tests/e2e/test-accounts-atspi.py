#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: the real lineup binary on a first run, through the
accessibility tree: the welcome page's two answers, then Connect an
Account opens the preferences, where a screen reader finds the API Key
and API Secret fields and Test Connection by their names.

usage: test-accounts-atspi.py LINEUP [DEMO_SERVER]
Prints TAP.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_util import Tap, Lineup, enabled_button, walk, wait_for  # noqa: E402


def named(app, name):
    """The first node called @name, whatever its role."""
    for node in walk(app):
        try:
            if node.get_name() == name:
                return node
        except Exception:
            continue
    return None


def main():
    lineup = Lineup(sys.argv[1])
    tap = Tap(3)
    try:
        app = lineup.app()
        enabled_button(app, "Try the Demo")
        connect = enabled_button(app, "Connect an Account")
        tap.ok("a first run asks: Try the Demo or Connect an Account")

        connect.do_action(0)
        key = wait_for("the API Key field", lambda: named(app, "API Key"))
        secret = wait_for("the API Secret field", lambda: named(app, "API Secret"))
        print(f"# API Key: {key.get_role_name()}, API Secret: {secret.get_role_name()}")
        tap.ok("the preferences name the API Key and API Secret fields")

        enabled_button(app, "Test Connection")
        tap.ok("and the Test Connection button")
    except Exception as error:  # report as TAP, then fail
        tap.fail_rest(error)
        return 1
    finally:
        lineup.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
