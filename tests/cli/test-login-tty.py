#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""lineup-cli login on a terminal: the secret is asked for, typed without
echo, and lands in the keyring. Run under tests/keyring-session.sh:
test-login-tty.py LINEUP_CLI"""

import os
import pty
import select
import subprocess
import sys
import tempfile
import time

SECRET = b"tty-typed-secret-5f2c"


def read_until(fd, needle, seconds):
    out = b""
    deadline = time.monotonic() + seconds
    while needle not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def main():
    cli = sys.argv[1]
    print("1..1")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()
    os.environ["GSETTINGS_BACKEND"] = "keyfile"
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(cli, [cli, "login", "--key", "tty-key"])
    prompt = read_until(fd, b": ", 10)
    os.write(fd, SECRET + b"\n")
    rest = read_until(fd, b"}", 10)
    status = None
    deadline = time.monotonic() + 10
    while status is None and time.monotonic() < deadline:
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
        else:
            time.sleep(0.05)
    if status is None:
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
    stored = subprocess.run(["secret-tool", "lookup", "api_key", "tty-key"],
                            capture_output=True).stdout
    problems = []
    if b"API secret for" not in prompt:
        problems.append("no prompt: %r" % prompt)
    if SECRET in prompt + rest:
        problems.append("the secret was echoed")
    if os.WEXITSTATUS(status) != 0:
        problems.append("exit status %d: %r" % (os.WEXITSTATUS(status), rest))
    if stored != SECRET:
        problems.append("the keyring holds %r" % stored)
    for problem in problems:
        print("# " + problem)
    print(("not ok" if problems else "ok") + " 1 /lineup/cli/login-on-a-terminal")
    return 1 if problems else 0


sys.exit(main())
