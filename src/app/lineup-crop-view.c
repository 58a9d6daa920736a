/* lineup-crop-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-crop-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-crop-view.h"
#include "lineup-texture.h"

/* The probe photo, and the rectangle that says which face to search.
 * Drag on the photo to draw it, drag inside it to move it, drag an edge
 * or a corner to resize it; with the keyboard, the arrow keys move it and
 * Shift+arrow keys resize it (either makes one in the middle when there
 * is none), and Escape clears it. The crop is kept in pixels of the
 * upright source image, which is what LineupImage crops from; the
 * picture drawn is only the preview. */

#define HANDLE_SIZE    10.0
#define GRAB_DISTANCE  12.0
#define CLICK_DISTANCE 4.0

typedef enum
{
  EDGE_NONE   = 0,
  EDGE_LEFT   = 1 << 0,
  EDGE_RIGHT  = 1 << 1,
  EDGE_TOP    = 1 << 2,
  EDGE_BOTTOM = 1 << 3,
} Edges;

typedef enum
{
  DRAG_NONE,
  DRAG_NEW,
  DRAG_MOVE,
  DRAG_RESIZE,
} DragMode;

struct _LineupCropView
{
  GtkWidget        parent_instance;

  LineupImage     *image;
  GdkTexture      *texture;
  int              source_width;
  int              source_height;
  LineupImageRect  crop;             /* empty: the whole photo */

  DragMode         drag_mode;
  Edges            drag_edges;
  LineupImageRect  drag_start_crop;
  double           drag_start_x;     /* source pixels */
  double           drag_start_y;
  double           drag_widget_x;    /* widget pixels */
  double           drag_widget_y;
  graphene_rect_t  drag_bounds;      /* the picture when the drag began */
};

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_CROP,
  PROP_HAS_CROP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LineupCropView, lineup_crop_view, GTK_TYPE_WIDGET)

static int
min_side (LineupCropView *self)
{
  return MIN (LINEUP_IMAGE_MIN_SIDE, MIN (self->source_width, self->source_height));
}

/* Where the picture is drawn: the whole preview, fitted and centred. */
gboolean
lineup_crop_view_get_picture_bounds (LineupCropView  *self,
                                     graphene_rect_t *bounds)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double scale;

  g_return_val_if_fail (LINEUP_IS_CROP_VIEW (self), FALSE);

  if (self->texture == NULL || self->source_width <= 0 || w <= 0 || h <= 0)
    return FALSE;
  scale = MIN (w / self->source_width, h / self->source_height);
  /* On whole pixels: a crisp picture, and no seams in the shading */
  graphene_rect_init (bounds, floor ((w - self->source_width * scale) / 2), floor ((h - self->source_height * scale) / 2),
                      round (self->source_width * scale), round (self->source_height * scale));
  return TRUE;
}

static double
display_scale (LineupCropView *self)
{
  graphene_rect_t bounds;

  if (!lineup_crop_view_get_picture_bounds (self, &bounds))
    return 1.0;
  return bounds.size.width / self->source_width;
}

static void
to_source (LineupCropView *self,
           double          x,
           double          y,
           double         *sx,
           double         *sy)
{
  graphene_rect_t bounds;
  double scale = display_scale (self);

  lineup_crop_view_get_picture_bounds (self, &bounds);
  *sx = CLAMP ((x - bounds.origin.x) / scale, 0, self->source_width);
  *sy = CLAMP ((y - bounds.origin.y) / scale, 0, self->source_height);
}

static void
crop_to_display (LineupCropView  *self,
                 graphene_rect_t *rect)
{
  graphene_rect_t bounds;
  double scale = display_scale (self);

  lineup_crop_view_get_picture_bounds (self, &bounds);
  graphene_rect_init (rect, bounds.origin.x + self->crop.x * scale, bounds.origin.y + self->crop.y * scale,
                      self->crop.width * scale, self->crop.height * scale);
}

