/* lineup-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "lineup-image.h"

G_BEGIN_DECLS

/* Iterate the default main context until *flag is set, for at most
 * @seconds; fails the test on time-out instead of hanging CI. */
#define LINEUP_TEST_WAIT_FOR(cond, seconds)                                    \
  G_STMT_START {                                                               \
    gint64 _deadline = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC;   \
    while (!(cond))                                                            \
      {                                                                        \
        if (g_get_monotonic_time () > _deadline)                               \
          g_error ("Timed out waiting for: %s", #cond);                        \
        g_main_context_iteration (NULL, FALSE);                                \
        g_usleep (1000);                                                       \
      }                                                                        \
  } G_STMT_END

GAsyncResult *lineup_test_wait_result   (GAsyncResult **slot);
void          lineup_test_keep_result   (GObject       *object,
                                         GAsyncResult  *result,
                                         gpointer       user_data);
GFile        *lineup_test_write_probe   (guint          probe);
LineupImage  *lineup_test_probe_image   (guint          probe);
double        lineup_test_luma_stddev   (GdkPixbuf     *pixbuf);

/* A loopback server that answers every request the same way. */
typedef struct
{
  guint       status;
  const char *content_type;
  const char *body;
} LineupTestCanned;

SoupServer   *lineup_test_canned_server_new (const LineupTestCanned *canned,
                                             gboolean                tls,
                                             char                  **base_url);
guint         lineup_test_closed_port       (void);
void          lineup_test_reset_settings    (GSettings              *settings);
void          lineup_test_forbid_in_logs    (const char             *text);

/* For the benchmarks */
int           lineup_test_compare_doubles (gconstpointer a,
                                           gconstpointer b);
double        lineup_test_median        (const double  *values,
                                         guint          n);
double        lineup_test_cpu_seconds   (void);

G_END_DECLS
