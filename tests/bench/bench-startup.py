#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start-up benchmark: time to first frame and resident memory of lineup
against a minimal libadwaita window built in the tree, interleaved in the
same run, reported as ratios (targets: <= 1.2x and <= 100 MiB).

Both programs log the CLOCK_MONOTONIC time of their first frame
(GdkFrameClock after-paint); the time is counted from just before the
process is spawned. RSS is read 2 s after the first frame, once lineup
has started its demo service.

usage: bench-startup.py LINEUP MINIMAL [RUNS]
Re-runs itself under xvfb-run and dbus-run-session when there is no display.
"""
import os
import re
import statistics
import subprocess
import sys
import time

FRAME = re.compile(r"First frame at (\d+) µs")


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def one_run(binary):
    env = dict(os.environ, G_MESSAGES_DEBUG="lineup-application bench-startup-minimal",
               GSETTINGS_SCHEMA_DIR=os.environ.get("GSETTINGS_SCHEMA_DIR", ""),
               GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo", GDK_BACKEND="x11", NO_AT_BRIDGE="1")
    start = time.monotonic_ns() // 1000
    # GLib writes debug messages to stdout.
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    first = None
    try:
        for line in proc.stdout:
            match = FRAME.search(line)
            if match:
                first = (int(match.group(1)) - start) / 1000
                break
        time.sleep(2)
        rss = rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    if first is None:
        raise RuntimeError(f"{binary} never reported its first frame")
    return first, rss


def main():
    if not os.environ.get("DISPLAY"):
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                               "dbus-run-session", "--", sys.executable, *sys.argv])
    lineup, minimal = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    results = {lineup: [], minimal: []}

    # One untimed run each warms the page cache and fontconfig.
    one_run(minimal)
    one_run(lineup)
    for _ in range(runs):
        for binary in (minimal, lineup):
            results[binary].append(one_run(binary))

    def median(binary, index):
        return statistics.median(r[index] for r in results[binary])

    frame_l, frame_m = median(lineup, 0), median(minimal, 0)
    rss_l, rss_m = median(lineup, 1), median(minimal, 1)
    print(f"runs: {runs} interleaved, medians")
    print(f"minimal libadwaita window: first frame {frame_m:.0f} ms, RSS {rss_m:.1f} MiB")
    print(f"lineup:                    first frame {frame_l:.0f} ms, RSS {rss_l:.1f} MiB")
    print(f"first-frame ratio: {frame_l / frame_m:.2f}x (target <= 1.2x)")
    print(f"RSS: {rss_l:.1f} MiB (target <= 100 MiB), ratio {rss_l / rss_m:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
