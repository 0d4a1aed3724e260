# Sello Migrante: `make run` (portal with demo data) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in the emails (sent by the task worker) point at the port `make run` opens,
# unless SITE_URL is set in the environment.
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test install migrate messages tools lint typecheck format check-deploy benchmark clean

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
	@SITE_URL=$(SITE_URL) $(BIN)/python manage.py qcluster & trabajador=$$!; \
	trap 'kill $$trabajador 2>/dev/null; wait $$trabajador 2>/dev/null' EXIT INT TERM; \
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Test-only tools from npm (package.json): the Nu Html Checker (vnu.jar), run with Java by
# tests/test_html_valido.py. Without npm the step is skipped and so is that test (CI installs both).
node_modules/.instalado: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "make: npm no está instalado; se omite vnu.jar (validación de HTML)." >&2; fi

tools: node_modules/.instalado

# Uses DATABASE_URL when set (PostgreSQL in CI), the SQLite default otherwise. Two test processes
# (pytest-xdist) by default: `make test PYTEST_ARGS=` runs them in one.
PYTEST_ARGS ?= -n 2 -q
# pytest's exit code 5 (no test collected) is a failure here: the suite must never be empty.
test: messages tools
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
	rm -rf $(VENV) staticfiles db.sqlite3 node_modules
