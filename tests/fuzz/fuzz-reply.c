/* fuzz-reply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-fuzz"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <string.h>

#include "lineup-delete-outcome.h"
#include "lineup-error.h"
#include "lineup-exchange-private.h"
#include "lineup-group.h"
#include "lineup-match.h"
#include "lineup-reply.h"

/* libFuzzer harness for the reply parsers: whatever bytes a server or a
 * proxy in between sends must give either a parsed object or a GError,
 * never a crash, a leak, undefined behaviour or a GLib critical.
 *
 * The first input byte picks the HTTP status (its low four bits index
 * the table, so the seeds can start with a readable '0'…'9'), its high
 * four bits the `start` of a face list; the rest is the body.
 *
 * The body enters as the transport lets it: through an exchange record
 * that signed with FUZZ_SIGN, which must leave neither the sign nor the
 * secret in what it hands on, however the input spells them. */

#define FUZZ_SECRET "fuzz-secret-0123456789"
#define FUZZ_SIGN   "n+Vw/3Xq9Zk2+Lm/Pa7hYtR0c2E9ZnV6ei1rZXkmYj0xNzk2MTE3NDAzJmM9MTc5NjExNzMwMyZkPTMzNzQ1NzI5NTc="

static LineupSigner *signer;

static const guint statuses[16] = {
  200, 201, 204, 301, 400, 401, 403, 404, 413, 429, 500, 502, 503, 504, 0, 599,
};

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == LINEUP_API_ERROR);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  (void)lineup_api_error_get_api_code (error);
  (void)lineup_api_error_get_request_id (error);
  (void)lineup_api_error_get_http_status (error);
  (void)lineup_api_error_get_time_used (error);
  (void)lineup_api_error_is_transient (error);
}

static gboolean
contains (GBytes     *bytes,
          const char *needle)
{
  gsize len, n = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; data != NULL && n <= len && i <= len - n; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
check_face (LineupFace *face)
{
  g_assert_nonnull (lineup_face_get_face_token (face));
  g_assert_cmpstr (lineup_face_get_face_token (face), !=, "");
  g_assert_nonnull (lineup_face_get_user_id (face));
  g_assert_nonnull (lineup_face_get_user_data (face));
  (void)lineup_face_get_add_time_raw (face);
  (void)lineup_face_get_add_time (face);
}

static void
check_group (LineupGroup *group)
{
  g_assert_nonnull (lineup_group_get_group_id (group));
  g_assert_cmpstr (lineup_group_get_group_id (group), !=, "");
  (void)lineup_group_get_group_name (group);
  (void)lineup_group_get_group_data (group);
  (void)lineup_group_get_model_version (group);
  (void)lineup_group_get_add_time_raw (group);
  (void)lineup_group_get_add_time (group);
  g_assert_nonnull (lineup_group_get_display_name (group));
}

static void
check_face_list (GListModel *faces)
{
  guint n = g_list_model_get_n_items (faces);

  g_assert_cmpuint (n, <=, LINEUP_REPLY_MAX_ITEMS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupFace) face = g_list_model_get_item (faces, i);

      check_face (face);
    }
}

static void
parse_all (JsonObject *root)
{
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(LineupFace) face = NULL;
  g_autoptr(GListStore) groups = NULL;
  g_autoptr(GError) error = NULL;

  if ((result = lineup_reply_parse_search (root, &error)))
    {
      GListModel *matches = lineup_search_result_get_matches (result);
      guint n = g_list_model_get_n_items (matches);

      g_assert_no_error (error);
      g_assert_cmpuint (n, <=, LINEUP_REPLY_MAX_ITEMS);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LineupMatch) match = g_list_model_get_item (matches, i);
          const char *problem = lineup_match_get_score_problem (match);
          double score = lineup_match_get_score (match);

          g_assert_cmpuint (lineup_match_get_rank (match), ==, i + 1);
          g_assert_cmpstr (lineup_match_get_face_token (match), !=, "");
          (void)lineup_match_get_group_id (match);
          /* a score is a number in 0–100, or flagged */
          g_assert_true (problem != NULL || (score >= 0 && score <= 100));
          g_assert_true (problem == NULL || g_utf8_validate (problem, -1, NULL));
        }
      (void)lineup_search_result_get_request_id (result);
      (void)lineup_search_result_get_time_used (result);
    }
  else
    check_error (error);
  g_clear_error (&error);

  /* held to a limit of 3, as a search with --limit 3 is */
  {
    g_autoptr(LineupSearchResult) limited = lineup_reply_parse_search_limited (root, 3, NULL);
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

    if (limited != NULL)
      g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (limited)), <=, 3);
    lineup_reply_inspect_search (root, 3, warnings);
    lineup_reply_inspect_face_list (root, 3, warnings);
    for (guint i = 0; i < warnings->len; i++)
      g_assert_true (g_utf8_validate (g_ptr_array_index (warnings, i), -1, NULL));
  }

  if ((face = lineup_reply_parse_face_info (root, &error)))
    {
      g_assert_no_error (error);
      check_face (face);
    }
  else
    check_error (error);
  g_clear_error (&error);

  if ((groups = lineup_reply_parse_group_list (root, &error)))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (groups));

      g_assert_no_error (error);
      g_assert_cmpuint (n, <=, LINEUP_REPLY_MAX_ITEMS);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LineupGroup) group = g_list_model_get_item (G_LIST_MODEL (groups), i);

          check_group (group);
        }
    }
  else
    check_error (error);
}

