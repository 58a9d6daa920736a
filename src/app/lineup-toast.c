/* lineup-toast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-toast"

#include "config.h"

#include "lineup-error-text.h"
#include "lineup-toast.h"

/* Panes say short things through the toast overlay of whatever window
 * hosts them, so they need not know that window. */

void
lineup_toast_show (GtkWidget  *widget,
                   const char *title)
{
  g_autofree char *escaped = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay for: %s", title);
      return;
    }

  /* Toast titles are markup: file names and service texts are not. */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
lineup_toast_show_error (GtkWidget    *widget,
                         const GError *error)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (error != NULL);

  summary = lineup_error_dup_summary (error);
  lineup_toast_show (widget, summary);
}
