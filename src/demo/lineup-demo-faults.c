/* lineup-demo-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-faults"

#include "config.h"

#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>

#include "lineup-demo-faults.h"
#include "lineup-demo-server-private.h"

/* The rules of fault injection. A rule applies to one endpoint or to all
 * of them; it lets @after matching requests pass, then fires on the next
 * @times ones (0: on every one), each with the chance @probability. The
 * counters make a client's retry tests deterministic: "the next two
 * searches fail" needs no luck.
 *
 * Latency and jitter rules add up. Of the others, the first rule that
 * fires decides what the request gets: rules for its endpoint before
 * rules for all endpoints, then in the order of LineupDemoFault (so a
 * concurrency limit is checked before the other faults). */

typedef struct
{
  char            *endpoint;      /* NULL: every endpoint */
  LineupDemoFault  fault;
  guint            value;
  guint            after;
  guint            times;         /* 0: no limit */
  gboolean         limited;
  double           probability;
} Rule;

struct _LineupDemoFaults
{
  GMutex     lock;
  GPtrArray *rules;
};

static const struct
{
  const char *name;
  gboolean    needs_value;
  guint       default_value;
  guint       min;
  guint       max;
} kinds[LINEUP_DEMO_N_FAULTS] = {
  [LINEUP_DEMO_FAULT_LATENCY] = { "latency", TRUE, 0, 0, 600000 },
  [LINEUP_DEMO_FAULT_JITTER] = { "jitter", TRUE, 0, 0, 600000 },
  [LINEUP_DEMO_FAULT_CONCURRENCY] = { "concurrency", TRUE, 0, 0, 100000 },
  [LINEUP_DEMO_FAULT_SERVER_ERROR] = { "5xx", FALSE, 500, 500, 599 },
  [LINEUP_DEMO_FAULT_HTML_502] = { "html502", FALSE, 502, 502, 502 },
  [LINEUP_DEMO_FAULT_TRUNCATED] = { "truncated", FALSE, 0, 0, 0 },
  [LINEUP_DEMO_FAULT_EMPTY] = { "empty", FALSE, 200, 200, 599 },
  [LINEUP_DEMO_FAULT_RESET] = { "reset", FALSE, 0, 0, 0 },
  [LINEUP_DEMO_FAULT_TRICKLE] = { "trickle", FALSE, 100, 1, 60000 },
};

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->endpoint);
  g_free (rule);
}

LineupDemoFaults *
lineup_demo_faults_new (void)
{
  LineupDemoFaults *faults = g_new0 (LineupDemoFaults, 1);

  g_mutex_init (&faults->lock);
  faults->rules = g_ptr_array_new_with_free_func (rule_free);
  return faults;
}

void
lineup_demo_faults_free (LineupDemoFaults *faults)
{
  if (faults == NULL)
    return;
  g_ptr_array_unref (faults->rules);
  g_mutex_clear (&faults->lock);
  g_free (faults);
}

const char *
lineup_demo_fault_get_name (LineupDemoFault fault)
{
  g_return_val_if_fail (fault < LINEUP_DEMO_N_FAULTS, NULL);
  return kinds[fault].name;
}

/**
 * lineup_demo_fault_carries_out:
 *
 * Returns: whether a request that meets @fault is still carried out
 *   (its reply only delayed or spoiled), or answered without touching
 *   the store, so that a client may safely retry it
 */
gboolean
lineup_demo_fault_carries_out (LineupDemoFault fault)
{
  switch (fault)
    {
    case LINEUP_DEMO_FAULT_LATENCY:
    case LINEUP_DEMO_FAULT_JITTER:
    case LINEUP_DEMO_FAULT_TRUNCATED:
    case LINEUP_DEMO_FAULT_TRICKLE:
    case LINEUP_DEMO_N_FAULTS:
      return TRUE;
    case LINEUP_DEMO_FAULT_SERVER_ERROR:
    case LINEUP_DEMO_FAULT_HTML_502:
    case LINEUP_DEMO_FAULT_EMPTY:
    case LINEUP_DEMO_FAULT_RESET:
    case LINEUP_DEMO_FAULT_CONCURRENCY:
    default:
      return FALSE;
    }
}

