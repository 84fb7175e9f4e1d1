"""What the Airflow tasks call, and the environment Airflow runs in; the DAG files stay thin."""
