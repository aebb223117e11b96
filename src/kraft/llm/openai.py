"""A language model behind an OpenAI-compatible ``/v1/chat/completions`` endpoint (vLLM, llama.cpp, Ollama …).

OPTIONS: ``url`` (the base URL, with or without ``/v1``, or the full completions URL), ``model``, ``api_key``,
``approved_for_personal_data`` (may passages from libraries holding personal data be sent here?), ``timeout``
(seconds), ``max_tokens`` and ``temperature``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx
from django.core.checks import CheckMessage, Error

from kraft.llm.base import BaseLLMBackend, Generation, LLMError, SourcePassage

SYSTEM_PROMPT = {
    "sv": (
        "Du svarar på frågor enbart utifrån de numrerade källorna. Skriv korta meningar på svenska. "
        "Varje påstående ska sluta med källans nummer inom hakparentes, till exempel [1], och citera de avgörande "
        'orden ordagrant inom citattecken, till exempel: Handlingen ska lämnas ut "genast eller så snart det är '
        'möjligt" [1]. Hitta aldrig på något. Om källorna inte besvarar frågan, skriv exakt: KÄLLORNA SVARAR INTE.'
    ),
    "en": (
        "Answer only from the numbered sources. Write short sentences. End every claim with the source number in "
        'square brackets, e.g. [1], and quote the decisive words verbatim in double quotes, e.g. "genast eller så '
        'snart det är möjligt" [1]. Never invent anything. If the sources do not answer the question, write exactly: '
        "KÄLLORNA SVARAR INTE."
    ),
}
NO_ANSWER = "KÄLLORNA SVARAR INTE"


def completions_url(url: str) -> str:
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if not url.endswith("/v1"):
        url += "/v1"
    return url + "/chat/completions"


def build_messages(question: str, sources: Sequence[SourcePassage], language: str) -> list[dict[str, str]]:
    listing = "\n\n".join(f"[{s.number}] {s.label}\n{s.text}" for s in sources)
    prompt = f"Källor:\n\n{listing}\n\nFråga: {question}"
    return [
        {"role": "system", "content": SYSTEM_PROMPT.get(language, SYSTEM_PROMPT["sv"])},
        {"role": "user", "content": prompt},
    ]


class OpenAIChatBackend(BaseLLMBackend):
    generates: ClassVar[bool] = True

    def __init__(self, alias: str, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(alias, options)
        self.url = str(self.options.get("url", ""))
        self.model = str(self.options.get("model", "default"))
        self.api_key = str(self.options.get("api_key", "") or "")
        self.timeout = float(self.options.get("timeout", 60))
        self.max_tokens = int(self.options.get("max_tokens", 700))
        self.temperature = float(self.options.get("temperature", 0.0))

    def check(self) -> list[CheckMessage]:
        parts = urlsplit(self.url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            return [
                Error(
                    f"LLM_BACKENDS[{self.alias!r}]: url måste vara en http(s)-adress, inte {self.url!r}.",
                    hint="Sätt KRAFT_LLM_URL, till exempel http://127.0.0.1:8080/v1.",
                    id="kraft.llm.E002",
                )
            ]
        return []

    def generate(self, question: str, sources: Sequence[SourcePassage], *, language: str = "sv") -> Generation:
        payload = {
            "model": self.model,
            "messages": build_messages(question, sources, language),
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = httpx.post(completions_url(self.url), json=payload, headers=headers, timeout=self.timeout)
            response.raise_for_status()
            data = response.json()
            text = data["choices"][0]["message"]["content"]
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMError(f"Språkmodellen svarade inte som väntat: {exc}") from exc
        if not isinstance(text, str):
            raise LLMError("Språkmodellen svarade utan text.")
        return Generation(text=text.strip(), model=str(data.get("model") or self.model))
