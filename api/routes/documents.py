"""Documents: list, upload, delete and re-ingest (admin); a cited passage for the sources panel (any reader)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, UploadFile
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.auth import PrincipalDep, require
from api.deps import RapportDep
from api.schemas import Problem
from assistant.container import Rapport
from assistant.roles import Principal
from knowledge.loaders import SUPPORTED_SUFFIXES

router = APIRouter(prefix="/v1", tags=["documents"], responses={
    401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem},
})
AdminDep = Annotated[Principal, Depends(require("admin"))]
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class DocumentOut(BaseModel):
    """An ingested document."""

    doc_id: str
    title: str
    language: str
    audience: str
    chunks: int
    effective_date: str | None
    source: str


class PassageOut(BaseModel):
    """A cited passage."""

    chunk_id: str
    doc_id: str
    title: str
    section: str
    language: str
    text: str


@router.get("/documents", response_model=list[DocumentOut])
async def list_documents(rapport: RapportDep, principal: PrincipalDep) -> list[DocumentOut]:
    """The documents this caller may read."""
    return [
        DocumentOut(doc_id=r.meta.doc_id, title=r.meta.title, language=r.meta.language, audience=r.meta.audience,
                    chunks=len(r.chunk_ids), source=Path(r.meta.source).name,
                    effective_date=str(r.meta.effective_date) if r.meta.effective_date else None)
        for r in rapport.catalog.documents() if r.meta.audience in principal.audiences
    ]


@router.get("/passages/{chunk_id}", response_model=PassageOut)
async def passage(chunk_id: str, rapport: RapportDep, principal: PrincipalDep) -> PassageOut:
    """A passage by chunk id, under the same audience rules as retrieval (a client never reads an internal one)."""
    chunk = rapport.catalog.chunk(chunk_id)
    if chunk is None or chunk.meta.audience not in principal.audiences:
        raise HTTPException(404, f"no passage {chunk_id!r}")
    return PassageOut(chunk_id=chunk.id, doc_id=chunk.meta.doc_id, title=chunk.meta.title, section=chunk.section,
                      language=chunk.meta.language, text=chunk.text)


@router.post("/documents", status_code=201, response_model=dict[str, Any])
async def upload(file: UploadFile, rapport: RapportDep, principal: AdminDep) -> dict[str, Any]:
    """Add or replace a document (Markdown, text, HTML, PDF or DOCX); returns the ingestion report."""
    name = _SAFE_NAME.sub("-", Path(file.filename or "").name).strip(".-")
    if not name or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise HTTPException(422, f"unsupported file {file.filename!r}: use one of {kinds}")
    limit = rapport.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"the file is larger than the limit of {limit} bytes")
    target = uploads(rapport) / name
    await run_in_threadpool(target.write_bytes, data)
    report = await run_in_threadpool(rapport.ingestor.ingest, [target])
    if report.failed:
        target.unlink(missing_ok=True)  # a file that cannot be read is not kept
        raise HTTPException(422, f"{name}: {report.failed[0]['error']}")
    rapport.audit.record_action(principal.user_id, principal.role, "document_upload", name,
                                {"added": report.added, "updated": report.updated, "chunks": report.chunks})
    return report.to_dict()


@router.delete("/documents/{doc_id}", status_code=200, response_model=dict[str, int])
async def delete(doc_id: str, rapport: RapportDep, principal: AdminDep) -> dict[str, int]:
    """Remove a document (every language version) from the index; an uploaded file is deleted too."""
    sources = [r.meta.source for r in rapport.catalog.documents() if r.meta.doc_id == doc_id]
    if not sources:
        raise HTTPException(404, f"no document {doc_id!r}")
    removed = await run_in_threadpool(rapport.ingestor.remove, sources)
    for source in sources:
        path = Path(source)
        if path.parent == uploads(rapport):
            path.unlink(missing_ok=True)
    rapport.audit.record_action(principal.user_id, principal.role, "document_delete", doc_id, {"files": removed})
    return {"deleted": removed}


@router.post("/documents/reingest", response_model=dict[str, Any])
async def reingest(rapport: RapportDep, principal: AdminDep) -> dict[str, Any]:
    """Bring the index in line with the files it was built from: changed files replaced, vanished removed."""
    folders = sorted({str(Path(r.meta.source).parent) for r in rapport.catalog.documents()} | {str(uploads(rapport))})
    report = await run_in_threadpool(rapport.ingestor.ingest, [Path(f) for f in folders if Path(f).is_dir()])
    rapport.audit.record_action(principal.user_id, principal.role, "documents_reingest", "all", {
        "added": report.added, "updated": report.updated, "deleted": report.deleted, "failed": len(report.failed)})
    return report.to_dict()


def uploads(rapport: Rapport) -> Path:
    """Where uploaded documents are kept."""
    folder = (rapport.settings.data_dir / "uploads").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder
