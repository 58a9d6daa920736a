/* lineup-reply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-reply"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lineup-error.h"
#include "lineup-group.h"
#include "lineup-reply-private.h"

/* Parsing of the service's replies. The vendor documentation is thin, so
 * everything here accepts what a reasonable server might send (numbers as
 * strings, missing lists, extra fields) and turns anything else into a
 * LINEUP_API_ERROR_BAD_RESPONSE instead of failing hard. */

#define MAX_DEPTH 64

/* json-glib's parser recurses once per nesting level; refuse pathological
 * depth before handing it the text. */
static gboolean
nesting_is_sane (const char *data,
                 gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static gsize
skip_json_space (const char *data,
                 gsize       len,
                 gsize       i)
{
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  return i;
}

/**
 * _lineup_hex_value:
 * @end: where the text ends
 *
 * Returns: the value of the @digits hex digits at @p, or -1 if there are
 *   not that many
 */
gint
_lineup_hex_value (const char *p,
                   const char *end,
                   guint       digits)
{
  gint value = 0;

  if (p > end || (gsize)(end - p) < digits)
    return -1;
  for (guint i = 0; i < digits; i++)
    {
      gint digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* json-glib 1.6 accepts "\x" and "\u00zz", and leaks memory when a high
 * surrogate escape is followed by anything but a low one.
 * Returns: the length of the escape at @i (a backslash), or 0 if it is
 * not a valid JSON escape or is half a surrogate pair. */
static gsize
escape_length (const char *data,
               gsize       len,
               gsize       i)
{
  gint unit, low;

  if (i + 1 >= len)
    return 0;
  switch (data[i + 1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      return 2;
    case 'u':
      break;
    default:
      return 0;
    }

  if ((unit = _lineup_hex_value (data + i + 2, data + len, 4)) < 0)
    return 0;
  if (unit < 0xd800 || unit > 0xdfff)
    return 6;
  if (unit >= 0xdc00 || i + 8 > len || data[i + 6] != '\\' || data[i + 7] != 'u')
    return 0;
  low = _lineup_hex_value (data + i + 8, data + len, 4);
  return low >= 0xdc00 && low <= 0xdfff ? 12 : 0;
}

/* json-glib 1.6 takes a value followed by an object or an array ("0{}",
 * "{}{}") as the first value and leaks the rest. Only a body that is one
 * object, with nothing but white space after it and only valid escapes
 * in its strings, goes to the parser; an unterminated object is left to
 * the parser to report.
 * Returns: whether the body starts with an object; *malformed says
 * whether something follows it or an escape is broken. */
static gboolean
is_one_object (const char *data,
               gsize       len,
               gboolean   *malformed)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  gsize i = 0;

  *malformed = FALSE;
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  i = skip_json_space (data, len, i);
  if (i == len || data[i] != '{')
    return FALSE;

  for (; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              gsize n = escape_length (data, len, i);

              if (n == 0)
                {
                  *malformed = TRUE;
                  return TRUE;
                }
              i += n - 1;
            }
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        depth++;
      else if ((c == ']' || c == '}') && --depth == 0)
        break;
    }

  *malformed = i < len && skip_json_space (data, len, i + 1) < len;
  return TRUE;
}

/* json-glib 1.6 decodes a lone surrogate escape ("\ud800") into bytes
 * that are not UTF-8, which would reach labels and error messages.
 * is_one_object() already refuses such escapes; this is the backstop.
 * The depth is bounded by nesting_is_sane(). */
static gboolean
strings_are_utf8 (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!g_utf8_validate (name, -1, NULL) || !strings_are_utf8 (member))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        if (!strings_are_utf8 (json_array_get_element (array, i)))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_validate (json_node_get_string (node), -1, NULL);

  return TRUE;
}

/* Whether the digits (without sign) of an integer literal are beyond
 * what a gint64 holds. */
static gboolean
beyond_int64 (const char *digits,
              gsize       n,
              gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  while (n > 1 && *digits == '0')
    {
      digits++;
      n--;
    }
  return n > 19 || (n == 19 && strncmp (digits, limit, 19) > 0);
}

/* json-glib 1.6 wraps an integer beyond 64 bits (2^64 + 1 reads as 1).
 * Such a literal is made a float ("….0"), which it reads as a double
 * that lineup_reply_get_int() then refuses.
 * Returns: (transfer full) (nullable): the widened text, or %NULL when
 *   the body has no such integer */
static GBytes *
widen_long_integers (const char *data,
                     gsize       len)
{
  gboolean in_string = FALSE;
  GString *out = NULL;
  gsize copied = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];
      gsize j, first;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        {
          in_string = TRUE;
          continue;
        }
      if (c != '-' && !g_ascii_isdigit (c))
        continue;

      first = c == '-' ? i + 1 : i;
      for (j = first; j < len && g_ascii_isdigit (data[j]); j++)
        ;
      if ((j == len || (data[j] != '.' && data[j] != 'e' && data[j] != 'E')) &&
          beyond_int64 (data + first, j - first, c == '-'))
        {
          if (out == NULL)
            out = g_string_sized_new (len + 16);
          g_string_append_len (out, data + copied, j - copied);
          g_string_append (out, ".0");
          copied = j;
        }
      i = j > i ? j - 1 : i;
    }

  if (out == NULL)
    return NULL;
  g_string_append_len (out, data + copied, len - copied);
  return g_string_free_to_bytes (out);
}

