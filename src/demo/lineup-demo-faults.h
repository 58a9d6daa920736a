/* lineup-demo-faults.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LineupDemoFault:
 * @LINEUP_DEMO_FAULT_LATENCY: delay the reply by value ms
 * @LINEUP_DEMO_FAULT_JITTER: delay the reply by up to value ms, at random
 * @LINEUP_DEMO_FAULT_CONCURRENCY: answer 403 `CONCURRENCY_LIMIT_EXCEEDED` at
 *   once when value requests (to the rule's endpoint, or to any) are
 *   already being served, without carrying out the request
 * @LINEUP_DEMO_FAULT_SERVER_ERROR: answer with HTTP value (500–599, default
 *   500) and a JSON `INTERNAL_ERROR` body, without carrying out the request
 * @LINEUP_DEMO_FAULT_HTML_502: answer 502 with a gateway's HTML page,
 *   without carrying out the request
 * @LINEUP_DEMO_FAULT_TRUNCATED: carry out the request, then send only the
 *   first half of its JSON reply (a well-formed HTTP response)
 * @LINEUP_DEMO_FAULT_EMPTY: answer HTTP value (default 200) with an empty
 *   body, without carrying out the request
 * @LINEUP_DEMO_FAULT_RESET: close the connection without a reply (a TCP
 *   reset), without carrying out the request
 * @LINEUP_DEMO_FAULT_TRICKLE: carry out the request and send the reply
 *   chunked, 8 bytes every value ms (default 100)
 *
 * The faults the demo service can inject, for tests and demos.
 */
typedef enum
{
  LINEUP_DEMO_FAULT_LATENCY,
  LINEUP_DEMO_FAULT_JITTER,
  LINEUP_DEMO_FAULT_CONCURRENCY,
  LINEUP_DEMO_FAULT_SERVER_ERROR,
  LINEUP_DEMO_FAULT_HTML_502,
  LINEUP_DEMO_FAULT_TRUNCATED,
  LINEUP_DEMO_FAULT_EMPTY,
  LINEUP_DEMO_FAULT_RESET,
  LINEUP_DEMO_FAULT_TRICKLE,
  LINEUP_DEMO_N_FAULTS
} LineupDemoFault;

#define LINEUP_DEMO_FAULT_NONE LINEUP_DEMO_N_FAULTS

/* The --fault syntax, for --help and the README. */
#define LINEUP_DEMO_FAULT_SYNTAX \
  "[ENDPOINT:]KIND[=VALUE][,after=N][,times=N][,p=P]"

/* What one request is in for; decided when it arrives. */
typedef struct
{
  guint           delay_ms;
  LineupDemoFault action;        /* LINEUP_DEMO_FAULT_NONE: a normal reply */
  guint           value;
} LineupDemoFaultPlan;

typedef struct _LineupDemoFaults LineupDemoFaults;

LineupDemoFaults *lineup_demo_faults_new         (void);
void              lineup_demo_faults_free        (LineupDemoFaults     *faults);
void              lineup_demo_faults_set         (LineupDemoFaults     *faults,
                                                  const char           *endpoint,
                                                  LineupDemoFault       fault,
                                                  guint                 value,
                                                  guint                 after,
                                                  guint                 times,
                                                  double                probability);
gboolean          lineup_demo_faults_add_spec    (LineupDemoFaults     *faults,
                                                  const char           *spec,
                                                  GError              **error);
void              lineup_demo_faults_clear       (LineupDemoFaults     *faults);
void              lineup_demo_faults_plan        (LineupDemoFaults     *faults,
                                                  const char           *endpoint,
                                                  guint                 in_flight_endpoint,
                                                  guint                 in_flight_total,
                                                  LineupDemoFaultPlan  *plan);
const char       *lineup_demo_fault_get_name     (LineupDemoFault       fault);
gboolean          lineup_demo_fault_carries_out  (LineupDemoFault       fault);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupDemoFaults, lineup_demo_faults_free)

G_END_DECLS
