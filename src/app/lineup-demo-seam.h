/* lineup-demo-seam.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lineup-client.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_DEMO_SEAM (lineup_demo_seam_get_type ())
G_DECLARE_FINAL_TYPE (LineupDemoSeam, lineup_demo_seam, LINEUP, DEMO_SEAM, GObject)

LineupDemoSeam *lineup_demo_seam_new                  (void);
void            lineup_demo_seam_start_async          (LineupDemoSeam       *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        lineup_demo_seam_start_finish         (LineupDemoSeam       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
gboolean        lineup_demo_seam_is_running           (LineupDemoSeam       *self);
void            lineup_demo_seam_stop                 (LineupDemoSeam       *self);
LineupClient   *lineup_demo_seam_create_client        (LineupDemoSeam       *self);
GObject        *lineup_demo_seam_get_server           (LineupDemoSeam       *self);

void            lineup_demo_seam_load_picture_async   (LineupDemoSeam       *self,
                                                       const char           *group_id,
                                                       const char           *face_token,
                                                       int                   side,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GdkTexture     *lineup_demo_seam_load_picture_finish  (LineupDemoSeam       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

guint           lineup_demo_seam_get_n_samples        (void);
const char     *lineup_demo_seam_get_sample_title     (guint                 index);
void            lineup_demo_seam_render_sample_async  (guint                 index,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GBytes         *lineup_demo_seam_render_sample_finish (GAsyncResult         *result,
                                                       char                **file_name,
                                                       GError              **error);

G_END_DECLS
