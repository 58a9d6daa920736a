/* lineup-lazy-menu.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-lazy-menu"

#include "config.h"

#include "lineup-lazy-menu.h"

/* A menu button builds its popover as soon as it is given a menu model;
 * four of them cost the first frame several milliseconds for menus that
 * may never open. The model is handed over on the first click instead. */

static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

void
lineup_lazy_menu_attach (GtkMenuButton *button,
                         GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_popup, g_object_ref (model), g_object_unref);
}
