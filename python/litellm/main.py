"""The chat-completion entry points with litellm's signatures. Each forwards its arguments
(`locals()`, including **kwargs) to the engine, which does the rest."""

from ._engine import native as _native

_aio = None


def _run_async(call):
    global _aio
    if _aio is None:
        from . import _aio as mod

        _aio = mod
    return _aio.run(call)


def completion(  # noqa: PLR0913 - litellm's public signature
    model,
    messages=[],  # noqa: B006 - litellm's default
    timeout=None,
    temperature=None,
    top_p=None,
    n=None,
    stream=None,
    stream_options=None,
    stop=None,
    max_completion_tokens=None,
    max_tokens=None,
    modalities=None,
    prediction=None,
    audio=None,
    presence_penalty=None,
    frequency_penalty=None,
    logit_bias=None,
    user=None,
    reasoning_effort=None,
    verbosity=None,
    response_format=None,
    seed=None,
    tools=None,
    tool_choice=None,
    logprobs=None,
    top_logprobs=None,
    parallel_tool_calls=None,
    web_search_options=None,
    deployment_id=None,
    extra_headers=None,
    safety_identifier=None,
    service_tier=None,
    functions=None,
    function_call=None,
    base_url=None,
    api_version=None,
    api_key=None,
    model_list=None,
    thinking=None,
    **kwargs,
):
    """Call a chat model. Returns a ModelResponse, or a CustomStreamWrapper when stream=True."""
    if kwargs.get("acompletion") is True:
        args = dict(locals())
        extra = args.pop("kwargs")
        return acompletion(**args, **extra)
    return _native().completion(locals())


async def acompletion(  # noqa: PLR0913 - litellm's public signature
    model,
    messages=[],  # noqa: B006 - litellm's default
    functions=None,
    function_call=None,
    timeout=None,
    temperature=None,
    top_p=None,
    n=None,
    stream=None,
    stream_options=None,
    stop=None,
    max_tokens=None,
    max_completion_tokens=None,
    modalities=None,
    prediction=None,
    audio=None,
    presence_penalty=None,
    frequency_penalty=None,
    logit_bias=None,
    user=None,
    response_format=None,
    seed=None,
    tools=None,
    tool_choice=None,
    parallel_tool_calls=None,
    logprobs=None,
    top_logprobs=None,
    deployment_id=None,
    reasoning_effort=None,
    verbosity=None,
    safety_identifier=None,
    service_tier=None,
    base_url=None,
    api_version=None,
    api_key=None,
    model_list=None,
    extra_headers=None,
    thinking=None,
    web_search_options=None,
    **kwargs,
):
    """Async chat call. Returns a ModelResponse, or a CustomStreamWrapper when stream=True."""
    kwargs.pop("acompletion", None)
    return await _run_async(_native().prepare_async(locals()))


def embedding(  # noqa: PLR0913 - litellm's public signature
    model,
    input=[],  # noqa: A002, B006 - litellm's names and default
    dimensions=None,
    encoding_format=None,
    timeout=600,
    api_base=None,
    api_version=None,
    api_key=None,
    api_type=None,
    caching=False,
    user=None,
    custom_llm_provider=None,
    litellm_call_id=None,
    logger_fn=None,
    **kwargs,
):
    """Embed `input` (a string, a list of strings or token ids). Returns an EmbeddingResponse."""
    if kwargs.get("aembedding") is True:
        args = dict(locals())
        extra = args.pop("kwargs")
        extra.pop("aembedding")
        return aembedding(**args, **extra)
    if kwargs.get("mock_response") == "error":
        # litellm's mock embedding raises a plain Exception for this value.
        raise Exception("Mock error")
    return _native().embedding(locals())


async def aembedding(*args, **kwargs):
    """Async embedding(); same parameters."""
    kwargs.pop("aembedding", None)
    if kwargs.get("mock_response") == "error":
        raise Exception("Mock error")
    import inspect

    bound = inspect.signature(embedding).bind(*args, **kwargs)
    bound.apply_defaults()
    call_args = dict(bound.arguments)
    call_args.update(call_args.pop("kwargs", {}))
    return await _run_async(_native().prepare_async(call_args, True))


