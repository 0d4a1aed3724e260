"""No double submit: a one-time token per create form.

The form carries a signed token (`envio`) made when the empty form is shown. The first submit
claims it by inserting an EnvioFormulario row (unique token) in the same transaction that
creates the record; a second submit of the same token (double click, back and resubmit, two
tabs, two workers racing: the database lets one insert through, the other waits for it to
commit and then fails) creates nothing and is sent to the record the first one created.
A token of another form or user, or a forged one, is refused with a clear message.

A POST without a token (an old page, a script) is still served, without this guarantee.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import EnvioFormulario

_SAL = "atenciones.envio-formulario"
MENSAJE_INVALIDO = _(
    "Este formulario no es válido para esta acción (quizás se abrió en otra página). Recargue la página e intente de nuevo."
)


def nuevo_token(formulario: str) -> str:
    return signing.Signer(salt=_SAL).sign(f"{formulario}:{uuid.uuid4().hex}")


def leer_token(valor: str, formulario: str) -> str:
    """The token's unique part, or ValidationError if it was forged or belongs to another form."""
    try:
        contenido = signing.Signer(salt=_SAL).unsign(valor)
    except signing.BadSignature:
        raise forms.ValidationError(MENSAJE_INVALIDO, code="envio_invalido") from None
    nombre, _sep, unico = contenido.partition(":")
    if nombre != formulario or len(unico) != 32:
        raise forms.ValidationError(MENSAJE_INVALIDO, code="envio_invalido")
    return unico


class TokenEnvioMixin:
    """A create form's one-time token: set `formulario_envio` on the class; render `{{ form.envio }}`."""

    formulario_envio = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["envio"] = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
        if not self.is_bound:
            self.initial["envio"] = nuevo_token(self.formulario_envio)

    def clean_envio(self) -> str:
        valor = self.cleaned_data.get("envio") or ""
        if not valor:
            return ""
        try:
            return leer_token(valor, self.formulario_envio)
        except forms.ValidationError as exc:
            # On top of the form (the field is hidden); the form is invalid, nothing is created.
            self.add_error(None, exc)
            return ""


class EnvioRepetido(Exception):
    """The token was already used: `url` is the page of the record the first submit created."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def envio_previo(*, token: str, usuario) -> str | None:
    """The result page of an earlier submit of `token` (as posted) by `usuario`, if any (a cheap first check)."""
    partes = (token or "").split(":")
    if len(partes) != 3 or len(partes[1]) != 32:
        return None
    return (
        EnvioFormulario.objects.filter(token=partes[1], usuario=usuario).values_list("url", flat=True).first()
    )


def crear_una_vez(
    *, token: str, formulario: str, usuario, crear: Callable[[], Any], url: Callable[[Any], str]
) -> Any:
    """Run `crear()` once per token; a repeat raises EnvioRepetido with the first result's page.

    Call it with the form's cleaned `envio` (verified: the token's unique part). Without a token it just creates.
    """
    if not token:
        return crear()
    with transaction.atomic():
        try:
            with transaction.atomic():
                envio = EnvioFormulario.objects.create(token=token, formulario=formulario, usuario=usuario)
        except IntegrityError:
            previo = EnvioFormulario.objects.filter(token=token).first()
            if previo is None or previo.usuario_id != usuario.pk or previo.formulario != formulario:
                raise forms.ValidationError(MENSAJE_INVALIDO, code="envio_invalido") from None
            raise EnvioRepetido(previo.url) from None
        objeto = crear()
        envio.url = url(objeto)
        envio.save(update_fields=["url"])
    return objeto
