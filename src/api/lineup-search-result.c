/* lineup-search-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-search-result"

#include "config.h"

#include "lineup-search-result.h"

struct _LineupSearchResult
{
  GObject     parent_instance;
  char       *request_id;
  gint64      time_used;
  GListStore *matches;
};

G_DEFINE_FINAL_TYPE (LineupSearchResult, lineup_search_result, G_TYPE_OBJECT)

static void
lineup_search_result_finalize (GObject *object)
{
  LineupSearchResult *self = (LineupSearchResult *)object;

  g_clear_pointer (&self->request_id, g_free);
  g_clear_object (&self->matches);

  G_OBJECT_CLASS (lineup_search_result_parent_class)->finalize (object);
}

static void
lineup_search_result_class_init (LineupSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_search_result_finalize;
}

static void
lineup_search_result_init (LineupSearchResult *self)
{
}

/**
 * lineup_search_result_new:
 * @matches: (nullable): a store of #LineupMatch, best first
 */
LineupSearchResult *
lineup_search_result_new (const char *request_id,
                          gint64      time_used,
                          GListStore *matches)
{
  LineupSearchResult *self = g_object_new (LINEUP_TYPE_SEARCH_RESULT, NULL);

  self->request_id = g_strdup (request_id);
  self->time_used = time_used;
  self->matches = matches ? g_object_ref (matches) : g_list_store_new (LINEUP_TYPE_MATCH);

  return self;
}

/**
 * lineup_search_result_get_request_id:
 *
 * Returns: (nullable): the service's request_id
 */
const char *
lineup_search_result_get_request_id (LineupSearchResult *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_RESULT (self), NULL);
  return self->request_id;
}

/**
 * lineup_search_result_get_time_used:
 *
 * Returns: the server's time in milliseconds, or -1 if it did not say
 */
gint64
lineup_search_result_get_time_used (LineupSearchResult *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_RESULT (self), -1);
  return self->time_used;
}

/**
 * lineup_search_result_get_matches:
 *
 * Returns: (transfer none): a list model of #LineupMatch, best first
 */
GListModel *
lineup_search_result_get_matches (LineupSearchResult *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_RESULT (self), NULL);
  return G_LIST_MODEL (self->matches);
}
