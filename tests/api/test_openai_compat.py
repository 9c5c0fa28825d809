"""The official openai SDK talks to Rapport over HTTP as if it were a model, streaming and not."""

from __future__ import annotations

import openai
import pytest

from api.app import create_app
from tests.api.conftest import Api
from tests.servers import serving


def test_the_openai_sdk_gets_a_cited_answer(api: Api) -> None:
    with serving(create_app(api.rapport.settings, rapport=api.rapport)) as url:
        sdk = openai.OpenAI(base_url=f"{url}/v1", api_key=api.keys["advisor-riga"], max_retries=0)
        assert [m.id for m in sdk.models.list()] == ["rapport"]
        reply = sdk.chat.completions.create(
            model="rapport", messages=[{"role": "user", "content": "What does a SEPA transfer cost?"}])
        content = reply.choices[0].message.content or ""
        assert "EUR 0.40" in content and "[1]" in content and "Sources:\n[1] fees.md" in content
        extra = reply.model_extra or {}
        assert extra["rapport"]["citations"][0]["doc_id"] == "fees"

        pieces = []
        for chunk in sdk.chat.completions.create(
            model="rapport", stream=True,
            messages=[{"role": "user", "content": "What does a SEPA transfer cost?"}],
            extra_body={"session": extra["rapport"]["session"]},
        ):
            if chunk.choices and chunk.choices[0].delta.content:
                pieces.append(chunk.choices[0].delta.content)
        streamed = "".join(pieces)
        assert len(pieces) >= 3 and "EUR 0.40" in streamed and streamed.endswith("[1] fees.md — Fees")

        with pytest.raises(openai.AuthenticationError):
            openai.OpenAI(base_url=f"{url}/v1", api_key="rk_wrong", max_retries=0).chat.completions.create(
                model="rapport", messages=[{"role": "user", "content": "fees?"}])
        other = next(p.client_id for p in api.rapport.profiles.list() if p.team == "oslo")
        with pytest.raises(openai.PermissionDeniedError, match="outside your portfolio"):
            sdk.chat.completions.create(model="rapport", messages=[{"role": "user", "content": "fees?"}],
                                        extra_body={"client": other})