static void
update_accessible (LineupCropView *self)
{
  g_autofree char *description = NULL;

  if (lineup_crop_view_get_has_crop (self))
    /* Translators: the crop of the probe photo, in pixels of the photo */
    description = g_strdup_printf (_("Searching only %d × %d px at %d, %d. Arrow keys move the area, "
                                     "Shift and arrow keys resize it, Escape searches the whole photo."),
                                   self->crop.width, self->crop.height, self->crop.x, self->crop.y);
  else
    description = g_strdup (_("Searching the whole photo. Drag on it, or press an arrow key, to choose "
                              "the face to search."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
update_actions (LineupCropView *self)
{
  gboolean has_picture = self->texture != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "crop.clear", lineup_crop_view_get_has_crop (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "crop.move", has_picture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "crop.resize", has_picture);
}

/* Keeps @crop inside the photo and at least min_side() big. */
static void
clamp_crop (LineupCropView  *self,
            LineupImageRect *crop)
{
  int min = min_side (self);

  if (lineup_image_rect_is_empty (crop))
    return;
  crop->width = CLAMP (crop->width, min, self->source_width);
  crop->height = CLAMP (crop->height, min, self->source_height);
  crop->x = CLAMP (crop->x, 0, self->source_width - crop->width);
  crop->y = CLAMP (crop->y, 0, self->source_height - crop->height);
}

static void
change_crop (LineupCropView        *self,
             const LineupImageRect *crop)
{
  LineupImageRect next = crop ? *crop : (LineupImageRect) { 0, 0, 0, 0 };
  gboolean had_crop = lineup_crop_view_get_has_crop (self);

  if (lineup_image_rect_is_empty (&next) || self->texture == NULL)
    next = (LineupImageRect) { 0, 0, 0, 0 };
  clamp_crop (self, &next);
  if (lineup_image_rect_equal (&next, &self->crop))
    return;

  self->crop = next;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CROP]);
  if (had_crop != lineup_crop_view_get_has_crop (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CROP]);
}

/* Keyboard and actions */

static int
key_step (LineupCropView *self)
{
  return MAX (1, (int)lround (MAX (self->source_width, self->source_height) / 100.0));
}

static void
ensure_crop (LineupCropView *self)
{
  LineupImageRect middle;

  if (lineup_crop_view_get_has_crop (self))
    return;
  middle.width = MAX (self->source_width / 2, min_side (self));
  middle.height = MAX (self->source_height / 2, min_side (self));
  middle.x = (self->source_width - middle.width) / 2;
  middle.y = (self->source_height - middle.height) / 2;
  change_crop (self, &middle);
}

/* One key step: moves the crop, or with @resize grows its right and
 * bottom edges; with no crop yet, either makes one. */
static void
nudge (LineupCropView *self,
       int             dx,
       int             dy,
       gboolean        resize)
{
  LineupImageRect next;
  int step = key_step (self);

  if (self->texture == NULL)
    return;
  if (!lineup_crop_view_get_has_crop (self))
    {
      ensure_crop (self);
      return;
    }
  next = self->crop;
  if (resize)
    {
      next.width = MIN (next.width + dx * step, self->source_width - next.x);
      next.height = MIN (next.height + dy * step, self->source_height - next.y);
    }
  else
    {
      next.x += dx * step;
      next.y += dy * step;
    }
  change_crop (self, &next);
}

static void
crop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LineupCropView *self = LINEUP_CROP_VIEW (widget);
  int dx = 0, dy = 0;

  if (parameter != NULL)
    g_variant_get (parameter, "(ii)", &dx, &dy);

  if (g_str_equal (action_name, "crop.clear"))
    change_crop (self, NULL);
  else
    nudge (self, dx, dy, g_str_equal (action_name, "crop.resize"));
}

/* Escape only when there is something to clear, so that otherwise it
 * reaches the window (where it cancels a search). */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  LineupCropView *self = LINEUP_CROP_VIEW (widget);

  if (!lineup_crop_view_get_has_crop (self))
    return FALSE;
  change_crop (self, NULL);
  return TRUE;
}

/* Pointer */

static Edges
hit_edges (LineupCropView *self,
           double          x,
           double          y,
           gboolean       *inside)
{
  graphene_rect_t r;
  Edges edges = EDGE_NONE;
  double left, right, top, bottom;

  *inside = FALSE;
  if (!lineup_crop_view_get_has_crop (self))
    return EDGE_NONE;
  crop_to_display (self, &r);
  left = r.origin.x;
  top = r.origin.y;
  right = left + r.size.width;
  bottom = top + r.size.height;

  if (y >= top - GRAB_DISTANCE && y <= bottom + GRAB_DISTANCE)
    {
      if (fabs (x - left) <= GRAB_DISTANCE)
        edges |= EDGE_LEFT;
      else if (fabs (x - right) <= GRAB_DISTANCE)
        edges |= EDGE_RIGHT;
    }
  if (x >= left - GRAB_DISTANCE && x <= right + GRAB_DISTANCE)
    {
      if (fabs (y - top) <= GRAB_DISTANCE)
        edges |= EDGE_TOP;
      else if (fabs (y - bottom) <= GRAB_DISTANCE)
        edges |= EDGE_BOTTOM;
    }
  *inside = x > left && x < right && y > top && y < bottom;
  return edges;
}

