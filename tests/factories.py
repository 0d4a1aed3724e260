"""factory_boy factories for the whole project."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from stdnum.cl import rut

from atenciones.busqueda import texto_busqueda
from atenciones.choices import Canal, EstadoDerivacion, TipoDocumento
from atenciones.identidad import claves_persona
from atenciones.models import Atencion, AtencionTema, Caso, Derivacion, EventoDerivacion, Hogar, Persona
from oficina import roles
from oficina.choices import Area, Tema
from oficina.models import Departamento, Membresia, Organizacion, PaginaInformativa, Servicio


def run_valido(n):
    cuerpo = str(n)
    return cuerpo + rut.calc_check_digit(cuerpo)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    first_name = factory.Faker("first_name", locale="es_CL")
    last_name = factory.Faker("last_name", locale="es_CL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@municipalidad.example")
    password = factory.django.Password("clave-de-prueba")

    @factory.post_generation
    def grupo(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class DepartamentoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departamento
        django_get_or_create = ["nombre"]

    nombre = factory.Sequence(lambda n: f"Departamento {n}")
    sigla = factory.Sequence(lambda n: f"D{n}")
    area = Area.SALUD
    email = factory.LazyAttribute(lambda d: f"{d.sigla.lower()}@municipalidad.example")
    plazo_respuesta_dias = 5


class OrganizacionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organizacion
        django_get_or_create = ["nombre"]

    nombre = factory.Sequence(lambda n: f"Organización {n}")
    tipo = Organizacion.Tipo.ONG
    idiomas = ["es"]
    plazo_respuesta_dias = 10


class ServicioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Servicio

    organizacion = factory.SubFactory(OrganizacionFactory)
    nombre = factory.Sequence(lambda n: f"Servicio {n}")
    area = Area.SALUD


class MembresiaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membresia

    usuario = factory.SubFactory(UserFactory, grupo=roles.ENLACE)
    departamento = factory.SubFactory(DepartamentoFactory)


class HogarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hogar

    nombre = factory.Sequence(lambda n: f"Familia {n}")


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    nombres = factory.Faker("first_name", locale="es")
    apellidos = factory.Faker("last_name", locale="es")
    fecha_nacimiento = factory.Faker("date_of_birth", minimum_age=18, maximum_age=70)
    nacionalidad = "VE"
    tipo_documento = TipoDocumento.RUN
    documento_numero = factory.Sequence(lambda n: run_valido(20_000_000 + n))
    telefono = factory.Sequence(lambda n: f"+5698{n:07d}")
    consentimiento_fecha = factory.LazyFunction(timezone.now)
    consentimiento_version = "2026-12"
    # The search text that Persona.clean() fills (factories skip clean()).
    busqueda = factory.LazyAttribute(texto_busqueda)
    claves = factory.LazyAttribute(claves_persona)


class CasoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Caso

    persona = factory.SubFactory(PersonaFactory)
    motivo = "Regularización de residencia"
    area = Area.REGULARIZACION
    asignado_a = factory.SubFactory(UserFactory, grupo=roles.PROFESIONAL)


class AtencionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Atencion
        skip_postgeneration_save = True

    persona = factory.SubFactory(PersonaFactory)
    profesional = factory.SubFactory(UserFactory, grupo=roles.PROFESIONAL)
    fecha_hora = factory.LazyFunction(timezone.now)
    canal = Canal.PRESENCIAL
    notas = "Orientación general."

    @factory.post_generation
    def temas(self, create, extracted, **kwargs):
        if create:
            for tema in extracted or [Tema.REGULARIZACION]:
                AtencionTema.objects.create(atencion=self, tema=tema)


class DerivacionFactory(factory.django.DjangoModelFactory):
    """A referral in state `enviada` with its first event (as services.derivar leaves it)."""

    class Meta:
        model = Derivacion
        skip_postgeneration_save = True

    codigo = factory.Sequence(lambda n: f"D-2026-{n + 900000:06d}")
    persona = factory.SubFactory(PersonaFactory)
    departamento = factory.SubFactory(DepartamentoFactory)
    organizacion = None
    tema = Tema.SALUD
    motivo = "Necesita inscribirse en el CESFAM."
    consentimiento = True
    derivado_por = factory.SubFactory(UserFactory, grupo=roles.PROFESIONAL)
    fecha_envio = factory.LazyFunction(timezone.now)
    fecha_limite = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    estado = EstadoDerivacion.ENVIADA

    @factory.post_generation
    def evento_inicial(self, create, extracted, **kwargs):
        if create:
            EventoDerivacion.objects.create(
                derivacion=self,
                estado_nuevo=EstadoDerivacion.ENVIADA,
                usuario=self.derivado_por,
                fecha=self.fecha_envio,
            )


class PaginaInformativaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaginaInformativa

    clave = factory.Sequence(lambda n: f"guia-{n}")
    idioma = "es"
    tema = Tema.SALUD
    titulo = factory.Sequence(lambda n: f"Guía {n}")
    resumen = "Resumen de la guía."
    cuerpo = "## Qué hacer\n\nVaya al CESFAM más cercano."


class ProgramaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "oficina.Programa"

    nombre = factory.Sequence(lambda n: f"Programa {n}")
    area = Area.CULTURA


class ActividadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "oficina.Actividad"

    programa = factory.SubFactory(ProgramaFactory)
    titulo = factory.Sequence(lambda n: f"Actividad {n}")
    inicio = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    lugar = "Biblioteca Severín"
