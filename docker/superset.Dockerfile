# Superset 6.1 in its own environment (it needs SQLAlchemy < 2), with the dashboards as code.
FROM python:3.11-slim
WORKDIR /app
COPY requirements/superset.txt /tmp/superset.txt
RUN pip install --no-cache-dir uv==0.13.9 && uv pip install --system --no-cache -r /tmp/superset.txt
COPY superset /app/superset
ENV SUPERSET_CONFIG_PATH=/app/superset/superset_config.py
