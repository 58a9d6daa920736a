/* main.c — lineup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-main"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-application.h"
#include "lineup-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LineupApplication) app = NULL;

  lineup_locale_init ();

  app = lineup_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