/**
 * lineup_demo_faults_set:
 * @endpoint: (nullable): such as "search", or %NULL for every endpoint
 * @value: the fault's parameter (see #LineupDemoFault); 0 for its default
 * @after: let this many matching requests pass first
 * @times: fire on this many requests, then never again; 0 for no limit
 * @probability: the chance (0–1] that the rule fires on a request
 *
 * Adds a rule, replacing one of the same fault for the same endpoint.
 */
void
lineup_demo_faults_set (LineupDemoFaults *faults,
                        const char       *endpoint,
                        LineupDemoFault   fault,
                        guint             value,
                        guint             after,
                        guint             times,
                        double            probability)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Rule *rule;

  g_return_if_fail (faults != NULL);
  g_return_if_fail (fault < LINEUP_DEMO_N_FAULTS);
  g_return_if_fail (probability > 0 && probability <= 1);

  if (value == 0 && !kinds[fault].needs_value)
    value = kinds[fault].default_value;
  value = CLAMP (value, kinds[fault].min, kinds[fault].max);

  locker = g_mutex_locker_new (&faults->lock);
  for (guint i = 0; i < faults->rules->len; i++)
    {
      rule = g_ptr_array_index (faults->rules, i);
      if (rule->fault == fault && g_strcmp0 (rule->endpoint, endpoint) == 0)
        {
          g_ptr_array_remove_index (faults->rules, i);
          break;
        }
    }

  rule = g_new0 (Rule, 1);
  rule->endpoint = g_strdup (endpoint);
  rule->fault = fault;
  rule->value = value;
  rule->after = after;
  rule->times = times;
  rule->limited = times > 0;
  rule->probability = probability;
  g_ptr_array_add (faults->rules, rule);
}

void
lineup_demo_faults_clear (LineupDemoFaults *faults)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (faults != NULL);

  locker = g_mutex_locker_new (&faults->lock);
  g_ptr_array_set_size (faults->rules, 0);
}

static gboolean
parse_uint (const char *text,
            guint       min,
            guint       max,
            guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
bad_spec (GError     **error,
          const char  *spec,
          const char  *why)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: the first %s is a --fault value, the second says what is wrong */
               _("Invalid fault “%s”: %s"), spec, why);
  return FALSE;
}

/**
 * lineup_demo_faults_add_spec:
 * @spec: such as `search:html502`, `face_info:latency=50`,
 *   `search:5xx=503,times=2` or `*:reset,p=0.1`
 *
 * Parses one rule in the syntax of `lineup-demo-server --fault`
 * (%LINEUP_DEMO_FAULT_SYNTAX) and adds it.
 */
