/* test-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lineup-image.h"

/* Every fixture is made here: drawn with gdk-pixbuf, EXIF written by
 * hand, multi-page and animated files and the orientation references
 * made with ImageMagick when it is installed (it is in CI). Real photos
 * can be added with LINEUP_TEST_PHOTOS=DIR (JPEGs compared against
 * `convert -auto-orient`). */

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Quadrants of different colours, a gradient and a marker near the top
 * left: any wrong turn or mirror shows. */
static GdkPixbuf *
draw_asymmetric (int width,
                 int height)
{
  GdkPixbuf *p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *d = pixels + y * stride + x * 3;
        gboolean right = x >= width / 2, bottom = y >= height / 2;

        d[0] = right ? 220 : 30;
        d[1] = bottom ? 200 : 40;
        d[2] = (guint8)(255 * x / width);
        if (x < width / 8 && y < height / 8)
          d[0] = d[1] = d[2] = 255;
      }
  return p;
}

static GBytes *
save_to_bytes (GdkPixbuf  *pixbuf,
               const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  if (strcmp (type, "jpeg") == 0)
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, "quality", "95", NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

/* A JPEG with an APP1 Exif segment holding one Orientation entry. */
static GBytes *
with_orientation (GBytes *jpeg,
                  int     orientation)
{
  static const guint8 app1_head[] = {
    0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0, 42, 0, 0, 0, 8,        /* big-endian TIFF, IFD0 at 8 */
    0, 1,                               /* one entry */
    0x01, 0x12, 0, 3, 0, 0, 0, 1,       /* Orientation, SHORT, 1 value */
  };
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  GByteArray *out = g_byte_array_new ();
  guint8 value[] = { 0, (guint8)orientation, 0, 0, 0, 0, 0, 0 };   /* value, pad, next IFD */

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, app1_head, sizeof app1_head);
  g_byte_array_append (out, value, sizeof value);
  g_byte_array_append (out, data + 2, len - 2);
  return g_byte_array_free_to_bytes (out);
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static double
mean_difference (GdkPixbuf *a,
                 GdkPixbuf *b)
{
  int w = gdk_pixbuf_get_width (a), h = gdk_pixbuf_get_height (a);
  int ca = gdk_pixbuf_get_n_channels (a), cb = gdk_pixbuf_get_n_channels (b);
  const guint8 *pa = gdk_pixbuf_read_pixels (a), *pb = gdk_pixbuf_read_pixels (b);
  double total = 0;

  g_assert_cmpint (w, ==, gdk_pixbuf_get_width (b));
  g_assert_cmpint (h, ==, gdk_pixbuf_get_height (b));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        total += ABS (pa[y * gdk_pixbuf_get_rowstride (a) + x * ca + c] -
                      pb[y * gdk_pixbuf_get_rowstride (b) + x * cb + c]);
  return total / ((double)w * h * 3);
}

static gboolean
have_convert (void)
{
  g_autofree char *path = g_find_program_in_path ("convert");

  return path != NULL;
}

static void
run (const char *command)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
assert_oriented_like_imagemagick (GBytes     *source,
                                  const char *name)
{
  g_autofree char *in = tmp_path (name);
  g_autofree char *ref = g_strconcat (in, ".ref.png", NULL);
  g_autofree char *command = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GdkPixbuf) sent = NULL;
  g_autoptr(GdkPixbuf) reference = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (in, g_bytes_get_data (source, NULL), g_bytes_get_size (source), NULL));
  command = g_strdup_printf ("convert '%s' -auto-orient '%s'", in, ref);
  run (command);

  image = lineup_image_new_from_bytes (source, name, &error);
  g_assert_no_error (error);
  sent = decode (lineup_image_get_bytes (image));
  reference = gdk_pixbuf_new_from_file (ref, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (mean_difference (sent, reference), <, 4.0);
  g_assert_cmpint (lineup_image_get_source_width (image), ==, gdk_pixbuf_get_width (reference));
  g_assert_cmpint (lineup_image_get_source_height (image), ==, gdk_pixbuf_get_height (reference));
}

