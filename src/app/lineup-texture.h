/* lineup-texture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lineup-camera-frame.h"

G_BEGIN_DECLS

GdkTexture *lineup_texture_new_for_pixbuf (GdkPixbuf *pixbuf);
GdkTexture *lineup_texture_new_square     (GdkPixbuf *pixbuf,
                                           int        side);
GdkTexture *lineup_texture_new_for_frame  (LineupCameraFrame *frame);

G_END_DECLS
