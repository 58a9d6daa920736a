/* lineup-locale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "lineup-locale.h"

/**
 * lineup_locale_init:
 *
 * Takes the locale from the environment and binds the catalogues, for
 * the app, lineup-cli and lineup-demo-server alike. LINEUP_LOCALEDIR,
 * when set, replaces the installed locale directory, so that the tests
 * can use the catalogues in the build tree.
 */
void
lineup_locale_init (void)
{
  const char *localedir = g_getenv ("LINEUP_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
