"""One ASGI application: the REST API (``/api``, OpenAPI at ``/docs``) and the web page (``/``).

``touchline serve`` runs it with uvicorn.  The Swagger UI at ``/docs`` is served from files
shipped in a package (fastapi-offline): nothing is fetched from the network at run time.
"""

from __future__ import annotations

import os
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from touchline.serve import api, errors, web

if TYPE_CHECKING:
    from touchline.api import KnowledgeBase

DEFAULT_MAX_BODY = 8 * 1024 * 1024
# The page runs no inline script and loads nothing from elsewhere: injected markup could not run.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class Guard:
    """Pure ASGI middleware: a body over the limit gets 413 before it is read; every answer
    gets defensive headers, and a page (not /docs) a strict Content-Security-Policy."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and not length.isdigit():
            await _send_json(send, 400, '{"error": "Content-Length is not a number"}')
            return
        if length is not None and int(length) > self.max_body:
            message = f'{{"error": "request body over the limit of {self.max_body} bytes"}}'
            await _send_json(send, 413, message)
            return
        path: str = scope.get("path", "")
        strict = not path.startswith(("/docs", "/openapi.json"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY")]
                if strict:
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                message["headers"] = list(message.get("headers") or []) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _send_json(send: Send, status: int, text: str) -> None:
    data = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


def create_app(kb: KnowledgeBase, *, api_token: str | None = None, max_body: int | None = None) -> FastAPI:
    """The application over an open knowledge base.  ``api_token`` turns ``POST /api/articles``
    on (default: the environment's ``TOUCHLINE_API_TOKEN``)."""
    app = FastAPIOffline(
        title="touchline", version="0.1.0", static_url="/docs-static", redoc_url=None,
        description="A time-aware knowledge base of football news: entities, timelines, facts as of a "
                    "date, matches checked against a results reference, quotes, stories, articles "
                    "with every extracted span, and full-text search.  Every record carries its "
                    "sources (article id, source, date, character span).",
    )
    app.state.kb = kb
    if api_token is None:
        api_token = os.environ.get("TOUCHLINE_API_TOKEN") or None
    app.state.api_token = api_token
    app.state.max_body = max_body or DEFAULT_MAX_BODY
    errors.install(app)
    app.include_router(api.router)
    app.include_router(web.router)
    static: Any = files("touchline.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(Guard, max_body=app.state.max_body)
    return app


def serve(kb: KnowledgeBase, host: str, port: int, **options: Any) -> None:
    """Run the application until interrupted."""
    import uvicorn

    uvicorn.run(create_app(kb, **options), host=host, port=port, log_level="info", server_header=False,
                proxy_headers=False)
