/* main.c — lineup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-main"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "lineup-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LineupApplication) app = NULL;
  const char *localedir = g_getenv ("LINEUP_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* LINEUP_LOCALEDIR lets the tests use the catalogues in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lineup_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