static void
parse_all_more (JsonObject *root,
                guint       start)
{
  g_autoptr(LineupGroup) info = NULL;
  g_autoptr(LineupGroup) created = NULL;
  g_autoptr(LineupFace) added = NULL;
  g_autoptr(LineupDeleteOutcome) outcome = NULL;
  g_autoptr(GListStore) faces = NULL;
  g_autoptr(GError) error = NULL;
  guint next_start = G_MAXUINT;

  if ((info = lineup_reply_parse_group_info (root, "fuzz_group", &error)))
    check_group (info);
  else
    check_error (error);
  g_clear_error (&error);

  created = lineup_reply_parse_create (root, "fuzz_group", "Fuzz", "", "s21");
  check_group (created);

  if ((added = lineup_reply_parse_add (root, "user_01", "", &error)))
    check_face (added);
  else
    check_error (error);
  g_clear_error (&error);

  if ((outcome = lineup_reply_parse_delete (root, "fuzz_group", &error)))
    {
      guint n = lineup_delete_outcome_get_n_failures (outcome);

      g_assert_cmpuint (n, <=, LINEUP_REPLY_MAX_ITEMS);
      g_assert_nonnull (lineup_delete_outcome_get_group_id (outcome));
      (void)lineup_delete_outcome_get_request_id (outcome);
      (void)lineup_delete_outcome_get_time_used (outcome);
      (void)lineup_delete_outcome_get_face_removed (outcome);
      (void)lineup_delete_outcome_get_face_count (outcome);
      for (guint i = 0; i < n; i++)
        {
          const char *token = lineup_delete_outcome_get_failure_token (outcome, i);

          g_assert_nonnull (token);
          (void)lineup_delete_outcome_get_failure_reason (outcome, i);
          (void)lineup_delete_outcome_lookup_failure (outcome, token);
        }
    }
  else
    check_error (error);
  g_clear_error (&error);

  if ((faces = lineup_reply_parse_face_list (root, start, &next_start, &error)))
    {
      check_face_list (G_LIST_MODEL (faces));
      /* Paging must end or move forward, never loop. */
      g_assert_true (next_start == 0 || next_start > start);
    }
  else
    check_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LineupCall) call = NULL;
  g_autoptr(LineupExchange) exchange = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint status;

  if (size == 0)
    return 0;
  /* made once; the shared set-up in fuzz-init.c knows no signer */
  if (signer == NULL)
    signer = lineup_signer_new ("fuzz-key", FUZZ_SECRET);

  status = statuses[data[0] & 0x0f];
  raw = g_bytes_new (data + 1, size - 1);

  call = _lineup_call_new ("search");
  exchange = _lineup_exchange_new (call, "http://127.0.0.1:1/fuzz/search", 1, FUZZ_SIGN, signer);
  body = _lineup_exchange_receive (exchange, raw, TRUE);
  g_assert_false (contains (body, FUZZ_SIGN));
  g_assert_false (contains (body, FUZZ_SECRET));
  g_assert_true (g_utf8_validate (lineup_exchange_get_response_body (exchange), -1, NULL));

  root = lineup_reply_check (status, body, "fuzz_group", "0123456789abcdef0123456789abcdef", &error);
  _lineup_exchange_finish (exchange, status, NULL, -1, error);
  text = lineup_exchange_to_text (exchange);
  g_assert_null (strstr (text, FUZZ_SIGN));
  if (root == NULL)
    {
      check_error (error);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_true (status >= 200 && status < 300);
  parse_all (root);
  parse_all_more (root, 1 + (data[0] >> 4) * 250);

  return 0;
}
