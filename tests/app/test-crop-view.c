/* test-crop-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "lineup-crop-view.h"
#include "lineup-image-notice.h"

/* The crop view and the refusal notice, in a real window under Xvfb:
 * through their actions, through the drag gesture's signals, and through
 * real pointer and key events sent with xdotool (XTEST). With
 * LINEUP_SHOTS_DIR set, /lineup/app/crop-view/screenshots also writes
 * screenshots of a crop being drawn and of every refusal. */

#define ITERATE_WHILE(cond) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC; \
    while ((cond) && g_get_monotonic_time () < _deadline) \
      g_main_context_iteration (NULL, FALSE); \
  } G_STMT_END

static LineupImage *
make_image (int width,
            int height)
{
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);
  LineupImage *image;
  char *buffer;
  gsize size;

  /* Three heads-and-shoulders shapes on a wall, like a group photo. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *d = pixels + y * stride + x * 3;
        double u = (double)x / width, v = (double)y / height;
        int person = (int)(u * 3);
        double cx = (person + 0.5) / 3, head = (u - cx) * (u - cx) * 9 + (v - 0.38) * (v - 0.38) * 2.2;
        double body = v > 0.62 && fabs (u - cx) < 0.13 + (v - 0.62) * 0.4;

        d[0] = 70 + 60 * v;
        d[1] = 90 + 40 * v;
        d[2] = 120 + 50 * u;
        if (head < 0.035)
          {
            d[0] = 214 - person * 30;
            d[1] = 170 - person * 25;
            d[2] = 140 - person * 20;
          }
        else if (body)
          {
            d[0] = 40 + person * 70;
            d[1] = 50 + person * 30;
            d[2] = 90;
          }
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (p, &buffer, &size, "jpeg", &error, "quality", "92", NULL));
  bytes = g_bytes_new_take (buffer, size);
  image = lineup_image_new_from_bytes (bytes, "group.jpg", &error);
  g_assert_no_error (error);
  return image;
}

typedef struct
{
  GtkWindow      *window;
  LineupCropView *view;
  guint           crop_notifies;
} Fixture;

static void
on_crop_notify (GObject    *object,
                GParamSpec *pspec,
                Fixture    *fixture)
{
  fixture->crop_notifies++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LineupImage) image = make_image (1200, 800);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Crop view test");
  gtk_window_set_default_size (fixture->window, 600, 400);
  fixture->view = LINEUP_CROP_VIEW (lineup_crop_view_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  g_signal_connect (fixture->view, "notify::crop", G_CALLBACK (on_crop_notify), fixture);
  lineup_crop_view_set_image (fixture->view, image);
  gtk_window_present (fixture->window);
  ITERATE_WHILE (gtk_widget_get_width (GTK_WIDGET (fixture->view)) < 600 ||
                 !gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ITERATE_WHILE (g_main_context_pending (NULL));
}

static LineupImageRect
crop_of (Fixture *fixture)
{
  LineupImageRect crop = { 0, 0, 0, 0 };

  lineup_crop_view_get_crop (fixture->view, &crop);
  return crop;
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  g_autoptr(LineupImageRect) boxed = NULL;
  LineupImageRect crop;

  g_assert_false (lineup_crop_view_get_has_crop (fixture->view));
  g_assert_cmpint (lineup_crop_view_get_source_width (fixture->view), ==, 1200);

  /* An arrow key with no crop makes one in the middle, half the size. */
  g_assert_true (gtk_widget_activate_action (view, "crop.move", "(ii)", 1, 0));
  crop = crop_of (fixture);
  g_assert_cmpint (crop.x, ==, 300);
  g_assert_cmpint (crop.y, ==, 200);
  g_assert_cmpint (crop.width, ==, 600);
  g_assert_cmpint (crop.height, ==, 400);
  g_assert_cmpuint (fixture->crop_notifies, ==, 1);

  /* Steps are 1 % of the longest side: 12 px here. */
  gtk_widget_activate_action (view, "crop.move", "(ii)", 1, -1);
  crop = crop_of (fixture);
  g_assert_cmpint (crop.x, ==, 312);
  g_assert_cmpint (crop.y, ==, 188);
  gtk_widget_activate_action (view, "crop.resize", "(ii)", -2, 1);
  crop = crop_of (fixture);
  g_assert_cmpint (crop.width, ==, 576);
  g_assert_cmpint (crop.height, ==, 412);

  /* Never outside the photo, never below 48 × 48. */
  for (int i = 0; i < 200; i++)
    gtk_widget_activate_action (view, "crop.move", "(ii)", -1, 1);
  crop = crop_of (fixture);
  g_assert_cmpint (crop.x, ==, 0);
  g_assert_cmpint (crop.y + crop.height, ==, 800);
  for (int i = 0; i < 200; i++)
    gtk_widget_activate_action (view, "crop.resize", "(ii)", -1, -1);
  crop = crop_of (fixture);
  g_assert_cmpint (crop.width, ==, LINEUP_IMAGE_MIN_SIDE);
  g_assert_cmpint (crop.height, ==, LINEUP_IMAGE_MIN_SIDE);

  g_object_get (fixture->view, "crop", &boxed, NULL);
  g_assert_nonnull (boxed);
  g_assert_cmpint (boxed->width, ==, LINEUP_IMAGE_MIN_SIDE);

  g_assert_true (gtk_widget_activate_action (view, "crop.clear", NULL));
  g_assert_false (lineup_crop_view_get_has_crop (fixture->view));
  g_clear_pointer (&boxed, g_free);
  g_object_get (fixture->view, "crop", &boxed, NULL);
  g_assert_null (boxed);

  /* A new photo starts whole. */
  gtk_widget_activate_action (view, "crop.move", "(ii)", 0, 1);
  g_assert_true (lineup_crop_view_get_has_crop (fixture->view));
  {
    g_autoptr(LineupImage) other = make_image (640, 480);
    lineup_crop_view_set_image (fixture->view, other);
  }
  g_assert_false (lineup_crop_view_get_has_crop (fixture->view));
}