static void
test_orientation (gconstpointer data)
{
  int orientation = GPOINTER_TO_INT (data);
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (320, 200);
  g_autoptr(GBytes) plain = save_to_bytes (drawn, "jpeg");
  g_autoptr(GBytes) tagged = with_orientation (plain, orientation);
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GdkPixbuf) expected = NULL;
  g_autoptr(GdkPixbuf) sent = NULL;
  g_autoptr(GdkPixbuf) tagged_pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("orientation-%d.jpg", orientation);
  g_autofree char *description = NULL;

  image = lineup_image_new_from_bytes (tagged, name, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_image_get_orientation (image), ==, orientation);

  /* gdk-pixbuf's own reading of the tag, as a second reference */
  tagged_pixbuf = decode (tagged);
  expected = gdk_pixbuf_apply_embedded_orientation (tagged_pixbuf);
  sent = decode (lineup_image_get_bytes (image));
  g_assert_cmpfloat (mean_difference (sent, expected), <, 4.0);
  g_assert_cmpint (lineup_image_get_width (image), ==, gdk_pixbuf_get_width (expected));
  g_assert_cmpint (gdk_pixbuf_get_width (lineup_image_get_preview (image)), ==, gdk_pixbuf_get_width (expected));

  description = lineup_image_dup_description (image);
  if (orientation == 1)
    {
      /* upright and small: the bytes go as they are */
      g_assert_true (g_bytes_equal (lineup_image_get_bytes (image), tagged));
      g_assert_true (g_str_has_prefix (description, "sent as is"));
    }
  else
    {
      g_assert_true (lineup_image_get_reencoded (image));
      g_assert_true (strstr (description, orientation == 6 ? "rotated 90°" : "") != NULL);
    }

  if (have_convert ())
    assert_oriented_like_imagemagick (tagged, name);
}

/* A realistic photo: fractal plasma, blur, sensor noise, EXIF written by
 * exiftool when it is there (by hand otherwise), as a phone would. */
static void
test_realistic_photo (void)
{
  g_autofree char *path = tmp_path ("photo.jpg");
  g_autofree char *command = NULL;
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  g_autoptr(GBytes) bytes = NULL;

  if (!have_convert ())
    {
      g_test_skip ("ImageMagick is not installed");
      return;
    }
  command = g_strdup_printf ("convert -size 1600x1200 -seed 7 plasma:fractal -blur 0x1 -attenuate 0.4 "
                             "+noise Gaussian -sampling-factor 2x2 -quality 92 '%s'", path);
  run (command);
  if (exiftool != NULL)
    {
      g_autofree char *tag = g_strdup_printf ("exiftool -q -overwrite_original -n -Orientation=6 "
                                              "-Make=Lineup -Model=Test '%s'", path);
      run (tag);
      bytes = read_file (path);
    }
  else
    {
      g_autoptr(GBytes) plain = read_file (path);
      bytes = with_orientation (plain, 6);
    }
  assert_oriented_like_imagemagick (bytes, "photo.jpg");
}

static void
test_real_photos (void)
{
  const char *dir = g_getenv ("LINEUP_TEST_PHOTOS");
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n = 0;

  if (dir == NULL || !have_convert ())
    {
      g_test_skip ("set LINEUP_TEST_PHOTOS to a folder of JPEG photos");
      return;
    }
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (!g_str_has_suffix (name, ".jpg") && !g_str_has_suffix (name, ".jpeg"))
        continue;
      bytes = read_file (path);
      assert_oriented_like_imagemagick (bytes, name);
      n++;
    }
  g_test_message ("%u real photos matched convert -auto-orient", n);
}

/* Refused with @code, and the message names the file. */
static void
check_refusal (LineupImage  *image,
               const GError *error,
               int           code,
               const char   *name)
{
  g_assert_null (image);
  g_assert_error (error, LINEUP_IMAGE_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
  g_test_message ("%s: %s", name, error->message);
}

static void
assert_refused (GBytes     *bytes,
                const char *name,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupImage) image = lineup_image_new_from_bytes (bytes, name, &error);

  check_refusal (image, error, code, name);
}

static void
test_pixel_bomb (void)
{
  /* A PNG whose header claims 46000 × 46000: refused before any decode. */
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0xB3, 0xB0, 0, 0, 0xB3, 0xB0, 8, 2, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 'I', 'D', 'A', 'T', 0, 0, 0, 0, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_auto(LineupImageHeader) header = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_image_read_header (bytes, "bomb.png", &header, &error));
  g_assert_cmpstr (header.format, ==, "png");
  g_assert_cmpint (header.width, ==, 46000);
  assert_refused (bytes, "bomb.png", LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS);
}

