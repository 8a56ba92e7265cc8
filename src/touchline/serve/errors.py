"""Every failure answers JSON with one line; no stack trace ever reaches a client."""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from touchline.query.lookup import AmbiguousName, NameLookupError, SearchTermError
from touchline.store import StoreError

logger = logging.getLogger("touchline.serve")


class ApiError(Exception):
    """An answer other than 2xx: the status, one line, and the entities a name might mean."""

    def __init__(self, status: int, message: str, candidates: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.candidates = candidates
        self.headers = headers


def clean(value: str | None, what: str) -> str:
    """A text parameter without surrounding blanks; 400 for control characters or nothing left."""
    text = (value or "").strip()
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in text):
        raise ApiError(400, f"{what} holds a control character")
    if not text:
        raise ApiError(400, f"{what} is empty")
    return text


def body(message: str, candidates: list[dict[str, Any]] | None = None,
         detail: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"error": message}
    if candidates is not None:
        out["candidates"] = candidates
    if detail is not None:
        out["detail"] = detail
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(body(exc.message, exc.candidates), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = []
        for err in exc.errors():
            details.append({"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", "")),
                            "type": str(err.get("type", ""))})
        first = details[0] if details else {"loc": [], "msg": "bad request"}
        line = f"{' '.join(first['loc'][1:] or first['loc']) or 'request'}: {first['msg']}"
        return JSONResponse(jsonable_encoder(body(line, detail=details)), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        return JSONResponse(body(message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(SearchTermError)
    async def empty_term(_request: Request, exc: SearchTermError) -> JSONResponse:
        return JSONResponse(body(str(exc)), status_code=400)

    @app.exception_handler(NameLookupError)
    async def unknown_name(_request: Request, exc: NameLookupError) -> JSONResponse:
        return JSONResponse(body(str(exc), []), status_code=409 if isinstance(exc, AmbiguousName) else 404)

    @app.exception_handler(StoreError)
    async def store_failed(_request: Request, exc: StoreError) -> JSONResponse:
        logger.error("database error: %s", exc)
        return JSONResponse(body("the knowledge base cannot be read just now"), status_code=503)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(body("internal error (the server logged it)"), status_code=500)