static GtkGesture *
drag_gesture (LineupCropView *view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

/* Widget coordinates of a point of the source photo. */
static void
source_to_widget (LineupCropView *view,
                  double          sx,
                  double          sy,
                  double         *x,
                  double         *y)
{
  graphene_rect_t bounds;

  g_assert_true (lineup_crop_view_get_picture_bounds (view, &bounds));
  *x = bounds.origin.x + sx * bounds.size.width / lineup_crop_view_get_source_width (view);
  *y = bounds.origin.y + sy * bounds.size.height / lineup_crop_view_get_source_height (view);
}

static void
drag (LineupCropView *view,
      double          from_sx,
      double          from_sy,
      double          to_sx,
      double          to_sy)
{
  GtkGesture *gesture = drag_gesture (view);
  double x0, y0, x1, y1;

  source_to_widget (view, from_sx, from_sy, &x0, &y0);
  source_to_widget (view, to_sx, to_sy, &x1, &y1);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
}

static void
assert_near (int value,
             int expected)
{
  /* A display pixel is 2 source pixels at this size. */
  g_assert_cmpint (ABS (value - expected), <=, 3);
}

static void
test_drag (Fixture       *fixture,
           gconstpointer  data)
{
  LineupImageRect crop;

  /* Draw one, from bottom right to top left */
  drag (fixture->view, 700, 500, 400, 200);
  crop = crop_of (fixture);
  assert_near (crop.x, 400);
  assert_near (crop.y, 200);
  assert_near (crop.width, 300);
  assert_near (crop.height, 300);

  /* Move it by dragging inside */
  drag (fixture->view, 550, 350, 650, 300);
  crop = crop_of (fixture);
  assert_near (crop.x, 500);
  assert_near (crop.y, 150);
  assert_near (crop.width, 300);

  /* Resize from the bottom-right corner */
  drag (fixture->view, 800, 450, 900, 600);
  crop = crop_of (fixture);
  assert_near (crop.x, 500);
  assert_near (crop.width, 400);
  assert_near (crop.height, 450);

  /* Resize from the left edge, past the right one: stops at 48 */
  drag (fixture->view, 500, 300, 1100, 300);
  crop = crop_of (fixture);
  g_assert_cmpint (crop.width, ==, LINEUP_IMAGE_MIN_SIDE);

  /* A click outside changes nothing */
  drag (fixture->view, 50, 50, 50, 50);
  g_assert_cmpint (crop_of (fixture).width, ==, LINEUP_IMAGE_MIN_SIDE);

  /* Dragged out of the photo: clamped to it */
  drag (fixture->view, 100, 100, 5000, 5000);
  crop = crop_of (fixture);
  g_assert_cmpint (crop.x + crop.width, ==, 1200);
  g_assert_cmpint (crop.y + crop.height, ==, 800);
}

static gboolean
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
have_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");
  return path != NULL && g_strcmp0 (g_getenv ("GDK_BACKEND"), "x11") == 0;
}

