/* bench-image-prep.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "lineup-image.h"

/* Not pass/fail: `meson test --benchmark image-prep`. Makes a 24 MP and
 * a 12 MP photo-like JPEG, then times, in interleaved rounds on the same
 * files, `convert IN -resize 4096x4096 -quality 90 OUT` against this
 * program preparing them the way the app does (each in its own process,
 * so both pay start-up and both report their own peak RSS), and prints
 * the medians and ratios. Then it measures the longest main-loop stall
 * while lineup_image_load_full_async() prepares the 24 MP photo. */

#define MAX_ROUNDS 31

/* LINEUP_BENCH_rounds overrides the default 7. */
static int rounds = 7;

extern char **environ;

/* Smooth shapes, edges and sensor noise, 4:2:0 at quality 92: about what
 * a camera writes, in a second rather than ImageMagick's plasma's 20. */
static void
make_photo (const char *path,
            int         width,
            int         height)
{
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double u = (double)x / width, v = (double)y / height;
        guint8 *d = pixels + (gsize)y * stride + (gsize)x * 3;
        double base = 110 + 60 * sin (u * 9.0 + v * 3.0) * cos (v * 7.0 - u * 2.0);
        double edge = ((int)(u * 40) + (int)(v * 30)) % 7 == 0 ? 35 : 0;

        for (int c = 0; c < 3; c++)
          {
            double value = base + edge + 25 * sin ((u + v) * (4 + c) * 3.1) + g_rand_double_range (rand, -14, 14);
            d[c] = (guint8)CLAMP (value, 0, 255);
          }
      }
  gdk_pixbuf_save (p, path, "jpeg", &error, "quality", "92", NULL);
  g_assert_no_error (error);
}

typedef struct
{
  double ms;
  double rss_mib;
} Run;