def mock_completion(
    model,
    messages,
    stream=False,
    n=None,
    mock_response="This is a mock request",
    mock_tool_calls=None,
    mock_timeout=False,
    logging=None,
    custom_llm_provider=None,
    timeout=None,
    prompt_tokens=None,
    **kwargs,
):
    """A completion answered by `mock_response` without any network call."""
    return completion(
        model,
        messages,
        stream=stream,
        n=n,
        mock_response=mock_response,
        mock_tool_calls=mock_tool_calls,
        mock_timeout=mock_timeout,
        custom_llm_provider=custom_llm_provider,
        timeout=timeout,
        **kwargs,
    )


def _retry_plan(kwargs):
    """(attempts, seconds to wait before attempt k (k >= 2), the function) for the
    *_with_retries helpers, popping their own arguments; the wrapped call retries nothing
    itself. Attempts are litellm's `num_retries` (3 by default, at least one)."""
    num_retries = kwargs.pop("num_retries", 3)
    kwargs["max_retries"] = 0
    kwargs["num_retries"] = 0
    strategy = kwargs.pop("retry_strategy", "constant_retry")
    function = kwargs.pop("original_function", None)
    if not isinstance(num_retries, int) or isinstance(num_retries, bool):
        raise TypeError(f"num_retries must be an integer, got {type(num_retries).__name__}")
    attempts = max(1, num_retries)
    if strategy == "exponential_backoff_retry":
        # 1 s, 2 s, 4 s, ... at most 10 s between attempts.
        def wait(k):
            return min(2.0 ** (k - 2), 10.0)
    else:

        def wait(k):
            return 0.0

    return attempts, wait, function


def completion_with_retries(*args, **kwargs):
    """completion() tried up to `num_retries` times (3); `retry_strategy` "constant_retry" (no
    wait) or "exponential_backoff_retry"; the last failure is raised."""
    import time

    attempts, wait, function = _retry_plan(kwargs)
    function = function or completion
    for k in range(1, attempts + 1):
        try:
            return function(*args, **kwargs)
        except Exception:
            if k == attempts:
                raise
            time.sleep(wait(k + 1))
    raise AssertionError("unreachable")


async def acompletion_with_retries(*args, **kwargs):
    """acompletion() tried up to `num_retries` times (3), as completion_with_retries."""
    import asyncio
    import inspect

    attempts, wait, function = _retry_plan(kwargs)
    function = function or acompletion
    for k in range(1, attempts + 1):
        try:
            result = function(*args, **kwargs)
            return await result if inspect.isawaitable(result) else result
        except Exception:
            if k == attempts:
                raise
            await asyncio.sleep(wait(k + 1))
    raise AssertionError("unreachable")


def get_llm_provider(
    model, custom_llm_provider=None, api_base=None, api_key=None, litellm_params=None
):
    """(model without prefix, provider, dynamic api key, api base) as litellm resolves them."""
    return _native().get_llm_provider(model, custom_llm_provider, api_base, api_key)


def get_supported_openai_params(model, custom_llm_provider=None, request_type="chat_completion"):
    """The OpenAI parameters the provider of `model` accepts, or None if unknown."""
    return _native().supported_openai_params(model, custom_llm_provider)


def stream_chunk_builder(
    chunks,
    messages=None,
    start_time=None,
    end_time=None,
    logging_obj=None,
    count_prompt_tokens=None,
):
    """Rebuild one ModelResponse from a list of stream chunks."""
    return _native().stream_chunk_builder(list(chunks), messages)


# Response classes litellm.main re-exports; created on first access (litellm.types.utils).
_TYPE_NAMES = frozenset(
    {
        "ChatCompletionMessageToolCall",
        "Choices",
        "EmbeddingResponse",
        "Message",
        "ModelResponse",
        "ModelResponseStream",
        "StreamingChoices",
        "TextChoices",
        "TextCompletionResponse",
        "TranscriptionResponse",
        "Usage",
    }
)


def __getattr__(name):
    if name in _TYPE_NAMES:
        from .types import utils

        return getattr(utils, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