/* Screen coordinates of a widget point: with no window manager under
 * Xvfb, the window's surface is where X put it; ask X. */
static void
widget_to_screen (Fixture *fixture,
                  double   x,
                  double   y,
                  int     *sx,
                  int     *sy)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  graphene_point_t point;
  int wx = 0, wy = 0;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fixture->view), GTK_WIDGET (fixture->window),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  g_assert_true (g_spawn_command_line_sync ("xdotool search --name \"^Crop view test$\" getwindowgeometry --shell",
                                            &out, NULL, NULL, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "X="))
      wx = atoi (lines[i] + 2);
    else if (g_str_has_prefix (lines[i], "Y="))
      wy = atoi (lines[i] + 2);
  *sx = wx + (int)point.x;
  *sy = wy + (int)point.y;
}

static void
wait_a_little (void)
{
  gint64 until = g_get_monotonic_time () + 150 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_real_input (Fixture       *fixture,
                 gconstpointer  data)
{
  double x0, y0, x1, y1;
  int sx0, sy0, sx1, sy1;
  g_autofree char *down = NULL;
  g_autofree char *move = NULL;
  LineupImageRect crop, moved;

  if (!have_xdotool ())
    {
      g_test_skip ("xdotool and X11 are needed for real input events");
      return;
    }

  /* A real drag with the pointer */
  source_to_widget (fixture->view, 200, 200, &x0, &y0);
  source_to_widget (fixture->view, 600, 500, &x1, &y1);
  widget_to_screen (fixture, x0, y0, &sx0, &sy0);
  widget_to_screen (fixture, x1, y1, &sx1, &sy1);
  down = g_strdup_printf ("mousemove --sync %d %d mousedown 1 mousemove --sync %d %d",
                          sx0, sy0, (sx0 + sx1) / 2, (sy0 + sy1) / 2);
  move = g_strdup_printf ("mousemove --sync %d %d mouseup 1", sx1, sy1);
  g_assert_true (xdotool (down));
  wait_a_little ();
  g_assert_true (xdotool (move));
  ITERATE_WHILE (crop_of (fixture).width < 300);
  crop = crop_of (fixture);
  assert_near (crop.x, 200);
  assert_near (crop.y, 200);
  assert_near (crop.width, 400);
  assert_near (crop.height, 300);

  /* The keyboard: the view took focus with the click */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->view)));
  g_assert_true (xdotool ("key Right Right Down"));
  ITERATE_WHILE (crop_of (fixture).x == crop.x);
  wait_a_little ();
  moved = crop_of (fixture);
  g_assert_cmpint (moved.x, ==, crop.x + 24);
  g_assert_cmpint (moved.y, ==, crop.y + 12);

  g_assert_true (xdotool ("key shift+Right shift+Up"));
  ITERATE_WHILE (crop_of (fixture).width == moved.width);
  wait_a_little ();
  g_assert_cmpint (crop_of (fixture).width, ==, moved.width + 12);
  g_assert_cmpint (crop_of (fixture).height, ==, moved.height - 12);

  g_assert_true (xdotool ("key Escape"));
  ITERATE_WHILE (lineup_crop_view_get_has_crop (fixture->view));
  g_assert_false (lineup_crop_view_get_has_crop (fixture->view));
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==, GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_widget_get_focusable (view));
  g_assert_true (gtk_widget_has_focus (view));
  /* Escape with no crop is not the view's: it goes on to the window. */
  g_assert_false (lineup_crop_view_get_has_crop (fixture->view));
  g_assert_false (gtk_widget_activate_action (view, "crop.clear", NULL) &&
                  lineup_crop_view_get_has_crop (fixture->view));
}

