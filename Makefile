# Sello Migrante: `make run` (portal with demo data) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install migrate messages lint typecheck format check-deploy benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.instalado: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.instalado

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

migrate: install
	$(BIN)/python manage.py migrate --noinput

# The task worker (django-q2) runs beside the web server and stops with it.
run: messages migrate
	$(BIN)/python manage.py seed_demo
	@echo "Portal en http://127.0.0.1:$(PORT)/  ·  equipo: http://127.0.0.1:$(PORT)/equipo/"
	@$(BIN)/python manage.py qcluster & trabajador=$$!; \
	trap 'kill $$trabajador 2>/dev/null; wait $$trabajador 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Uses DATABASE_URL when set (PostgreSQL in CI), the SQLite default otherwise.
# pytest's exit code 5 (no test collected) is a failure here: the suite must never be empty.
test: messages
	@$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: no se ejecutó ninguna prueba" >&2; exit 1; fi; exit $$rc

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs; configuration in pyproject.toml ([tool.mypy]).
typecheck: install
	$(BIN)/mypy .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	DEBUG=off SECRET_KEY=ci-$$(date +%s)-una-clave-larga-solo-para-revisar-la-configuracion-xyz \
	ALLOWED_HOSTS=migrantes.example.cl $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
