#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: start the real lineup binary in another language and find
its translated start screen through the accessibility tree.

usage: test-translation-atspi.py LANGUAGE LINEUP LOCALEDIR PODIR
  LANGUAGE   a po/LINGUAS code, such as zh_CN or id
  LOCALEDIR  where the build puts LANGUAGE/LC_MESSAGES/lineup.mo
  PODIR      the source po/ directory
Prints TAP. Skipped only while PODIR/LANGUAGE.po does not exist; once it
does, a missing or incomplete catalogue is a failure.
"""
import gettext
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_util import Lineup, walk, wait_for  # noqa: E402

# Shown on the first screen, before any photo or search: label texts and
# the Search button's name. The button's label is "_Search": languages
# whose mnemonic is not a letter of the word put it after it, such as
# "搜索(_S)", which the button's name then reads as "搜索(S)".
START_SCREEN = ["Drop a Photo Here", "No photo yet", "No Search Yet", "_Search"]


def catalogue(language, localedir, podir):
    """The translations the app will load, or a reason to skip or fail."""
    if not os.path.exists(os.path.join(podir, language + ".po")):
        return None, f"po/{language}.po does not exist yet"
    linguas = open(os.path.join(podir, "LINGUAS"), encoding="utf-8").read().split()
    if language not in linguas:
        raise AssertionError(f"po/{language}.po exists but {language} is not in po/LINGUAS")
    mo = os.path.join(localedir, language, "LC_MESSAGES", "lineup.mo")
    if not os.path.exists(mo):
        raise AssertionError(f"{mo} was not built")
    with open(mo, "rb") as f:
        return gettext.GNUTranslations(f), None


def main():
    language, lineup, localedir, podir = sys.argv[1:5]
    try:
        translations, skip = catalogue(language, localedir, podir)
    except AssertionError as error:
        print(f"1..1\nnot ok 1 - {error}")
        return 1
    if skip:
        print(f"1..0 # SKIP {skip}")
        return 0

    expected = {english: translations.gettext(english) for english in START_SCREEN}
    untranslated = [english for english, text in expected.items() if text == english]

    # LANGUAGE is ignored in the C locale, so the locale is C.UTF-8: the
    # language changes and nothing else needs to be installed.
    os.environ.update(LANGUAGE=language, LANG="C.UTF-8", LINEUP_LOCALEDIR=localedir)
    for name in ("LC_ALL", "LC_MESSAGES"):
        os.environ.pop(name, None)

    print("1..2")
    if untranslated:
        print(f"not ok 1 - po/{language}.po translates the start screen: missing {untranslated}")
    else:
        print(f"ok 1 - po/{language}.po translates the start screen")

    app_under_test = Lineup(lineup)
    try:
        app = app_under_test.app()
        wanted = [text for english, text in expected.items() if english not in untranslated]

        def on_screen(text, seen):
            return text.replace("_", "") in seen

        def shown():
            seen = set()
            for node in walk(app):
                try:
                    seen.add((node.get_name() or "").replace("_", ""))
                except Exception:
                    pass
            return seen if all(on_screen(text, seen) for text in wanted) else None
        seen = wait_for(f"the {language} start screen {wanted}", shown)
        english = [text for text in START_SCREEN if text not in untranslated and on_screen(text, seen)]
        assert not english, f"still in English: {english}"
        print(f"ok 2 - the window shows {', '.join(wanted)}")
    except (AssertionError, RuntimeError) as error:
        print(f"not ok 2 - {error}")
        return 1
    finally:
        app_under_test.close()
    return 1 if untranslated else 0


if __name__ == "__main__":
    sys.exit(main())
