/* bench-demo-search.c — not a pass/fail test: `meson test --benchmark`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libsoup/soup.h>

#include "lineup-demo-portrait.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-signer.h"
#include "lineup-test-util.h"

/* 200 concurrent searches against a library of 10,000 enrolled faces on
 * the demo service, over HTTP on 127.0.0.1: searches per second, p50 and
 * p95 latency, and the memory the 10,000 faces take. The faces are
 * enrolled through the store's C API with features of a few dozen
 * synthetic people, so setting up takes seconds, not minutes; each face
 * gets its own copy of the feature and of a thumbnail, as an enrolment
 * over HTTP would.
 *
 * Machines differ and are noisy, so besides the bare figures it prints
 * ratios against a baseline measured in the same run (one search at a
 * time over HTTP, one scan of the library without HTTP), and how many
 * CPUs the process kept busy: on a shared machine that tells a slow
 * service from a busy neighbour. */

#define N_FACES        10000
#define N_PEOPLE       40
#define N_CONCURRENT   200
#define N_ROUNDS       3
#define N_SEQUENTIAL   20
#define GROUP_ID       "bench"

typedef struct
{
  gint64  started;
  double *latencies;    /* ms, one per request */
  guint   done;
  guint   failed;
} Round;

typedef struct
{
  Round *round;
  guint  index;
} Pending;

static gint64
vm_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, "VmRSS:")))
    return -1;
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

static double
percentile (double *sorted,
            guint   n,
            double  p)
{
  guint i = (guint)(p * (n - 1) + 0.5);

  return sorted[MIN (i, n - 1)];
}

static SoupMessage *
search_message (LineupDemoServer *server,
                LineupSigner     *signer,
                GBytes           *probe)
{
  g_autofree char *url = g_strdup_printf ("%s/search", lineup_demo_server_get_base_url (server));
  g_autofree char *sign = lineup_signer_sign (signer);
  SoupMultipart *multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  SoupMessage *msg;

  soup_multipart_append_form_string (multipart, "sign", sign);
  soup_multipart_append_form_string (multipart, "sign_version", LINEUP_SIGN_VERSION);
  soup_multipart_append_form_string (multipart, "group_id", GROUP_ID);
  soup_multipart_append_form_string (multipart, "limit", "5");
  soup_multipart_append_form_file (multipart, "file", "probe.jpg", "image/jpeg", probe);
  msg = soup_message_new_from_multipart (url, multipart);
  soup_multipart_free (multipart);

  return msg;
}

static void
search_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Pending *pending = user_data;
  Round *round = pending->round;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  round->latencies[pending->index] = (g_get_monotonic_time () - round->started) / 1000.0;
  if (body == NULL || soup_message_get_status (msg) != 200)
    {
      round->failed++;
      if (round->failed == 1)
        fprintf (stderr, "search failed: %s (HTTP %u)\n", error ? error->message : "",
                 soup_message_get_status (msg));
    }
  round->done++;
  g_free (pending);
}

static double
run_round (SoupSession      *session,
           LineupDemoServer *server,
           LineupSigner     *signer,
           GBytes           *probe,
           double           *p50,
           double           *p95,
           guint            *failed)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  Round round = { 0 };
  double seconds;

  round.latencies = g_new0 (double, N_CONCURRENT);
  for (guint i = 0; i < N_CONCURRENT; i++)
    g_ptr_array_add (messages, search_message (server, signer, probe));

  /* All requests leave at once; each one's latency runs from there to
   * its reply, so it includes the wait for a connection and a worker. */
  round.started = g_get_monotonic_time ();
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->round = &round;
      pending->index = i;
      soup_session_send_and_read_async (session, g_ptr_array_index (messages, i), G_PRIORITY_DEFAULT,
                                        NULL, search_done, pending);
    }
  while (round.done < N_CONCURRENT)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - round.started) / (double)G_USEC_PER_SEC;

  qsort (round.latencies, N_CONCURRENT, sizeof (double), lineup_test_compare_doubles);
  *p50 = percentile (round.latencies, N_CONCURRENT, 0.50);
  *p95 = percentile (round.latencies, N_CONCURRENT, 0.95);
  *failed = round.failed;
  g_free (round.latencies);

  return N_CONCURRENT / seconds;
}

