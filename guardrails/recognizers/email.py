"""E-mail addresses, without Presidio's tldextract (which downloads the public suffix list)."""

from __future__ import annotations

from typing import ClassVar

from guardrails.recognizers.base import ContextPatternRecognizer, PatternSpec

# The local part is ASCII on purpose: in "邮箱zhang.wei@example.cn" the address starts at "z".
_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-']{0,62}[A-Za-z0-9_%+\-])?"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_CYRILLIC_LABEL = r"[а-яё0-9](?:[а-яё0-9\-]{0,61}[а-яё0-9])?"


class EmailRecognizer(ContextPatternRecognizer):
    """name@domain.tld with an alphabetic top-level domain; Cyrillic .рф domains too."""

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS: ClassVar[tuple[PatternSpec, ...]] = (
        PatternSpec(
            "email",
            rf"(?<![A-Za-z0-9._%+\-'@])(?:{_LOCAL})@(?:{_LABEL}\.)+[A-Za-z]{{2,24}}(?![A-Za-z0-9\-@]|\.[A-Za-z0-9])",
            0.9,
        ),
        PatternSpec(
            "email (Cyrillic domain)",
            rf"(?<![A-Za-z0-9._%+\-'@])(?:{_LOCAL})@(?:{_CYRILLIC_LABEL}\.)+(?:рф|рус|бел|укр)(?![а-яёa-z0-9\-])",
            0.9,
        ),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = (
        "e-?mail", "mail", "e-?pasta?", "e-?pasts", "e-?post", "почт", "эл\\. ?почт", "имейл", "емейл",
        "邮箱", "邮件", "电邮", "电子邮件",
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Reject addresses that no mail server would accept (".." in the local part)."""
        local = pattern_text.split("@", 1)[0]
        return False if ".." in local else None
