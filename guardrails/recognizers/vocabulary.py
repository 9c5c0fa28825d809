"""Cue words shared by several recognizers (regex fragments, see ContextPatternRecognizer)."""

from __future__ import annotations

# Words that name a bank account: an account recognizer claims the span, others yield it.
ACCOUNT_WORDS = (
    "account", "acct", "a/c", "bank ?acc",
    "konts", "konta(?!k)", "kontā", "kontu", "kontam", "norēķinu",
    "konto", "kontonr",
    "сч[её]т", "р/с", "л/с", "расч[её]тн", "лицев",
    "账号", "账户", "帐号", "帐户", "户号", "收款账",
)

PASSPORT_WORDS = (
    "passport", "паспорт", "серия", "серии", "pase", "pases", "pass(?!word|ord|iv)", "passnummer", "护照",
)

# Words that introduce a number which is not personal: references, orders, contracts, transactions.
REFERENCE_WORDS = (
    "ref(?![a-z])", "reference", "atsauc", "referanse", "kid(?![a-z])", "invoice", "rēķin", "faktura",
    "order", "pasūtījum", "ordre", "bestilling", "заказ", "договор", "contract", "līgum", "kontrakt",
    "avtale", "订单", "合同", "流水", "参考", "编号", "transaction", "darījum", "transaksjon", "транзакц",
    "операци", "id(?![a-z])", "product", "produkt", "продукт", "产品",
)

# Words that introduce an amount of money.
AMOUNT_WORDS = (
    "amount", "summa", "sum(?![a-z])", "beløp", "сумм", "金额", "余额", "balance", "atlikum", "saldo",
    "остат", "limit", "лимит", "额度",
)
