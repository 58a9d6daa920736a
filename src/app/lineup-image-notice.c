/* lineup-image-notice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image-notice"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-image.h"
#include "lineup-image-notice.h"

/* Why a photo was refused, shown above the photo that stays: a title and
 * an icon for the kind of refusal, the message naming the file, and for
 * an animation a "Use First Frame" button. The probe pane owns what
 * happens next; this only says it ("use-first-frame", "dismissed"). */

struct _LineupImageNotice
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GtkImage    *icon;
  GtkLabel    *title_label;
  GtkLabel    *message_label;
  GtkLabel    *kept_label;
  GtkButton   *first_frame_button;

  GError      *error;
};

enum {
  USE_FIRST_FRAME,
  DISMISSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LineupImageNotice, lineup_image_notice, ADW_TYPE_BIN)

typedef struct
{
  const char *title;
  const char *icon;
} Kind;

static Kind
kind_of (const GError *error)
{
  if (error->domain == LINEUP_IMAGE_ERROR)
    switch ((LineupImageError)error->code)
      {
      case LINEUP_IMAGE_ERROR_EMPTY:
        return (Kind) { N_("The File Is Empty"), "image-missing-symbolic" };
      case LINEUP_IMAGE_ERROR_TRUNCATED:
        return (Kind) { N_("The File Is Cut Off"), "image-missing-symbolic" };
      case LINEUP_IMAGE_ERROR_DAMAGED:
        return (Kind) { N_("The File Is Damaged"), "image-missing-symbolic" };
      case LINEUP_IMAGE_ERROR_NOT_AN_IMAGE:
        return (Kind) { N_("Not an Image"), "image-missing-symbolic" };
      case LINEUP_IMAGE_ERROR_UNSUPPORTED:
        return (Kind) { N_("Image Format Not Supported"), "image-missing-symbolic" };
      case LINEUP_IMAGE_ERROR_NOT_A_FILE:
        return (Kind) { N_("Not a File"), "folder-symbolic" };
      case LINEUP_IMAGE_ERROR_UNREADABLE:
        return (Kind) { N_("The File Cannot Be Read"), "action-unavailable-symbolic" };
      case LINEUP_IMAGE_ERROR_FILE_TOO_LARGE:
        return (Kind) { N_("The File Is Too Large"), "dialog-warning-symbolic" };
      case LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS:
        return (Kind) { N_("The Image Is Too Large"), "dialog-warning-symbolic" };
      case LINEUP_IMAGE_ERROR_TOO_SMALL:
        return (Kind) { N_("Too Small to Hold a Face"), "zoom-out-symbolic" };
      case LINEUP_IMAGE_ERROR_ANIMATED:
        return (Kind) { N_("Animations Cannot Be Searched"), "image-x-generic-symbolic" };
      case LINEUP_IMAGE_ERROR_BAD_CROP:
        return (Kind) { N_("The Crop Does Not Fit"), "dialog-warning-symbolic" };
      default:
        break;
      }
  return (Kind) { N_("This Photo Cannot Be Used"), "dialog-warning-symbolic" };
}

/**
 * lineup_image_notice_show_error:
 * @error: why the photo was refused (any domain; LINEUP_IMAGE_ERROR gets
 *   its own title)
 *
 * Shows the notice. Whether it also says that the previous photo is
 * still the probe is lineup_image_notice_set_previous_kept()'s.
 */
void
lineup_image_notice_show_error (LineupImageNotice *self,
                                const GError      *error)
{
  Kind kind;

  g_return_if_fail (LINEUP_IS_IMAGE_NOTICE (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  kind = kind_of (error);

  gtk_label_set_text (self->title_label, _(kind.title));
  gtk_label_set_text (self->message_label, error->message);
  gtk_image_set_from_icon_name (self->icon, kind.icon);
  gtk_widget_set_visible (GTK_WIDGET (self->first_frame_button),
                          g_error_matches (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_ANIMATED));
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.use-first-frame",
                                 g_error_matches (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_ANIMATED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.dismiss", TRUE);

  /* Tell screen readers at once: the photo did not change. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _(kind.title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
}

/**
 * lineup_image_notice_set_previous_kept:
 *
 * Whether to say that the photo shown before is still the probe.
 */
void
lineup_image_notice_set_previous_kept (LineupImageNotice *self,
                                       gboolean           kept)
{
  g_return_if_fail (LINEUP_IS_IMAGE_NOTICE (self));
  gtk_widget_set_visible (GTK_WIDGET (self->kept_label), kept);
}

void
lineup_image_notice_dismiss (LineupImageNotice *self)
{
  g_return_if_fail (LINEUP_IS_IMAGE_NOTICE (self));

  if (self->error == NULL)
    return;
  g_clear_error (&self->error);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.use-first-frame", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.dismiss", FALSE);
  g_signal_emit (self, signals[DISMISSED], 0);
}

/**
 * lineup_image_notice_get_error:
 *
 * Returns: (nullable) (transfer none): the refusal shown, if any
 */
const GError *
lineup_image_notice_get_error (LineupImageNotice *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE_NOTICE (self), NULL);
  return self->error;
}

const char *
lineup_image_notice_get_title (LineupImageNotice *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE_NOTICE (self), NULL);
  return gtk_label_get_text (self->title_label);
}

static void
use_first_frame_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LineupImageNotice *self = LINEUP_IMAGE_NOTICE (widget);

  g_signal_emit (self, signals[USE_FIRST_FRAME], 0);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  lineup_image_notice_dismiss (LINEUP_IMAGE_NOTICE (widget));
}

GtkWidget *
lineup_image_notice_new (void)
{
  return g_object_new (LINEUP_TYPE_IMAGE_NOTICE, NULL);
}

static void
lineup_image_notice_dispose (GObject *object)
{
  LineupImageNotice *self = (LineupImageNotice *)object;

  /* AdwBin unparents its child (the template's revealer) itself. */
  g_clear_error (&self->error);

  G_OBJECT_CLASS (lineup_image_notice_parent_class)->dispose (object);
}

static void
lineup_image_notice_class_init (LineupImageNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_image_notice_dispose;

  /**
   * LineupImageNotice::use-first-frame:
   *
   * The operator asked for an animation's first frame instead.
   */
  signals[USE_FIRST_FRAME] = g_signal_new ("use-first-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DISMISSED] = g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-image-notice.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupImageNotice, revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupImageNotice, icon);
  gtk_widget_class_bind_template_child (widget_class, LineupImageNotice, title_label);
  gtk_widget_class_bind_template_child (widget_class, LineupImageNotice, message_label);
  gtk_widget_class_bind_template_child (widget_class, LineupImageNotice, kept_label);
  gtk_widget_class_bind_template_child (widget_class, LineupImageNotice, first_frame_button);

  gtk_widget_class_install_action (widget_class, "notice.use-first-frame", NULL, use_first_frame_action);
  gtk_widget_class_install_action (widget_class, "notice.dismiss", NULL, dismiss_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "notice.dismiss", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
lineup_image_notice_init (LineupImageNotice *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.use-first-frame", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.dismiss", FALSE);
}