static const char *
cursor_for (Edges    edges,
            gboolean inside)
{
  switch ((int)edges)
    {
    case EDGE_LEFT | EDGE_TOP:
    case EDGE_RIGHT | EDGE_BOTTOM:
      return "nwse-resize";
    case EDGE_RIGHT | EDGE_TOP:
    case EDGE_LEFT | EDGE_BOTTOM:
      return "nesw-resize";
    case EDGE_LEFT:
    case EDGE_RIGHT:
      return "ew-resize";
    case EDGE_TOP:
    case EDGE_BOTTOM:
      return "ns-resize";
    default:
      return inside ? "move" : "crosshair";
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LineupCropView           *self)
{
  gboolean inside;
  Edges edges;

  if (self->drag_mode != DRAG_NONE || self->texture == NULL)
    return;
  edges = hit_edges (self, x, y, &inside);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor_for (edges, inside));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LineupCropView *self)
{
  gboolean inside;

  g_assert (LINEUP_IS_CROP_VIEW (self));

  if (self->texture == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start_crop = self->crop;
  self->drag_widget_x = x;
  self->drag_widget_y = y;
  lineup_crop_view_get_picture_bounds (self, &self->drag_bounds);
  self->drag_edges = hit_edges (self, x, y, &inside);
  to_source (self, x, y, &self->drag_start_x, &self->drag_start_y);
  if (self->drag_edges != EDGE_NONE)
    self->drag_mode = DRAG_RESIZE;
  else if (inside)
    self->drag_mode = DRAG_MOVE;
  else
    self->drag_mode = DRAG_NEW;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                LineupCropView *self)
{
  double sx, sy, dx, dy;
  LineupImageRect next = self->drag_start_crop;

  if (self->drag_mode == DRAG_NONE)
    return;
  /* Against the picture as it was when the drag began, should the
   * layout change under the pointer. */
  {
    double scale = self->drag_bounds.size.width / self->source_width;

    sx = CLAMP ((self->drag_widget_x + offset_x - self->drag_bounds.origin.x) / scale, 0, self->source_width);
    sy = CLAMP ((self->drag_widget_y + offset_y - self->drag_bounds.origin.y) / scale, 0, self->source_height);
  }
  dx = sx - self->drag_start_x;
  dy = sy - self->drag_start_y;

  switch (self->drag_mode)
    {
    case DRAG_NEW:
      if (hypot (offset_x, offset_y) < CLICK_DISTANCE)
        return;
      next.x = (int)lround (MIN (sx, self->drag_start_x));
      next.y = (int)lround (MIN (sy, self->drag_start_y));
      next.width = (int)lround (fabs (sx - self->drag_start_x));
      next.height = (int)lround (fabs (sy - self->drag_start_y));
      /* Grow a small one away from where the drag started. */
      if (next.width < min_side (self) && sx < self->drag_start_x)
        next.x = (int)self->drag_start_x - min_side (self);
      if (next.height < min_side (self) && sy < self->drag_start_y)
        next.y = (int)self->drag_start_y - min_side (self);
      next.width = MAX (next.width, 1);
      next.height = MAX (next.height, 1);
      break;

    case DRAG_MOVE:
      next.x = (int)lround (self->drag_start_crop.x + dx);
      next.y = (int)lround (self->drag_start_crop.y + dy);
      break;

    case DRAG_RESIZE:
      {
        int right = self->drag_start_crop.x + self->drag_start_crop.width;
        int bottom = self->drag_start_crop.y + self->drag_start_crop.height;
        int min = min_side (self);

        if (self->drag_edges & EDGE_LEFT)
          next.x = CLAMP ((int)lround (self->drag_start_crop.x + dx), 0, right - min);
        if (self->drag_edges & EDGE_RIGHT)
          right = CLAMP ((int)lround (right + dx), next.x + min, self->source_width);
        if (self->drag_edges & EDGE_TOP)
          next.y = CLAMP ((int)lround (self->drag_start_crop.y + dy), 0, bottom - min);
        if (self->drag_edges & EDGE_BOTTOM)
          bottom = CLAMP ((int)lround (bottom + dy), next.y + min, self->source_height);
        next.width = right - next.x;
        next.height = bottom - next.y;
      }
      break;

    case DRAG_NONE:
    default:
      return;
    }
  change_crop (self, &next);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             LineupCropView *self)
{
  drag_update_cb (gesture, offset_x, offset_y, self);
  self->drag_mode = DRAG_NONE;
}

/* Drawing */

static void
append_rect (GtkSnapshot           *snapshot,
             const GdkRGBA         *color,
             double                 x,
             double                 y,
             double                 w,
             double                 h)
{
  if (w > 0 && h > 0)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
lineup_crop_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LineupCropView *self = LINEUP_CROP_VIEW (widget);
  static const GdkRGBA shade = { 0, 0, 0, 0.55 };
  static const GdkRGBA white = { 1, 1, 1, 1 };
  static const GdkRGBA dark = { 0, 0, 0, 0.6 };
  graphene_rect_t bounds, r;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA whites[4] = { white, white, white, white };

  if (!lineup_crop_view_get_picture_bounds (self, &bounds))
    return;

  gtk_snapshot_append_texture (snapshot, self->texture, &bounds);
  if (!lineup_crop_view_get_has_crop (self))
    return;

  crop_to_display (self, &r);
  /* Whole pixels, or the shaded bands leave seams where they meet. */
  graphene_rect_init (&r, round (r.origin.x), round (r.origin.y), round (r.size.width), round (r.size.height));
  /* Everything that is not searched is shaded. */
  append_rect (snapshot, &shade, bounds.origin.x, bounds.origin.y, bounds.size.width, r.origin.y - bounds.origin.y);
  append_rect (snapshot, &shade, bounds.origin.x, r.origin.y + r.size.height, bounds.size.width,
               bounds.origin.y + bounds.size.height - r.origin.y - r.size.height);
  append_rect (snapshot, &shade, bounds.origin.x, r.origin.y, r.origin.x - bounds.origin.x, r.size.height);
  append_rect (snapshot, &shade, r.origin.x + r.size.width, r.origin.y,
               bounds.origin.x + bounds.size.width - r.origin.x - r.size.width, r.size.height);

  /* A white frame with a dark edge shows on light and dark photos. */
  append_rect (snapshot, &dark, r.origin.x - 3, r.origin.y - 3, r.size.width + 6, 1);
  append_rect (snapshot, &dark, r.origin.x - 3, r.origin.y + r.size.height + 2, r.size.width + 6, 1);
  append_rect (snapshot, &dark, r.origin.x - 3, r.origin.y - 3, 1, r.size.height + 6);
  append_rect (snapshot, &dark, r.origin.x + r.size.width + 2, r.origin.y - 3, 1, r.size.height + 6);
  gtk_snapshot_append_border (snapshot,
                              &GSK_ROUNDED_RECT_INIT (r.origin.x - 2, r.origin.y - 2, r.size.width + 4, r.size.height + 4),
                              widths, whites);

  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      {
        double hx, hy;

        if (i == 1 && j == 1)
          continue;
        hx = r.origin.x + r.size.width * i / 2.0 - HANDLE_SIZE / 2;
        hy = r.origin.y + r.size.height * j / 2.0 - HANDLE_SIZE / 2;
        append_rect (snapshot, &dark, hx - 1, hy - 1, HANDLE_SIZE + 2, HANDLE_SIZE + 2);
        append_rect (snapshot, &white, hx, hy, HANDLE_SIZE, HANDLE_SIZE);
      }
}

static void
lineup_crop_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* Any size works: the picture is fitted into what the pane gives. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 96 : 72;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 320;
}

