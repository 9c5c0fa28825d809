"""The pseudonymisation vault: placeholder <-> identifier per conversation, encrypted at rest in SQL.

Rows hold only Fernet tokens and keyed HMAC digests (of the conversation, of each placeholder's slot, and of
each identifier's canonical form). The HMAC key is derived from the vault key, so a dump of the tables allows no
dictionary attack on IBANs or phone numbers. Digests are computed under every configured key, so a vault opened
with [new, old] finds rows indexed under either; `rotate()` re-encrypts and re-indexes everything under one key.

A conversation's mapping is mirrored in memory (write-through). Several processes may share the tables: unique
digests make concurrent writers retry instead of handing out one placeholder twice.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import random
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from guardrails.errors import VaultKeyError, VaultUnavailable
from guardrails.pii import ENTITY_TYPES

_log = logging.getLogger(__name__)

metadata = MetaData()

entries = Table(
    "vault_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation", String(64), nullable=False, index=True),
    Column("slot", String(64), nullable=False, unique=True),  # digest of (conversation, type, number)
    Column("token", Text, nullable=False),  # {"c": conversation, "t": type, "n": number, "v": value}
)
forms = Table(
    "vault_forms",
    metadata,
    Column("lookup", String(64), primary_key=True),  # digest of (conversation, type, canonical form)
    Column("conversation", String(64), nullable=False, index=True),
    Column("entry_id", Integer, ForeignKey("vault_entries.id", ondelete="CASCADE"), nullable=False),
    Column("token", Text, nullable=False),  # {"f": canonical form}: rotation needs it to rebuild the digest
)
keycheck = Table("vault_keycheck", metadata, Column("id", Integer, primary_key=True), Column("token", Text))

_KEYCHECK = {"vault": "rapport", "version": 1}
_INDEX_INFO = b"rapport vault lookup index v1"
_PLACEHOLDER = re.compile(r"<([A-Z]+(?:_[A-Z]+)*)_([1-9][0-9]*)>")
_CACHED_CONVERSATIONS = 1024
_RACE_SECONDS = 5.0  # how long a writer that keeps losing races for a number keeps retrying
_PAGE = 500
_PHONE_REGIONS = ("LV", "NO", "RU", "CN")  # national formats written without a country code
# Letters NFKD leaves whole: Norwegian ø/æ, Polish ł, Croatian đ, Turkish ı.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                          "ı": "i", "œ": "oe", "Œ": "OE"})


def canonical_form(entity_type: str, value: str) -> str:
    """The form every surface form of one identifier shares: no case, diacritics, spacing or punctuation."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_LETTERS))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if entity_type == "PHONE":
        key = _phone_form(folded)
    elif entity_type == "EMAIL":
        key = re.sub(r"\s+", "", folded).removeprefix("mailto:")
    elif entity_type == "DATE_OF_BIRTH":
        key = _date_form(folded)
    else:  # names, addresses, codes: only letters and digits count ("LV80 BANK 0000" = "lv80bank0000")
        key = re.sub(r"[\W_]+", "", folded)
    return key or folded.strip()


def _phone_form(folded: str) -> str:
    """The national significant number: "+371 2912 3456" = "29123456"; "8 912 ..." = "+7 912 ..."."""
    digits = re.sub(r"[^0-9]", "", folded)
    if folded.strip().lstrip("( ").startswith("+") or digits.startswith("00"):
        candidates: list[tuple[str, str | None]] = [("+" + digits.removeprefix("00"), None)]
    else:
        candidates = [(digits, region) for region in _PHONE_REGIONS]
    for number, region in candidates:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return str(parsed.national_number)
    return digits.lstrip("0") or digits


def _date_form(folded: str) -> str:
    """ISO date for day-first or year-first numeric dates: "12.03.1985" = "1985-03-12" = "1985年3月12日"."""
    groups = re.findall(r"[0-9]+", folded)
    if len(groups) == 3:
        year, month, day = groups if len(groups[0]) == 4 else groups[::-1]
        if len(year) == 4:
            return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return re.sub(r"[\W_]+", "", folded)