static void
test_pixel_setting (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (1200, 900);
  g_autoptr(GBytes) bytes = save_to_bytes (drawn, "png");
  LineupImageOptions options = LINEUP_IMAGE_OPTIONS_INIT;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GError) error = NULL;

  options.max_pixels = 1000000;
  image = lineup_image_new_from_bytes_full (bytes, "big.png", &options, NULL, &error);
  g_assert_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS);
  g_assert_null (image);
  g_assert_nonnull (strstr (error->message, "up to 1 MP"));
}

static void
test_refusals (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (200, 150);
  g_autoptr(GBytes) jpeg = save_to_bytes (drawn, "jpeg");
  g_autoptr(GBytes) png = save_to_bytes (drawn, "png");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) cut_jpeg = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  g_autoptr(GBytes) cut_png = g_bytes_new_from_bytes (png, 0, 20);
  g_autoptr(GBytes) text = g_bytes_new_static ("Dear operator,\nthis is not a photo.\n", 36);
  g_autoptr(GdkPixbuf) tiny = draw_asymmetric (40, 30);
  g_autoptr(GBytes) tiny_png = save_to_bytes (tiny, "png");

  assert_refused (empty, "empty.jpg", LINEUP_IMAGE_ERROR_EMPTY);
  assert_refused (cut_jpeg, "cut.jpg", LINEUP_IMAGE_ERROR_TRUNCATED);
  assert_refused (cut_png, "cut.png", LINEUP_IMAGE_ERROR_TRUNCATED);
  assert_refused (text, "notes.txt", LINEUP_IMAGE_ERROR_NOT_AN_IMAGE);
  assert_refused (tiny_png, "tiny.png", LINEUP_IMAGE_ERROR_TOO_SMALL);

  /* A JPEG whose frame header claims 13-bit samples */
  {
    gsize len;
    guint8 *data = g_bytes_unref_to_data (g_bytes_ref (jpeg), &len);
    g_autoptr(GBytes) damaged = NULL;

    for (gsize i = 0; i + 4 < len; i++)
      if (data[i] == 0xFF && data[i + 1] == 0xC0)
        {
          data[i + 4] = 13;
          break;
        }
    damaged = g_bytes_new_take (data, len);
    assert_refused (damaged, "damaged.jpg", LINEUP_IMAGE_ERROR_DAMAGED);
  }
}

static void
assert_file_refused (const char       *path,
                     int               code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(LineupImage) image = lineup_image_load (file, NULL, &error);

  check_refusal (image, error, code, base);
}

static void
test_file_refusals (void)
{
  g_autofree char *folder = tmp_path ("folder.jpg");
  g_autofree char *missing = tmp_path ("missing.jpg");
  g_autofree char *locked = tmp_path ("locked.jpg");

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  assert_file_refused (folder, LINEUP_IMAGE_ERROR_NOT_A_FILE);
  assert_file_refused (missing, LINEUP_IMAGE_ERROR_UNREADABLE);
  /* An I/O error after the file opened */
  assert_file_refused ("/proc/self/mem", LINEUP_IMAGE_ERROR_UNREADABLE);

  if (geteuid () != 0)
    {
      g_assert_true (g_file_set_contents (locked, "x", 1, NULL));
      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      assert_file_refused (locked, LINEUP_IMAGE_ERROR_UNREADABLE);
    }
}

static void
test_passthrough (void)
{
  const char *types[] = { "png", "jpeg", "bmp" };
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (640, 480);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GBytes) bytes = save_to_bytes (drawn, types[i]);
      g_autoptr(LineupImage) image = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *type = g_strconcat ("image/", types[i], NULL);

      image = lineup_image_new_from_bytes (bytes, "photo", &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (lineup_image_get_bytes (image), bytes));
      g_assert_cmpstr (lineup_image_get_content_type (image), ==, type);
      g_assert_false (lineup_image_get_reencoded (image));
      g_assert_cmpint (lineup_image_get_quality (image), ==, 0);
      g_assert_nonnull (lineup_image_get_preview (image));
    }
}

