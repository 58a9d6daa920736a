/* lineup-camera-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lineup-camera-private.h"

/* The message is a sentence for people with what the system said after
 * it; the detail alone is kept too, for a view that has its own words. */
typedef struct
{
  char *detail;
} LineupCameraErrorPrivate;

static void
lineup_camera_error_private_init (LineupCameraErrorPrivate *priv)
{
}

static void
lineup_camera_error_private_copy (const LineupCameraErrorPrivate *src,
                                  LineupCameraErrorPrivate       *dest)
{
  dest->detail = g_strdup (src->detail);
}

static void
lineup_camera_error_private_clear (LineupCameraErrorPrivate *priv)
{
  g_clear_pointer (&priv->detail, g_free);
}

G_DEFINE_EXTENDED_ERROR (LineupCameraError, lineup_camera_error)

/**
 * lineup_camera_error_get_detail:
 *
 * Returns: (nullable): what GStreamer or the portal said, when the error
 *   carries more than its code's sentence
 */
const char *
lineup_camera_error_get_detail (const GError *error)
{
  LineupCameraErrorPrivate *priv = error ? lineup_camera_error_get_private (error) : NULL;

  return priv ? priv->detail : NULL;
}

/**
 * _lineup_camera_error_from_gst:
 * @gst_error: an error from a GStreamer ERROR message
 * @debug: (nullable): the message's debug string, for the log only
 * @streaming: whether frames had already arrived
 *
 * GStreamer's resource errors name the failure well enough to tell the
 * user what to do; the element's own text goes after ours, because it is
 * the best detail there is ("Device '/dev/video0' is busy").
 *
 * Returns: (transfer full): a %LINEUP_CAMERA_ERROR
 */
GError *
_lineup_camera_error_from_gst (const GError *gst_error,
                               const char   *debug,
                               gboolean      streaming)
{
  LineupCameraError code = LINEUP_CAMERA_ERROR_PIPELINE;

  g_debug ("GStreamer error %s %d: %s (%s)", g_quark_to_string (gst_error->domain),
           gst_error->code, gst_error->message, debug ? debug : "");

  if (gst_error->domain == GST_RESOURCE_ERROR)
    {
      switch (gst_error->code)
        {
        case GST_RESOURCE_ERROR_BUSY:
          code = LINEUP_CAMERA_ERROR_BUSY;
          break;
        case GST_RESOURCE_ERROR_NOT_AUTHORIZED:
          code = LINEUP_CAMERA_ERROR_PERMISSION_DENIED;
          break;
        case GST_RESOURCE_ERROR_OPEN_READ:
        case GST_RESOURCE_ERROR_OPEN_READ_WRITE:
          /* v4l2src says only "could not open"; errno is in the debug text. */
          if (debug != NULL && strstr (debug, g_strerror (EACCES)) != NULL)
            code = LINEUP_CAMERA_ERROR_PERMISSION_DENIED;
          else if (debug != NULL && strstr (debug, g_strerror (EBUSY)) != NULL)
            code = LINEUP_CAMERA_ERROR_BUSY;
          else
            code = streaming ? LINEUP_CAMERA_ERROR_UNPLUGGED : LINEUP_CAMERA_ERROR_NO_CAMERA;
          break;
        case GST_RESOURCE_ERROR_NOT_FOUND:
          code = streaming ? LINEUP_CAMERA_ERROR_UNPLUGGED : LINEUP_CAMERA_ERROR_NO_CAMERA;
          break;
        case GST_RESOURCE_ERROR_READ:
        case GST_RESOURCE_ERROR_FAILED:
        case GST_RESOURCE_ERROR_SETTINGS:
          if (streaming)
            code = LINEUP_CAMERA_ERROR_UNPLUGGED;
          break;
        default:
          break;
        }
    }

  return _lineup_camera_error_new (code, gst_error->message);
}

/**
 * _lineup_camera_error_message:
 *
 * Returns: the sentence for @code, translated
 */
const char *
_lineup_camera_error_message (LineupCameraError code)
{
  switch (code)
    {
    case LINEUP_CAMERA_ERROR_NO_CAMERA:
      return _("No camera was found.");
    case LINEUP_CAMERA_ERROR_PERMISSION_DENIED:
      return _("Lineup is not allowed to use the camera.");
    case LINEUP_CAMERA_ERROR_BUSY:
      return _("The camera is in use by another app.");
    case LINEUP_CAMERA_ERROR_UNPLUGGED:
      return _("The camera was disconnected.");
    case LINEUP_CAMERA_ERROR_PIPELINE:
    default:
      return _("The camera could not be started.");
    }
}

/**
 * _lineup_camera_error_new:
 * @detail: (nullable): what the system said
 *
 * Returns: (transfer full): @code's sentence, then @detail
 */
GError *
_lineup_camera_error_new (LineupCameraError  code,
                          const char        *detail)
{
  GError *error;

  if (detail == NULL)
    return g_error_new_literal (LINEUP_CAMERA_ERROR, code, _lineup_camera_error_message (code));
  error = g_error_new (LINEUP_CAMERA_ERROR, code, "%s (%s)", _lineup_camera_error_message (code), detail);
  lineup_camera_error_get_private (error)->detail = g_strdup (detail);
  return error;
}
