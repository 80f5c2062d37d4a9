# syntax=docker/dockerfile:1
# One image recipe for both services:
#   docker build --build-arg SERVICE=api -t buurtkracht-api .
#   docker build --build-arg SERVICE=web -t buurtkracht-web .
# docker-compose.yml builds both. The last stage is chosen by SERVICE (service-api or
# service-web), so each image holds only its own extra's dependencies.
ARG SERVICE=api
# The look of the web service: `amsterdam` fetches the City of Amsterdam's proprietary design
# tokens, fonts and logo at build time (never committed); `none` keeps the neutral look.
ARG BRAND=amsterdam

# --- brand: the City's files for the web image, with npm from the pinned lockfile ---------
FROM python:3.11-slim-bookworm AS brand
ARG SERVICE
ARG BRAND
WORKDIR /src/web
COPY services/web/web/npm ./npm
COPY services/web/web/vendoring.py ./
RUN mkdir -p static/brand \
 && if [ "$SERVICE" = web ] && [ "$BRAND" = amsterdam ]; then \
      apt-get update && apt-get install -y --no-install-recommends npm \
      && python vendoring.py --brand-only --work /tmp/npm; \
    fi

# --- build: a virtualenv with the project and the SERVICE extra, nothing else ------------
FROM python:3.11-slim-bookworm AS build
ARG SERVICE
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN case "$SERVICE" in api|web) ;; \
      *) echo "Build with --build-arg SERVICE=api or SERVICE=web, not '$SERVICE'." >&2; exit 1;; \
    esac
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# Dependencies first, read from pyproject.toml, so a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import sys, tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies'][sys.argv[1]]))" "$SERVICE" > /tmp/requirements.txt \
 && pip install --no-cache-dir -r /tmp/requirements.txt
COPY services ./services
COPY --from=brand /src/web/static/brand ./services/web/web/static/brand
RUN pip install --no-cache-dir ".[${SERVICE}]"

# --- runtime: the virtualenv on a clean slim base, run as an unprivileged user -----------
FROM python:3.11-slim-bookworm AS runtime
LABEL org.opencontainers.image.title="Buurtkracht" \
      org.opencontainers.image.description="What works in resident participation" \
      org.opencontainers.image.licenses="EUPL-1.2"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH
ARG SERVICE
# The API prints the method book as PDF with WeasyPrint, which needs Pango and a font.
RUN if [ "$SERVICE" = api ]; then \
      apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
      && rm -rf /var/lib/apt/lists/*; \
    fi
# jemalloc for every allocation, Python's small objects included (PYTHONMALLOC=malloc): the
# memory a large request freed goes back to the system after a few seconds instead of
# staying with the process as its high-water mark. The soak (bench/soak.py) measured it:
# docs/fuzzing-and-load.md.
RUN apt-get update && apt-get install -y --no-install-recommends libjemalloc2 \
 && ln -s "$(dpkg -L libjemalloc2 | grep '/libjemalloc\.so\.2$')" /usr/local/lib/libjemalloc.so.2 \
 && test -e /usr/local/lib/libjemalloc.so.2 \
 && rm -rf /var/lib/apt/lists/*
ENV LD_PRELOAD=/usr/local/lib/libjemalloc.so.2 \
    PYTHONMALLOC=malloc
RUN groupadd --system --gid 10001 buurtkracht \
 && useradd --system --uid 10001 --gid buurtkracht --no-create-home \
      --home-dir /nonexistent --shell /usr/sbin/nologin buurtkracht
# Owned by root and read-only for the service: the code cannot be changed at run time.
COPY --from=build /opt/venv /opt/venv
# An empty working directory: nothing in it can shadow the installed api and web packages.
WORKDIR /app
USER 10001:10001
# PORT and HEALTH_PATH come from the service stage below. urlopen raises on anything but 2xx.
# /health is liveness (the process answers): an orchestrator replaces a container that fails
# it, which would not help when the database is away. docker-compose.yml checks /ready.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + os.environ['HEALTH_PATH'], timeout=4)"]

# Logs are JSON lines with a request id; the app writes the access line (--no-access-log
# drops uvicorn's own). On SIGTERM requests in flight get 20 s to finish (compose's
# stop_grace_period allows for it).
FROM runtime AS service-api
ENV SERVICE=api PORT=8000 HEALTH_PATH=/health API_LOG_FORMAT=json
EXPOSE 8000
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log", "--timeout-graceful-shutdown", "20"]

FROM runtime AS service-web
ENV SERVICE=web PORT=8080 HEALTH_PATH=/health WEB_LOG_FORMAT=json
EXPOSE 8080
CMD ["uvicorn", "web.main:app", "--host", "0.0.0.0", "--port", "8080", "--no-access-log", "--timeout-graceful-shutdown", "20"]

# --- the image: the stage named by SERVICE ------------------------------------------------
FROM service-${SERVICE}