static void
test_scaled_caption (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (6000, 4000);
  g_autoptr(GBytes) bytes = save_to_bytes (drawn, "jpeg");
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  GdkPixbuf *preview;

  image = lineup_image_new_from_bytes (bytes, "big.jpg", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_image_get_source_width (image), ==, 6000);
  g_assert_cmpint (lineup_image_get_source_height (image), ==, 4000);
  g_assert_cmpint (lineup_image_get_width (image), ==, 4096);
  g_assert_cmpint (lineup_image_get_height (image), ==, 2731);
  g_assert_cmpuint (g_bytes_get_size (lineup_image_get_bytes (image)), <=, LINEUP_IMAGE_MAX_BYTES);
  description = lineup_image_dup_description (image);
  g_assert_true (g_str_has_prefix (description, "scaled 6000×4000 → 4096×2731, "));
  g_assert_true (g_str_has_suffix (description, " JPEG"));

  preview = lineup_image_get_preview (image);
  g_assert_cmpint (gdk_pixbuf_get_width (preview), ==, LINEUP_IMAGE_PREVIEW_SIDE);
  g_assert_cmpfloat_with_epsilon (lineup_image_get_preview_scale (image), 1024.0 / 6000, 1e-6);
}

static void
test_max_side_setting (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (1500, 1000);
  g_autoptr(GBytes) bytes = save_to_bytes (drawn, "png");
  LineupImageOptions options = LINEUP_IMAGE_OPTIONS_INIT;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GdkPixbuf) sent = NULL;
  g_autoptr(GdkPixbuf) expected = NULL;
  g_autoptr(GError) error = NULL;

  options.max_side = 600;
  image = lineup_image_new_from_bytes_full (bytes, "wide.png", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_image_get_width (image), ==, 600);
  g_assert_cmpint (lineup_image_get_height (image), ==, 400);
  g_assert_cmpstr (lineup_image_get_filename (image), ==, "wide.jpg");

  /* a good resample: close to gdk-pixbuf's best filter */
  sent = decode (lineup_image_get_bytes (image));
  expected = gdk_pixbuf_scale_simple (drawn, 600, 400, GDK_INTERP_HYPER);
  g_assert_cmpfloat (mean_difference (sent, expected), <, 4.0);
}

static guint8 *
pixel (GdkPixbuf *p,
       int        x,
       int        y)
{
  return gdk_pixbuf_get_pixels (p) + y * gdk_pixbuf_get_rowstride (p) + x * gdk_pixbuf_get_n_channels (p);
}

static void
test_crop (gconstpointer data)
{
  int orientation = GPOINTER_TO_INT (data);
  g_autoptr(GdkPixbuf) drawn = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2000, 1200);
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(LineupImage) cropped = NULL;
  g_autoptr(GdkPixbuf) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  LineupImageRect crop = { 1500, 200, 160, 120 }, got;
  guint8 *centre;

  /* A red face-sized patch in an upright grey picture, stored turned so
   * that the tag puts it back. */
  gdk_pixbuf_fill (drawn, 0x808080ff);
  upright = gdk_pixbuf_new_subpixbuf (drawn, crop.x, crop.y, crop.width, crop.height);
  gdk_pixbuf_fill (upright, 0xff0000ff);
  g_clear_object (&upright);
  switch (orientation)
    {
    case 6: stored = gdk_pixbuf_rotate_simple (drawn, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE); break;
    case 3: stored = gdk_pixbuf_rotate_simple (drawn, GDK_PIXBUF_ROTATE_UPSIDEDOWN); break;
    default: stored = g_object_ref (drawn); break;
    }
  plain = save_to_bytes (stored, "jpeg");
  bytes = with_orientation (plain, orientation);

  image = lineup_image_new_from_bytes (bytes, "group.jpg", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_image_get_source_width (image), ==, 2000);
  g_assert_false (lineup_image_get_crop (image, NULL));

  cropped = lineup_image_crop (image, &crop, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_image_get_crop (cropped, &got));
  g_assert_cmpint (got.x, ==, crop.x);
  g_assert_cmpint (got.width, ==, crop.width);
  g_assert_cmpint (lineup_image_get_width (cropped), ==, 160);
  g_assert_cmpint (lineup_image_get_height (cropped), ==, 120);
  g_assert_cmpint (lineup_image_get_source_width (cropped), ==, 2000);

  sent = decode (lineup_image_get_bytes (cropped));
  centre = pixel (sent, 80, 60);
  g_assert_cmpint (centre[0], >, 200);
  g_assert_cmpint (centre[1], <, 40);
  centre = pixel (sent, 2, 2);
  g_assert_cmpint (centre[0], >, 180);

  description = lineup_image_dup_description (cropped);
  g_assert_nonnull (strstr (description, "cropped to 160×120 at 1500,200"));
}

