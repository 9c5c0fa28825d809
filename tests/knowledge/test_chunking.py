"""Chunking keeps sections, tables with their headers, and works for Chinese without spaces."""

from __future__ import annotations

from knowledge.chunking import chunk_document
from knowledge.markdown import facts, split_sentences
from knowledge.tokens import fold, tokenize
from knowledge.types import DocumentMeta, LoadedDocument


def _doc(text: str, title: str = "Fees", language: str = "en") -> LoadedDocument:
    meta = DocumentMeta("fees", title, "public", language, "payments", None, None, "/x/fees.md")
    return LoadedDocument(meta, text)


def test_chunks_never_cross_headings_and_keep_the_section_path() -> None:
    text = "# Fees\n\nIntro.\n\n## Payments\n\nA SEPA transfer costs EUR 0.40.\n\n### Urgent\n\nUrgent costs EUR 20.\n"
    chunks = chunk_document(_doc(text))
    assert [c.section for c in chunks] == ["", "Payments", "Payments > Urgent"]
    assert "EUR 0.40" in chunks[1].text and "EUR 20" not in chunks[1].text
    assert chunks[2].embed_text.startswith("Fees > Payments > Urgent\n")


def test_long_table_is_split_by_rows_with_the_header_repeated() -> None:
    rows = "\n".join(f"| Service number {i} with a longer description | EUR {i}.00 |" for i in range(80))
    text = f"# Fees\n\n## Table\n\n| Service | Price |\n|---|---|\n{rows}\n"
    chunks = chunk_document(_doc(text), max_units=120)
    assert len(chunks) > 2
    for chunk in chunks:
        assert chunk.text.startswith("| Service | Price |\n|---|---|")
    all_rows = "\n".join(c.text for c in chunks)
    assert all(f"EUR {i}.00" in all_rows for i in range(80))


def test_chinese_text_without_spaces_is_chunked_by_sentences() -> None:
    sentence = "国际转账的手续费为每笔十二欧元，另加转账金额的百分之零点一。"
    text = "# 收费标准\n\n## 转账\n\n" + sentence * 40
    chunks = chunk_document(_doc(text, title="收费标准", language="zh"), max_units=100)
    assert len(chunks) > 3
    assert all(c.section == "转账" for c in chunks)
    assert all(c.text.endswith("。") for c in chunks)  # cut between sentences, never inside one
    assert "".join(c.text for c in chunks) == sentence * 40


def test_sentences_in_five_languages() -> None:
    assert split_sentences("Maksa ir 0,40 EUR. Pārskaitījums notiek tūlīt.") == [
        "Maksa ir 0,40 EUR.", "Pārskaitījums notiek tūlīt."]
    assert split_sentences("Перевод стоит 12 EUR. Срок — 1 день.") == ["Перевод стоит 12 EUR.", "Срок — 1 день."]
    assert split_sentences("转账收费12欧元。到账需要一天！") == ["转账收费12欧元。", "到账需要一天！"]
    assert split_sentences("It costs EUR 0.40. Next.") == ["It costs EUR 0.40.", "Next."]


def test_table_rows_become_facts_read_with_their_header() -> None:
    text = "| Service | Internet bank | Branch |\n|---|---|---|\n| SEPA transfer | EUR 0.40 | EUR 5.00 |\n"
    assert facts(text) == ["SEPA transfer — Internet bank: EUR 0.40; Branch: EUR 5.00"]


def test_tokens_fold_diacritics_stem_prefixes_and_bigram_cjk() -> None:
    assert fold("Pārskaitījums Ёлка") == "parskaitijums елка"
    assert tokenize("pārskaitījums") == tokenize("Parskaitijuma")
    assert tokenize("国际转账") == ["国际", "际转", "转账"]
    assert "12" in tokenize("EUR 12")


def test_lowercase_after_a_full_stop_does_not_start_a_sentence() -> None:
    assert split_sentences("Kortet fornyes hvert 2. år automatisk. Neste setning.") == [
        "Kortet fornyes hvert 2. år automatisk.", "Neste setning."]
    assert split_sentences("Комиссия, т. е. плата, составляет 1 %. Далее.") == [
        "Комиссия, т. е. плата, составляет 1 %.", "Далее."]
    assert split_sentences("Maksa ir 5 EUR. Ātrs pārskaitījums.") == ["Maksa ir 5 EUR.", "Ātrs pārskaitījums."]