static double
sequential_ms (SoupSession      *session,
               LineupDemoServer *server,
               LineupSigner     *signer,
               GBytes           *probe)
{
  double times[N_SEQUENTIAL];

  for (guint i = 0; i < N_SEQUENTIAL; i++)
    {
      g_autoptr(SoupMessage) msg = search_message (server, signer, probe);
      g_autoptr(GBytes) body = NULL;
      gint64 start = g_get_monotonic_time ();

      body = soup_session_send_and_read (session, msg, NULL, NULL);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (body == NULL || soup_message_get_status (msg) != 200)
        g_error ("A sequential search failed (HTTP %u)", soup_message_get_status (msg));
    }
  qsort (times, N_SEQUENTIAL, sizeof (double), lineup_test_compare_doubles);
  return percentile (times, N_SEQUENTIAL, 0.5);
}

static double
scan_ms (LineupDemoStore   *store,
         LineupDemoFeature *probe)
{
  double times[N_SEQUENTIAL];

  for (guint i = 0; i < N_SEQUENTIAL; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) hits = lineup_demo_store_search (store, GROUP_ID, &probe, 1, 5, -1, NULL);

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (hits != NULL && hits->len == 5);
    }
  qsort (times, N_SEQUENTIAL, sizeof (double), lineup_test_compare_doubles);
  return percentile (times, N_SEQUENTIAL, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LineupDemoServer) server = lineup_demo_server_new (NULL, NULL);
  g_autoptr(LineupSigner) signer = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GdkPixbuf) probe_photo = NULL;
  g_autoptr(LineupDemoFeature) probe_feature = NULL;
  g_autoptr(GBytes) probe = NULL;
  g_autoptr(GError) error = NULL;
  LineupDemoFeature *features[N_PEOPLE];
  GBytes *thumbnails[N_PEOPLE];
  LineupDemoStore *store;
  double rates[N_ROUNDS], p50s[N_ROUNDS], p95s[N_ROUNDS], cores[N_ROUNDS];
  double one_ms, scan, best_rate = 0;
  gint64 rss_before, rss_after, enrol_us;
  guint best = 0;

  lineup_demo_server_set_seed (server, FALSE);
  if (!lineup_demo_server_start (server, 0, &error))
    g_error ("%s", error->message);
  store = lineup_demo_server_get_store (server);
  signer = lineup_signer_new (lineup_demo_server_get_api_key (server),
                              lineup_demo_server_get_api_secret (server));

  /* The people, drawn once; their memory is not counted below. */
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      LineupDemoPerson person;
      g_autoptr(GdkPixbuf) photo = NULL;
      g_autoptr(GdkPixbuf) small = NULL;
      char *jpeg = NULL;
      gsize size = 0;

      lineup_demo_person_init_from_seed (&person, 5000 + 37 * i);
      photo = lineup_demo_portrait_render (&person, NULL, 256, 320);
      if (!(features[i] = lineup_demo_feature_new_from_pixbuf (photo, &error)))
        g_error ("%s", error->message);
      small = gdk_pixbuf_scale_simple (photo, 96, 120, GDK_INTERP_BILINEAR);
      gdk_pixbuf_save_to_buffer (small, &jpeg, &size, "jpeg", NULL, "quality", "85", NULL);
      thumbnails[i] = g_bytes_new_take (jpeg, size);
    }
  {
    LineupDemoPerson person;
    LineupDemoVariation variation = LINEUP_DEMO_VARIATION_INIT;
    char *jpeg = NULL;
    gsize size = 0;

    /* A new photo of one of them: brighter, shifted. */
    lineup_demo_person_init_from_seed (&person, 5000 + 37 * 7);
    variation.brightness = 1.08;
    variation.dx = 0.02;
    probe_photo = lineup_demo_portrait_render (&person, &variation, 512, 640);
    gdk_pixbuf_save_to_buffer (probe_photo, &jpeg, &size, "jpeg", NULL, "quality", "90", NULL);
    probe = g_bytes_new_take (jpeg, size);
    probe_feature = lineup_demo_feature_new_from_pixbuf (probe_photo, NULL);
  }

  rss_before = vm_rss_kib ();
  enrol_us = g_get_monotonic_time ();
  if (!lineup_demo_store_create_group (store, GROUP_ID, "Benchmark", NULL, NULL, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < N_FACES; i++)
    {
      g_autofree char *user_id = g_strdup_printf ("user-%05u", i);
      g_autoptr(GBytes) thumbnail = g_bytes_new (g_bytes_get_data (thumbnails[i % N_PEOPLE], NULL),
                                                 g_bytes_get_size (thumbnails[i % N_PEOPLE]));
      g_autofree char *token = lineup_demo_store_add_face (store, GROUP_ID, user_id, "Benchmark face",
                                                           features[i % N_PEOPLE], thumbnail, &error);

      if (token == NULL)
        g_error ("%s", error->message);
    }
  enrol_us = g_get_monotonic_time () - enrol_us;
  rss_after = vm_rss_kib ();

  session = soup_session_new_with_options ("max-conns", N_CONCURRENT + 8,
                                           "max-conns-per-host", N_CONCURRENT + 8,
                                           "timeout", 120, NULL);

  scan = scan_ms (store, probe_feature);
  one_ms = sequential_ms (session, server, signer, probe);
  for (guint r = 0; r < N_ROUNDS; r++)
    {
      double cpu = lineup_test_cpu_seconds ();
      gint64 wall = g_get_monotonic_time ();
      guint failed = 0;

      rates[r] = run_round (session, server, signer, probe, &p50s[r], &p95s[r], &failed);
      /* How many CPUs the round kept busy, client and service together. */
      cores[r] = (lineup_test_cpu_seconds () - cpu) / ((g_get_monotonic_time () - wall) / (double)G_USEC_PER_SEC);
      if (failed > 0)
        g_error ("%u of %d searches failed", failed, N_CONCURRENT);
      if (rates[r] > best_rate)
        {
          best_rate = rates[r];
          best = r;
        }
    }

  printf ("demo service search benchmark: %d concurrent searches, library of %d faces, %u CPUs\n",
          N_CONCURRENT, N_FACES, g_get_num_processors ());
  printf ("memory: %.1f MiB RSS for %d faces (%.2f KiB per face; feature + 96x120 JPEG thumbnail)\n",
          (rss_after - rss_before) / 1024.0, N_FACES, (rss_after - rss_before) / (double)N_FACES);
  printf ("enrolment through the store API: %.0f ms for %d faces\n", enrol_us / 1000.0, N_FACES);
  for (guint r = 0; r < N_ROUNDS; r++)
    printf ("round %u: %.1f searches/s, p50 %.0f ms, p95 %.0f ms, %.2f CPUs busy\n",
            r + 1, rates[r], p50s[r], p95s[r], cores[r]);
  printf ("best round: %.1f searches/s, p50 %.0f ms, p95 %.0f ms; %.1f searches per CPU-second "
          "(%.2f of %u CPUs busy: other load on the machine lowers it)\n",
          rates[best], p50s[best], p95s[best], rates[best] / cores[best], cores[best],
          g_get_num_processors ());
  printf ("baseline: one search at a time over HTTP %.1f ms (%.1f searches/s); one scan of the library, "
          "no HTTP, no decoding %.1f ms\n", one_ms, 1000.0 / one_ms, scan);
  printf ("ratios: concurrent / one-at-a-time throughput %.2f; p50 / one search %.1f; scan share of a search %.2f\n",
          rates[best] / (1000.0 / one_ms), p50s[best] / one_ms, scan / one_ms);

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      lineup_demo_feature_free (features[i]);
      g_bytes_unref (thumbnails[i]);
    }
  lineup_demo_server_stop (server);
  return 0;
}
