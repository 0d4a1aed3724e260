"""Forms of referrals: send one, move it, log a follow-up, filter the lists."""

import datetime
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from oficina.choices import AREA_DE_TEMA, Tema
from oficina.models import Departamento, Organizacion
from oficina.roles import es_encargada

from ..choices import (
    TRANSICIONES_DERIVACION,
    EstadoDerivacion,
    MotivoRechazo,
    Prioridad,
    ResultadoDerivacion,
    ResultadoSeguimiento,
)
from ..envios import TokenEnvioMixin
from ..models import Caso, Derivacion, DerivacionQuerySet, Persona
from ..selectors.derivaciones import externas_esperando
from .destinos import CampoDestino, campos_destino, opcion_destino

E = EstadoDerivacion


def _plazo(destino: Departamento | Organizacion, hoy: datetime.date) -> str:
    dias = destino.plazo_respuesta_dias
    if destino.plazo_en_dias_habiles:
        texto = ngettext(
            "responde en %(dias)d día hábil, hasta el %(fecha)s",
            "responde en %(dias)d días hábiles, hasta el %(fecha)s",
            dias,
        )
    else:
        texto = ngettext(
            "responde en %(dias)d día corrido, hasta el %(fecha)s",
            "responde en %(dias)d días corridos, hasta el %(fecha)s",
            dias,
        )
    return texto % {"dias": dias, "fecha": destino.fecha_limite(hoy).strftime("%d-%m-%Y")}


def opciones_de_destino(
    tema: str | None, hoy: datetime.date | None = None
) -> list[tuple[str | Promise, Any]]:
    """Grouped choices: the destinations proposed for the topic first, then the others.

    Values as in `forms.destinos`; each label shows the response deadline.
    Organisations that do not accept referrals are left out.
    """
    hoy = hoy or timezone.localdate()
    area = AREA_DE_TEMA.get(tema) if tema else None
    departamentos = list(Departamento.objects.filter(activo=True).order_by("nombre"))
    organizaciones = list(
        Organizacion.objects.filter(activa=True, acepta_derivaciones=True).order_by("nombre")
    )
    del_area = set()
    if area:
        del_area = set(
            Organizacion.objects.filter(
                Q(servicios__area=area), activa=True, acepta_derivaciones=True
            ).values_list("pk", flat=True)
        )

    def opcion(destino: Departamento | Organizacion) -> tuple[str, str]:
        return opcion_destino(destino, f"{destino.nombre} ({_plazo(destino, hoy)})")

    propuestos: list[tuple[str, str]] = []
    deptos: list[tuple[str, str]] = []
    orgs: list[tuple[str, str]] = []
    for d in departamentos:
        (propuestos if area and d.area == area else deptos).append(opcion(d))
    for o in organizaciones:
        (propuestos if o.pk in del_area else orgs).append(opcion(o))
    grupos: list[tuple[str | Promise, Any]] = [("", _("Elija un destino"))]
    if propuestos:
        grupos.append((_("Propuestos para el tema"), propuestos))
    if deptos:
        grupos.append((_("Departamentos municipales"), deptos))
    if orgs:
        grupos.append((_("Red de apoyo (externas)"), orgs))
    return grupos


