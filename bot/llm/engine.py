"""The OpenAI engine: Chat Completions with a strict JSON schema, grounded in the knowledge base.

Any failure (timeout, refusal, garbage, a 401) becomes an EngineFailure whose message says why;
the services then answer with the offline engine and record that reason.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from types import SimpleNamespace

from pydantic import TypeAdapter, ValidationError

from bot.config import Settings
from bot.domain import answering
from bot.domain.knowledge import KnowledgeBase
from bot.domain.safety import leaks
from bot.domain.text import PreparedText
from bot.domain.verdict import (
    Answer,
    AnswerResult,
    Classification,
    Provenance,
    Usage,
    Verdict,
)
from bot.llm import budget, prompts
from bot.llm.context import Context, KnowledgeContext

OUTPUT_RESERVE_TOKENS = 2_000
TRIES = 3  # a model call and up to two retries, all within ALTITUDE_LLM_TIMEOUT x TRIES
NON_ENGLISH_MAX_CONFIDENCE = 0.6
REFUSAL = "I can't share my instructions or configuration."


class EngineFailure(Exception):
    """The model gave no usable result; the message is the reason, fit for users and logs."""


class OpenAIEngine:
    def __init__(self, settings: Settings, knowledge: KnowledgeBase, *, tries: int = TRIES):
        from openai import OpenAI

        self.model = settings.model
        self.timeout = settings.llm_timeout
        self.tries = tries
        # Retries are ours (`_call`): the client's own would obey a Retry-After past any deadline.
        self.client = OpenAI(
            api_key=settings.openai_key, base_url=settings.openai_base_url, timeout=settings.llm_timeout, max_retries=0
        )
        self.knowledge = knowledge
        self.secrets = list(settings.secrets)
        self.context = KnowledgeContext(knowledge, settings.model, settings.knowledge_tokens)
        self.classify_prompt, self.answer_prompt = prompts.load("classify"), prompts.load("answer")
        self.instructions = self.answer_prompt.render_system(knowledge="").split("Reference documents:")[0]

    def warm(self) -> None:
        """Load the tokenizer and the schemas now rather than on the first request."""
        budget.count(self.instructions, self.model)
        _schema(Verdict), _schema(Answer)

    # --- classify ---

    def classify_messages(self, prepared: PreparedText) -> tuple[list[dict], bool]:
        """The messages for one decision (static prefix first, the decision last), and whether it was cut."""
        text, cut = budget.cap(prepared.text, self.model)
        system = self.classify_prompt.render_system(knowledge=self.context.for_decision(text).text)
        user = self.classify_prompt.render_user(decision=json.dumps(text, ensure_ascii=False))
        return _messages(system, user), cut

    def classify(self, prepared: PreparedText) -> Classification:
        messages, cut = self.classify_messages(prepared)
        verdict, usage, model = self._structured(messages, Verdict, "verdict")
        notes = prepared.notes + (("Only the first 2,000 tokens of the decision went to the model.",) if cut else ())
        if not prepared.english:
            verdict = replace(verdict, confidence=min(verdict.confidence, NON_ENGLISH_MAX_CONFIDENCE))
        provenance = Provenance(
            engine="openai", model=model, prompt_version=self.classify_prompt.version, usage=usage, notes=notes
        )
        return Classification(verdict, provenance)

    # --- answer ---

    def answer_messages(self, question: PreparedText, history: Sequence[tuple[str, str]] = ()) -> list[dict]:
        return self._answer_request(question, history)[0]

    def _answer_request(self, question: PreparedText, history: Sequence[tuple[str, str]]) -> tuple[list[dict], Context]:
        """The messages for one question (static prefix, then as much thread history as fits, then the
        question) and the sections they carry."""
        text, _ = budget.cap(question.text, self.model)
        context = self.context.for_question(" ".join([*(said for who, said in history[-2:] if who == "user"), text]))
        system = self.answer_prompt.render_system(knowledge=context.text)
        fixed = budget.count(system, self.model) + budget.count(text, self.model) + 200
        room = budget.context_window(self.model) - OUTPUT_RESERVE_TOKENS - fixed
        turns = budget.fit_history(history, budget=max(room, 0), model=self.model)
        user = self.answer_prompt.render_user(
            history=json.dumps([{"from": who, "text": said} for who, said in turns], ensure_ascii=False),
            question=json.dumps(text, ensure_ascii=False),
        )
        return _messages(system, user), context

    def answer(
        self,
        question: PreparedText,
        history: Sequence[tuple[str, str]] = (),
        on_text: Callable[[str], None] | None = None,
    ) -> AnswerResult:
        """`on_text`, if given, is called with the answer's text so far as the model writes it (never
        with text that repeats the instructions or a secret); the result is checked only at the end."""
        messages, context = self._answer_request(question, history)
        watched = self._unleaked(on_text) if on_text is not None else None
        answer, usage, model = self._structured(messages, Answer, "answer", citable=context.ids, on_text=watched)
        provenance = Provenance(
            engine="openai", model=model, prompt_version=self.answer_prompt.version, usage=usage, notes=question.notes
        )
        return AnswerResult(self._grounded(answer, context.ids), provenance)

    def _unleaked(self, on_text: Callable[[str], None]) -> Callable[[str], None]:
        """`on_text`, silenced for good once the text so far leaks what it must not."""
        leaked = False

        def forward(text: str) -> None:
            nonlocal leaked
            leaked = leaked or leaks(text, self.secrets, self.instructions)
            if not leaked:
                on_text(text)

        return forward

    def _grounded(self, answer: Answer, sent: tuple[str, ...]) -> Answer:
        if leaks(answer.answer, self.secrets, self.instructions):
            return Answer(answer=f"{REFUSAL} {answering.NOT_COVERED}", citations=[], in_scope=False)
        known = [c for c in dict.fromkeys(answer.citations) if c in sent]  # a server that ignores the enum
        declined = (
            not answer.in_scope or "do not cover" in answer.answer.lower() or "does not cover" in answer.answer.lower()
        )
        if declined:
            return Answer(
                answer=answer.answer if "cover" in answer.answer.lower() else answering.NOT_COVERED,
                citations=[],
                in_scope=False,
            )
        if not known:
            raise EngineFailure("the model's answer cited no section of the documents")
        return Answer(answer=answer.answer, citations=known, in_scope=True)

    # --- the call ---

    def _structured(
        self,
        messages: list[dict],
        kind: type,
        name: str,
        citable: tuple[str, ...] = (),
        on_text: Callable[[str], None] | None = None,
    ):
        """One schema-bound call, with one repair attempt for a reply that breaks the schema. An
        answer's citations are limited by the schema to `citable`, the ids of the sections sent.
        With `on_text`, the first try is streamed (see `_streamed`); a repair is not."""
        adapter, schema = _schema(kind)
        if citable:
            schema = _citing(schema, citable)
        messages = list(messages)
        response_format = {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}
        usage = Usage()
        for attempt in range(2):
            started = time.perf_counter()
            streaming = on_text if attempt == 0 else None
            response = self._call(messages, response_format, on_text=streaming)
            usage = _add_usage(usage, response, time.perf_counter() - started)
            content, problem = _content(response)
            if problem is None:
                try:
                    return adapter.validate_json(content), usage, response.model or self.model
                except ValidationError as exc:
                    problem = f"it did not match the schema: {exc.errors()[0]['msg']} at {exc.errors()[0]['loc']}"
            if attempt == 0 and content is not None:
                messages += [
                    {"role": "assistant", "content": content},
                    {
                        "role": "user",
                        "content": f"That reply was not usable ({problem}). "
                        "Reply again with only the JSON object the schema asks for.",
                    },
                ]
        raise EngineFailure(f"the model's reply was not usable after one repair ({problem})")

    def _call(self, messages, response_format, on_text: Callable[[str], None] | None = None):
        """One model call, retried on timeouts, connection errors, 408, 409, 429 and 5xx with backoff
        (or the server's Retry-After), all within ALTITUDE_LLM_TIMEOUT times the number of tries. A
        streamed call is retried only until its first text has been shown."""
        import openai

        deadline = time.monotonic() + self.timeout * self.tries
        for attempt in range(self.tries):
            remaining = deadline - time.monotonic()
            shown = []
            try:
                # A per-request timeout: `with_options` would copy the client, under a lock, every call.
                timeout = max(0.1, min(self.timeout, remaining))
                if on_text is not None:
                    return self._streamed(
                        messages,
                        response_format,
                        timeout,
                        deadline,
                        lambda text, shown=shown: (shown.append(True), on_text(text)),
                    )
                return self.client.chat.completions.create(
                    model=self.model, messages=messages, response_format=response_format, timeout=timeout
                )
            except openai.AuthenticationError:
                raise EngineFailure("the model service refused the API key (401): check OPENAI_API_KEY") from None
            except (openai.APIConnectionError, openai.APIStatusError) as exc:
                if not _retryable(exc) or attempt == self.tries - 1 or shown:
                    raise _failure(exc, self.client.base_url) from None
                wait = _retry_after(exc, attempt)
                if time.monotonic() + wait >= deadline:
                    raise _failure(exc, self.client.base_url) from None
                time.sleep(wait)
        raise AssertionError("unreachable: the last try returns or raises")

    def _streamed(self, messages, response_format, timeout: float, deadline: float, on_text: Callable[[str], None]):
        """A streamed call, read into a reply like a whole one. The JSON so far is parsed as it comes
        (jiter's partial mode), and `on_text` gets the `answer` field each time it grows."""
        import jiter

        stream = self.client.chat.completions.create(
            model=self.model,
            messages=messages,
            response_format=response_format,
            timeout=timeout,
            stream=True,
            stream_options={"include_usage": True},
        )
        parts, shown, finish, usage, model, refusal = [], "", None, None, None, None
        with stream:
            for chunk in stream:
                if time.monotonic() > deadline:
                    raise EngineFailure("the model did not finish its answer within ALTITUDE_LLM_TIMEOUT")
                model, usage = chunk.model or model, chunk.usage or usage
                for choice in chunk.choices or ():
                    finish = choice.finish_reason or finish
                    delta = choice.delta
                    refusal = (refusal or "") + delta.refusal if getattr(delta, "refusal", None) else refusal
                    if delta is not None and delta.content:
                        parts.append(delta.content)
                        text = _partial_answer(jiter, "".join(parts))
                        if len(text) > len(shown):
                            shown = text
                            on_text(text)
        if finish is None:  # the connection closed before the model said it had finished
            raise EngineFailure("the model's streamed reply broke off before it finished")
        message = SimpleNamespace(content="".join(parts) or None, refusal=refusal)
        return SimpleNamespace(
            choices=[SimpleNamespace(message=message, finish_reason=finish)], usage=usage, model=model
        )


def _partial_answer(jiter, so_far: str) -> str:
    """The `answer` field of a JSON object still being written ("" until it starts)."""
    try:
        value = jiter.from_json(so_far.encode(), partial_mode="trailing-strings")
    except ValueError:
        return ""
    answer = value.get("answer") if isinstance(value, dict) else None
    return answer if isinstance(answer, str) else ""


def _retryable(exc: Exception) -> bool:
    import openai

    if isinstance(exc, openai.APIConnectionError):  # timeouts too
        return True
    return exc.status_code in (408, 409, 429) or exc.status_code >= 500


def _retry_after(exc: Exception, attempt: int) -> float:
    """The server's Retry-After (seconds or milliseconds) if it gave one, else exponential backoff."""
    response = getattr(exc, "response", None)
    headers = response.headers if response is not None else {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            return max(0.0, float(headers.get(name)) * scale)
        except (TypeError, ValueError):
            continue
    return min(8.0, 0.5 * 2**attempt)


def _failure(exc: Exception, base_url) -> EngineFailure:
    import openai

    host = getattr(base_url, "host", None) or str(base_url)
    if isinstance(exc, openai.APITimeoutError):
        return EngineFailure(f"the model at {host} did not answer within ALTITUDE_LLM_TIMEOUT, after retries")
    if isinstance(exc, openai.APIConnectionError):
        return EngineFailure(f"cannot reach the model service at {host}: check OPENAI_BASE_URL and the network")
    if isinstance(exc, openai.RateLimitError):
        return EngineFailure(f"the model service at {host} is rate limiting (429), after retries")
    return EngineFailure(f"the model service at {host} answered {exc.status_code}")


@cache
def _schema(kind: type) -> tuple[TypeAdapter, dict]:
    """The validator and the strict JSON schema of a result type, built once."""
    adapter = TypeAdapter(kind)
    return adapter, adapter.json_schema()


def _citing(schema: dict, ids: tuple[str, ...]) -> dict:
    """The answer schema with its citations an enum of `ids`."""
    properties = dict(schema["properties"])
    properties["citations"] = {**properties["citations"], "items": {"type": "string", "enum": list(ids)}}
    return {**schema, "properties": properties}


def _messages(system: str, user: str) -> list[dict]:
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _content(response) -> tuple[str | None, str | None]:
    """The reply's text, or why there is none usable."""
    if not response.choices:
        return None, "no choices"
    choice = response.choices[0]
    message = getattr(choice, "message", None)
    if message is None:
        return None, "no message"
    if getattr(message, "refusal", None):
        return None, "the model refused"
    content = message.content if isinstance(message.content, str) else None
    if choice.finish_reason == "length":
        return content, "it was cut off at the length limit"
    if not content:
        return None, "it was empty"
    return content, None


def _add_usage(usage: Usage, response, seconds: float) -> Usage:
    reported = getattr(response, "usage", None)
    details = getattr(reported, "prompt_tokens_details", None)
    return Usage(
        input_tokens=usage.input_tokens + _count(reported, "prompt_tokens"),
        output_tokens=usage.output_tokens + _count(reported, "completion_tokens"),
        cached_tokens=usage.cached_tokens + _count(details, "cached_tokens"),
        latency_ms=round(usage.latency_ms + seconds * 1000, 1),
    )


def _count(reported, field: str) -> int:
    """A token count as the server gave it; anything but a whole number (a server that is only
    nearly OpenAI-compatible) counts as none, so bad usage never costs the user the answer."""
    value = getattr(reported, field, None)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0
