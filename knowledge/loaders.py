"""Loaders: Markdown/text with YAML front matter, HTML, PDF and DOCX, all turned into text with Markdown headings.

Metadata comes from the front matter, from HTML <meta>/<title>/lang, from a sidecar `FILE.meta.yaml`
(for PDF and DOCX) and finally from defaults. The default audience is `internal`: a document that does not say
who may read it must never reach a client.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

import yaml

from knowledge.errors import DocumentError, UnsupportedFormat
from knowledge.types import AUDIENCES, Audience, DocumentMeta, LoadedDocument

Loader = Callable[[bytes], tuple[dict[str, Any], str]]
MAX_DOCX_INFLATED_BYTES = 50_000_000  # zip's own sizes are checked against the data (CRC) as it inflates
_FRONT = re.compile(r"\A\ufeff?---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


def load_document(path: Path, data: bytes, *, default_language: str = "en") -> LoadedDocument:
    """Read one file's bytes into a LoadedDocument, or raise DocumentError saying what is wrong."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise UnsupportedFormat(f"no loader for {path.suffix or 'files without an extension'}")
    try:
        found, text = loader(data)
    except DocumentError:
        raise
    except Exception as exc:  # a parser's own error says little; name the file's problem
        raise DocumentError(f"cannot read {path.suffix[1:].upper()}: {exc.__class__.__name__}: {exc}") from exc
    sidecar = path.with_name(path.name + ".meta.yaml")
    if sidecar.exists():
        found = {**found, **_yaml_mapping(sidecar.read_text(encoding="utf-8"))}
    if not text.strip():
        raise DocumentError("the document has no text (a scanned PDF needs OCR first)")
    return LoadedDocument(meta=_meta(path, found, text, default_language), text=text)


def _meta(path: Path, found: Mapping[str, Any], text: str, default_language: str) -> DocumentMeta:
    audience = str(found.get("audience", "internal")).strip().lower()
    if audience not in AUDIENCES:
        raise DocumentError(f"audience {audience!r} is not one of {', '.join(AUDIENCES)}")
    title = str(found.get("title") or _first_heading(text) or path.stem).strip()
    return DocumentMeta(
        doc_id=str(found.get("id") or path.name.split(".")[0]),
        title=title,
        audience=cast(Audience, audience),
        language=_language(found.get("language"), default_language),
        product=str(found.get("product") or "general"),
        effective_date=_date(found.get("effective_date")),
        supersedes=str(found["supersedes"]) if found.get("supersedes") else None,
        source=str(path.resolve()),
    )


def _language(value: Any, default: str) -> str:
    """A two-letter language code; YAML 1.1 reads an unquoted `no` (Norwegian) as false, so take it back."""
    if value is False:
        return "no"
    if value in (None, ""):
        return default
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return {"nb": "no", "nn": "no", "nor": "no", "lav": "lv", "rus": "ru", "zho": "zh", "eng": "en"}.get(code, code)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise DocumentError(f"effective_date {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _first_heading(text: str) -> str | None:
    match = re.search(r"^#{1,6}\s+(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else None


def _yaml_mapping(raw: str) -> dict[str, Any]:
    try:
        value = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        raise DocumentError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(value, dict):
        raise DocumentError("front matter must be a mapping of key: value")
    return value


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc


def load_markdown(data: bytes) -> tuple[dict[str, Any], str]:
    """Markdown or plain text, with optional YAML front matter."""
    text = _decode(data)
    match = _FRONT.match(text)
    if not match:
        return {}, text
    return _yaml_mapping(match.group(1)), text[match.end() :]


def load_html(data: bytes) -> tuple[dict[str, Any], str]:
    """HTML: headings become Markdown headings, tables Markdown tables; scripts and styles are dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    found: dict[str, Any] = {}
    if soup.title and soup.title.string:
        found["title"] = soup.title.string.strip()
    html = soup.find("html")
    if html is not None and html.get("lang"):
        found["language"] = str(html.get("lang"))
    for meta in soup.find_all("meta"):
        name, content = meta.get("name"), meta.get("content")
        if name and content and str(name).lower() in {"id", "audience", "product", "effective_date", "supersedes"}:
            found[str(name).lower()] = str(content)
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    body = soup.body or soup
    lines: list[str] = []
    for el in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "pre", "blockquote"]):
        if el.find_parent(["table", "li"]) is not None and el.name != "li":
            continue
        if el.name == "table":
            rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in el.find_all("tr")]
            rows = [r for r in rows if r]
            if rows:
                lines += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                lines.append("")
            continue
        text = el.get_text(" ", strip=True)
        if not text:
            continue
        if el.name and el.name[0] == "h":
            lines += ["", "#" * int(el.name[1]) + " " + text, ""]
        else:
            lines += [("- " if el.name == "li" else "") + text, ""]
    return found, "\n".join(lines)


def load_pdf(data: bytes) -> tuple[dict[str, Any], str]:
    """PDF text, page by page; the PDF's own title when it has one."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as exc:
        raise DocumentError(f"corrupt PDF: {exc}") from exc
    found: dict[str, Any] = {}
    info = reader.metadata
    if info is not None and info.title:
        found["title"] = str(info.title)
    return found, "\n\n".join(p.strip() for p in pages if p.strip())


def load_docx(data: bytes) -> tuple[dict[str, Any], str]:
    """DOCX: Heading styles become Markdown headings, tables Markdown tables, in document order."""
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:  # a zip bomb is refused before anything is inflated
            inflated = sum(info.file_size for info in archive.infolist())
        if inflated > MAX_DOCX_INFLATED_BYTES:
            raise DocumentError(f"the DOCX inflates to {inflated // 1_000_000} MB; the limit is "
                                f"{MAX_DOCX_INFLATED_BYTES // 1_000_000} MB (a zip bomb, or split the document)")
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"corrupt DOCX: {exc}") from exc
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            style = (item.style.name if item.style is not None else "") or ""
            level = re.match(r"Heading (\d)", style)
            if not text:
                continue
            if style == "Title" or level:
                lines += ["", "#" * (int(level.group(1)) if level else 1) + " " + text, ""]
            else:
                lines += [text, ""]
        elif isinstance(item, Table):
            rows = [[cell.text.strip() for cell in row.cells] for row in item.rows]
            if rows:
                lines += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                lines.append("")
    found: dict[str, Any] = {}
    if document.core_properties.title:
        found["title"] = document.core_properties.title
    return found, "\n".join(lines)


LOADERS: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
}
SUPPORTED_SUFFIXES = frozenset(LOADERS)