GError *
_lineup_reply_bad_response (guint       http_status,
                            const char *request_id,
                            const char *message)
{
  return lineup_api_error_new_full (LINEUP_API_ERROR_BAD_RESPONSE, http_status, NULL,
                                    request_id, -1, message);
}

static GError *
unreadable_reply (guint       http_status,
                  const char *what)
{
  g_autofree char *message = NULL;

  /* A failing gateway sends an HTML page; the status says more than
   * "not JSON" does. */
  if (http_status >= 400)
    {
      g_autoptr(GError) by_status = lineup_api_error_new_from_reply (http_status, NULL, NULL, -1, NULL, NULL);

      if (by_status->code != LINEUP_API_ERROR_SERVICE)
        return lineup_api_error_new_full (by_status->code, http_status, NULL, NULL, -1, by_status->message);
    }

  /* Translators: the argument is a description such as “an empty reply” */
  message = g_strdup_printf (_("The service sent %s (HTTP %u)."), what, http_status);
  return _lineup_reply_bad_response (http_status, NULL, message);
}

/**
 * lineup_reply_check:
 * @http_status: the reply's HTTP status
 * @body: (nullable): the reply's body
 * @group_id: (nullable): the library the request named, for messages
 * @face_token: (nullable): the face the request named, for messages
 *
 * Parses a reply and turns a failure (an "error" member, a non-2xx
 * status, a body that is not a JSON object) into a %LINEUP_API_ERROR.
 *
 * Returns: (transfer full) (nullable): the reply's top-level object
 */
JsonObject *
lineup_reply_check (guint        http_status,
                    GBytes      *body,
                    const char  *group_id,
                    const char  *face_token,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GBytes) widened = NULL;
  g_autofree char *api_code = NULL;
  g_autofree char *request_id = NULL;
  const char *data;
  JsonObject *root;
  JsonNode *node;
  gboolean malformed;
  gsize len = 0;

  data = body ? g_bytes_get_data (body, &len) : NULL;

  if (len == 0)
    {
      g_propagate_error (error, unreadable_reply (http_status, _("an empty reply")));
      return NULL;
    }

  if (!nesting_is_sane (data, len))
    {
      g_propagate_error (error, unreadable_reply (http_status, _("a reply nested too deeply to read")));
      return NULL;
    }

  if (!is_one_object (data, len, &malformed))
    {
      g_propagate_error (error, unreadable_reply (http_status, _("a reply that is not a JSON object")));
      return NULL;
    }
  if (malformed)
    {
      g_propagate_error (error, unreadable_reply (http_status, _("a reply that is not JSON")));
      return NULL;
    }

  if ((widened = widen_long_integers (data, len)))
    data = g_bytes_get_data (widened, &len);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &parse_error))
    {
      g_debug ("Reply is not JSON: %s", parse_error->message);
      g_propagate_error (error, unreadable_reply (http_status, _("a reply that is not JSON")));
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, unreadable_reply (http_status, _("a reply that is not a JSON object")));
      return NULL;
    }

  if (!strings_are_utf8 (node))
    {
      g_propagate_error (error, unreadable_reply (http_status, _("a reply that is not JSON")));
      return NULL;
    }

  root = json_node_get_object (node);
  api_code = lineup_reply_dup_text (root, "error");
  request_id = lineup_reply_dup_text (root, "request_id");

  if (api_code != NULL && *api_code == '\0')
    g_clear_pointer (&api_code, g_free);

  if (api_code != NULL || http_status < 200 || http_status >= 300)
    {
      g_debug ("Service error %s, HTTP %u, request_id %s",
               api_code ? api_code : "(none)", http_status, request_id ? request_id : "(none)");
      g_propagate_error (error, lineup_api_error_new_from_reply (http_status, api_code, request_id,
                                                                 lineup_reply_get_int (root, "time_used", -1),
                                                                 group_id, face_token));
      return NULL;
    }

  return json_object_ref (root);
}

