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
import tempfile
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

TIMEOUT = 30


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.get_child_count()):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def wait_for(what, predicate):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            found = predicate()
        except RuntimeError:
            raise
        except Exception:
            found = None
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def find_app(name):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == name:
            return app
    return None


def same_name(text, name):
    """GTK 4.8 reports a mnemonic button as "_Label Label" or "Label Label"."""
    text = text.replace("_", "")
    return text == name or text == name + " " + name


def find(app, role, name=None, prefix=None):
    for node in walk(app):
        try:
            if node.get_role_name() != role:
                continue
            text = node.get_name() or ""
            if name is not None and not same_name(text, name):
                continue
            if prefix is not None and not text.startswith(prefix):
                continue
            return node
        except Exception:
            continue
    return None


def labels(app):
    out = []
    for node in walk(app):
        try:
            if node.get_role_name() == "label":
                out.append(node.get_name())
        except Exception:
            pass
    return out


def sensitive(node):
    return node.get_state_set().contains(Atspi.StateType.SENSITIVE)


def main():
    lineup, demo_server = sys.argv[1], sys.argv[2]
    screenshot = sys.argv[3] if len(sys.argv) > 3 else None
    samples = tempfile.mkdtemp(prefix="lineup-e2e-")
    subprocess.run([demo_server, "--write-samples", samples], check=True, stdout=subprocess.DEVNULL)
    probe = os.path.join(samples, "probe-strong.jpg")

    env = dict(os.environ, GSK_RENDERER="cairo", GDK_BACKEND="x11")
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    proc = subprocess.Popen([lineup, probe], env=env)
    tests = 0
    try:
        print("1..3")
        def started():
            if proc.poll() is not None:
                raise RuntimeError(f"lineup exited early with status {proc.returncode}")
            return find_app("lineup")

        app = wait_for("the lineup application", started)
        search = wait_for("an enabled Search button",
                          lambda: (lambda b: b if b and sensitive(b) else None)(
                              find(app, "push button", "Search")))
        tests += 1
        print("ok 1 - window shows the photo and an enabled Search button")

        search.do_action(0)
        wait_for("the result title", lambda: "1 Match" in labels(app))
        tests += 1
        print("ok 2 - Search shows one match above the threshold")

        wait_for("the matched person's details", lambda: "emp-0004" in labels(app))
        texts = labels(app)
        assert any(t.startswith("Dmitri Volkov") for t in texts), texts
        assert "Above" in texts and "Below" in texts, texts
        meter = find(app, "level bar") or find(app, "meter")
        assert meter is not None, "no score meter in the tree"
        tests += 1
        print("ok 3 - rows show user details, verdicts and a score meter")

        if screenshot:
            time.sleep(1.0)
            subprocess.run(["import", "-window", "root", screenshot], check=False)
    except Exception as error:  # report as TAP, then fail
        for n in range(tests + 1, 4):
            print(f"not ok {n} - {error}")
        return 1
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