static void
test_bad_crop (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (400, 300);
  g_autoptr(GBytes) bytes = save_to_bytes (drawn, "png");
  g_autoptr(LineupImage) image = lineup_image_new_from_bytes (bytes, "p.png", NULL);
  LineupImageRect outside = { 300, 200, 200, 200 }, small = { 10, 10, 20, 20 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupImage) cropped = NULL;

  cropped = lineup_image_crop (image, &outside, NULL, &error);
  g_assert_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_BAD_CROP);
  g_clear_error (&error);
  cropped = lineup_image_crop (image, &small, NULL, &error);
  g_assert_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_BAD_CROP);
  g_assert_null (cropped);
}

static void
test_converted_formats (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (300, 200);
  const char *types[] = { "tiff", "webp" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(LineupImage) image = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) sent = NULL;
      g_autofree char *description = NULL;
      g_autofree char *name = g_strconcat ("scan.", types[i], NULL);
      char *buffer = NULL;
      gsize size;

      if (!gdk_pixbuf_save_to_buffer (drawn, &buffer, &size, types[i], NULL, NULL))
        {
          g_test_message ("no gdk-pixbuf saver for %s", types[i]);
          continue;
        }
      bytes = g_bytes_new_take (buffer, size);
      image = lineup_image_new_from_bytes (bytes, name, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (lineup_image_get_content_type (image), ==, "image/jpeg");
      g_assert_cmpstr (lineup_image_get_filename (image), ==, "scan.jpg");
      g_assert_true (lineup_image_get_converted (image));
      description = lineup_image_dup_description (image);
      g_assert_true (g_str_has_prefix (description, "converted from "));
      sent = decode (lineup_image_get_bytes (image));
      g_assert_cmpfloat (mean_difference (sent, drawn), <, 4.0);
    }
}

static void
test_multi_page (void)
{
  g_autofree char *small_first = tmp_path ("small-first.tiff");
  g_autofree char *big_first = tmp_path ("big-first.tiff");
  g_autofree char *command = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  if (!have_convert ())
    {
      g_test_skip ("ImageMagick is not installed");
      return;
    }
  command = g_strdup_printf ("convert -size 10x15 xc:red -size 400x300 gradient:blue-white '%s'", small_first);
  run (command);
  g_free (command);
  command = g_strdup_printf ("convert -size 400x300 gradient:blue-white -size 10x15 xc:red xc:green '%s'", big_first);
  run (command);

  bytes = read_file (small_first);
  image = lineup_image_new_from_bytes (bytes, "small-first.tiff", &error);
  g_assert_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_SMALL);
  g_assert_true (g_str_has_prefix (error->message, "Page 1 of 2 of “small-first.tiff” is only 10 × 15 px"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = read_file (big_first);
  image = lineup_image_new_from_bytes (bytes, "big-first.tiff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_image_get_n_pages (image), ==, 3);
  description = lineup_image_dup_description (image);
  g_assert_true (g_str_has_prefix (description, "page 1 of 3, converted from TIFF"));
}

static void
test_gif_first_frame (void)
{
  g_autofree char *path = tmp_path ("wave.gif");
  g_autofree char *command = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  LineupImageOptions options = LINEUP_IMAGE_OPTIONS_INIT;
  g_autoptr(GdkPixbuf) sent = NULL;

  if (!have_convert ())
    {
      g_test_skip ("ImageMagick is not installed");
      return;
    }
  command = g_strdup_printf ("convert -delay 10 -size 200x150 xc:red xc:green xc:blue '%s'", path);
  run (command);
  bytes = read_file (path);

  image = lineup_image_new_from_bytes (bytes, "wave.gif", &error);
  g_assert_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_ANIMATED);
  g_assert_nonnull (strstr (error->message, "3 frames"));
  g_clear_error (&error);

  options.flags = LINEUP_IMAGE_FLAGS_FIRST_FRAME;
  image = lineup_image_new_from_bytes_full (bytes, "wave.gif", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lineup_image_get_first_frame (image));
  g_assert_cmpstr (lineup_image_get_content_type (image), ==, "image/jpeg");
  description = lineup_image_dup_description (image);
  g_assert_true (g_str_has_prefix (description, "first frame of 3, converted from GIF"));
  sent = decode (lineup_image_get_bytes (image));
  g_assert_cmpint (pixel (sent, 100, 75)[0], >, 200);   /* red: the first frame */
}

static void
test_alpha_flattened (void)
{
  g_autoptr(GdkPixbuf) clear = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 300, 200);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GdkPixbuf) sent = NULL;
  LineupImageOptions options = LINEUP_IMAGE_OPTIONS_INIT;

  gdk_pixbuf_fill (clear, 0x00000000);
  bytes = save_to_bytes (clear, "png");
  options.max_side = 100;
  image = lineup_image_new_from_bytes_full (bytes, "clear.png", &options, NULL, NULL);
  g_assert_nonnull (image);
  sent = decode (lineup_image_get_bytes (image));
  g_assert_cmpint (pixel (sent, 50, 33)[0], >, 245);   /* white, not black */
}

