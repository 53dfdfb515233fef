"""The package surface: `import litellm` stays cheap (no heavy modules, threads or sockets),
objects keep litellm's module identities, the call signatures match litellm's, bad input
raises a clear litellm exception (never a crash, hang or request), and ./.env is loaded at
import as litellm does.
"""

import ast
import asyncio
import inspect
import textwrap

import litellm
import pytest
from conftest import USER, run_python

# --- import hygiene --------------------------------------------------------------------------

FORBIDDEN = [
    "openai", "pydantic", "httpx", "httpx2", "asyncio", "inspect", "logging", "dataclasses",
    "typing", "json", "re", "enum", "threading", "socket", "ssl", "litellm._litellm",
]  # fmt: skip

IMPORT_PROBE = textwrap.dedent(
    """
    import os, sys
    def sockets():
        n = 0
        for fd in os.listdir("/proc/self/fd"):
            try:
                n += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
            except OSError:
                pass
        return n
    before = set(sys.modules)
    socks = sockets()
    import litellm
    new = sorted(set(sys.modules) - before)
    print(repr({"new": new, "threads": len(os.listdir("/proc/self/task")),
                "sockets": sockets() - socks}))
    """
)


@pytest.fixture(scope="module")
def import_report(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("no-dotenv")  # a .env would load the engine on purpose
    r = run_python(IMPORT_PROBE, cwd=cwd, env={"LITELLM_MODE": "DEV"})
    assert r.returncode == 0, r.stderr
    return ast.literal_eval(r.stdout)


@pytest.mark.parametrize("module", FORBIDDEN)
def test_import_does_not_load(import_report, module):
    loaded = [m for m in import_report["new"] if m == module or m.startswith(module + ".")]
    assert loaded == [], loaded


def test_import_loads_only_litellm_modules(import_report):
    assert "litellm" in import_report["new"]
    others = [m for m in import_report["new"] if m.partition(".")[0] != "litellm"]
    assert others == [], others


def test_import_starts_no_thread_and_opens_no_socket(import_report):
    assert import_report["threads"] == 1
    assert import_report["sockets"] == 0


# --- module identity -----------------------------------------------------------------------


def test_response_types_have_one_identity():
    import litellm.types.utils as tu
    import litellm.utils as lu

    for name in ["ModelResponse", "ModelResponseStream", "Choices", "StreamingChoices",
                 "Message", "Usage", "ChatCompletionMessageToolCall"]:  # fmt: skip
        assert getattr(litellm, name) is getattr(tu, name) is getattr(lu, name), name
    for name in ["Delta", "ChatCompletionDeltaToolCall", "Function"]:
        assert getattr(lu, name) is getattr(tu, name), name


def test_litellm_function_is_the_typeddict_not_the_model():
    import litellm.types.llms.openai as tlo
    import litellm.types.utils as tu

    assert litellm.Function is tlo.Function
    assert litellm.Function is not tu.Function


def test_function_identities():
    import litellm.litellm_core_utils.streaming_handler as sh
    import litellm.main
    import litellm.utils

    assert litellm.main.completion is litellm.completion
    assert litellm.main.acompletion is litellm.acompletion
    assert litellm.main.stream_chunk_builder is litellm.stream_chunk_builder
    assert litellm.CustomStreamWrapper is sh.CustomStreamWrapper
    assert litellm.utils.CustomStreamWrapper is sh.CustomStreamWrapper
    assert litellm.utils.get_llm_provider is litellm.get_llm_provider


EXCEPTION_NAMES = [
    "AuthenticationError", "PermissionDeniedError", "NotFoundError", "BadRequestError",
    "ContextWindowExceededError", "ContentPolicyViolationError", "UnsupportedParamsError",
    "UnprocessableEntityError", "Timeout", "RateLimitError", "InternalServerError",
    "BadGatewayError", "ServiceUnavailableError", "APIError", "APIConnectionError",
    "APIResponseValidationError", "BudgetExceededError", "MockException",
]  # fmt: skip


@pytest.mark.parametrize("name", EXCEPTION_NAMES)
def test_exception_identity(name):
    import litellm.exceptions

    cls = getattr(litellm, name)
    assert cls is getattr(litellm.exceptions, name)
    assert isinstance(cls, type) and issubclass(cls, Exception)
    assert cls.__name__ == name


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        litellm.definitely_not_a_litellm_name  # noqa: B018


# --- signatures ----------------------------------------------------------------------------

COMPLETION_PARAMS = [
    "model", "messages", "timeout", "temperature", "top_p", "n", "stream", "stream_options",
    "stop", "max_completion_tokens", "max_tokens", "presence_penalty", "frequency_penalty",
    "logit_bias", "user", "reasoning_effort", "response_format", "seed", "tools",
    "tool_choice", "logprobs", "top_logprobs", "parallel_tool_calls", "extra_headers",
    "functions", "function_call", "base_url", "api_version", "api_key", "model_list",
    "thinking", "modalities", "audio", "prediction", "web_search_options", "deployment_id",
    "safety_identifier", "service_tier", "verbosity",
]  # fmt: skip


@pytest.mark.parametrize("fn", ["completion", "acompletion"])
def test_signature(fn):
    sig = inspect.signature(getattr(litellm, fn))
    params = sig.parameters
    missing = [p for p in COMPLETION_PARAMS if p not in params]
    assert missing == []
    names = list(params)
    assert names[:2] == ["model", "messages"]
    assert params["model"].default is inspect.Parameter.empty
    assert params["messages"].default == []
    last = list(params.values())[-1]
    assert last.kind is inspect.Parameter.VAR_KEYWORD and last.name == "kwargs"
    for p in COMPLETION_PARAMS[2:]:
        assert params[p].default is None, p


def test_acompletion_order_and_kind():
    names = list(inspect.signature(litellm.acompletion).parameters)
    assert names[2:4] == ["functions", "function_call"]
    assert inspect.iscoroutinefunction(litellm.acompletion)
    assert not inspect.iscoroutinefunction(litellm.completion)


def test_positional_use(mock, sid):
    r = litellm.completion("openai/gpt-4o", USER, api_base=mock.base(f"id={sid}"), api_key="k")
    assert r.choices[0].message.content == "Hello from the mock!"


def test_other_signatures():
    scb = inspect.signature(litellm.stream_chunk_builder).parameters
    assert list(scb)[:2] == ["chunks", "messages"]
    glp = inspect.signature(litellm.get_llm_provider).parameters
    assert list(glp)[:4] == ["model", "custom_llm_provider", "api_base", "api_key"]


# --- bad input ------------------------------------------------------------------------------

BAD_INPUT = [
    ("empty-model", {"model": ""}, None),
    ("none-model", {"model": None}, None),
    ("int-model", {"model": 5}, None),
    ("no-messages", {"messages": []}, None),
    ("str-messages", {"messages": "hi"}, None),
    ("int-message", {"messages": [5]}, None),
    ("bad-role", {"messages": [{"role": "wizard"}]}, "wizard"),
    ("bad-role-with-content", {"messages": [{"role": "wizard", "content": "x"}]}, "wizard"),
    ("unserialisable-content", {"messages": [{"content": object()}]}, None),
    ("unserialisable-user-content", {"messages": [{"role": "user", "content": object()}]}, None),
    ("unknown-provider", {"model": "nope/x"}, "LLM Provider NOT provided"),
    ("unknown-bare-model", {"model": "totally-unknown-model-zz"}, "LLM Provider NOT provided"),
    ("no-adapter-yet", {"model": "bedrock/x"}, "bedrock"),
    ("str-timeout", {"timeout": "soon"}, "timeout"),
    ("negative-retries", {"num_retries": -1}, "num_retries"),
    ("int-headers", {"headers": 5}, "headers"),
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize(("case", "override", "text"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_raises_a_clear_bad_request(mock, sid, case, override, text):
    kw = {"model": "gpt-4o", "messages": USER, "api_key": "k", **override}
    with pytest.raises(litellm.BadRequestError) as ei:
        litellm.completion(api_base=mock.base(f"id={sid}"), **kw)
    assert str(ei.value).startswith("litellm.")
    if text:
        assert text in str(ei.value)
    assert mock.stats(sid)["requests"] == 0


def test_missing_model_is_a_type_error():
    with pytest.raises(TypeError):
        litellm.completion(messages=USER)


@pytest.mark.timeout(20)
def test_async_bad_input_raises_from_the_await(mock, sid):
    async def main():
        with pytest.raises(litellm.BadRequestError):
            await litellm.acompletion(
                model="gpt-4o", messages="hi", api_key="k", api_base=mock.base(f"id={sid}")
            )
        with pytest.raises(litellm.BadRequestError):
            await litellm.acompletion(model="nope/x", messages=USER)

    asyncio.run(main())
    assert mock.stats(sid)["requests"] == 0


# --- .env at import --------------------------------------------------------------------------

DOTENV_PROBE = (
    "import os, litellm\n"
    "print([os.environ.get(k) for k in ('OPENAI_API_KEY', 'FERRO_EXISTING', 'FERRO_QUOTED')])\n"
)


def write_dotenv(path):
    (path / ".env").write_text(
        "# a comment\n"
        "OPENAI_API_KEY=from-dotenv\n"
        "FERRO_EXISTING=from-dotenv\n"
        'FERRO_QUOTED="two words"\n'
    )


def test_dotenv_in_cwd_is_loaded_and_existing_vars_win(tmp_path):
    write_dotenv(tmp_path)
    r = run_python(
        DOTENV_PROBE, cwd=tmp_path, env={"FERRO_EXISTING": "from-env", "LITELLM_MODE": "DEV"}
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "['from-dotenv', 'from-env', 'two words']"


def test_dotenv_key_is_used_for_calls(tmp_path, mock, sid):
    write_dotenv(tmp_path)
    code = (
        "import litellm\n"
        f"litellm.completion(model='gpt-4o', messages=[{{'role': 'user', 'content': 'x'}}],\n"
        f"                   api_base='{mock.base(f'id={sid}')}')\n"
    )
    r = run_python(code, cwd=tmp_path, env={"LITELLM_MODE": "DEV"})
    assert r.returncode == 0, r.stderr
    assert mock.stats(sid)["last_headers"]["authorization"] == "Bearer from-dotenv"


def test_dotenv_is_skipped_outside_dev_mode(tmp_path):
    write_dotenv(tmp_path)
    r = run_python(DOTENV_PROBE, cwd=tmp_path, env={"LITELLM_MODE": "PRODUCTION"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[None, None, None]"


def test_function_to_dict_builds_a_function_definition():
    def get_current_weather(location: str, unit: str = "fahrenheit", days: int = 1):
        """Get the current weather in a given location

        Parameters
        ----------
        location : str
            The city and state, e.g. San Francisco, CA
        unit : {'celsius', 'fahrenheit'}
            Temperature unit
        days : int
            How many days
        """

    # As litellm 1.109.1 builds it (its enum is the text of a list).
    assert litellm.utils.function_to_dict(get_current_weather) == {
        "name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                "unit": {"type": "string", "description": "Temperature unit", "enum": "['celsius', 'fahrenheit']"},
                "days": {"type": "integer", "description": "How many days"},
            },
            "required": ["location"],
        },
    }  # fmt: skip


def test_dir_lists_litellms_exception_names_exactly():
    # Recorded from litellm 1.109.1: every exception class dir(litellm) shows.
    import json
    from pathlib import Path

    cases = json.loads((Path(__file__).parent / "reference" / "behaviours.json").read_text())[
        "cases"
    ]
    expected = next(c for c in cases if c["id"] == "exception_names")["expect"]["value"]
    got = sorted(
        n
        for n in dir(litellm)
        if isinstance(getattr(litellm, n, None), type)
        and issubclass(getattr(litellm, n), BaseException)
    )
    assert got == expected


def test_logging_module_and_settings_dependents_assign(monkeypatch):
    import sys

    assert litellm._logging._disable_debugging() is None
    assert litellm._logging.verbose_logger.name == "LiteLLM"
    assert "litellm._logging" in sys.modules
    for name, value in [
        ("telemetry", False), ("add_function_to_prompt", True), ("model_fallbacks", ["a"]),
        ("use_litellm_proxy", False), ("disable_aiohttp_transport", True),
    ]:  # fmt: skip
        monkeypatch.setattr(litellm, name, value, raising=False)
        assert getattr(litellm, name) == value


def test_custom_llm_base_raises_not_implemented():
    from litellm.llms.custom_llm import CustomLLMError

    class Mine(litellm.CustomLLM):
        pass

    with pytest.raises(CustomLLMError, match="Not implemented yet!"):
        Mine().completion()


def test_aclose_awaits_the_underlying_stream():
    closed = []

    class Underlying:
        def __aiter__(self):
            return self

        async def __anext__(self):
            raise StopAsyncIteration

        async def aclose(self):
            closed.append(True)

    w = litellm.CustomStreamWrapper(Underlying(), "gpt-4o", custom_llm_provider="openai")
    asyncio.run(w.aclose())
    assert closed == [True]


def test_plain_types_of_litellm_types_utils():
    from litellm.types.utils import CallTypes, CallTypesLiteral, CostPerToken

    # Values litellm 1.109.1 has (a subset of its 161 call types, in its order).
    assert [c.value for c in CallTypes][:6] == [
        "embedding", "aembedding", "completion", "acompletion", "atext_completion",
        "text_completion",
    ]  # fmt: skip
    assert CallTypes("acompletion") is CallTypes.acompletion
    assert "aresponses" in CallTypesLiteral.__args__
    assert CostPerToken.__required_keys__ == {"input_cost_per_token", "output_cost_per_token"}
    assert CostPerToken.__optional_keys__ == {
        "cache_read_input_token_cost",
        "cache_creation_input_token_cost",
    }


def test_hidden_params_and_prompt_tokens_details_fields():
    from litellm.types.utils import HiddenParams, PromptTokensDetails

    assert list(HiddenParams.model_fields) == [
        "original_response", "model_id", "api_base", "response_cost",
    ]  # fmt: skip
    assert PromptTokensDetails(cached_tokens=3).cached_tokens == 3
    assert PromptTokensDetails().audio_tokens is None


def test_completion_request_and_responses_types():
    pytest.importorskip("pydantic")
    from litellm.types.completion import CompletionRequest
    from litellm.types.llms.openai import (
        OutputTextDeltaEvent,
        ResponseAPIUsage,
        ResponseCompletedEvent,
        ResponsesAPIResponse,
        ResponsesAPIStreamEvents,
    )
    from litellm.types.responses.main import GenericResponseOutputItem, OutputFunctionToolCall

    # Field lists as litellm 1.109.1 declares them.
    assert list(CompletionRequest.model_fields)[:4] == [
        "model",
        "messages",
        "timeout",
        "temperature",
    ]
    assert list(ResponseAPIUsage.model_fields) == [
        "input_tokens", "input_tokens_details", "output_tokens", "output_tokens_details",
        "total_tokens", "cost",
    ]  # fmt: skip
    assert list(OutputTextDeltaEvent.model_fields) == [
        "type", "item_id", "output_index", "content_index", "delta",
    ]  # fmt: skip
    assert list(ResponseCompletedEvent.model_fields) == ["type", "response"]
    assert list(GenericResponseOutputItem.model_fields)[-1] == "phase"
    assert "call_id" in OutputFunctionToolCall.model_fields
    assert ResponsesAPIStreamEvents.OUTPUT_TEXT_DELTA == "response.output_text.delta"
    assert len(ResponsesAPIStreamEvents) == 41
    r = ResponsesAPIResponse(
        id="resp_1",
        created_at=1,
        output=[{"type": "message", "content": [{"type": "output_text", "text": "hi"}]}],
        extra_field=1,
    )
    assert r.output_text == "hi"
    assert r["id"] == "resp_1" and r.extra_field == 1


def test_secret_readers(monkeypatch):
    monkeypatch.setenv("FEROLITE_TEST_FLAG", " True ")
    monkeypatch.setenv("FEROLITE_TEST_OTHER", "maybe")
    assert litellm.get_secret_bool("FEROLITE_TEST_FLAG") is True
    assert litellm.get_secret_bool("FEROLITE_TEST_OTHER") is None
    assert litellm.get_secret_bool("FEROLITE_TEST_UNSET", default_value=False) is False
    assert litellm.get_secret_str("os.environ/FEROLITE_TEST_OTHER") == "maybe"
    assert litellm.get_secret("FEROLITE_TEST_UNSET", "d") == "d"
    with pytest.raises(ValueError, match="OIDC"):
        litellm.get_secret("oidc/google/aud")
