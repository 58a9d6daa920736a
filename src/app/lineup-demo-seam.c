/* lineup-demo-seam.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-seam"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-demo-seam.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-texture.h"

/* The one place in the app that knows the built-in demo service's
 * insides: it starts the embedded server, and offers what only the demo
 * has: pictures of enrolled faces (the real API cannot return them) and
 * sample probe photos. Everything else talks to the demo the way it
 * talks to the real service, through LineupClient. */
struct _LineupDemoSeam
{
  GObject           parent_instance;
  LineupDemoServer *server;
  guint             running : 1;
};

G_DEFINE_FINAL_TYPE (LineupDemoSeam, lineup_demo_seam, G_TYPE_OBJECT)

static void
lineup_demo_seam_dispose (GObject *object)
{
  LineupDemoSeam *self = (LineupDemoSeam *)object;

  lineup_demo_seam_stop (self);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (lineup_demo_seam_parent_class)->dispose (object);
}

static void
lineup_demo_seam_class_init (LineupDemoSeamClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lineup_demo_seam_dispose;
}

static void
lineup_demo_seam_init (LineupDemoSeam *self)
{
}

LineupDemoSeam *
lineup_demo_seam_new (void)
{
  return g_object_new (LINEUP_TYPE_DEMO_SEAM, NULL);
}

static void
server_started_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupDemoSeam *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!lineup_demo_server_start_finish (LINEUP_DEMO_SERVER (object), result, &error))
    {
      /* A failed server cannot be started again: the next try makes a new one. */
      g_clear_object (&self->server);
      g_task_return_error (task, error);
      return;
    }

  self->running = TRUE;
  g_debug ("Demo service listening at %s", lineup_demo_server_get_base_url (self->server));
  g_task_return_boolean (task, TRUE);
}

/**
 * lineup_demo_seam_start_async:
 *
 * Starts the embedded demo service on a free loopback port. Seeding its
 * library and listening happen off the main thread.
 */
void
lineup_demo_seam_start_async (LineupDemoSeam      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_DEMO_SEAM (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_demo_seam_start_async);

  if (self->running)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->server == NULL)
    self->server = lineup_demo_server_new (NULL, NULL);
  lineup_demo_server_start_async (self->server, 0, cancellable, server_started_cb, g_steal_pointer (&task));
}

gboolean
lineup_demo_seam_start_finish (LineupDemoSeam  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lineup_demo_seam_is_running (LineupDemoSeam *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SEAM (self), FALSE);
  return self->running;
}

void
lineup_demo_seam_stop (LineupDemoSeam *self)
{
  g_return_if_fail (LINEUP_IS_DEMO_SEAM (self));

  if (self->running)
    lineup_demo_server_stop (self->server);
  self->running = FALSE;
}

/**
 * lineup_demo_seam_create_client:
 *
 * Returns: (transfer full): a client for the running demo service, signed
 *   with the credentials it accepts
 */
LineupClient *
lineup_demo_seam_create_client (LineupDemoSeam *self)
{
  g_autoptr(LineupSigner) signer = NULL;

  g_return_val_if_fail (LINEUP_IS_DEMO_SEAM (self), NULL);
  g_return_val_if_fail (self->running, NULL);

  signer = lineup_signer_new (lineup_demo_server_get_api_key (self->server),
                              lineup_demo_server_get_api_secret (self->server));
  return lineup_client_new (lineup_demo_server_get_base_url (self->server), signer);
}

/**
 * lineup_demo_seam_get_server:
 *
 * Returns: (transfer none) (nullable): the LineupDemoServer, for tests
 *   that change the demo's store behind the app's back
 */
GObject *
lineup_demo_seam_get_server (LineupDemoSeam *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SEAM (self), NULL);
  return self->server ? G_OBJECT (self->server) : NULL;
}

/* Pictures of enrolled faces */

typedef struct
{
  LineupDemoStore *store;
  char            *group_id;
  char            *face_token;
  int              side;
} PictureRequest;

static void
picture_request_free (gpointer data)
{
  PictureRequest *request = data;

  g_object_unref (request->store);
  g_free (request->group_id);
  g_free (request->face_token);
  g_free (request);
}

static void
load_picture_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PictureRequest *request = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  bytes = lineup_demo_store_get_thumbnail (request->store, request->group_id, request->face_token);
  if (bytes == NULL)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The demo service keeps no picture of this face."));
      return;
    }

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error) ||
      !gdk_pixbuf_loader_close (loader, &error) ||
      !(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The picture of this face could not be read."));
      return;
    }

  if (request->side > 0)
    g_task_return_pointer (task, lineup_texture_new_square (pixbuf, request->side), g_object_unref);
  else
    g_task_return_pointer (task, lineup_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

/**
 * lineup_demo_seam_load_picture_async:
 * @side: the side of the square to crop and scale to, or 0 for the
 *   picture as stored
 *
 * Reads the picture the demo kept when the face was enrolled and decodes
 * it on a worker thread.
 */
void
lineup_demo_seam_load_picture_async (LineupDemoSeam      *self,
                                     const char          *group_id,
                                     const char          *face_token,
                                     int                  side,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PictureRequest *request;

  g_return_if_fail (LINEUP_IS_DEMO_SEAM (self));
  g_return_if_fail (group_id != NULL && face_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_demo_seam_load_picture_async);

  if (self->server == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The demo service is not running."));
      return;
    }

  request = g_new0 (PictureRequest, 1);
  request->store = g_object_ref (lineup_demo_server_get_store (self->server));
  request->group_id = g_strdup (group_id);
  request->face_token = g_strdup (face_token);
  request->side = side;
  g_task_set_task_data (task, request, picture_request_free);
  g_task_run_in_thread (task, load_picture_thread);
}

GdkTexture *
lineup_demo_seam_load_picture_finish (LineupDemoSeam  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sample photos */

guint
lineup_demo_seam_get_n_samples (void)
{
  return LINEUP_DEMO_N_PROBES;
}

const char *
lineup_demo_seam_get_sample_title (guint index)
{
  g_return_val_if_fail (index < LINEUP_DEMO_N_PROBES, NULL);
  return lineup_demo_probe_get_title (index);
}

static void
render_sample_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GBytes *bytes = lineup_demo_probe_render_jpeg (GPOINTER_TO_UINT (task_data));

  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("The sample photo could not be drawn."));
}

/**
 * lineup_demo_seam_render_sample_async:
 *
 * Draws and encodes one of the demo's sample probe photos off the main
 * thread. They work whichever service is in use, which makes them handy
 * for trying the app.
 */
void
lineup_demo_seam_render_sample_async (guint                index,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_demo_seam_render_sample_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (index), NULL);

  if (index >= LINEUP_DEMO_N_PROBES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is no such sample photo."));
      return;
    }
  g_task_run_in_thread (task, render_sample_thread);
}

/**
 * lineup_demo_seam_render_sample_finish:
 * @file_name: (out) (optional): the sample's file name
 */
GBytes *
lineup_demo_seam_render_sample_finish (GAsyncResult  *result,
                                       char         **file_name,
                                       GError       **error)
{
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (bytes != NULL && file_name != NULL)
    *file_name = g_strdup (lineup_demo_probe_get_file_name (GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)))));
  return bytes;
}