class NuevaDerivacionForm(TokenEnvioMixin, forms.Form):
    formulario_envio = "derivacion"
    tema = forms.ChoiceField(label=_("Tema"), choices=[("", "---------"), *Tema.choices])
    destino = CampoDestino(
        label=_("Destino"),
        help_text=_("Los destinos propuestos para el tema aparecen primero, con su plazo de respuesta."),
    )
    motivo = forms.CharField(
        label=_("Motivo de la derivación"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Lo que el destino necesita saber. No registre detalles sensibles innecesarios."),
    )
    prioridad = forms.ChoiceField(label=_("Prioridad"), choices=Prioridad.choices, initial=Prioridad.MEDIA)
    caso = forms.ModelChoiceField(label=_("Caso"), queryset=Caso.objects.none(), required=False)
    consentimiento = forms.BooleanField(
        label=_("La persona consiente compartir sus datos con el destino."), required=False
    )
    consentimiento_omitido_motivo = forms.CharField(
        label=_("Motivo para derivar sin consentimiento"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Solo la encargada de la oficina puede derivar sin consentimiento; el motivo queda registrado."
        ),
    )

    def __init__(self, *args: Any, persona: Persona, usuario: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.usuario = usuario
        tema = self.data.get("tema") if self.is_bound else self.initial.get("tema")
        cast(forms.ChoiceField, self.fields["destino"]).choices = opciones_de_destino(
            tema if tema in Tema.values else None
        )
        cast(forms.ModelChoiceField, self.fields["caso"]).queryset = Caso.objects.abiertos().filter(
            persona=persona
        )
        if not es_encargada(usuario):
            del self.fields["consentimiento_omitido_motivo"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data
        if not datos.get("consentimiento"):
            if "consentimiento_omitido_motivo" not in self.fields:
                self.add_error(
                    "consentimiento",
                    _("Se requiere el consentimiento de la persona para compartir sus datos con el destino."),
                )
            elif not (datos.get("consentimiento_omitido_motivo") or "").strip():
                self.add_error(
                    "consentimiento_omitido_motivo",
                    _("Para derivar sin consentimiento, escriba el motivo (queda registrado)."),
                )
        return datos


class CambioEstadoForm(forms.Form):
    """A referral's move. The staff page sends one form per button (the state is hidden); with
    `derivacion=` (the admin) the state is picked among the legal moves from its current state.
    Either way the service checks the move again under a row lock."""

    nuevo_estado = forms.ChoiceField(label=_("Nuevo estado"), choices=E.choices, widget=forms.HiddenInput)
    estado_esperado = forms.ChoiceField(choices=E.choices, widget=forms.HiddenInput)
    respuesta = forms.CharField(
        label=_("Respuesta"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    motivo_rechazo = forms.ChoiceField(
        label=_("Motivo del rechazo"), choices=[("", "---------"), *MotivoRechazo.choices], required=False
    )
    nota = forms.CharField(
        label=_("Nota"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # Resolving records the outcome (issue #13). Missing from an old page: "attended and resolved".
    resultado = forms.ChoiceField(
        label=_("Resultado"),
        choices=ResultadoDerivacion.choices,
        required=False,
        initial=ResultadoDerivacion.ATENDIDA_RESUELTA,
        widget=forms.RadioSelect,
    )
    resultado_detalle = forms.CharField(
        label=_("Detalle del resultado"),
        max_length=500,
        required=False,
        help_text=_("Obligatorio si el resultado es «Otro»."),
    )
    fecha_atendida = forms.DateField(
        label=_("Fecha en que se atendió"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Si no la indica y la persona fue atendida, se registra hoy."),
    )
    siguiente_destino = CampoDestino(
        label=_("Derivar a"),
        required=False,
        help_text=_(
            "Solo si el resultado es «Derivada a otro destino»: se crea la nueva derivación enlazada."
        ),
    )

    def __init__(
        self,
        *args: Any,
        derivacion: Derivacion | None = None,
        tema: str | None = None,
        con_destinos: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The onward destinations cost queries: only the resolve form (and the admin's) lists them.
        if con_destinos or derivacion is not None:
            cast(forms.ChoiceField, self.fields["siguiente_destino"]).choices = opciones_de_destino(
                tema or (derivacion.tema if derivacion is not None else None)
            )
        if derivacion is not None:
            posibles = TRANSICIONES_DERIVACION.get(derivacion.estado, set())
            campo = cast(forms.ChoiceField, self.fields["nuevo_estado"])
            campo.widget = forms.Select()
            campo.choices = [("", _("Elija…"))] + [(e.value, e.label) for e in E if e in posibles]
            self.fields["estado_esperado"].initial = derivacion.estado
            self.fields["respuesta"].help_text = _("Obligatoria para marcarla como resuelta.")
            self.fields["motivo_rechazo"].help_text = _("Obligatorio para rechazarla.")
            self.order_fields(["nuevo_estado", "nota", "respuesta", "motivo_rechazo"])

    def clean_resultado(self) -> str:
        return self.cleaned_data.get("resultado") or ResultadoDerivacion.ATENDIDA_RESUELTA

    def argumentos_resultado(self) -> dict:
        """The outcome arguments of cambiar_estado_derivacion (only when resolving)."""
        d = self.cleaned_data
        if d.get("nuevo_estado") != E.RESUELTA:
            return {}
        destino = d.get("siguiente_destino")
        return {
            "resultado": d.get("resultado") or ResultadoDerivacion.ATENDIDA_RESUELTA,
            "resultado_detalle": d.get("resultado_detalle", ""),
            "fecha_atendida": d.get("fecha_atendida"),
            "siguiente_departamento": destino if isinstance(destino, Departamento) else None,
            "siguiente_organizacion": destino if isinstance(destino, Organizacion) else None,
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data
        nuevo = datos.get("nuevo_estado")
        if nuevo == E.RESUELTA:
            resultado = datos.get("resultado")
            if resultado == ResultadoDerivacion.OTRO and not (datos.get("resultado_detalle") or "").strip():
                self.add_error("resultado_detalle", _("Describa el resultado «Otro»."))
            if (
                resultado == ResultadoDerivacion.DERIVADA
                and not datos.get("siguiente_destino")
                and "siguiente_destino" not in self.errors
            ):
                self.add_error("siguiente_destino", _("Elija el destino al que se deriva."))
            fecha = datos.get("fecha_atendida")
            if fecha and fecha > timezone.localdate():
                self.add_error("fecha_atendida", _("La fecha de atención no puede estar en el futuro."))
        if nuevo == E.RESUELTA and not (datos.get("respuesta") or "").strip():
            self.add_error("respuesta", _("Escriba la respuesta para resolver la derivación."))
        if nuevo == E.RECHAZADA and not datos.get("motivo_rechazo"):
            self.add_error("motivo_rechazo", _("Elija el motivo del rechazo."))
        return datos


class SeguimientoForm(TokenEnvioMixin, forms.Form):
    formulario_envio = "seguimiento"
    resultado = forms.ChoiceField(label=_("Resultado del contacto"), choices=ResultadoSeguimiento.choices)
    nota = forms.CharField(
        label=_("Nota"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proxima_fecha = forms.DateField(
        label=_("Próximo seguimiento"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_proxima_fecha(self) -> Any:
        fecha = self.cleaned_data.get("proxima_fecha")
        if fecha and fecha < timezone.localdate():
            raise forms.ValidationError(_("La próxima fecha de seguimiento no puede estar en el pasado."))
        return fecha


class FiltroDerivacionesForm(forms.Form):
    """Office list filters (GET). Invalid values are reported and ignored, never a 500."""

    destino = CampoDestino(label=_("Destino"), required=False)
    estado = forms.ChoiceField(label=_("Estado"), choices=[("", _("Todos")), *E.choices], required=False)
    vencidas = forms.BooleanField(label=_("Solo vencidas"), required=False)
    externas = forms.BooleanField(label=_("Solo externas esperando respuesta"), required=False)
    desde = forms.DateField(
        label=_("Enviadas desde"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = forms.DateField(
        label=_("Enviadas hasta"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deptos = [opcion_destino(d) for d in Departamento.objects.only("pk", "nombre")]
        orgs = [opcion_destino(o) for o in Organizacion.objects.only("pk", "nombre")]
        cast(forms.ChoiceField, self.fields["destino"]).choices = [
            ("", _("Todos")),
            (_("Departamentos municipales"), deptos),
            (_("Red de apoyo (externas)"), orgs),
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data
        if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
            self.add_error("hasta", _("La fecha final no puede ser anterior a la inicial."))
        return datos

    def filtrar(self, qs: DerivacionQuerySet) -> DerivacionQuerySet:
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d.get("destino"):
            qs = qs.filter(**campos_destino(d["destino"]))
        if d.get("estado"):
            qs = qs.filter(estado=d["estado"])
        if d.get("vencidas"):
            qs = qs.vencidas()
        if d.get("externas"):
            qs = externas_esperando(qs)
        if d.get("desde"):
            qs = qs.filter(fecha_envio__date__gte=d["desde"])
        if d.get("hasta"):
            qs = qs.filter(fecha_envio__date__lte=d["hasta"])
        return qs
