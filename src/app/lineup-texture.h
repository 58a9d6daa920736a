/* lineup-texture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *lineup_texture_new_for_pixbuf (GdkPixbuf *pixbuf);
GdkTexture *lineup_texture_new_square     (GdkPixbuf *pixbuf,
                                           int        side);

G_END_DECLS
