"""The disposition workbench (处置工作台): FastAPI app, pages, JSON API, exports. `create_app()` builds it."""