static void
on_first_frame (LineupImageNotice *notice,
                gboolean          *asked)
{
  *asked = TRUE;
}

static void
test_notice (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  LineupImageNotice *notice = LINEUP_IMAGE_NOTICE (lineup_image_notice_new ());
  g_autoptr(GError) small = g_error_new_literal (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_SMALL, "“a.png” is tiny");
  g_autoptr(GError) gif = g_error_new_literal (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_ANIMATED, "“a.gif” moves");
  GtkWidget *button;
  gboolean asked = FALSE;

  gtk_window_set_child (window, GTK_WIDGET (notice));
  gtk_window_present (window);
  g_signal_connect (notice, "use-first-frame", G_CALLBACK (on_first_frame), &asked);

  lineup_image_notice_show_error (notice, small);
  g_assert_cmpstr (lineup_image_notice_get_title (notice), ==, "Too Small to Hold a Face");
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (notice), LINEUP_TYPE_IMAGE_NOTICE,
                                                     "first_frame_button"));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (notice), "notice.use-first-frame", NULL) && asked);

  lineup_image_notice_show_error (notice, gif);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Use First Frame");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (asked);
  g_assert_error (lineup_image_notice_get_error (notice), LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_ANIMATED);

  gtk_widget_activate_action (GTK_WIDGET (notice), "notice.dismiss", NULL);
  g_assert_null (lineup_image_notice_get_error (notice));

  gtk_window_destroy (window);
  ITERATE_WHILE (g_main_context_pending (NULL));
}

/* Screenshots: a stand-in for the probe pane (notice, photo, caption),
 * at 1000 and 360 px, light and dark. */

typedef struct
{
  const char *name;
  GError     *error;
} Refusal;

static GBytes *
bytes_of (const char *text,
          gsize       len)
{
  return g_bytes_new (text, len);
}

static GError *
refusal_for_bytes (GBytes     *bytes,
                   const char *name,
                   gboolean    first_frame)
{
  LineupImageOptions options = LINEUP_IMAGE_OPTIONS_INIT;
  g_autoptr(LineupImage) image = NULL;
  GError *error = NULL;

  if (first_frame)
    options.flags = LINEUP_IMAGE_FLAGS_FIRST_FRAME;
  image = lineup_image_new_from_bytes_full (bytes, name, &options, NULL, &error);
  g_assert_null (image);
  return error;
}

static GError *
refusal_for_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LineupImage) image = NULL;
  GError *error = NULL;

  image = lineup_image_load (file, NULL, &error);
  g_assert_null (image);
  return error;
}