static JsonNode *
get_value_node (JsonObject *object,
                const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return node;
}

/**
 * lineup_reply_get_string:
 *
 * Returns: (nullable): @member if it is a JSON string
 */
const char *
lineup_reply_get_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * lineup_reply_dup_text:
 *
 * Returns: (transfer full) (nullable): @member as text, whether the
 *   service sent it as a string, a number or a boolean
 */
char *
lineup_reply_dup_text (JsonObject *object,
                       const char *member)
{
  JsonNode *node = get_value_node (object, member);
  GType type;

  if (node == NULL)
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* A millisecond timestamp may arrive as 1769739690208.0 */
      if (isfinite (value) && value == floor (value) && fabs (value) < 9e15)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)value);
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");

  return NULL;
}

/**
 * lineup_reply_get_double:
 * @out: (out): where the number goes
 *
 * Returns: %TRUE if @member is a finite number, or a string holding one
 */
gboolean
lineup_reply_get_double (JsonObject *object,
                         const char *member,
                         double     *out)
{
  JsonNode *node = get_value_node (object, member);
  GType type;
  double value;

  if (node == NULL)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    value = json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      value = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return FALSE;
    }
  else
    return FALSE;

  if (!isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

gint64
lineup_reply_get_int (JsonObject *object,
                      const char *member,
                      gint64      fallback)
{
  JsonNode *node = get_value_node (object, member);
  double value;

  /* An integer literal is exact (widen_long_integers() made those beyond
   * 64 bits doubles). */
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);

  /* (double)G_MAXINT64 rounds up to 2^63, which does not fit: the upper
   * bound is exclusive. */
  if (!lineup_reply_get_double (object, member, &value) ||
      value < (double)G_MININT64 || value >= (double)G_MAXINT64)
    return fallback;
  return (gint64)value;
}

/* A list member that is missing or null counts as empty; any other
 * non-array is a broken reply. */
