"""OpenAI, Azure OpenAI and any OpenAI-compatible server (vLLM, Ollama, llama.cpp) through langchain-openai."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from assistant.chat_model import ChatMessage
from assistant.errors import ModelUnavailable
from assistant.settings import Settings


class OpenAIChat:
    """A ChatModel over langchain-openai; vendor exceptions become ModelUnavailable here and nowhere else."""

    def __init__(self, settings: Settings) -> None:
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
        common: dict[str, Any] = {
            "timeout": settings.llm_timeout_s,
            "max_retries": settings.llm_max_retries,  # the openai client backs off on 429 and 5xx
            "temperature": 0.1,
            # ChatOpenAI sends max_tokens as max_completion_tokens, which llama.cpp's server ignores.
            "extra_body": {"max_tokens": settings.llm_max_tokens},
        }
        if settings.llm_provider == "azure":
            from langchain_openai import AzureChatOpenAI

            self.name = f"azure:{settings.azure_deployment}"
            self._llm: Any = AzureChatOpenAI(
                azure_endpoint=settings.azure_endpoint, azure_deployment=settings.azure_deployment,
                api_version=settings.azure_api_version, api_key=key, **common,  # type: ignore[arg-type]
            )
        else:
            from langchain_openai import ChatOpenAI

            self.name = f"openai:{settings.llm_model}"
            self._llm = ChatOpenAI(
                base_url=settings.llm_base_url, model=settings.llm_model, api_key=key, **common,  # type: ignore[arg-type]
            )

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        """One completion."""
        try:
            reply = self._llm.invoke([(m.role, m.content) for m in messages])
        except Exception as exc:  # openai.APIError, httpx errors, timeouts: one error for the caller
            raise ModelUnavailable(
                f"the language model did not answer ({exc.__class__.__name__}); your question was kept, "
                "please try again"
            ) from exc
        return _text(reply.content)

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """The reply token by token; a failure before or during the stream is ModelUnavailable."""
        try:
            for chunk in self._llm.stream([(m.role, m.content) for m in messages]):
                if text := _text(chunk.content):
                    yield text
        except Exception as exc:
            raise ModelUnavailable(
                f"the language model stopped answering ({exc.__class__.__name__}); your question was kept, "
                "please try again"
            ) from exc


def _text(content: Any) -> str:
    return content if isinstance(content, str) else "".join(str(part) for part in content)
