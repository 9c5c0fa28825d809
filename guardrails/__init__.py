"""Privacy guardrails: find personal identifiers, redact them, and gate every outbound payload."""
