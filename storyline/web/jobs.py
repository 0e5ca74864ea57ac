"""Ingests started from the browser: uploads checked and written to a private folder, then
analysed one job at a time on a background thread, with progress the page can poll.

No path from a request is ever opened: uploaded files are written under names the server makes
(only a cleaned-up form of the upload's base name is kept, for the document id) into a fresh
temporary folder, which ``Storyline.ingest`` reads and which is removed afterwards.
"""
from __future__ import annotations

import itertools
import queue
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..api import Storyline

MAX_FILE_BYTES = 10 * 1024 * 1024       # one uploaded file
MAX_REQUEST_BYTES = 50 * 1024 * 1024    # everything in one upload request
MAX_FILES = 200                          # files in one upload request
MAX_PASTE_CHARS = 500_000                # pasted article text
KEEP_FINISHED = 50                       # finished jobs remembered for polling

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadRejected(ValueError):
    """An upload that breaks a limit or is empty; the message names the input and the limit."""


def safe_name(name: str | None, fallback: str) -> str:
    """A file name the server may write: the base name only, no leading dots, plain characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = _SAFE.sub("_", base).lstrip("._")[:100]
    return cleaned or fallback


@dataclass
class Job:
    id: str
    folder: Path
    inputs: int
    state: str = "queued"  # queued, running, done, failed
    read: int = 0
    total: int | None = None
    report: dict | None = None
    errors: list[str] = field(default_factory=list)
    error: str | None = None
    started: float | None = None
    finished: float | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "state": self.state, "inputs": self.inputs, "read": self.read,
                "total": self.total, "report": self.report, "errors": self.errors[:50], "error": self.error,
                "seconds": round((self.finished or time.time()) - self.started, 1) if self.started else None}


class IngestJobs:
    """One background thread that runs queued ingests in order against ``db``."""

    def __init__(self, db: str):
        self.db = db
        self.jobs: dict[str, Job] = {}
        self.queue: queue.Queue[Job] = queue.Queue()
        self.lock = threading.Lock()
        self.counter = itertools.count(1)
        self.worker: threading.Thread | None = None

    def submit(self, files: list[tuple[str, bytes]], pasted: str | None, title: str | None,
               published: str | None) -> Job:
        """Write the uploads (already read within limits) to a fresh folder and queue their ingest."""
        if not files and not (pasted and pasted.strip()):
            raise UploadRejected("nothing to ingest: upload a file or paste an article's text")
        folder = Path(tempfile.mkdtemp(prefix="storyline-upload-"))
        try:
            used: set[str] = set()
            for n, (name, data) in enumerate(files, start=1):
                target = safe_name(name, f"upload-{n}.txt")
                while target in used:
                    target = f"{n}-{target}"
                used.add(target)
                (folder / target).write_bytes(data)
            if pasted and pasted.strip():
                (folder / _pasted_name(pasted)).write_text(_pasted_article(pasted, title, published), encoding="utf-8")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        job = Job(f"job-{next(self.counter)}", folder, len(files) + (1 if pasted and pasted.strip() else 0))
        with self.lock:
            self.jobs[job.id] = job
            self._forget_old()
            if self.worker is None or not self.worker.is_alive():
                self.worker = threading.Thread(target=self._run, name="storyline-ingest", daemon=True)
                self.worker.start()
        self.queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def _forget_old(self) -> None:
        done = [j for j in self.jobs.values() if j.state in ("done", "failed")]
        for j in done[:-KEEP_FINISHED]:
            self.jobs.pop(j.id, None)

    def _run(self) -> None:
        while True:
            job = self.queue.get()
            job.state, job.started = "running", time.time()

            def progress(read: int, total: int | None, job=job) -> None:
                job.read, job.total = read, total

            try:
                with Storyline(self.db) as sl:
                    # one process: forking a server that runs threads is not safe
                    report = sl.ingest([str(job.folder)], processes=1, progress=False,
                                       on_progress=progress, on_error=job.errors.append)
                job.report = report.to_dict()
                job.report["errors"] = [_strip_folder(e, job.folder) for e in report.errors]
                job.errors = job.report["errors"]
                job.state = "done"
            except Exception as exc:  # reported to the page; the store keeps every committed batch
                job.state, job.error = "failed", _strip_folder(f"{type(exc).__name__}: {exc}", job.folder)
            finally:
                job.finished = time.time()
                shutil.rmtree(job.folder, ignore_errors=True)
                self.queue.task_done()


def _strip_folder(message: str, folder: Path) -> str:
    """Errors name the uploaded file, not the server's temporary folder."""
    return message.replace(str(folder) + "/", "").replace(str(folder), "upload")


def _pasted_name(text: str) -> str:
    import hashlib

    return "pasted-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] + ".txt"


def _pasted_article(text: str, title: str | None, published: str | None) -> str:
    """The text reader's format: an optional ' date YYYY-MM-DD title' first line, then the text."""
    text = text.replace("\r\n", "\n")
    if published:
        header = f" date {published}" + (f" {' '.join(title.split())}" if title and title.strip() else "")
        return header + "\n" + text
    return text
