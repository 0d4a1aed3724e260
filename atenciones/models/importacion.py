"""Imports of an office's spreadsheets: the batch, its rows (with what each created) and saved mappings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..importacion.valores import legible
from .casos import Atencion
from .personas import Persona


class MapeoImportacion(models.Model):
    """A column mapping saved by name ("Planilla atenciones 2023"), reused for the next file."""

    nombre = models.CharField(_("nombre"), max_length=120, unique=True)
    # Normalised heading → field key.
    columnas = models.JSONField(_("columnas"), default=dict)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("creado por")
    )

    class Meta:
        verbose_name = _("mapeo de importación")
        verbose_name_plural = _("mapeos de importación")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre


class LoteImportacion(models.Model):
    """One uploaded file: its mapping, its dry run or import, and its undo."""

    class Estado(models.TextChoices):
        MAPEO = "mapeo", _("Por revisar el mapeo")
        SIMULADO = "simulado", _("Simulación lista")
        EN_COLA = "en_cola", _("En cola")
        IMPORTANDO = "importando", _("Importando")
        IMPORTADO = "importado", _("Importado")
        FALLIDO = "fallido", _("Falló")
        DESHACIENDO = "deshaciendo", _("Deshaciendo")
        DESHECHO = "deshecho", _("Deshecho")

    # Kept only while the batch can be undone (deleted on undo and after the undo window).
    archivo = models.FileField(_("archivo"), upload_to="importaciones/", blank=True)
    nombre_archivo = models.CharField(_("nombre del archivo"), max_length=255)
    hoja = models.CharField(_("hoja"), max_length=120, blank=True)
    hojas = models.JSONField(_("hojas del archivo"), default=list, blank=True)
    fila_encabezado = models.PositiveIntegerField(_("fila de encabezados"), default=1)
    encabezados = models.JSONField(_("encabezados"), default=list, blank=True)
    # Column index (as text, JSON keys) → field key.
    mapeo = models.JSONField(_("mapeo"), default=dict, blank=True)
    mapeo_guardado = models.ForeignKey(
        MapeoImportacion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lotes",
        verbose_name=_("mapeo guardado"),
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.MAPEO)
    simulacion = models.BooleanField(_("simulación"), default=False)
    filas_leidas = models.PositiveIntegerField(_("filas leídas"), default=0)
    personas_nuevas = models.PositiveIntegerField(_("personas nuevas"), default=0)
    personas_encontradas = models.PositiveIntegerField(_("personas encontradas"), default=0)
    atenciones_nuevas = models.PositiveIntegerField(_("atenciones nuevas"), default=0)
    repetidas = models.PositiveIntegerField(_("filas ya importadas"), default=0)
    errores = models.PositiveIntegerField(_("filas con error"), default=0)
    cortada_en = models.PositiveIntegerField(_("lectura detenida en la fila"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("creado por")
    )
    terminado = models.DateTimeField(_("terminado"), null=True, blank=True)
    deshecho = models.DateTimeField(_("deshecho"), null=True, blank=True)
    # Set by the running job after each chunk (a redelivered job resumes only a silent batch).
    latido = models.DateTimeField(_("último avance"), null=True, blank=True, editable=False)
    # Data rows of the dry run: the import's progress bar counts against it.
    total_filas = models.PositiveIntegerField(_("filas de datos"), null=True, blank=True)
    # The undo (a background job): who asked for it, the records it removes (attentions and
    # persons, counted when it starts; set means the undo has started) and how many are gone.
    deshecho_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deshecho por"),
    )
    deshacer_total = models.PositiveIntegerField(_("registros por deshacer"), null=True, blank=True)
    deshacer_hechos = models.PositiveIntegerField(_("registros deshechos"), default=0)

    class Meta:
        verbose_name = _("lote de importación")
        verbose_name_plural = _("lotes de importación")
        ordering = ["-creado", "-pk"]
        # The office head's import of spreadsheets (migration 0013_i12 grants it to her group).
        permissions = [("importar_planillas", _("Puede importar planillas de atenciones"))]

    def __str__(self) -> str:
        return f"{self.nombre_archivo} ({self.hoja})" if self.hoja else self.nombre_archivo

    @property
    def en_curso(self) -> bool:
        return self.estado in (self.Estado.EN_COLA, self.Estado.IMPORTANDO, self.Estado.DESHACIENDO)

    @property
    def deshacer_fallido(self) -> bool:
        """An undo stopped by an error: partly undone, it can only be undone again (resumes)."""
        return self.estado == self.Estado.FALLIDO and self.deshacer_total is not None

    @property
    def mapeo_editable(self) -> bool:
        """Not imported yet (nor partly undone): its mapping changes and it is dry run again."""
        estados = (self.Estado.MAPEO, self.Estado.SIMULADO, self.Estado.FALLIDO)
        return self.estado in estados and not self.deshacer_fallido

    @property
    def deshacible(self) -> bool:
        """Imported, or an undo stopped by an error: an undo starts (or resumes) from here."""
        return self.estado == self.Estado.IMPORTADO or self.deshacer_fallido

    @property
    def avance(self) -> tuple[int, int | None]:
        """(done, total) for the progress bar: records removed once an undo has started (running,
        done or stopped), else the rows a dry run or an import has read."""
        if self.deshacer_total is not None:
            return self.deshacer_hechos, self.deshacer_total
        return self.filas_leidas, self.total_filas

    def get_additional_data(self) -> dict[str, int | bool]:
        """The counts carried by each of the batch's change-history entries (auditlog calls this):
        the entry of every block the import commits says who ran it and what it had done so far.
        The counters themselves are left out of the tracked fields (progress noise)."""
        return {
            "simulacion": self.simulacion,
            "filas_leidas": self.filas_leidas,
            "personas_nuevas": self.personas_nuevas,
            "personas_encontradas": self.personas_encontradas,
            "atenciones_nuevas": self.atenciones_nuevas,
            "repetidas": self.repetidas,
            "errores": self.errores,
            "deshacer_hechos": self.deshacer_hechos,
        }


class FilaImportacion(models.Model):
    """One row of a batch: its original values, its outcome and what it created."""

    class Resultado(models.TextChoices):
        PERSONA_NUEVA = "nueva", _("Persona nueva")
        PERSONA_ENCONTRADA = "encontrada", _("Persona existente")
        REPETIDA = "repetida", _("Ya importada")
        ERROR = "error", _("Error")

    lote = models.ForeignKey(
        LoteImportacion, on_delete=models.CASCADE, related_name="filas", verbose_name=_("lote")
    )
    numero = models.PositiveIntegerField(_("fila"))
    # SHA-256 of the row's mapped values: the same row in a later file is recognised.
    huella = models.CharField(_("huella"), max_length=64)
    resultado = models.CharField(_("resultado"), max_length=10, choices=Resultado.choices)
    probabilidad = models.PositiveSmallIntegerField(_("probabilidad (%)"), null=True, blank=True)
    columna = models.CharField(_("columna"), max_length=150, blank=True)
    mensaje = models.CharField(_("mensaje"), max_length=500, blank=True)
    valores = models.JSONField(_("valores originales"), default=list)
    persona = models.ForeignKey(
        Persona,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filas_importadas",
        verbose_name=_("persona"),
    )
    persona_creada = models.BooleanField(_("creó la persona"), default=False)
    atencion = models.OneToOneField(
        Atencion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="origen_importacion",
        verbose_name=_("atención"),
    )

    class Meta:
        verbose_name = _("fila importada")
        verbose_name_plural = _("filas importadas")
        ordering = ["lote", "numero"]
        indexes = [
            # Idempotent re-import: is this row already imported (in a batch not undone)?
            models.Index(fields=["huella"], name="filaimp_huella_idx"),
            # The report's filters.
            models.Index(fields=["lote", "resultado"], name="filaimp_lote_resultado_idx"),
        ]
        constraints = [
            # One record per row of a batch: a restarted job skips the rows already done.
            models.UniqueConstraint(fields=["lote", "numero"], name="filaimp_lote_numero_unico"),
            # A row with an error created nothing.
            models.CheckConstraint(
                condition=~Q(resultado="error") | Q(atencion__isnull=True, persona_creada=False),
                name="filaimp_error_sin_registros",
            ),
        ]

    def __str__(self) -> str:
        return _("Fila %(numero)s de %(lote)s") % {"numero": self.numero, "lote": self.lote}

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.resultado == self.Resultado.ERROR and (self.atencion_id or self.persona_creada):
            raise ValidationError(_("Una fila con error no crea registros."))

    def valores_legibles(self, cuantos: int = 6) -> str:
        """The row's first cells as the office typed them (valores.legible), empty ones left out."""
        return " · ".join(t for t in map(legible, self.valores[:cuantos]) if t)

    @property
    def origen(self) -> str:
        return _("%(archivo)s, hoja «%(hoja)s», fila %(fila)s") % {
            "archivo": self.lote.nombre_archivo,
            "hoja": self.lote.hoja,
            "fila": self.numero,
        }
