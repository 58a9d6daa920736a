/* lineup-probe-pane-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-camera-view.h"
#include "lineup-crop-view.h"
#include "lineup-image-notice.h"
#include "lineup-probe-pane.h"

G_BEGIN_DECLS

struct _LineupProbePane
{
  AdwBin          parent_instance;

  LineupService  *service;
  GSettings      *settings;
  LineupImage    *source_image;    /* on show, uncropped */
  LineupImage    *image;           /* what is sent: the source or its crop */
  GdkPaintable   *paintable;
  GCancellable   *image_cancellable;
  GCancellable   *crop_cancellable;
  GCancellable   *sample_cancellable;
  guint           crop_timeout;
  GFile          *last_file;       /* asked for last, to ask again for */
  GBytes         *last_bytes;      /* an animation's first frame */
  char           *last_name;
  char           *wanted_group;
  guint           updating_groups : 1;

  GtkStack       *image_stack;
  GtkSpinner     *image_spinner;
  LineupCropView *crop_view;
  LineupCameraView *camera_view;
  LineupImageNotice *notice;
  GtkLabel       *image_info;
  GtkButton      *whole_photo_button;
  GtkMenuButton  *samples_button;
  GtkMenuButton  *presets_button;
  GMenu          *samples_menu;
  GMenu          *samples_section;
  GMenu          *presets_menu;
  AdwComboRow    *group_row;
  GtkSpinButton  *limit_spin;
  GtkSpinButton  *threshold_spin;
  GtkAdjustment  *threshold_adjustment;
  GtkScale       *threshold_scale;
  GtkSwitch      *rotate_switch;
};

void _lineup_probe_pane_cancel_and_clear  (GCancellable    **cancellable);
void _lineup_probe_pane_notify_image      (LineupProbePane  *self);
void _lineup_probe_pane_class_photo_init  (GtkWidgetClass   *widget_class);
void _lineup_probe_pane_photo_init        (LineupProbePane  *self);
void _lineup_probe_pane_photo_dispose     (LineupProbePane  *self);
void _lineup_probe_pane_take_photo        (LineupProbePane  *self,
                                           LineupImage      *image);

gboolean _lineup_probe_pane_camera_shown     (LineupProbePane *self);
void     _lineup_probe_pane_leave_camera     (LineupProbePane *self);
void     _lineup_probe_pane_class_camera_init (GtkWidgetClass *widget_class);
void     _lineup_probe_pane_camera_init      (LineupProbePane *self);

G_END_DECLS
