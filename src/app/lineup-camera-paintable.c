/* lineup-camera-paintable.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera-paintable"

#include "config.h"

#include "lineup-camera-paintable.h"
#include "lineup-texture.h"

/* The live preview for a GtkPicture: the newest camera frame as a
 * GdkMemoryTexture over the frame's bytes, flipped left to right when
 * mirrored. Mirroring is a transform at draw time, so the frames (and
 * what Capture takes) stay as the camera sent them. With a source (the
 * paintable of gtk4paintablesink, where GStreamer has it) it draws that
 * instead, mirrored the same way. */
struct _LineupCameraPaintable
{
  GObject     parent_instance;
  GdkTexture   *texture;
  GdkPaintable *source;
  guint64     n_drawn;
  gboolean    mirror;
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupCameraPaintable, lineup_camera_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

enum {
  PROP_0,
  PROP_MIRROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_camera_paintable_snapshot (GdkPaintable *paintable,
                                  GdkSnapshot  *snapshot,
                                  double        width,
                                  double        height)
{
  LineupCameraPaintable *self = LINEUP_CAMERA_PAINTABLE (paintable);

  if (self->texture == NULL && self->source == NULL)
    return;

  self->n_drawn++;
  gtk_snapshot_save (GTK_SNAPSHOT (snapshot));
  if (self->mirror)
    {
      gtk_snapshot_translate (GTK_SNAPSHOT (snapshot), &GRAPHENE_POINT_INIT (width, 0));
      gtk_snapshot_scale (GTK_SNAPSHOT (snapshot), -1, 1);
    }
  if (self->source != NULL)
    gdk_paintable_snapshot (self->source, snapshot, width, height);
  else
    gtk_snapshot_append_texture (GTK_SNAPSHOT (snapshot), self->texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_restore (GTK_SNAPSHOT (snapshot));
}

static int
lineup_camera_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  LineupCameraPaintable *self = LINEUP_CAMERA_PAINTABLE (paintable);

  if (self->source != NULL)
    return gdk_paintable_get_intrinsic_width (self->source);
  return self->texture ? gdk_texture_get_width (self->texture) : 0;
}

static int
lineup_camera_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  LineupCameraPaintable *self = LINEUP_CAMERA_PAINTABLE (paintable);

  if (self->source != NULL)
    return gdk_paintable_get_intrinsic_height (self->source);
  return self->texture ? gdk_texture_get_height (self->texture) : 0;
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = lineup_camera_paintable_snapshot;
  iface->get_intrinsic_width = lineup_camera_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = lineup_camera_paintable_get_intrinsic_height;
}

static void
lineup_camera_paintable_finalize (GObject *object)
{
  LineupCameraPaintable *self = (LineupCameraPaintable *)object;

  lineup_camera_paintable_set_source (self, NULL);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (lineup_camera_paintable_parent_class)->finalize (object);
}

static void
lineup_camera_paintable_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LineupCameraPaintable *self = LINEUP_CAMERA_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_MIRROR:
      g_value_set_boolean (value, self->mirror);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_camera_paintable_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  LineupCameraPaintable *self = LINEUP_CAMERA_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_MIRROR:
      lineup_camera_paintable_set_mirror (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_camera_paintable_class_init (LineupCameraPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_camera_paintable_finalize;
  object_class->get_property = lineup_camera_paintable_get_property;
  object_class->set_property = lineup_camera_paintable_set_property;

  properties[PROP_MIRROR] =
    g_param_spec_boolean ("mirror", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_camera_paintable_init (LineupCameraPaintable *self)
{
}

LineupCameraPaintable *
lineup_camera_paintable_new (void)
{
  return g_object_new (LINEUP_TYPE_CAMERA_PAINTABLE, NULL);
}

/**
 * lineup_camera_paintable_set_frame:
 * @frame: (nullable): the newest frame, or %NULL for nothing
 */
void
lineup_camera_paintable_set_frame (LineupCameraPaintable *self,
                                   LineupCameraFrame     *frame)
{
  g_autoptr(GdkTexture) old = NULL;
  gboolean resized;

  g_return_if_fail (LINEUP_IS_CAMERA_PAINTABLE (self));

  old = g_steal_pointer (&self->texture);
  if (frame != NULL)
    self->texture = lineup_texture_new_for_frame (frame);

  resized = (old == NULL) != (self->texture == NULL) ||
            (old != NULL && (gdk_texture_get_width (old) != gdk_texture_get_width (self->texture) ||
                             gdk_texture_get_height (old) != gdk_texture_get_height (self->texture)));
  if (resized)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

/**
 * lineup_camera_paintable_set_source:
 * @source: (nullable): a paintable to draw in place of the frames
 */
void
lineup_camera_paintable_set_source (LineupCameraPaintable *self,
                                    GdkPaintable          *source)
{
  g_return_if_fail (LINEUP_IS_CAMERA_PAINTABLE (self));
  g_return_if_fail (!source || GDK_IS_PAINTABLE (source));

  if (self->source == source)
    return;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    {
      g_signal_connect_swapped (source, "invalidate-contents", G_CALLBACK (gdk_paintable_invalidate_contents), self);
      g_signal_connect_swapped (source, "invalidate-size", G_CALLBACK (gdk_paintable_invalidate_size), self);
    }
  gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

/**
 * lineup_camera_paintable_get_texture:
 *
 * Returns: (transfer none) (nullable): the frame shown, unmirrored
 */
GdkTexture *
lineup_camera_paintable_get_texture (LineupCameraPaintable *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_PAINTABLE (self), NULL);
  return self->texture;
}

gboolean
lineup_camera_paintable_get_mirror (LineupCameraPaintable *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_PAINTABLE (self), FALSE);
  return self->mirror;
}

void
lineup_camera_paintable_set_mirror (LineupCameraPaintable *self,
                                    gboolean               mirror)
{
  g_return_if_fail (LINEUP_IS_CAMERA_PAINTABLE (self));

  if (self->mirror == !!mirror)
    return;
  self->mirror = !!mirror;
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIRROR]);
}

/**
 * lineup_camera_paintable_get_n_drawn:
 *
 * Returns: how many times a frame was drawn, for the benchmark
 */
guint64
lineup_camera_paintable_get_n_drawn (LineupCameraPaintable *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_PAINTABLE (self), 0);
  return self->n_drawn;
}