gboolean
_lineup_reply_get_array (JsonObject  *root,
                         const char  *member,
                         JsonArray  **out,
                         GError     **error)
{
  JsonNode *node = json_object_has_member (root, member) ? json_object_get_member (root, member) : NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *message =
        /* Translators: the argument is a JSON field name */
        g_strdup_printf (_("The service sent “%s” in a form Lineup does not understand."), member);
      g_propagate_error (error, _lineup_reply_bad_response (200, lineup_reply_get_string (root, "request_id"),
                                                            message));
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

JsonObject *
_lineup_reply_array_get_object (JsonArray *array,
                                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * lineup_reply_get_score:
 * @entry: (nullable): a `result[]` entry
 * @score: (out): the score; NaN when there is no number to show
 *
 * Returns: (transfer full) (nullable): what is wrong with the score, for
 *   people ("outside 0–100 (150)"), or %NULL for a number in 0–100
 */
char *
lineup_reply_get_score (JsonObject *entry,
                        double     *score)
{
  g_autofree char *raw = NULL;
  g_autofree char *shown = NULL;

  if (lineup_reply_get_double (entry, "score", score))
    {
      if (*score >= 0 && *score <= 100)
        return NULL;
      raw = lineup_reply_dup_text (entry, "score");
      /* Translators: the argument is the score the service sent */
      return g_strdup_printf (_("outside 0–100 (%s)"), raw ? raw : "?");
    }

  *score = NAN;
  if (entry == NULL || !json_object_has_member (entry, "score"))
    return g_strdup (_("missing"));
  raw = lineup_reply_dup_text (entry, "score");
  if (raw == NULL)
    return g_strdup (_("not a number"));
  shown = g_utf8_substring (raw, 0, MIN (g_utf8_strlen (raw, -1), 40));
  /* Translators: the argument is the text the service sent as a score */
  return g_strdup_printf (_("not a number (“%s”)"), shown);
}

/**
 * lineup_reply_parse_search_limited:
 * @limit: how many matches the request asked for; the rest are dropped
 *
 * Entries without a face_token are skipped; a missing or unreadable score
 * becomes NaN so the row still shows, and every score that is not a
 * number in 0–100 is flagged on its match (lineup_match_get_score_problem()).
 *
 * Returns: (transfer full) (nullable): the result
 */
LineupSearchResult *
lineup_reply_parse_search_limited (JsonObject  *root,
                                   guint        limit,
                                   GError     **error)
{
  g_autoptr(GListStore) matches = g_list_store_new (LINEUP_TYPE_MATCH);
  JsonArray *array = NULL;
  guint n, rank = 0;

  g_return_val_if_fail (root != NULL, NULL);

  if (!_lineup_reply_get_array (root, "result", &array, error))
    return NULL;

  n = array ? MIN (json_array_get_length (array), LINEUP_REPLY_MAX_ITEMS) : 0;
  for (guint i = 0; i < n && rank < limit; i++)
    {
      JsonObject *entry = _lineup_reply_array_get_object (array, i);
      g_autofree char *face_token = lineup_reply_dup_text (entry, "face_token");
      g_autofree char *group_id = lineup_reply_dup_text (entry, "group_id");
      g_autofree char *problem = NULL;
      g_autoptr(LineupMatch) match = NULL;
      double score;

      if (face_token == NULL || *face_token == '\0')
        continue;
      problem = lineup_reply_get_score (entry, &score);

      match = lineup_match_new (++rank, face_token, group_id, score);
      lineup_match_set_score_problem (match, problem);
      g_list_store_append (matches, match);
    }

  return lineup_search_result_new (lineup_reply_get_string (root, "request_id"),
                                   lineup_reply_get_int (root, "time_used", -1),
                                   matches);
}

/**
 * lineup_reply_parse_search:
 *
 * lineup_reply_parse_search_limited() without a limit of the request's.
 *
 * Returns: (transfer full) (nullable): the result
 */
LineupSearchResult *
lineup_reply_parse_search (JsonObject  *root,
                           GError     **error)
{
  return lineup_reply_parse_search_limited (root, LINEUP_REPLY_MAX_ITEMS, error);
}

#define MAX_SCORE_WARNINGS 10

/**
 * lineup_reply_inspect_search:
 * @limit: how many matches the request asked for
 * @warnings: receives a sentence for each thing wrong with the reply
 *
 * What lineup_reply_parse_search_limited() drops or flags, said for
 * people: more results than asked for, scores that are not numbers in
 * 0–100.
 */
void
lineup_reply_inspect_search (JsonObject *root,
                             guint       limit,
                             GPtrArray  *warnings)
{
  JsonArray *array = NULL;
  guint n, kept = 0, flagged = 0;

  if (!_lineup_reply_get_array (root, "result", &array, NULL) || array == NULL)
    return;

  n = json_array_get_length (array);
  if (n > limit)
    g_ptr_array_add (warnings,
                     g_strdup_printf (ngettext ("The service sent %u results for a limit of %u; "
                                                "Lineup kept the first %u.",
                                                "The service sent %u results for a limit of %u; "
                                                "Lineup kept the first %u.", n),
                                      n, limit, limit));

  for (guint i = 0; i < MIN (n, LINEUP_REPLY_MAX_ITEMS) && kept < limit; i++)
    {
      JsonObject *entry = _lineup_reply_array_get_object (array, i);
      g_autofree char *face_token = lineup_reply_dup_text (entry, "face_token");
      g_autofree char *problem = NULL;
      double score;

      if (face_token == NULL || *face_token == '\0')
        continue;
      kept++;
      if (!(problem = lineup_reply_get_score (entry, &score)))
        continue;
      if (++flagged <= MAX_SCORE_WARNINGS)
        /* Translators: “The score of match 2 (…) is outside 0–100 (150).” */
        g_ptr_array_add (warnings, g_strdup_printf (_("The score of match %u (“%s”) is %s."),
                                                    kept, face_token, problem));
    }
  if (flagged > MAX_SCORE_WARNINGS)
    g_ptr_array_add (warnings, g_strdup_printf (ngettext ("%u more score is not a number in 0–100.",
                                                          "%u more scores are not numbers in 0–100.",
                                                          flagged - MAX_SCORE_WARNINGS),
                                                flagged - MAX_SCORE_WARNINGS));
}

/**
 * lineup_reply_parse_group_list:
 *
 * Returns: (transfer full) (nullable): a store of #LineupGroup
 */
GListStore *
lineup_reply_parse_group_list (JsonObject  *root,
                               GError     **error)
{
  g_autoptr(GListStore) groups = g_list_store_new (LINEUP_TYPE_GROUP);
  JsonArray *array = NULL;
  guint n;

  if (!_lineup_reply_get_array (root, "group_infos", &array, error))
    return NULL;

  n = array ? MIN (json_array_get_length (array), LINEUP_REPLY_MAX_ITEMS) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupGroup) group = lineup_reply_parse_group (_lineup_reply_array_get_object (array, i), NULL);

      if (group != NULL)
        g_list_store_append (groups, group);
    }

  return g_steal_pointer (&groups);
}

