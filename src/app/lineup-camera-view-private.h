/* lineup-camera-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-camera-monitor.h"
#include "lineup-camera-paintable.h"
#include "lineup-camera-view.h"
#include "lineup-live-search.h"

G_BEGIN_DECLS

struct _LineupCameraView
{
  AdwBin                 parent_instance;

  GSettings             *settings;
  LineupCameraMonitor   *monitor;
  LineupCamera          *camera;
  LineupCameraPaintable *paintable;
  GCancellable          *cancellable;
  GError                *error;
  const char            *state;
  int                    preview_width;
  int                    preview_height;
  guint                  monitor_ready : 1;
  guint                  resume : 1;
  guint                  paused : 1;
  guint                  mirror : 1;
  guint                  selecting : 1;

  /* Live mode */
  LineupLiveSearch      *live;
  LineupClient          *client;
  guint                  live_wanted : 1;

  GdkToplevel           *toplevel;
  gulong                 toplevel_state_id;

  GtkStack              *stack;
  GtkSpinner            *spinner;
  GtkPicture            *picture;
  GtkDropDown           *camera_selector;
  GtkButton             *capture_button;
  GtkRevealer           *live_revealer;
  GtkWidget             *live_box;
  GtkImage              *live_icon;
  GtkLabel              *live_title;
  GtkLabel              *live_detail;
  GtkPicture            *captured_picture;
  GtkImage              *error_icon;
  GtkLabel              *error_title;
  GtkLabel              *error_description;
  GtkLabel              *error_details;
};

void _lineup_camera_view_set_state       (LineupCameraView *self,
                                         const char       *state);
void _lineup_camera_view_release_camera  (LineupCameraView *self);
void _lineup_camera_view_show_error      (LineupCameraView *self,
                                         const GError     *error);
void _lineup_camera_view_start_camera    (LineupCameraView *self);
void _lineup_camera_view_devices_init    (LineupCameraView *self);

void _lineup_camera_view_live_init    (LineupCameraView *self);
void _lineup_camera_view_start_live   (LineupCameraView *self);
void _lineup_camera_view_stop_live    (LineupCameraView *self);
void _lineup_camera_view_notify_live  (LineupCameraView *self);

G_END_DECLS