gboolean
lineup_demo_faults_add_spec (LineupDemoFaults  *faults,
                             const char        *spec,
                             GError           **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *endpoint = NULL;
  const char *kind_text, *colon, *equals;
  g_autofree char *kind_name = NULL;
  guint value = 0, after = 0, times = 0;
  double probability = 1.0;
  int fault = -1;

  g_return_val_if_fail (faults != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  parts = g_strsplit (spec, ",", -1);
  if (parts[0] == NULL || *parts[0] == '\0')
    return bad_spec (error, spec, _("no fault given"));

  kind_text = parts[0];
  if ((colon = strchr (parts[0], ':')) != NULL)
    {
      endpoint = g_strndup (parts[0], colon - parts[0]);
      kind_text = colon + 1;
      if (strcmp (endpoint, "*") == 0 || *endpoint == '\0')
        g_clear_pointer (&endpoint, g_free);
      else if (!_lineup_demo_server_knows_endpoint (endpoint))
        return bad_spec (error, spec, _("unknown endpoint"));
    }

  equals = strchr (kind_text, '=');
  kind_name = equals ? g_strndup (kind_text, equals - kind_text) : g_strdup (kind_text);
  for (guint i = 0; i < LINEUP_DEMO_N_FAULTS; i++)
    if (strcmp (kinds[i].name, kind_name) == 0)
      fault = i;
  if (fault < 0)
    return bad_spec (error, spec, _("unknown kind of fault"));

  if (equals != NULL)
    {
      if (kinds[fault].max == 0 || kinds[fault].min == kinds[fault].max ||
          !parse_uint (equals + 1, kinds[fault].min, kinds[fault].max, &value))
        return bad_spec (error, spec, _("bad value"));
    }
  else if (kinds[fault].needs_value)
    return bad_spec (error, spec, _("this fault needs a value"));

  for (guint i = 1; parts[i]; i++)
    {
      if (g_str_has_prefix (parts[i], "after="))
        {
          if (!parse_uint (parts[i] + 6, 0, G_MAXUINT, &after))
            return bad_spec (error, spec, _("bad “after”"));
        }
      else if (g_str_has_prefix (parts[i], "times="))
        {
          if (!parse_uint (parts[i] + 6, 1, G_MAXUINT, &times))
            return bad_spec (error, spec, _("bad “times”"));
        }
      else if (g_str_has_prefix (parts[i], "p="))
        {
          char *end = NULL;

          probability = g_ascii_strtod (parts[i] + 2, &end);
          if (end == parts[i] + 2 || *end != '\0' || !(probability > 0 && probability <= 1))
            return bad_spec (error, spec, _("“p” must be a probability above 0 and at most 1"));
        }
      else
        return bad_spec (error, spec, _("unknown option"));
    }

  lineup_demo_faults_set (faults, endpoint, fault, value, after, times, probability);
  return TRUE;
}

static gboolean
chance (double probability)
{
  guint32 r = 0;

  if (probability >= 1.0)
    return TRUE;
  _lineup_demo_random_bytes (&r, sizeof r);
  return r < probability * 4294967296.0;
}

/* Whether @rule fires on this request; counts it either way. */
static gboolean
rule_fires (Rule *rule)
{
  if (rule->after > 0)
    {
      rule->after--;
      return FALSE;
    }
  if (rule->limited && rule->times == 0)
    return FALSE;
  if (!chance (rule->probability))
    return FALSE;
  if (rule->limited)
    rule->times--;
  return TRUE;
}

/**
 * lineup_demo_faults_plan:
 * @in_flight_endpoint: requests to @endpoint being served now
 * @in_flight_total: requests to any endpoint being served now
 * @plan: (out): what the request is in for
 *
 * Decides the fate of a request that just arrived for @endpoint.
 */
void
lineup_demo_faults_plan (LineupDemoFaults    *faults,
                         const char          *endpoint,
                         guint                in_flight_endpoint,
                         guint                in_flight_total,
                         LineupDemoFaultPlan *plan)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (faults != NULL);
  g_return_if_fail (plan != NULL);

  plan->delay_ms = 0;
  plan->action = LINEUP_DEMO_FAULT_NONE;
  plan->value = 0;

  locker = g_mutex_locker_new (&faults->lock);

  /* Pass 0: rules for this endpoint; pass 1: rules for all of them. */
  for (guint pass = 0; pass < 2; pass++)
    for (LineupDemoFault fault = 0; fault < LINEUP_DEMO_N_FAULTS; fault++)
      for (guint i = 0; i < faults->rules->len; i++)
        {
          Rule *rule = g_ptr_array_index (faults->rules, i);

          if (rule->fault != fault ||
              (pass == 0 ? g_strcmp0 (rule->endpoint, endpoint) != 0 : rule->endpoint != NULL))
            continue;

          switch (fault)
            {
            case LINEUP_DEMO_FAULT_LATENCY:
              if (rule_fires (rule))
                plan->delay_ms += rule->value;
              break;

            case LINEUP_DEMO_FAULT_JITTER:
              if (rule_fires (rule) && rule->value > 0)
                {
                  guint32 r = 0;

                  _lineup_demo_random_bytes (&r, sizeof r);
                  plan->delay_ms += r % (rule->value + 1);
                }
              break;

            case LINEUP_DEMO_FAULT_CONCURRENCY:
              if (plan->action == LINEUP_DEMO_FAULT_NONE &&
                  (rule->endpoint ? in_flight_endpoint : in_flight_total) >= rule->value &&
                  rule_fires (rule))
                {
                  plan->action = fault;
                  plan->value = rule->value;
                }
              break;

            case LINEUP_DEMO_FAULT_SERVER_ERROR:
            case LINEUP_DEMO_FAULT_HTML_502:
            case LINEUP_DEMO_FAULT_TRUNCATED:
            case LINEUP_DEMO_FAULT_EMPTY:
            case LINEUP_DEMO_FAULT_RESET:
            case LINEUP_DEMO_FAULT_TRICKLE:
            case LINEUP_DEMO_N_FAULTS:
            default:
              if (plan->action == LINEUP_DEMO_FAULT_NONE && rule_fires (rule))
                {
                  plan->action = fault;
                  plan->value = rule->value;
                }
              break;
            }
        }
}
