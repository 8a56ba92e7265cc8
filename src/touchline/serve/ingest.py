"""``POST /api/articles``: articles in the forms ``touchline ingest`` reads from JSON.

Off unless ``TOUCHLINE_API_TOKEN`` is set; then the request needs ``Authorization: Bearer
<token>``, compared in constant time.  The body is a JSON object, a JSON array of objects
(``Content-Type: application/json``) or JSON Lines (``application/x-ndjson``, ``application/jsonl``),
each object with ``text`` and optionally ``published``/``date``, ``title``, ``url``/``id``,
``source``.  One article at a time is ingested by the server (a lock), away from the event loop.
"""

from __future__ import annotations

import hmac
import json
import os
import tempfile
import threading
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from touchline.model import Skip
from touchline.serve.errors import ApiError

JSON_TYPES = ("application/json",)
LINES_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines",
               "application/x-jsonlines")
DEFAULT_SOURCE = "api"

_ARTICLE = {
    "type": "object", "required": ["text"],
    "properties": {"text": {"type": "string", "minLength": 1},
                   "published": {"type": "string", "format": "date"},
                   "date": {"type": "string", "format": "date"}, "title": {"type": "string"},
                   "url": {"type": "string"}, "id": {"type": "string"}, "source": {"type": "string"}},
}
INGEST_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {
        "application/json": {"schema": {"oneOf": [_ARTICLE, {"type": "array", "items": _ARTICLE,
                                                            "minItems": 1}]}},
        "application/x-ndjson": {"schema": {"type": "string",
                                            "description": "one JSON article object per line"}},
    }},
}

_lock = threading.Lock()


bearer = HTTPBearer(auto_error=False, description="the server's TOUCHLINE_API_TOKEN")


def check_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    token: str | None = request.app.state.api_token
    if not token:
        raise ApiError(403, "posting articles is off: start the server with TOUCHLINE_API_TOKEN set")
    given = credentials.credentials.strip() if credentials is not None else ""
    ok = hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("utf-8"))
    if credentials is None or not ok:
        raise ApiError(401, "a valid 'Authorization: Bearer <token>' header is required",
                       headers={"WWW-Authenticate": "Bearer"})


async def read_body(request: Request) -> bytes:
    limit: int = request.app.state.max_body
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def to_lines(raw: bytes, content_type: str) -> list[str]:
    """The body as JSON Lines text: one JSON value per line (bad lines are kept for ingest to report)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "the body is not UTF-8 text") from None
    if content_type in JSON_TYPES:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno} column {exc.colno}"
            raise ApiError(400, f"malformed JSON ({exc.msg} at {where})") from None
        except RecursionError:
            raise ApiError(400, "malformed JSON (nested too deeply)") from None
        items = doc if isinstance(doc, list) else [doc]
        if not items:
            raise ApiError(400, "an empty list: no article to add")
        return [json.dumps(_with_source(x), ensure_ascii=False) for x in items]
    lines = []
    for line in text.splitlines():
        try:
            record = json.loads(line) if line.strip() else None
        except (json.JSONDecodeError, RecursionError):
            record = None
        good = isinstance(record, dict)
        lines.append(json.dumps(_with_source(record), ensure_ascii=False) if good else line)
    return lines


def _with_source(record: Any) -> Any:
    if isinstance(record, dict) and not record.get("source"):
        return {**record, "source": DEFAULT_SOURCE}
    return record


def _ingest(request: Request, lines: list[str]) -> dict[str, Any]:
    skips: list[Skip] = []
    with tempfile.TemporaryDirectory(prefix="touchline-post-") as folder:
        path = os.path.join(folder, "body.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(line.replace("\n", " ") for line in lines) + "\n")
        with _lock:
            report = request.app.state.kb.ingest([path], on_skip=skips.append)
    skipped = [f"line {s.line}: {s.reason}" if s.line is not None else s.reason for s in skips]
    result = {"added": report.added, "duplicates": report.duplicates,
              "already_present": report.already_present, "skipped": skipped}
    if report.added + report.duplicates + report.already_present == 0:
        raise ApiError(400, "no article could be read: " + ("; ".join(skipped[:5]) or "the body is empty"))
    return result


async def post_articles(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None,
                                                               Depends(bearer)]) -> dict[str, Any]:
    check_token(request, credentials)
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type not in JSON_TYPES + LINES_TYPES:
        raise ApiError(415, "send application/json (an article or a list) or application/x-ndjson "
                            "(JSON Lines)")
    raw = await read_body(request)
    if not raw.strip():
        raise ApiError(400, "the body is empty")
    lines = to_lines(raw, content_type)
    return await run_in_threadpool(_ingest, request, lines)
