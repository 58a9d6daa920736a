/* lineup-camera-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINEUP_CAMERA_ERROR (lineup_camera_error_quark ())

/**
 * LineupCameraError:
 * @LINEUP_CAMERA_ERROR_NO_CAMERA: no camera is connected (or the portal
 *   reports none)
 * @LINEUP_CAMERA_ERROR_PERMISSION_DENIED: the camera portal or the
 *   device's permissions refused access
 * @LINEUP_CAMERA_ERROR_BUSY: another program holds the camera
 * @LINEUP_CAMERA_ERROR_UNPLUGGED: the camera went away, or stopped sending
 *   pictures, after the preview had started
 * @LINEUP_CAMERA_ERROR_PIPELINE: anything else GStreamer reports: a bad
 *   pipeline description, a missing element, a format it cannot convert
 *
 * Each failure the camera code reports; the message is a translated
 * sentence, and the view picks what to offer next from the code.
 */
typedef enum
{
  LINEUP_CAMERA_ERROR_NO_CAMERA,
  LINEUP_CAMERA_ERROR_PERMISSION_DENIED,
  LINEUP_CAMERA_ERROR_BUSY,
  LINEUP_CAMERA_ERROR_UNPLUGGED,
  LINEUP_CAMERA_ERROR_PIPELINE,
} LineupCameraError;

GQuark      lineup_camera_error_quark      (void);
const char *lineup_camera_error_get_detail (const GError *error);

G_END_DECLS
