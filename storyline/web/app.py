"""The HTTP API and the web app over one Storyline store (``create_app``; ``storyline serve`` runs it).

Everything the pages show comes from the JSON API under ``/api/`` (described by ``/openapi.json``
and browsable at ``/api-docs``); the pages are static files vendored in ``static/``. Each worker
thread has its own ``Storyline`` (SQLite connections are per thread); ingests run on one
background thread (see ``jobs.py``).

Safety: article text is untrusted and the pages only ever insert it as text; a Content Security
Policy forbids inline scripts; requests that change the store must carry ``X-Storyline: 1`` (a
header another site's page cannot add without the browser asking this server first); with a
token, every request needs ``Authorization: Bearer TOKEN`` or the cookie set by ``/?token=TOKEN``.
"""
from __future__ import annotations

import hmac
import json
import threading
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import __version__
from ..api import EntityNotFound, Storyline
from ..corrections import KINDS, CorrectionError
from ..store import StoreError
from .jobs import MAX_FILE_BYTES, MAX_FILES, MAX_PASTE_CHARS, MAX_REQUEST_BYTES, IngestJobs, UploadRejected

STATIC = Path(str(resources.files("storyline.web") / "static"))
TOKEN_COOKIE = "storyline_token"
CSRF_HEADER = "x-storyline"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class CorrectionIn(BaseModel):
    """A correction as the page sends it; see ``Storyline.correct``."""

    entity: str = Field(description="The timeline the editor is looking at (any alias).")
    kind: Literal["reject", "redate", "merge", "split", "resolve"]
    events: list[str] = Field(default_factory=list, description="Event ids (reject, redate, split: one; merge: two or more).")
    conflict: str | None = Field(default=None, description="Conflict id (resolve).")
    claim: int | None = Field(default=None, description="Index of the chosen claim in the conflict (resolve).")
    sources: list[dict] = Field(default_factory=list, description="Sources to split off: [{doc, start}] (split).")
    date: str | None = Field(default=None, description="YYYY, YYYY-MM, YYYY-MM-DD or START/END (redate; optional for merge, split).")
    note: str | None = Field(default=None, max_length=2000, description="Why (shown with the correction).")


