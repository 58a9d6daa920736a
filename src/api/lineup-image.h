/* lineup-image.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* The service documents no limits; these follow its predecessor API. */
#define LINEUP_IMAGE_MAX_SIDE   4096
#define LINEUP_IMAGE_MAX_BYTES  (2 * 1024 * 1024)
#define LINEUP_IMAGE_MAX_INPUT  (256 * 1024 * 1024)
#define LINEUP_IMAGE_PREVIEW_SIDE 512

#define LINEUP_TYPE_IMAGE (lineup_image_get_type ())
G_DECLARE_FINAL_TYPE (LineupImage, lineup_image, LINEUP, IMAGE, GObject)

LineupImage *lineup_image_new_from_bytes     (GBytes               *bytes,
                                              const char           *filename,
                                              GError              **error);
LineupImage *lineup_image_new_from_pixbuf    (GdkPixbuf            *pixbuf,
                                              const char           *filename,
                                              GError              **error);
void         lineup_image_load_async         (GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
LineupImage *lineup_image_load_finish        (GAsyncResult         *result,
                                              GError              **error);
void         lineup_image_prepare_async      (GBytes               *bytes,
                                              const char           *filename,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
LineupImage *lineup_image_load               (GFile                *file,
                                              GCancellable         *cancellable,
                                              GError              **error);
GBytes      *lineup_image_get_bytes          (LineupImage          *self);
const char  *lineup_image_get_content_type   (LineupImage          *self);
const char  *lineup_image_get_filename       (LineupImage          *self);
int          lineup_image_get_width          (LineupImage          *self);
int          lineup_image_get_height         (LineupImage          *self);
int          lineup_image_get_source_width   (LineupImage          *self);
int          lineup_image_get_source_height  (LineupImage          *self);
gboolean     lineup_image_get_reencoded      (LineupImage          *self);
GdkPixbuf   *lineup_image_get_preview        (LineupImage          *self);

G_END_DECLS