@dataclass
class _Conversation:
    """One conversation's mapping as mirrored in memory."""

    values: dict[str, tuple[str, str]] = field(default_factory=dict)  # placeholder -> (type, value)
    entry_ids: dict[str, int] = field(default_factory=dict)  # placeholder -> row id
    lookups: dict[str, str] = field(default_factory=dict)  # form digest (under any key) -> placeholder
    seen: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, surface form) -> placeholder
    next_number: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Key:
    fernet: Fernet
    index: bytes  # the HMAC key of the digests, derived from the vault key


def _key(raw: str | bytes) -> _Key:
    try:
        fernet, secret = Fernet(raw), base64.urlsafe_b64decode(raw)
    except (ValueError, TypeError) as exc:
        raise VaultKeyError("a vault key is 32 url-safe base64 bytes; make one with Vault.generate_key()") from exc
    return _Key(fernet, HKDF(algorithm=SHA256(), length=32, salt=None, info=_INDEX_INFO).derive(secret))


def _digest(key: _Key, *parts: str) -> str:
    return hmac.new(key.index, json.dumps(parts, ensure_ascii=False).encode(), hashlib.sha256).hexdigest()


def _seal(key: _Key, payload: dict[str, Any]) -> str:
    # Padded to 64 bytes so that a token's length says little about the value's length.
    data = json.dumps(payload, ensure_ascii=False).encode()
    return key.fernet.encrypt(data + b" " * (-len(data) % 64)).decode()


@contextmanager
def _database_errors() -> Iterator[None]:
    """The database's failures become VaultUnavailable; integrity races pass through to be retried."""
    try:
        yield
    except IntegrityError:
        raise
    except SQLAlchemyError as exc:
        raise VaultUnavailable(f"the vault's database failed ({type(exc).__name__})") from exc


def _check(entity_type: str, *values: str) -> None:
    if entity_type not in ENTITY_TYPES:
        raise ValueError(f"unknown PII entity type {entity_type!r}")
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError("an identifier must be a non-empty str")