static GPtrArray *
make_refusals (const char *dir)
{
  static const guint8 bomb[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0xB3, 0xB0, 0, 0, 0xB3, 0xB0, 8, 2, 0, 0, 0, 0, 0, 0, 0,
  };
  static const char heif[] = "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic\0\0\0\0meta";
  GPtrArray *refusals = g_ptr_array_new ();
  g_autoptr(LineupImage) good = make_image (400, 300);
  g_autoptr(GdkPixbuf) tiny = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autoptr(GBytes) jpeg = g_bytes_ref (lineup_image_get_bytes (good));
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  g_autoptr(GBytes) empty = bytes_of ("", 0);
  g_autoptr(GBytes) text = bytes_of ("Meeting notes\n- bring the photos\n", 34);
  g_autoptr(GBytes) bomb_bytes = g_bytes_new_static (bomb, sizeof bomb);
  g_autoptr(GBytes) heif_bytes = g_bytes_new_static (heif, sizeof heif - 1);
  g_autofree char *folder = g_build_filename (dir, "Holiday photos", NULL);
  g_autofree char *missing = g_build_filename (dir, "moved-away.jpg", NULL);
  g_autofree char *huge = g_build_filename (dir, "scan-600dpi.tiff", NULL);
  g_autofree char *gif_path = g_build_filename (dir, "party.gif", NULL);
  g_autofree char *command = NULL;
  g_autofree char *tiny_png = NULL;
  gsize tiny_len;
  gsize len;
  guint8 *damaged = g_bytes_unref_to_data (g_bytes_ref (jpeg), &len);
  FILE *f;
  LineupImageRect outside = { 300, 200, 400, 400 };

#define ADD(n, e) G_STMT_START { Refusal *r = g_new0 (Refusal, 1); r->name = n; r->error = e; \
                                 g_ptr_array_add (refusals, r); } G_STMT_END

  ADD ("empty", refusal_for_bytes (empty, "IMG_2041.jpg", FALSE));
  ADD ("truncated", refusal_for_bytes (cut, "IMG_2042.jpg", FALSE));
  for (gsize i = 0; i + 4 < len; i++)
    if (damaged[i] == 0xFF && damaged[i + 1] == 0xC0)
      {
        damaged[i + 4] = 13;
        break;
      }
  {
    g_autoptr(GBytes) damaged_bytes = g_bytes_new_take (damaged, len);
    ADD ("damaged", refusal_for_bytes (damaged_bytes, "IMG_2043.jpg", FALSE));
  }
  ADD ("not-an-image", refusal_for_bytes (text, "notes.txt", FALSE));
  ADD ("unsupported", refusal_for_bytes (heif_bytes, "IMG_2044.heic", FALSE));
  g_mkdir_with_parents (folder, 0700);
  ADD ("folder", refusal_for_file (folder));
  ADD ("unreadable", refusal_for_file (missing));
  f = fopen (huge, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), (off_t)300 * 1024 * 1024), ==, 0);   /* sparse */
  fclose (f);
  ADD ("file-too-large", refusal_for_file (huge));
  ADD ("too-many-pixels", refusal_for_bytes (bomb_bytes, "panorama.png", FALSE));
  gdk_pixbuf_fill (tiny, 0x806040ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (tiny, &tiny_png, &tiny_len, "png", NULL, NULL));
  {
    g_autoptr(GBytes) tiny_bytes = g_bytes_new (tiny_png, tiny_len);
    ADD ("too-small", refusal_for_bytes (tiny_bytes, "avatar.png", FALSE));
  }
  command = g_strdup_printf ("convert -delay 20 -size 200x150 xc:red xc:green xc:blue '%s'", gif_path);
  if (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL))
    ADD ("animated", refusal_for_file (gif_path));
  {
    g_autoptr(LineupImage) cropped = NULL;
    GError *error = NULL;

    cropped = lineup_image_crop (good, &outside, NULL, &error);
    ADD ("bad-crop", error);
  }
#undef ADD
  return refusals;
}

typedef struct
{
  GtkWindow         *window;
  LineupImageNotice *notice;
  LineupCropView    *view;
  GtkLabel          *caption;
} Scene;

static void
update_caption (Scene *scene)
{
  LineupImage *image = lineup_crop_view_get_image (scene->view);
  g_autofree char *description = lineup_image_dup_description (image);
  g_autofree char *text = NULL;
  LineupImageRect crop;

  if (lineup_crop_view_get_crop (scene->view, &crop))
    text = g_strdup_printf ("%s · %d × %d · %s\nSearching %d × %d at %d, %d", lineup_image_get_source_name (image),
                            lineup_image_get_source_width (image), lineup_image_get_source_height (image),
                            description, crop.width, crop.height, crop.x, crop.y);
  else
    text = g_strdup_printf ("%s · %d × %d · %s", lineup_image_get_source_name (image),
                            lineup_image_get_source_width (image), lineup_image_get_source_height (image),
                            description);
  gtk_label_set_text (scene->caption, text);
}

static Scene *
scene_new (LineupImage *image,
           int          width)
{
  Scene *scene = g_new0 (Scene, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *search = gtk_button_new_with_label ("Search");

  scene->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (scene->window, "Lineup");
  gtk_window_set_default_size (scene->window, width, 700);
  gtk_box_append (GTK_BOX (toolbar), adw_header_bar_new ());
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  scene->notice = LINEUP_IMAGE_NOTICE (lineup_image_notice_new ());
  lineup_image_notice_set_previous_kept (scene->notice, TRUE);
  scene->view = LINEUP_CROP_VIEW (lineup_crop_view_new ());
  lineup_crop_view_set_image (scene->view, image);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (scene->view));
  gtk_widget_add_css_class (frame, "view");
  scene->caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (scene->caption, TRUE);
  gtk_label_set_xalign (scene->caption, 0);
  gtk_widget_add_css_class (GTK_WIDGET (scene->caption), "dim-label");
  gtk_widget_add_css_class (search, "suggested-action");
  gtk_widget_add_css_class (search, "pill");
  gtk_widget_set_halign (search, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (scene->notice));
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (scene->caption));
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (toolbar), box);
  adw_window_set_content (ADW_WINDOW (scene->window), toolbar);
  update_caption (scene);
  gtk_window_present (scene->window);
  ITERATE_WHILE (gtk_widget_get_width (GTK_WIDGET (scene->view)) < 100);
  return scene;
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
shoot (Scene      *scene,
       const char *dir,
       const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);
  g_autofree char *command = g_strdup_printf ("sh -c \"import -window $(xdotool search --name '^Lineup$' | head -1) '%s'\"",
                                              path);

  settle ();
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_test_message ("wrote %s", path);
}

