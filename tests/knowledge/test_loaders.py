"""Loaders read five formats into text with headings; bad files raise a DocumentError that says why."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from knowledge.errors import DocumentError, UnsupportedFormat
from knowledge.loaders import load_document


def test_markdown_front_matter_becomes_metadata(tmp_path: Path) -> None:
    raw = (b"---\nid: fees\ntitle: Fees\naudience: public\nlanguage: lv\nproduct: payments\n"
           b"effective_date: 2026-01-01\nsupersedes: fees-2025\n---\n# Fees\n\nText.\n")
    doc = load_document(tmp_path / "fees.lv.md", raw)
    assert (doc.meta.doc_id, doc.meta.audience, doc.meta.language, doc.meta.supersedes) == (
        "fees", "public", "lv", "fees-2025")
    assert str(doc.meta.effective_date) == "2026-01-01"
    assert doc.text.lstrip().startswith("# Fees")


def test_a_document_that_does_not_say_its_audience_is_internal(tmp_path: Path) -> None:
    doc = load_document(tmp_path / "note.txt", b"Just text.")
    assert doc.meta.audience == "internal"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"---\naudience: everyone\n---\ntext", "audience"),
        (b"---\neffective_date: soon\n---\ntext", "ISO date"),
        (b"---\n: [unclosed\n---\ntext", "YAML"),
        (b"\xff\xfe\x00bad", "UTF-8"),
        (b"---\ntitle: x\n---\n   \n", "no text"),
    ],
)
def test_bad_markdown_says_what_is_wrong(tmp_path: Path, raw: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        load_document(tmp_path / "bad.md", raw)


def test_html_headings_tables_and_meta(tmp_path: Path) -> None:
    html = b"""<html lang="no"><head><title>Gebyrer</title><meta name="audience" content="public">
    <script>alert(1)</script></head><body><h1>Gebyrer</h1><h2>Betalinger</h2><p>SEPA koster 0,40 EUR.</p>
    <table><tr><th>Tjeneste</th><th>Pris</th></tr><tr><td>SEPA</td><td>EUR 0.40</td></tr></table></body></html>"""
    doc = load_document(tmp_path / "gebyrer.html", html)
    assert (doc.meta.title, doc.meta.language, doc.meta.audience) == ("Gebyrer", "no", "public")
    assert "## Betalinger" in doc.text and "| SEPA | EUR 0.40 |" in doc.text
    assert "alert" not in doc.text


def test_pdf_text_and_a_sidecar_for_metadata(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, "Term deposits. A 12-month deposit earns 2.9 percent a year.")
    path = tmp_path / "deposits.pdf"
    path.write_bytes(bytes(pdf.output()))
    (tmp_path / "deposits.pdf.meta.yaml").write_text("audience: public\ntitle: Deposits\n", encoding="utf-8")
    doc = load_document(path, path.read_bytes())
    assert "2.9 percent" in doc.text
    assert (doc.meta.audience, doc.meta.title) == ("public", "Deposits")


def test_corrupt_pdf_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError):
        load_document(tmp_path / "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")


def test_docx_headings_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Cards", level=1)
    document.add_heading("Fees", level=2)
    document.add_paragraph("A debit card costs EUR 1.50 a month.")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Card", "Annual fee"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Gold", "EUR 60"
    buf = io.BytesIO()
    document.save(buf)
    doc = load_document(tmp_path / "cards.docx", buf.getvalue())
    assert "# Cards" in doc.text and "## Fees" in doc.text
    assert "| Gold | EUR 60 |" in doc.text


def test_corrupt_docx_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="DOCX"):
        load_document(tmp_path / "x.docx", b"PK\x03\x04 not really a zip")
    with pytest.raises(UnsupportedFormat):
        load_document(tmp_path / "x.xls", b"")


@pytest.mark.parametrize(("written", "code"), [("no", "no"), ('"no"', "no"), ("nb", "no"), ("nb-NO", "no"),
                                               ("lv", "lv"), ("zh-CN", "zh"), ("RU", "ru")])
def test_language_codes_including_yamls_norwegian_false(tmp_path: Path, written: str, code: str) -> None:
    raw = f"---\nlanguage: {written}\naudience: public\n---\n# T\n\nText.\n".encode()
    assert load_document(tmp_path / "x.md", raw).meta.language == code
