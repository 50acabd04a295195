"""Serve: the HTTP API and the web dashboard over an events database (`newsevents serve`).

    create_app(ServeSettings(db="events.duckdb", token=None)) -> FastAPI application
    run(options, host="127.0.0.1", port=8000)                 -> serves until stopped
"""
from __future__ import annotations

from .app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app", "run"]


def run(options: ServeSettings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and the dashboard until interrupted."""
    import uvicorn
    app = create_app(options)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