static void
test_cancelled (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (3000, 2000);
  g_autoptr(GBytes) bytes = save_to_bytes (drawn, "jpeg");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  image = lineup_image_new_from_bytes_full (bytes, "big.jpg", NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (image);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The preparing thread drops its reference just after the result is
 * delivered: wait for it, so nothing is alive at exit. */
static void
release_result (GAsyncResult **result)
{
  GAsyncResult *weak = *result;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *)&weak);
  g_clear_object (result);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);
}

static void
test_async (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (2000, 1500);
  g_autoptr(GBytes) bytes = save_to_bytes (drawn, "jpeg");
  g_autofree char *path = tmp_path ("async.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(LineupImage) cropped = NULL;
  g_autoptr(GError) error = NULL;
  LineupImageRect crop = { 100, 100, 500, 400 };

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  lineup_image_load_full_async (file, NULL, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  image = lineup_image_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_image_get_source_name (image), ==, "async.jpg");
  release_result (&result);

  lineup_image_crop_async (image, &crop, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  cropped = lineup_image_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_image_get_width (cropped), ==, 500);
  release_result (&result);
}

/* The asymmetric drawing with sensor noise, for the resampler: hard
 * edges that overshoot and texture in every pixel. */
static GdkPixbuf *
draw_noisy (int width,
            int height)
{
  GdkPixbuf *p = draw_asymmetric (width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  guint8 *pixels = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = CLAMP (pixels[y * stride + x] + g_rand_int_range (rand, -20, 21), 0, 255);
  return p;
}

static LineupImage *
prepare_with_simd (GBytes                   *bytes,
                   const char               *name,
                   const LineupImageOptions *options,
                   const char               *simd)
{
  g_autoptr(GError) error = NULL;
  LineupImage *image;

  if (simd != NULL)
    g_setenv ("LINEUP_IMAGE_SIMD", simd, TRUE);
  else
    g_unsetenv ("LINEUP_IMAGE_SIMD");
  image = lineup_image_new_from_bytes_full (bytes, name, options, NULL, &error);
  g_unsetenv ("LINEUP_IMAGE_SIMD");
  g_assert_no_error (error);
  return image;
}

/* The resampler's AVX2, SSE2 and plain loops compute the same integer
 * sums: what is sent must not depend on the processor, bit for bit,
 * for the JPEG path (4-byte rows, two threads) and gdk-pixbuf's
 * (3-byte rows), scaled the way a 24 MP photo is and cropped. */
static void
test_simd_levels_agree (void)
{
  static const char *levels[] = { "sse2", "none" };
  g_autoptr(GdkPixbuf) drawn = draw_noisy (1503, 1001);
  g_autoptr(GBytes) jpeg = save_to_bytes (drawn, "jpeg");
  g_autoptr(GBytes) png = save_to_bytes (drawn, "png");
  LineupImageOptions scaled = LINEUP_IMAGE_OPTIONS_INIT;
  LineupImageOptions cropped = LINEUP_IMAGE_OPTIONS_INIT;

  scaled.max_side = 1026;
  cropped.max_side = 300;
  cropped.crop = (LineupImageRect) { 101, 57, 1001, 703 };

  for (int i = 0; i < 4; i++)
    {
      GBytes *source = i % 2 ? png : jpeg;
      const char *name = i % 2 ? "noisy.png" : "noisy.jpg";
      const LineupImageOptions *options = i < 2 ? &scaled : &cropped;
      g_autoptr(LineupImage) best = prepare_with_simd (source, name, options, NULL);

      for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
        {
          g_autoptr(LineupImage) other = prepare_with_simd (source, name, options, levels[l]);

          g_assert_true (g_bytes_equal (lineup_image_get_bytes (best), lineup_image_get_bytes (other)));
          g_assert_cmpfloat (mean_difference (lineup_image_get_preview (best), lineup_image_get_preview (other)), ==, 0.0);
        }
    }
}

static void
test_header (void)
{
  g_autoptr(GdkPixbuf) drawn = draw_asymmetric (123, 77);
  g_autoptr(GBytes) bmp = save_to_bytes (drawn, "bmp");
  g_autoptr(GBytes) jpeg = save_to_bytes (drawn, "jpeg");
  g_autoptr(GBytes) tagged = with_orientation (jpeg, 8);
  g_auto(LineupImageHeader) header = { 0 };
  g_auto(LineupImageHeader) header2 = { 0 };

  g_assert_true (lineup_image_read_header (bmp, "a.bmp", &header, NULL));
  g_assert_cmpstr (header.format, ==, "bmp");
  g_assert_cmpint (header.width, ==, 123);
  g_assert_cmpint (header.height, ==, 77);
  g_assert_true (lineup_image_read_header (tagged, "a.jpg", &header2, NULL));
  g_assert_cmpint (header2.orientation, ==, 8);
  g_assert_cmpint (header2.width, ==, 123);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *command = NULL;
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("lineup-image-XXXXXX", NULL);

  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *path = g_strdup_printf ("/lineup/api/image/orientation/%d", i);
      g_test_add_data_func (path, GINT_TO_POINTER (i), test_orientation);
    }
  g_test_add_func ("/lineup/api/image/realistic-photo", test_realistic_photo);
  g_test_add_func ("/lineup/api/image/real-photos", test_real_photos);
  g_test_add_func ("/lineup/api/image/header", test_header);
  g_test_add_func ("/lineup/api/image/pixel-bomb", test_pixel_bomb);
  g_test_add_func ("/lineup/api/image/pixel-setting", test_pixel_setting);
  g_test_add_func ("/lineup/api/image/refusals", test_refusals);
  g_test_add_func ("/lineup/api/image/file-refusals", test_file_refusals);
  g_test_add_func ("/lineup/api/image/passthrough", test_passthrough);
  g_test_add_func ("/lineup/api/image/scaled-caption", test_scaled_caption);
  g_test_add_func ("/lineup/api/image/max-side-setting", test_max_side_setting);
  g_test_add_func ("/lineup/api/image/simd-levels-agree", test_simd_levels_agree);
  g_test_add_data_func ("/lineup/api/image/crop/upright", GINT_TO_POINTER (1), test_crop);
  g_test_add_data_func ("/lineup/api/image/crop/rotated-90", GINT_TO_POINTER (6), test_crop);
  g_test_add_data_func ("/lineup/api/image/crop/rotated-180", GINT_TO_POINTER (3), test_crop);
  g_test_add_func ("/lineup/api/image/bad-crop", test_bad_crop);
  g_test_add_func ("/lineup/api/image/converted-formats", test_converted_formats);
  g_test_add_func ("/lineup/api/image/multi-page", test_multi_page);
  g_test_add_func ("/lineup/api/image/gif-first-frame", test_gif_first_frame);
  g_test_add_func ("/lineup/api/image/alpha-flattened", test_alpha_flattened);
  g_test_add_func ("/lineup/api/image/cancelled", test_cancelled);
  g_test_add_func ("/lineup/api/image/async", test_async);

  status = g_test_run ();

  command = g_strdup_printf ("rm -rf '%s'", tmpdir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (tmpdir);
  return status;
}
