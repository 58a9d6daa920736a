/* fuzz-init.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-fuzz"

#include "config.h"

#include <stdint.h>
#include <glib.h>

/* The set-up every Lineup fuzzer shares, linked into each of them. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Let AddressSanitizer see every allocation, and make a critical or a
   * warning as fatal as a crash. */
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}
