"""Pages measured by `manage.py benchmark`: (name, demo user, URL or a callable returning it).

Each feature adds its staff pages here, so the benchmark covers every page that must stay fast
at 200,000 persons and 1,000,000 attentions.
"""

PAGINAS = [
    ("mi_dia", "profesional", "/equipo/"),
]
