/* lineup-accessible.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-accessible"

#include "config.h"

#include "lineup-accessible.h"

/* GTK 4.8 names a labelled button twice over AT-SPI: its label property
 * (mnemonic underscore included) and the label child it is "labelled
 * by" ("_Search Search"). Screen readers then read the word twice. A
 * button's name here is its label's text alone. Newer GTK computes the
 * name from the relation alone, which gives the same text. */

static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
clean_button (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *text = NULL;

  if (label == NULL || gtk_button_get_child (button) == NULL || !GTK_IS_LABEL (gtk_button_get_child (button)))
    return;

  text = gtk_button_get_use_underline (button) ? strip_mnemonic (label) : g_strdup (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/**
 * lineup_accessible_clean_names:
 *
 * Gives every labelled button below @root (menu buttons' own buttons
 * included) its label's text as its one accessible name. Composite
 * widgets call it once their template is built.
 */
void
lineup_accessible_clean_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    clean_button (GTK_BUTTON (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    lineup_accessible_clean_names (child);
}
