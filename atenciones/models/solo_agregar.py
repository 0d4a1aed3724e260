"""The append-only base of histories and logs (referral events, follow-ups, access log)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SoloAgregar(models.Model):
    """Append-only rows: written once, never changed or deleted through a model instance."""

    mensaje_no_se_modifica = _("Este registro no se modifica.")
    mensaje_no_se_borra = _("Este registro no se borra.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(self.mensaje_no_se_modifica)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(self.mensaje_no_se_borra)