def create_app(db_path: str | Path, token: str | None = None, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the store at ``db_path``. ``token``: required on every request when set.
    ``allowed_hosts``: Host header values accepted (``storyline serve`` on loopback passes
    ``LOOPBACK_HOSTS``, which stops DNS-rebinding pages from reading a local store)."""
    db = str(db_path)
    Storyline(db).close()  # create or migrate the store now, and fail early on a bad file
    app = FastAPI(title="Storyline", version=__version__, docs_url=None, redoc_url=None,
                  description="Sourced timelines of people and organisations in news articles. "
                              "Timelines follow the Storyline JSON format (docs/json-format.md).")
    local = threading.local()
    jobs = IngestJobs(db)
    app.state.jobs = jobs

    def sl() -> Storyline:
        s = getattr(local, "sl", None)
        if s is None:
            s = local.sl = Storyline(db)
        return s

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if allowed_hosts is not None and request.headers.get("host", "").rsplit(":", 1)[0] not in allowed_hosts \
                and request.headers.get("host", "") not in allowed_hosts:
            return PlainTextResponse("storyline: unknown Host header", status_code=400)
        if token:
            given = request.query_params.get("token")
            if given is not None and _same(given, token):
                rest = request.url.remove_query_params("token")
                resp = RedirectResponse(rest.path + (f"?{rest.query}" if rest.query else ""), status_code=303)
                resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
                return resp
            auth = request.headers.get("authorization", "")
            if not ((auth.startswith("Bearer ") and _same(auth[7:], token))
                    or _same(request.cookies.get(TOKEN_COOKIE, ""), token)):
                return JSONResponse({"detail": "this server needs its token: open /?token=TOKEN once, "
                                               "or send 'Authorization: Bearer TOKEN'"}, status_code=401)
        if request.method not in ("GET", "HEAD", "OPTIONS") and request.headers.get(CSRF_HEADER) != "1":
            return JSONResponse({"detail": f"requests that change the store need the header '{CSRF_HEADER}: 1'"},
                                status_code=403)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.add_middleware(BodyLimit)

    @app.exception_handler(EntityNotFound)
    async def _not_found(request, exc):
        return JSONResponse({"detail": str(exc.args[0] if exc.args else exc)}, status_code=404)

    @app.exception_handler(CorrectionError)
    async def _bad_correction(request, exc):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def _store_error(request, exc):
        return JSONResponse({"detail": str(exc)}, status_code=500)

    # -- pages ------------------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/api-docs", include_in_schema=False)
    def api_docs():
        return FileResponse(STATIC / "api.html", headers={"Cache-Control": "no-cache"})

    # -- API ---------------------------------------------------------------------------------
    @app.get("/api/info", tags=["store"])
    def info() -> dict:
        """The store: documents, its generation (moves on with every ingest or correction),
        upload limits, and whether the summary view is available."""
        s = sl()
        return {"version": __version__, "documents": s.store.document_count(), "generation": s.store.generation(),
                "summary": hasattr(Storyline, "summarize"), "correction_kinds": list(KINDS),
                "limits": {"file_bytes": MAX_FILE_BYTES, "request_bytes": MAX_REQUEST_BYTES,
                           "files": MAX_FILES, "paste_chars": MAX_PASTE_CHARS}}

    @app.get("/api/entities", tags=["entities"])
    def entities(q: str = Query("", max_length=200, description="Start of a name or of a word of it."),
                 limit: int = Query(10, ge=1, le=100)) -> list[dict]:
        """Type-ahead: entities with their mention count and how many event statements name them."""
        return sl().suggest(q, limit)

    @app.get("/api/entity", tags=["entities"])
    def entity(name: str = Query(..., max_length=300)) -> dict:
        """One entity by any alias (a unique partial match is accepted)."""
        return sl().entity(name).to_dict()

    @app.get("/api/timeline", tags=["timeline"], response_class=Response,
             responses={200: {"content": {"application/json": {}},
                              "description": "A timeline in the Storyline JSON format, corrections applied."}})
    def timeline(entity: str = Query(..., max_length=300), since: date | None = None, until: date | None = None):
        """The timeline of ``entity`` (docs/json-format.md), optionally only since..until."""
        return Response(sl().timeline_json(entity, since, until), media_type="application/json")

    @app.get("/api/timeline/export", tags=["timeline"], response_class=Response)
    def export(entity: str = Query(..., max_length=300),
               format: Literal["json", "markdown", "html", "text", "timelinejs"] = "json",
               since: date | None = None, until: date | None = None):
        """The timeline rendered like ``storyline timeline --format``, as a download."""
        from ..render import render

        data = sl().timeline(entity, since, until).to_dict()
        ext = {"json": "json", "markdown": "md", "html": "html", "text": "txt", "timelinejs": "json"}[format]
        media = {"json": "application/json", "timelinejs": "application/json", "html": "text/html",
                 "markdown": "text/markdown", "text": "text/plain"}[format]
        name = "".join(ch if ch.isalnum() else "-" for ch in data["entity"]["name"]).strip("-") or "timeline"
        return Response(render(data, format), media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'})

    @app.get("/api/events", tags=["timeline"])
    def events(entity: str = Query(..., max_length=300), since: date | None = None,
               until: date | None = None) -> list[dict]:
        """The events of a timeline (as in the timeline JSON)."""
        return [e.to_dict() for e in sl().timeline(entity, since, until).events]

    @app.get("/api/events/{event_id}", tags=["timeline"])
    def event(event_id: str, entity: str = Query(..., max_length=300)) -> dict:
        """One event of a timeline, with the documents its sources come from."""
        tl = sl().timeline(entity)
        found = next((e for e in tl.events if e.id == event_id), None)
        if found is None:
            raise HTTPException(404, f"no event '{event_id}' in the timeline of {tl.entity.name}")
        docs = {s.doc for s in found.sources}
        return found.to_dict() | {"documents": [d.to_dict() for d in tl.documents if d.doc in docs]}

    @app.get("/api/conflicts", tags=["timeline"])
    def conflicts(entity: str = Query(..., max_length=300)) -> list[dict]:
        """Where the sources of a timeline disagree about a date, with each claim's sources."""
        return [c.to_dict() for c in sl().timeline(entity).conflicts]

    @app.get("/api/documents/{doc_id:path}", tags=["documents"])
    def document(doc_id: str) -> dict:
        """A stored article with its text; sources point into it by character offsets."""
        try:
            d = sl().document(doc_id)
        except LookupError as exc:
            raise HTTPException(404, str(exc)) from None
        return {"doc": d["id"], "title": d["title"], "published": d["published"].isoformat() if d["published"] else None,
                "published_estimate": ({"earliest": d["estimate"][0].isoformat(), "latest": d["estimate"][1].isoformat()}
                                       if d["estimate"] and not d["published"] else None),
                "url": d["url"], "source": d["source"], "text": d["text"]}

    @app.get("/api/corrections", tags=["corrections"])
    def corrections() -> list[dict]:
        """Every correction in the store, oldest first."""
        return [c.to_dict() for c in sl().corrections()]

    @app.post("/api/corrections", tags=["corrections"], status_code=201)
    def correct(body: CorrectionIn) -> dict:
        """Correct a timeline: reject an event, fix its date, merge events, split one, or resolve
        a conflict by choosing a claim (with a note). Stored; applies wherever the statements appear."""
        made = sl().correct(body.entity, body.kind, events=body.events, conflict=body.conflict, claim=body.claim,
                            sources=body.sources, date=body.date, note=body.note)
        return made.to_dict()

    @app.delete("/api/corrections/{correction_id}", tags=["corrections"])
    def uncorrect(correction_id: str) -> dict:
        """Undo a correction (``co-3``)."""
        sl().remove_correction(correction_id)
        return {"deleted": correction_id}

    @app.post("/api/ingest", tags=["ingest"], status_code=202)
    async def ingest(files: list[UploadFile] = File(default=[], description="Text, HTML or JSON Lines files."),
                     text: str | None = Form(default=None, description="A pasted article."),
                     title: str | None = Form(default=None, max_length=500),
                     published: str | None = Form(default=None, description="YYYY-MM-DD of the pasted article.")) -> dict:
        """Add articles. Returns a job at once; poll ``/api/ingest/{job}`` for progress. The
        timeline includes them as soon as the job is done."""
        if len(files) > MAX_FILES:
            raise HTTPException(413, f"too many files: {len(files)} (at most {MAX_FILES} per upload)")
        if text and len(text) > MAX_PASTE_CHARS:
            raise HTTPException(413, f"pasted text too long: {len(text)} characters (at most {MAX_PASTE_CHARS})")
        if published:
            try:
                date.fromisoformat(published)
            except ValueError:
                raise HTTPException(400, f"published: '{published[:40]}' is not a date (YYYY-MM-DD)") from None
        read: list[tuple[str, bytes]] = []
        total = 0
        for f in files:
            data = await f.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise HTTPException(413, f"{f.filename}: file too large (at most {MAX_FILE_BYTES // (1024 * 1024)} MiB)")
            if not data:
                raise HTTPException(400, f"{f.filename}: the file is empty")
            total += len(data)
            if total > MAX_REQUEST_BYTES:
                raise HTTPException(413, f"upload too large (at most {MAX_REQUEST_BYTES // (1024 * 1024)} MiB in all)")
            read.append((f.filename or "", data))
        try:
            job = jobs.submit(read, text, title, published)
        except UploadRejected as exc:
            raise HTTPException(400, str(exc)) from None
        return job.to_dict()

    @app.get("/api/ingest/{job_id}", tags=["ingest"])
    def ingest_progress(job_id: str) -> dict:
        """An ingest job: state (queued, running, done, failed), inputs read of total, the report."""
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no ingest job '{job_id}'")
        return job.to_dict()

    @app.get("/api/summary", tags=["timeline"])
    def summary(entity: str = Query(..., max_length=300), size: int = Query(10, ge=1, le=100),
                since: date | None = None, until: date | None = None):
        """The summary view: the ``size`` dates that mattered most (when this Storyline has
        summarisation, ``Storyline.summarize``; 501 otherwise)."""
        s = sl()
        if not hasattr(s, "summarize"):
            raise HTTPException(501, "this Storyline has no summarisation yet")
        result = s.summarize(entity, size, since=since, until=until)
        return result.to_dict() if hasattr(result, "to_dict") else result

    return app


class BodyLimit:
    """Stops reading a request body past ``MAX_REQUEST_BYTES`` (plus room for the multipart
    framing) and answers 413, whether the size was announced (Content-Length) or not (chunked):
    nothing larger is ever spooled to disk."""

    SLACK = 64 * 1024

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = MAX_REQUEST_BYTES + self.SLACK
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return await _too_large(send)
        seen, rejected = 0, False

        async def limited_receive():
            nonlocal seen, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    rejected = True
                    await _too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            if not rejected:
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not rejected:
                raise  # a rejected request's app only fails on the body it was refused


async def _too_large(send) -> None:
    body = json.dumps({"detail": f"request too large (at most {MAX_REQUEST_BYTES // (1024 * 1024)} MiB per upload)"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))
