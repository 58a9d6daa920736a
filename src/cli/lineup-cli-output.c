/* lineup-cli-output.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lineup-cli-private.h"

/* What lineup-cli writes: messages on stderr and one JSON document on
 * stdout. Much of it comes from the service (codes, request ids, stored
 * names), which could hold escape sequences that retitle the terminal,
 * move the cursor or hide text, CR or LF that forge a line of our own,
 * or bidi controls that reorder what people read. Messages have those
 * escaped; the JSON has them as \u escapes, which is the same JSON. */

static gboolean
is_hazard (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         c == 0x061c ||                       /* ARABIC LETTER MARK */
         c == 0x200e || c == 0x200f ||        /* LRM, RLM */
         (c >= 0x202a && c <= 0x202e) ||      /* embeddings and overrides */
         (c >= 0x2066 && c <= 0x2069) ||      /* isolates */
         c == 0x2028 || c == 0x2029;          /* line and paragraph separators */
}

/**
 * lineup_cli_escape:
 * @keep_newlines: leave '\n' alone, for a block of several lines of our own
 *
 * Returns: (transfer full): @text as valid UTF-8 with every control, C1
 *   and bidi character written as \xHH or \uHHHH
 */
char *
lineup_cli_escape (const char *text,
                   gboolean    keep_newlines)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c == '\n' && keep_newlines) || c == '\t' || !is_hazard (c))
        g_string_append_unichar (out, c);
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_printf (out, "\\u%04X", c);
    }
  return g_string_free (out, FALSE);
}

static void
say (gboolean    keep_newlines,
     const char *format,
     va_list     args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);
  g_autofree char *escaped = lineup_cli_escape (text, keep_newlines);

  g_printerr ("lineup-cli: %s\n", escaped);
}

/**
 * lineup_cli_say:
 *
 * Writes one line on stderr, after "lineup-cli: ", escaped with
 * lineup_cli_escape(): nothing in it can start a new line.
 */
void
lineup_cli_say (const char *format,
                ...)
{
  va_list args;

  va_start (args, format);
  say (FALSE, format, args);
  va_end (args);
}

/* Like lineup_cli_say(), for a block of lines that we laid out. */
void
lineup_cli_say_block (const char *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  say (TRUE, format, args);
  va_end (args);
}

/* json-glib escapes C0 controls and DEL in strings, but not C1 or bidi
 * controls; text outside strings is ASCII, so escaping those wherever
 * they are keeps the document's meaning. */
static char *
escape_json_text (const char *json)
{
  GString *out = g_string_sized_new (strlen (json));

  for (const char *p = json; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 && is_hazard (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * lineup_cli_print_json:
 * @builder: a finished document
 *
 * Prints the document on stdout.
 *
 * Returns: %LINEUP_CLI_EXIT_OK, for a command to return
 */
int
lineup_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  escaped = escape_json_text (text);
  printf ("%s\n", escaped);
  fflush (stdout);
  return LINEUP_CLI_EXIT_OK;
}
