# SPDX-License-Identifier: GPL-3.0-or-later
"""A few named checks, run in order and reported as TAP."""
import sys

_checks = []


def check(description):
    """Decorator: register the function as one TAP test point."""
    def register(function):
        _checks.append((description, function))
        return function
    return register


def run():
    """Run every check; exit non-zero if one failed."""
    print(f"1..{len(_checks)}")
    failed = 0
    for number, (description, function) in enumerate(_checks, 1):
        try:
            function()
            print(f"ok {number} - {description}")
        except (AssertionError, KeyError, OSError, ValueError) as error:
            failed += 1
            print(f"not ok {number} - {description}: {error}")
    sys.exit(1 if failed else 0)
