"""Markdown structure: sections with their heading path, blocks, tables, and facts (sentences and table rows)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# A sentence ends at . ! ? followed by whitespace and a capital letter in any script (so "hvert 2. år" and
# "т. е. перевод" stay whole), or at a CJK full stop, where no space follows.
_SENTENCE_END = regex.compile(r"(?<=[.!?…])\s+(?=[\"'«„“(\[]?\p{Lu})|(?<=[。！？；])")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

BlockKind = Literal["paragraph", "table", "list"]


@dataclass(frozen=True)
class Block:
    """A paragraph, a list or a table under a heading path."""

    kind: BlockKind
    path: tuple[str, ...]
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The block's Markdown text."""
        return "\n".join(self.lines)


def iter_blocks(text: str) -> Iterator[Block]:
    """Blocks of a Markdown text in order, each with the heading path above it."""
    path: list[tuple[int, str]] = []
    buf: list[str] = []
    kind: BlockKind = "paragraph"

    def flush() -> Iterator[Block]:
        if buf:
            yield Block(kind, tuple(title for _, title in path), tuple(buf))
            buf.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading:
            yield from flush()
            level = len(heading.group(1))
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, heading.group(2).strip()))
            continue
        if not line.strip():
            yield from flush()
            continue
        line_kind: BlockKind = (
            "table" if line.lstrip().startswith("|") else "list" if _LIST_ITEM.match(line) else "paragraph"
        )
        if buf and line_kind != kind and not (kind == "list" and line_kind == "paragraph" and raw[:1].isspace()):
            yield from flush()
        if not buf:
            kind = line_kind
        buf.append(line)
    yield from flush()


def table_rows(lines: tuple[str, ...] | list[str]) -> tuple[list[str], list[list[str]]]:
    """The header cells and the body rows of a Markdown table."""
    rows = [_cells(line) for line in lines if not _TABLE_RULE.match(line.strip())]
    if not rows:
        return [], []
    has_rule = any(_TABLE_RULE.match(line.strip()) for line in lines)
    return (rows[0], rows[1:]) if has_rule else ([], rows)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [cell.strip() for cell in inner.split("|")]


def row_sentence(header: list[str], row: list[str]) -> str:
    """A table row read with its header, as one self-contained fact."""
    if not header or len(header) != len(row):
        return " — ".join(cell for cell in row if cell)
    label, *rest = row
    pairs = [f"{h}: {c}" for h, c in zip(header[1:], rest, strict=False) if c]
    return f"{label} — " + "; ".join(pairs) if pairs else label


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph in any of the five languages."""
    flat = " ".join(text.split()) if not re.search(r"[\u4e00-\u9fff]", text) else text.replace("\n", "")
    return [s.strip() for s in _SENTENCE_END.split(flat) if s and s.strip()]


def strip_inline(text: str) -> str:
    """Plain text of inline Markdown (emphasis, links, list markers)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    return _LIST_ITEM.sub("", text).strip()


def facts(text: str) -> list[str]:
    """Self-contained facts in a chunk's Markdown: sentences, list items, and table rows read with their header."""
    out: list[str] = []
    for block in iter_blocks(text):
        if block.kind == "table":
            header, rows = table_rows(block.lines)
            out.extend(strip_inline(row_sentence(header, row)) for row in rows)
        elif block.kind == "list":
            items = re.split(r"\n(?=\s*(?:[-*+]|\d+[.)])\s+)", block.text)
            for item in items:
                out.extend(split_sentences(strip_inline(item)))
        else:
            out.extend(split_sentences(strip_inline(block.text)))
    return [f for f in out if len(f) > 1]
