#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: the camera, through the accessibility tree, in the real
lineup binary on the demo service. LINEUP_CAMERA_PIPELINE makes a still
photo of a sample portrait the camera. One action at a time, waiting for
each state change: Camera, Capture by Space, Search, Retake, Live.

usage: test-camera-atspi.py LINEUP DEMO_SERVER
Prints TAP.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_util import Tap, Lineup, enabled_button, find, focused, labels, wait_for, write_samples  # noqa: E402

import gi  # noqa: E402
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

SPACE = 0x20


def toggle(app, name):
    """A toggle button: GTK 4.8 shows one as a push button (with a
    pressed state), later versions as a toggle button."""
    return find(app, Atspi.Role.TOGGLE_BUTTON, name) or find(app, Atspi.Role.PUSH_BUTTON, name)


def pressed(node):
    states = node.get_state_set()
    return states.contains(Atspi.StateType.PRESSED) or states.contains(Atspi.StateType.CHECKED)


def turn_on(app, name):
    """Presses a toggle once it is found and until it says it is on. The
    tree can still hold a toggle of a camera view just replaced, whose
    actions fail with "the application no longer exists": that one is
    skipped and the toggle looked up again."""
    def on():
        button = toggle(app, name)
        if pressed(button):
            return button
        button.do_action(0)
        return None
    return wait_for(f"{name} to be on", on)


def main():
    lineup, demo_server = sys.argv[1], sys.argv[2]
    probe = os.path.join(write_samples(demo_server), "probe-strong.jpg")
    os.environ["LINEUP_CAMERA_PIPELINE"] = (
        f'filesrc location="{probe}" ! jpegdec ! imagefreeze is-live=true ! video/x-raw,framerate=15/1')

    # Started with a photo, as search-atspi is: that answers the welcome
    # page, and the camera's capture then replaces the photo.
    app_under_test = Lineup(lineup, probe)
    tap = Tap(5)
    try:
        app = app_under_test.app()
        enabled_button(app, "Search")
        enabled_button(app, "Camera").do_action(0)
        capture = enabled_button(app, "Capture")
        assert toggle(app, "Mirror preview") is not None, "no mirror toggle"
        assert toggle(app, "Live") is not None, "no live toggle"
        tap.ok("Camera turns the photo area into a preview with Capture, Mirror and Live")

        # The preview gives Capture the focus: Space takes the photo.
        wait_for("Capture to have the focus", lambda: (focused(app) or capture).get_name() == "Capture")
        Atspi.generate_keyboard_event(SPACE, None, Atspi.KeySynthType.SYM)
        wait_for("the captured photo's caption",
                 lambda: any(t.startswith("camera.jpg · 512 × 640") for t in labels(app)))
        enabled_button(app, "Retake")
        tap.ok("Space captures; the caption names the camera photo; Retake is offered")

        enabled_button(app, "Search").do_action(0)
        wait_for("the result", lambda: "1 Match" in labels(app) and "emp-0004" in labels(app))
        tap.ok("the captured photo is searched like a file: the portrait's person comes first")

        enabled_button(app, "Retake").do_action(0)
        enabled_button(app, "Capture")
        tap.ok("Retake goes back to the live preview")

        turn_on(app, "Live")
        wait_for("the live overlay", lambda: "95.6, above the 75.0 threshold" in labels(app))
        tap.ok("Live searches the preview and names the match over it, above the threshold")
    except Exception as error:  # report as TAP, then fail
        tap.fail_rest(error)
        return 1
    finally:
        app_under_test.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