class Vault:
    """Stable placeholders per conversation, stored encrypted; keys[0] encrypts, every key decrypts."""

    def __init__(self, engine: Engine, *, keys: Sequence[str | bytes]) -> None:
        if isinstance(keys, str | bytes) or not keys:
            raise VaultKeyError("the vault needs a list of keys: [current], or [new, old] during a rotation")
        self._engine = engine
        self._use_keys(tuple(_key(k) for k in keys))
        self._lock = threading.RLock()
        self._cache: OrderedDict[str, _Conversation] = OrderedDict()
        with _database_errors():
            metadata.create_all(engine)
            try:
                with engine.begin() as conn:
                    self._check_key(conn, create=True)
            except IntegrityError:  # another process wrote the key check first
                with engine.begin() as conn:
                    self._check_key(conn, create=False)

    @staticmethod
    def generate_key() -> str:
        """A fresh random vault key (url-safe base64 text)."""
        return Fernet.generate_key().decode()

    def placeholder_for(self, conversation_id: str, entity_type: str, value: str) -> str:
        """The placeholder of this identifier in this conversation; a new "<TYPE_n>" if it is new."""
        _check(entity_type, value)
        with self._lock:
            found = self._conversation(conversation_id).seen.get((entity_type, value))
            if found is None:
                form = canonical_form(entity_type, value)
                found = self._find(conversation_id, entity_type, form) or self._create(
                    conversation_id, entity_type, form, value=value
                )
                self._conversation(conversation_id).seen[(entity_type, value)] = found
            return found

    def alias(self, conversation_id: str, entity_type: str, canonical: str, form: str) -> None:
        """Make `form` (an inflected or otherwise written form) stand for the same placeholder as `canonical`."""
        _check(entity_type, canonical, form)
        with self._lock:
            canonical_key, form_key = canonical_form(entity_type, canonical), canonical_form(entity_type, form)
            first = self._find(conversation_id, entity_type, canonical_key)
            second = first if form_key == canonical_key else self._find(conversation_id, entity_type, form_key)
            if first and second and first != second:
                raise ValueError(f"the two forms already stand for {first} and {second}; an alias cannot merge them")
            if first is None and second is not None:  # only the form was seen: the canonical spelling joins it
                self._create(conversation_id, entity_type, canonical_key, placeholder=second)
            elif second is None:
                first = first or self.placeholder_for(conversation_id, entity_type, canonical)
                self._create(conversation_id, entity_type, form_key, placeholder=first)

    def value_of(self, conversation_id: str, placeholder: str) -> tuple[str, str] | None:
        """(type, original value) of a placeholder, or None if the conversation has no such placeholder."""
        parsed = _PLACEHOLDER.fullmatch(placeholder)
        if parsed is None or parsed.group(1) not in ENTITY_TYPES:
            return None
        with self._lock:
            conversation = self._conversation(conversation_id)
            found = conversation.values.get(placeholder)
            number = int(parsed.group(2))
            if found is None and number >= conversation.next_number.get(parsed.group(1), 1):
                # Perhaps another process made it since: one indexed probe, so invented placeholders stay cheap.
                slots = self._digests("slot", conversation_id, parsed.group(1), str(number))
                with _database_errors(), self._engine.connect() as conn:
                    exists = conn.execute(select(entries.c.id).where(entries.c.slot.in_(slots))).first()
                if exists is not None:
                    found = self._reload(conversation_id).values.get(placeholder)
            return found

    def mapping(self, conversation_id: str) -> dict[str, tuple[str, str]]:
        """Every placeholder of the conversation -> (type, original value), as stored now."""
        with self._lock:
            return dict(self._reload(conversation_id).values)

    def forget(self, conversation_id: str) -> int:
        """Erase the conversation's entries (right to erasure); returns how many identifiers were erased."""
        conversations = self._digests("conversation", conversation_id)
        with self._lock, _database_errors(), self._engine.begin() as conn:
            self._cache.pop(conversation_id, None)
            conn.execute(delete(forms).where(forms.c.conversation.in_(conversations)))
            return conn.execute(delete(entries).where(entries.c.conversation.in_(conversations))).rowcount

    def rotate(self, new_key: str | bytes) -> int:
        """Re-encrypt and re-index every entry under `new_key`; returns the number of entries rotated."""
        new = _key(new_key)
        count, last = 0, 0
        with self._lock:
            with _database_errors(), self._engine.begin() as conn:
                self._check_key(conn, create=False)
                page = select(entries.c.id, entries.c.token).order_by(entries.c.id).limit(_PAGE)
                while rows := conn.execute(page.where(entries.c.id > last)).all():
                    payloads = {row.id: self._open(row.token) for row in rows}
                    conn.execute(update(entries).where(entries.c.id == bindparam("row_id")), [
                        {"row_id": row_id, "conversation": _digest(new, "conversation", p["c"]),
                         "slot": _digest(new, "slot", p["c"], p["t"], str(p["n"])), "token": _seal(new, p)}
                        for row_id, p in payloads.items()
                    ])
                    rekeyed = []
                    for row in conn.execute(select(forms).where(forms.c.entry_id.in_(list(payloads)))).all():
                        entry, form = payloads[row.entry_id], self._open(row.token)["f"]
                        rekeyed.append({
                            "old_lookup": row.lookup, "lookup": _digest(new, "form", entry["c"], entry["t"], form),
                            "conversation": _digest(new, "conversation", entry["c"]), "token": _seal(new, {"f": form}),
                        })
                    if rekeyed:
                        conn.execute(update(forms).where(forms.c.lookup == bindparam("old_lookup")), rekeyed)
                    count, last = count + len(rows), rows[-1].id
                conn.execute(update(keycheck).values(token=_seal(new, _KEYCHECK)))
            # Old keys still decrypt here: other processes may write under them until restarted with new_key.
            self._use_keys((new, *(k for k in self._keys if k.index != new.index)))
            self._cache.clear()
        return count

    # ---- internals -----------------------------------------------------------------------------------------
    def _use_keys(self, keys: tuple[_Key, ...]) -> None:
        self._keys = keys
        self._reader = MultiFernet([k.fernet for k in keys])

    def _digests(self, *parts: str) -> list[str]:
        return [_digest(key, *parts) for key in self._keys]

    def _open(self, token: str) -> dict[str, Any]:
        try:
            payload: dict[str, Any] = json.loads(self._reader.decrypt(token.encode()))
        except InvalidToken as exc:
            raise VaultKeyError(
                "the vault key cannot decrypt this vault: configure the key it was written with "
                "(keys=[new, old] while a rotation is under way)"
            ) from exc
        return payload

    def _check_key(self, conn: Connection, *, create: bool) -> None:
        token = conn.execute(select(keycheck.c.token).where(keycheck.c.id == 1)).scalar_one_or_none()
        if token is not None:
            self._open(token)
        elif create:
            conn.execute(insert(keycheck).values(id=1, token=_seal(self._keys[0], _KEYCHECK)))

    def _conversation(self, conversation_id: str) -> _Conversation:
        conversation = self._cache.get(conversation_id)
        if conversation is None:
            return self._reload(conversation_id)
        self._cache.move_to_end(conversation_id)
        return conversation

    def _reload(self, conversation_id: str) -> _Conversation:
        conversations = self._digests("conversation", conversation_id)
        conversation, placeholders = _Conversation(), dict[int, str]()
        with _database_errors(), self._engine.connect() as conn:
            for row in conn.execute(select(entries).where(entries.c.conversation.in_(conversations))):
                payload = self._open(row.token)
                if payload["c"] != conversation_id:  # a row moved between conversations: never restore it here
                    _log.warning("vault entry %s is filed under another conversation; ignored", row.id)
                    continue
                entity_type, number = payload["t"], int(payload["n"])
                placeholders[row.id] = placeholder = f"<{entity_type}_{number}>"
                conversation.values[placeholder] = (entity_type, payload["v"])
                conversation.entry_ids[placeholder] = row.id
                conversation.next_number[entity_type] = max(conversation.next_number.get(entity_type, 1), number + 1)
            for row in conn.execute(select(forms).where(forms.c.conversation.in_(conversations))):
                if row.entry_id in placeholders:
                    conversation.lookups[row.lookup] = placeholders[row.entry_id]
        self._cache[conversation_id] = conversation
        while len(self._cache) > _CACHED_CONVERSATIONS:
            self._cache.popitem(last=False)
        return conversation

    def _find(self, conversation_id: str, entity_type: str, form: str) -> str | None:
        lookups = self._conversation(conversation_id).lookups
        return next(
            (lookups[d] for d in self._digests("form", conversation_id, entity_type, form) if d in lookups), None
        )

    def _create(
        self, conversation_id: str, entity_type: str, form: str, *, value: str = "", placeholder: str = ""
    ) -> str:
        """Store a new entry for `value`, or (given `placeholder`) one more form of an existing entry."""
        key = self._keys[0]
        lookup = _digest(key, "form", conversation_id, entity_type, form)
        deadline = time.monotonic() + _RACE_SECONDS
        while time.monotonic() < deadline:
            conversation = self._conversation(conversation_id)
            number = conversation.next_number.get(entity_type, 1)
            target = placeholder or f"<{entity_type}_{number}>"
            try:
                with _database_errors(), self._engine.begin() as conn:
                    entry_id = conversation.entry_ids.get(target)
                    if entry_id is None and placeholder:
                        raise ValueError(f"{target} no longer exists in this conversation (erased meanwhile)")
                    if entry_id is None:
                        entry_id = conn.execute(insert(entries).values(
                            conversation=_digest(key, "conversation", conversation_id),
                            slot=_digest(key, "slot", conversation_id, entity_type, str(number)),
                            token=_seal(key, {"c": conversation_id, "t": entity_type, "n": number, "v": value}),
                        ).returning(entries.c.id)).scalar_one()
                    conn.execute(insert(forms).values(
                        lookup=lookup, conversation=_digest(key, "conversation", conversation_id),
                        entry_id=entry_id, token=_seal(key, {"f": form}),
                    ))
            except IntegrityError:  # another process took this number or this form first
                self._reload(conversation_id)
                found = self._find(conversation_id, entity_type, form)
                if found is not None and placeholder and found != placeholder:
                    raise ValueError(f"that form already stands for {found}; an alias cannot merge it") from None
                if found is not None:
                    return found
                time.sleep(random.uniform(0, 0.002))  # every lost race is another writer's win: back off a little
                continue
            if target not in conversation.values:
                conversation.values[target] = (entity_type, value)
                conversation.entry_ids[target] = entry_id
                conversation.next_number[entity_type] = number + 1
            conversation.lookups[lookup] = target
            return target
        raise VaultUnavailable(f"no free {entity_type} placeholder within {_RACE_SECONDS:g} s (concurrent writers)")