static Run
run_process (char **argv)
{
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid;
  Run run;

  if (posix_spawnp (&pid, argv[0], NULL, NULL, argv, environ) != 0)
    g_error ("could not start %s", argv[0]);
  wait4 (pid, &status, 0, &usage);
  run.ms = (g_get_monotonic_time () - start) / 1000.0;
  run.rss_mib = usage.ru_maxrss / 1024.0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed", argv[0]);
  return run;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
bench_size (const char *self,
            const char *dir,
            const char *label,
            int         width,
            int         height,
            double      target)
{
  g_autofree char *in = g_strdup_printf ("%s/%s.jpg", dir, label);
  g_autofree char *out_im = g_strdup_printf ("%s/%s-im.jpg", dir, label);
  g_autofree char *out_lineup = g_strdup_printf ("%s/%s-lineup.jpg", dir, label);
  char *convert[] = { "convert", in, "-resize", "4096x4096", "-quality", "90", out_im, NULL };
  char *prepare[] = { (char *)self, "--prepare", in, out_lineup, NULL };
  double im_ms[MAX_ROUNDS], lineup_ms[MAX_ROUNDS], im_rss[MAX_ROUNDS], lineup_rss[MAX_ROUNDS], ratios[MAX_ROUNDS];
  double lineup_rss_max = 0;
  GStatBuf st;

  /* Drawn in a child: a parent that once held 72 MB of pixels would
   * pass that peak on to every child's ru_maxrss. */
  {
    g_autofree char *w = g_strdup_printf ("%d", width);
    g_autofree char *h = g_strdup_printf ("%d", height);
    char *make[] = { (char *)self, "--make", in, w, h, NULL };

    run_process (make);
  }
  g_stat (in, &st);

  /* Interleaved, so a burst of load elsewhere hits both alike. */
  for (int i = 0; i < rounds; i++)
    {
      Run a = run_process (convert);
      Run b = run_process (prepare);

      im_ms[i] = a.ms;
      im_rss[i] = a.rss_mib;
      lineup_ms[i] = b.ms;
      lineup_rss[i] = b.rss_mib;
      ratios[i] = b.ms / a.ms;
      lineup_rss_max = MAX (lineup_rss_max, b.rss_mib);
    }

  printf ("%s (%d×%d, %.1f MB JPEG), %d interleaved rounds:\n", label, width, height, st.st_size / 1e6, rounds);
  printf ("  ImageMagick convert -resize 4096x4096 -quality 90: median %.0f ms, peak RSS %.0f MiB\n",
          median (im_ms, rounds), median (im_rss, rounds));
  printf ("  Lineup prepare (same file, own process):           median %.0f ms, peak RSS %.1f MiB (max %.1f)\n",
          median (lineup_ms, rounds), median (lineup_rss, rounds), lineup_rss_max);
  printf ("  ratio Lineup / ImageMagick: median of per-round ratios %.3f× (target ≤ %.2f×)\n",
          median (ratios, rounds), target);
}

typedef struct
{
  GMainLoop *loop;
  gint64     last;
  gint64     longest;
  gboolean   done;
} Stall;

static gboolean
tick (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static void
prepared (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  Stall *stall = data;
  g_autoptr(LineupImage) image = lineup_image_load_finish (result, NULL);

  g_assert_nonnull (image);
  stall->done = TRUE;
  g_main_loop_quit (stall->loop);
}

static void
bench_stall (const char *dir)
{
  g_autofree char *in = g_strdup_printf ("%s/24MP.jpg", dir);
  g_autoptr(GFile) file = g_file_new_for_path (in);
  double stalls[MAX_ROUNDS];

  for (int i = 0; i < rounds; i++)
    {
      Stall stall = { g_main_loop_new (NULL, FALSE), g_get_monotonic_time (), 0, FALSE };
      guint id = g_timeout_add (2, tick, &stall);

      lineup_image_load_full_async (file, NULL, NULL, prepared, &stall);
      g_main_loop_run (stall.loop);
      g_source_remove (id);
      g_main_loop_unref (stall.loop);
      /* A 2 ms timer: what is beyond it is the stall. */
      stalls[i] = MAX (0, stall.longest / 1000.0 - 2.0);
    }
  printf ("Main loop while the 24 MP photo is prepared asynchronously (2 ms timer), %d rounds:\n", rounds);
  printf ("  longest stall: median %.1f ms, worst %.1f ms (target ≤ 16 ms)\n",
          median (stalls, rounds), (qsort (stalls, rounds, sizeof *stalls, compare_doubles), stalls[rounds - 1]));
}

/* The pixel bomb of issue 9: a PNG that says 46000 × 46000 followed by
 * 6 MB of data. It must be refused from its header. */
static void
bench_bomb (void)
{
  static const guint8 head[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0xB3, 0xB0, 0, 0, 0xB3, 0xB0, 8, 2, 0, 0, 0, 0, 0, 0, 0,
  };
  gsize len = 6 * 1000 * 1000;
  guint8 *data = g_malloc0 (len);
  g_autoptr(GBytes) bytes = NULL;
  double times[MAX_ROUNDS];

  memcpy (data, head, sizeof head);
  bytes = g_bytes_new_take (data, len);
  for (int i = 0; i < rounds; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LineupImage) image = NULL;
      gint64 start = g_get_monotonic_time ();

      image = lineup_image_new_from_bytes (bytes, "bomb.png", &error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS);
    }
  printf ("46000×46000 PNG header with 6 MB of data: refused in median %.3f ms\n", median (times, rounds));
}

static int
prepare_one (const char *in,
             const char *out)
{
  g_autoptr(GFile) file = g_file_new_for_path (in);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupImage) image = lineup_image_load (file, NULL, &error);
  GBytes *bytes;

  if (image == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  bytes = lineup_image_get_bytes (image);
  return g_file_set_contents (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *convert = g_find_program_in_path ("convert");
  g_autofree char *self = NULL;
  g_autofree char *command = NULL;

  if (argc == 4 && strcmp (argv[1], "--prepare") == 0)
    return prepare_one (argv[2], argv[3]);
  if (argc == 5 && strcmp (argv[1], "--make") == 0)
    {
      make_photo (argv[2], atoi (argv[3]), atoi (argv[4]));
      return 0;
    }

  if (convert == NULL)
    {
      printf ("ImageMagick's convert is not installed: no baseline, nothing measured\n");
      return 0;
    }

  if (g_getenv ("LINEUP_BENCH_ROUNDS"))
    rounds = CLAMP (atoi (g_getenv ("LINEUP_BENCH_ROUNDS")), 1, MAX_ROUNDS);
  self = g_file_read_link ("/proc/self/exe", NULL);
  dir = g_dir_make_tmp ("lineup-bench-image-XXXXXX", NULL);
  printf ("%u CPUs\n", g_get_num_processors ());
  bench_size (self, dir, "24MP", 6000, 4000, 0.12);
  bench_size (self, dir, "12MP", 4000, 3000, 0.10);
  bench_stall (dir);
  bench_bomb ();

  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  return 0;
}
