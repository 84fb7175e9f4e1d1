# Airflow with the project's locked pipeline environment (Cosmos runs dbt in-process, so dbt lives here too).
FROM apache/airflow:3.3.2-python3.11
COPY requirements/pipeline.txt /tmp/pipeline.txt
RUN pip install --no-cache-dir uv==0.13.9 && uv pip install --no-cache -r /tmp/pipeline.txt
COPY --chown=airflow:root . /opt/customs-risk
RUN uv pip install --no-cache --no-deps -e /opt/customs-risk
ENV AIRFLOW__CORE__DAGS_FOLDER=/opt/customs-risk/dags \
    AIRFLOW__CORE__PLUGINS_FOLDER=/opt/customs-risk/plugins