/* GObject */

/**
 * lineup_crop_view_set_image:
 * @image: (nullable): the prepared probe; its preview is drawn and the
 *   crop is in its source pixels
 *
 * A new photo starts with no crop.
 */
void
lineup_crop_view_set_image (LineupCropView *self,
                            LineupImage    *image)
{
  g_return_if_fail (LINEUP_IS_CROP_VIEW (self));
  g_return_if_fail (!image || LINEUP_IS_IMAGE (image));

  if (!g_set_object (&self->image, image))
    return;

  change_crop (self, NULL);
  g_clear_object (&self->texture);
  self->source_width = self->source_height = 0;
  if (image != NULL)
    {
      self->texture = lineup_texture_new_for_pixbuf (lineup_image_get_preview (image));
      self->source_width = lineup_image_get_source_width (image);
      self->source_height = lineup_image_get_source_height (image);
    }
  update_actions (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

LineupImage *
lineup_crop_view_get_image (LineupCropView *self)
{
  g_return_val_if_fail (LINEUP_IS_CROP_VIEW (self), NULL);
  return self->image;
}

int
lineup_crop_view_get_source_width (LineupCropView *self)
{
  g_return_val_if_fail (LINEUP_IS_CROP_VIEW (self), 0);
  return self->source_width;
}

int
lineup_crop_view_get_source_height (LineupCropView *self)
{
  g_return_val_if_fail (LINEUP_IS_CROP_VIEW (self), 0);
  return self->source_height;
}

/**
 * lineup_crop_view_get_crop:
 * @crop: (out) (optional): in pixels of the upright source
 *
 * Returns: whether only part of the photo is to be searched
 */
gboolean
lineup_crop_view_get_crop (LineupCropView  *self,
                           LineupImageRect *crop)
{
  g_return_val_if_fail (LINEUP_IS_CROP_VIEW (self), FALSE);

  if (crop != NULL)
    *crop = self->crop;
  return lineup_crop_view_get_has_crop (self);
}

/**
 * lineup_crop_view_set_crop:
 * @crop: (nullable): %NULL or empty for the whole photo
 */
void
lineup_crop_view_set_crop (LineupCropView        *self,
                           const LineupImageRect *crop)
{
  g_return_if_fail (LINEUP_IS_CROP_VIEW (self));
  change_crop (self, crop);
}

gboolean
lineup_crop_view_get_has_crop (LineupCropView *self)
{
  g_return_val_if_fail (LINEUP_IS_CROP_VIEW (self), FALSE);
  return !lineup_image_rect_is_empty (&self->crop);
}

GtkWidget *
lineup_crop_view_new (void)
{
  return g_object_new (LINEUP_TYPE_CROP_VIEW, NULL);
}

static void
lineup_crop_view_dispose (GObject *object)
{
  LineupCropView *self = (LineupCropView *)object;

  g_clear_object (&self->image);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (lineup_crop_view_parent_class)->dispose (object);
}

static void
lineup_crop_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LineupCropView *self = LINEUP_CROP_VIEW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      g_value_set_object (value, self->image);
      break;

    case PROP_CROP:
      g_value_set_boxed (value, lineup_crop_view_get_has_crop (self) ? &self->crop : NULL);
      break;

    case PROP_HAS_CROP:
      g_value_set_boolean (value, lineup_crop_view_get_has_crop (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_crop_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LineupCropView *self = LINEUP_CROP_VIEW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      lineup_crop_view_set_image (self, g_value_get_object (value));
      break;

    case PROP_CROP:
      lineup_crop_view_set_crop (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_arrow_bindings (GtkWidgetClass  *widget_class,
                    GdkModifierType  modifiers,
                    const char      *action)
{
  static const struct { guint key; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 }, { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_KP_Down, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding_action (widget_class, arrows[i].key, modifiers, action,
                                         "(ii)", arrows[i].dx, arrows[i].dy);
}

static void
lineup_crop_view_class_init (LineupCropViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_crop_view_dispose;
  object_class->get_property = lineup_crop_view_get_property;
  object_class->set_property = lineup_crop_view_set_property;

  widget_class->snapshot = lineup_crop_view_snapshot;
  widget_class->measure = lineup_crop_view_measure;

  properties[PROP_IMAGE] =
    g_param_spec_object ("image", NULL, NULL, LINEUP_TYPE_IMAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* In pixels of the upright source; NULL for the whole photo. */
  properties[PROP_CROP] =
    g_param_spec_boxed ("crop", NULL, NULL, LINEUP_TYPE_IMAGE_RECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_CROP] =
    g_param_spec_boolean ("has-crop", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "crop.clear", NULL, crop_action);
  gtk_widget_class_install_action (widget_class, "crop.move", "(ii)", crop_action);
  gtk_widget_class_install_action (widget_class, "crop.resize", "(ii)", crop_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  add_arrow_bindings (widget_class, 0, "crop.move");
  add_arrow_bindings (widget_class, GDK_SHIFT_MASK, "crop.resize");

  gtk_widget_class_set_css_name (widget_class, "cropview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lineup_crop_view_init (LineupCropView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Probe photo"), -1);
  update_accessible (self);
  update_actions (self);
}