/**
 * lineup_reply_parse_group:
 * @object: (nullable): a `group_infos[]` entry, an `info` object or a
 *   create reply
 * @fallback_group_id: (nullable): the id to use when @object has none
 *
 * Returns: (transfer full) (nullable): the library, or %NULL without an id
 */
LineupGroup *
lineup_reply_parse_group (JsonObject *object,
                          const char *fallback_group_id)
{
  g_autofree char *group_id = lineup_reply_dup_text (object, "group_id");
  g_autofree char *group_name = NULL;
  g_autofree char *group_data = NULL;
  g_autofree char *model_version = NULL;
  g_autofree char *add_time = NULL;

  if (object == NULL)
    return NULL;
  if (group_id == NULL || *group_id == '\0')
    {
      g_free (group_id);
      group_id = g_strdup (fallback_group_id);
    }
  if (group_id == NULL || *group_id == '\0')
    return NULL;

  group_name = lineup_reply_dup_text (object, "group_name");
  group_data = lineup_reply_dup_text (object, "group_data");
  model_version = lineup_reply_dup_text (object, "model_version");
  add_time = lineup_reply_dup_text (object, "add_time");
  return lineup_group_new (group_id, group_name, group_data, model_version, add_time);
}

JsonObject *
_lineup_reply_get_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * lineup_reply_parse_group_info:
 * @group_id: the library asked about
 *
 * Reads the `info` object, or tolerates the fields at the top level. An
 * info without a group_id is taken to describe @group_id.
 *
 * Returns: (transfer full) (nullable): the library
 */
LineupGroup *
lineup_reply_parse_group_info (JsonObject  *root,
                               const char  *group_id,
                               GError     **error)
{
  JsonObject *info = _lineup_reply_get_object (root, "info");

  if (info == NULL && (json_object_has_member (root, "group_id") ||
                       json_object_has_member (root, "group_name")))
    info = root;
  if (info == NULL)
    {
      g_propagate_error (error, _lineup_reply_bad_response (200, lineup_reply_get_string (root, "request_id"),
                                                            _("The service’s reply has no library information.")));
      return NULL;
    }

  return lineup_reply_parse_group (info, group_id);
}

/**
 * lineup_reply_parse_create:
 *
 * The create reply echoes the library (an empty group_id is documented as
 * possible); whatever it leaves out is taken from the request.
 *
 * Returns: (transfer full): the new library
 */
LineupGroup *
lineup_reply_parse_create (JsonObject *root,
                           const char *group_id,
                           const char *group_name,
                           const char *group_data,
                           const char *model_version)
{
  JsonObject *info = _lineup_reply_get_object (root, "info");
  g_autofree char *reply_id = NULL;
  g_autofree char *reply_name = NULL;
  g_autofree char *reply_data = NULL;
  g_autofree char *reply_model = NULL;
  g_autofree char *add_time = NULL;

  if (info == NULL)
    info = root;
  reply_id = lineup_reply_dup_text (info, "group_id");
  reply_name = lineup_reply_dup_text (info, "group_name");
  reply_data = lineup_reply_dup_text (info, "group_data");
  reply_model = lineup_reply_dup_text (info, "model_version");
  add_time = lineup_reply_dup_text (info, "add_time");

  return lineup_group_new (reply_id && *reply_id ? reply_id : group_id,
                           reply_name && *reply_name ? reply_name : group_name,
                           reply_data ? reply_data : group_data,
                           reply_model && *reply_model ? reply_model : model_version,
                           add_time);
}
