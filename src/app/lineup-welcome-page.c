/* lineup-welcome-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-welcome"

#include "config.h"

#include "lineup-welcome-page.h"

/* The first run's question: try the built-in demo, or connect an
 * account. The buttons fire app.try-demo and app.connect-account, which
 * record that it was answered; the window shows this page until then. */
struct _LineupWelcomePage
{
  AdwBin         parent_instance;
  AdwStatusPage *status;
};

G_DEFINE_FINAL_TYPE (LineupWelcomePage, lineup_welcome_page, ADW_TYPE_BIN)

static void
lineup_welcome_page_dispose (GObject *object)
{
  /* The status page is both the bin's child and a template child: let
   * the bin drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LINEUP_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (lineup_welcome_page_parent_class)->dispose (object);
}

static void
lineup_welcome_page_class_init (LineupWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lineup_welcome_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupWelcomePage, status);
}

static void
lineup_welcome_page_init (LineupWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the development profile's icon is striped */
  adw_status_page_set_icon_name (self->status, APP_ID);
}