static void
test_screenshots (void)
{
  const char *dir = g_getenv ("LINEUP_SHOTS_DIR");
  g_autofree char *work = g_dir_make_tmp ("lineup-shots-XXXXXX", NULL);
  g_autoptr(LineupImage) image = make_image (3000, 2000);
  g_autoptr(GPtrArray) refusals = make_refusals (work);
  const struct { int width; gboolean dark; const char *suffix; } looks[] = {
    { 1000, FALSE, "" }, { 360, FALSE, "-360" }, { 1000, TRUE, "-dark" }, { 360, TRUE, "-360-dark" },
  };

  for (guint l = 0; l < G_N_ELEMENTS (looks); l++)
    {
      Scene *scene;
      GtkGesture *gesture;
      double x0, y0, x1, y1;
      g_autofree char *drawing = g_strconcat ("crop-drawing", looks[l].suffix, NULL);
      g_autofree char *drawn = g_strconcat ("crop-drawn", looks[l].suffix, NULL);

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          looks[l].dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      scene = scene_new (image, looks[l].width);

      /* Mid-drag: the button is still down. */
      gesture = drag_gesture (scene->view);
      source_to_widget (scene->view, 1150, 350, &x0, &y0);
      source_to_widget (scene->view, 1850, 1250, &x1, &y1);
      gtk_widget_grab_focus (GTK_WIDGET (scene->view));
      g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
      g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
      update_caption (scene);
      shoot (scene, dir, drawing);
      g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
      {
        LineupImageRect crop;
        g_autoptr(LineupImage) cropped = NULL;
        g_autofree char *description = NULL;

        lineup_crop_view_get_crop (scene->view, &crop);
        cropped = lineup_image_crop (image, &crop, NULL, NULL);
        description = lineup_image_dup_description (cropped);
        gtk_label_set_text (scene->caption, description);
      }
      shoot (scene, dir, drawn);

      for (guint i = 0; i < refusals->len; i++)
        {
          Refusal *r = g_ptr_array_index (refusals, i);
          g_autofree char *name = g_strconcat ("refusal-", r->name, looks[l].suffix, NULL);

          lineup_image_notice_show_error (scene->notice, r->error);
          shoot (scene, dir, name);
        }

      gtk_window_destroy (scene->window);
      g_free (scene);
      ITERATE_WHILE (g_main_context_pending (NULL));
    }

  for (guint i = 0; i < refusals->len; i++)
    {
      Refusal *r = g_ptr_array_index (refusals, i);
      g_clear_error (&r->error);
      g_free (r);
    }
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", work);
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
}


int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    /* What LineupApplication loads for the app */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/lineup/Lineup/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/lineup/app/crop-view/actions", Fixture, NULL, fixture_setup, test_actions, fixture_teardown);
  g_test_add ("/lineup/app/crop-view/drag", Fixture, NULL, fixture_setup, test_drag, fixture_teardown);
  g_test_add ("/lineup/app/crop-view/real-input", Fixture, NULL, fixture_setup, test_real_input, fixture_teardown);
  g_test_add ("/lineup/app/crop-view/accessible", Fixture, NULL, fixture_setup, test_accessible, fixture_teardown);
  g_test_add_func ("/lineup/app/crop-view/notice", test_notice);
  if (g_getenv ("LINEUP_SHOTS_DIR") != NULL)
    g_test_add_func ("/lineup/app/crop-view/screenshots", test_screenshots);
  return g_test_run ();
}
