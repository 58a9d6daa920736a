# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers for the AT-SPI end-to-end tests: start the real binary
with the accessibility bridge on, find nodes as a screen reader sees
them, and wait for state changes instead of sleeping."""
import os
import subprocess
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


class AppExited(RuntimeError):
    """The program under test is gone: waiting longer cannot help."""


def wait_for(what, predicate, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = predicate()
        except AppExited:
            raise
        except Exception:
            # including GLib.Error (a RuntimeError): the tree changes
            # under a walk, and a node just removed answers "The
            # application no longer exists"; the next round looks again
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


def find(app, role, name=None, prefix=None):
    """The first node of ROLE (an Atspi.Role: role names differ between
    versions, at-spi2-core 2.46 says "push button" where 2.56 says
    "button") with that name or name prefix."""
    for node in walk(app):
        try:
            if node.get_role() != role:
                continue
            text = node.get_name() or ""
            if name is not None and text != name:
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
            if node.get_role() == Atspi.Role.LABEL:
                out.append(node.get_name())
        except Exception:
            pass
    return out


def focused(app):
    for node in walk(app):
        try:
            if node.get_state_set().contains(Atspi.StateType.FOCUSED):
                return node
        except Exception:
            pass
    return None


def sensitive(node):
    return node.get_state_set().contains(Atspi.StateType.SENSITIVE)


def write_samples(demo_server):
    samples = tempfile.mkdtemp(prefix="lineup-e2e-")
    subprocess.run([demo_server, "--write-samples", samples], check=True, stdout=subprocess.DEVNULL)
    return samples


class Lineup:
    """The lineup binary under test, with the AT-SPI bridge on."""

    def __init__(self, binary, *args):
        env = dict(os.environ, GSK_RENDERER="cairo", GDK_BACKEND="x11")
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        self.proc = subprocess.Popen([binary, *args], env=env)

    def app(self):
        def started():
            if self.proc.poll() is not None:
                raise AppExited(f"lineup exited early with status {self.proc.returncode}")
            return find_app("lineup")
        return wait_for("the lineup application", started)

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def enabled_button(app, name):
    return wait_for(f"an enabled {name} button",
                    lambda: (lambda b: b if b and sensitive(b) else None)(find(app, Atspi.Role.PUSH_BUTTON, name)))


class Tap:
    """TAP output for a test script: a plan, then one line per check; on
    an exception the checks not reached are reported as failed."""

    def __init__(self, planned):
        self.planned = planned
        self.done = 0
        print(f"1..{planned}")

    def ok(self, text):
        self.done += 1
        print(f"ok {self.done} - {text}")

    def fail_rest(self, error):
        for n in range(self.done + 1, self.planned + 1):
            print(f"not ok {n} - {error}")
