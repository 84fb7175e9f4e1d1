"""Airflow plugin: the disposition workbench (风险处置工作台) served by the Airflow API server at /disposition/.

The app does its own login (hl.app_user) and audit; Airflow only hosts it. Building it has no side effects
(no database connection, no files) because Airflow imports plugins in several processes.
"""

from __future__ import annotations

from typing import ClassVar

from airflow.plugins_manager import AirflowPlugin

from customs_risk.disposition.web.app import create_app

URL_PREFIX = "/disposition"


class DispositionWorkbenchPlugin(AirflowPlugin):
    name = "disposition_workbench"
    fastapi_apps: ClassVar[list[dict]] = [
        {"app": create_app(), "url_prefix": URL_PREFIX, "name": "风险处置工作台 Disposition workbench"}
    ]
    # a link in the Airflow UI's navigation, opening the workbench inside the UI
    external_views: ClassVar[list[dict]] = [
        {
            "name": "风险处置 Disposition",
            "href": f"{URL_PREFIX}/",
            "destination": "nav",
            "url_route": "disposition",
        }
    ]
