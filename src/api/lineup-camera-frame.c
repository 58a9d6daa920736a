/* lineup-camera-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-camera-frame.h"
#include "lineup-error.h"

/* One camera picture as plain bytes, so that neither the app nor the CLI
 * needs GStreamer to use it. The bytes may be the pipeline's own buffer
 * (no copy); a frame is immutable and may cross threads. */
struct _LineupCameraFrame
{
  gatomicrefcount     ref_count;
  LineupCameraFormat  format;
  int                 width;
  int                 height;
  gsize               stride;
  GBytes             *bytes;
};

G_DEFINE_BOXED_TYPE (LineupCameraFrame, lineup_camera_frame,
                     lineup_camera_frame_ref, lineup_camera_frame_unref)

/* What a frame is called once it becomes a probe. */
#define CAPTURE_FILE_NAME "camera.jpg"
#define CAPTURE_QUALITY   "92"

/**
 * lineup_camera_frame_new:
 * @data: at least @stride × @height bytes
 *
 * Returns: (transfer full): a frame that holds a reference on @data
 */
LineupCameraFrame *
lineup_camera_frame_new (LineupCameraFormat  format,
                         int                 width,
                         int                 height,
                         gsize               stride,
                         GBytes             *data)
{
  LineupCameraFrame *self;

  g_return_val_if_fail (format == LINEUP_CAMERA_FORMAT_BGRA || format == LINEUP_CAMERA_FORMAT_RGBA, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (stride >= (gsize)width * 4, NULL);
  g_return_val_if_fail (data != NULL && g_bytes_get_size (data) >= stride * (height - 1) + width * 4, NULL);

  self = g_new0 (LineupCameraFrame, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->format = format;
  self->width = width;
  self->height = height;
  self->stride = stride;
  self->bytes = g_bytes_ref (data);
  return self;
}

LineupCameraFrame *
lineup_camera_frame_ref (LineupCameraFrame *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lineup_camera_frame_unref (LineupCameraFrame *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_bytes_unref (self->bytes);
      g_free (self);
    }
}

LineupCameraFormat
lineup_camera_frame_get_format (LineupCameraFrame *self)
{
  g_return_val_if_fail (self != NULL, LINEUP_CAMERA_FORMAT_BGRA);
  return self->format;
}

int
lineup_camera_frame_get_width (LineupCameraFrame *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

int
lineup_camera_frame_get_height (LineupCameraFrame *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

gsize
lineup_camera_frame_get_stride (LineupCameraFrame *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stride;
}

/**
 * lineup_camera_frame_get_bytes:
 *
 * Returns: (transfer none): the pixels, @stride bytes a row
 */
GBytes *
lineup_camera_frame_get_bytes (LineupCameraFrame *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bytes;
}

/**
 * lineup_camera_frame_to_pixbuf:
 * @mirror: flip left and right, as a mirrored preview shows it
 *
 * CPU work: call it off the main thread for large frames.
 *
 * Returns: (transfer full): an opaque RGB copy
 */
GdkPixbuf *
lineup_camera_frame_to_pixbuf (LineupCameraFrame *self,
                               gboolean           mirror)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const guint8 *src_pixels;
  guint8 *dest_pixels;
  int dest_stride;
  int r = self->format == LINEUP_CAMERA_FORMAT_BGRA ? 2 : 0;
  int b = 2 - r;

  g_return_val_if_fail (self != NULL, NULL);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, self->width, self->height);
  if (pixbuf == NULL)
    return NULL;
  src_pixels = g_bytes_get_data (self->bytes, NULL);
  dest_pixels = gdk_pixbuf_get_pixels (pixbuf);
  dest_stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < self->height; y++)
    {
      const guint8 *src = src_pixels + (gsize)y * self->stride;
      guint8 *dest = dest_pixels + (gsize)y * dest_stride;

      for (int x = 0; x < self->width; x++)
        {
          const guint8 *p = src + 4 * (mirror ? self->width - 1 - x : x);

          dest[3 * x] = p[r];
          dest[3 * x + 1] = p[1];
          dest[3 * x + 2] = p[b];
        }
    }

  return g_steal_pointer (&pixbuf);
}

/**
 * lineup_camera_frame_to_jpeg:
 *
 * CPU work, like lineup_camera_frame_to_pixbuf().
 *
 * Returns: (transfer full) (nullable): the frame as a JPEG file's bytes
 */
GBytes *
lineup_camera_frame_to_jpeg (LineupCameraFrame  *self,
                             gboolean            mirror,
                             GError            **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  g_return_val_if_fail (self != NULL, NULL);

  pixbuf = lineup_camera_frame_to_pixbuf (self, mirror);
  if (pixbuf == NULL ||
      !gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &local_error,
                                  "quality", CAPTURE_QUALITY, NULL))
    {
      g_debug ("Could not encode a %d×%d frame: %s", self->width, self->height,
               local_error ? local_error->message : "out of memory");
      g_set_error_literal (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_IMAGE,
                           _("The camera picture could not be saved as a JPEG image."));
      return NULL;
    }
  return g_bytes_new_take (buffer, size);
}

typedef struct
{
  LineupCameraFrame *frame;
  gboolean           mirror;
} PrepareData;

static void
prepare_data_free (gpointer data)
{
  PrepareData *prepare = data;

  lineup_camera_frame_unref (prepare->frame);
  g_free (prepare);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *prepare = task_data;
  g_autoptr(GBytes) jpeg = NULL;
  GError *error = NULL;
  LineupImage *image;

  if (!(jpeg = lineup_camera_frame_to_jpeg (prepare->frame, prepare->mirror, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The same preparation as a file the user opens. */
  if (!(image = lineup_image_new_from_bytes (jpeg, CAPTURE_FILE_NAME, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, g_object_unref);
}

/**
 * lineup_camera_frame_prepare_async:
 * @mirror: whether the probe is mirrored (normally not: the preview is)
 *
 * Encodes the frame as a JPEG and prepares it for upload exactly as an
 * opened file is, in a worker thread.
 */
void
lineup_camera_frame_prepare_async (LineupCameraFrame   *self,
                                   gboolean             mirror,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrepareData *prepare;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_camera_frame_prepare_async);
  prepare = g_new0 (PrepareData, 1);
  prepare->frame = lineup_camera_frame_ref (self);
  prepare->mirror = !!mirror;
  g_task_set_task_data (task, prepare, prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

/**
 * lineup_camera_frame_prepare_finish:
 *
 * Returns: (transfer full) (nullable): the probe
 */
LineupImage *
lineup_camera_frame_prepare_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lineup_camera_frame_prepare_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
