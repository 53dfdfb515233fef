"""OpenAI, the OpenAI-compatible hosts and Azure over real HTTP to the mock provider: what
reaches the provider (body, headers, path, credentials), what comes back (ModelResponse and
stream chunks, sync and async), tool-call round trips, provider resolution and the catalog.

Expected values come from litellm 1.109.1's documented behaviour (shared/litellm/library.md)
and the wire formats in shared/providers.md §1, §2, §8. The mock echoes the request's model,
answers "Hello from the mock!" in 3 content chunks, ids `chatcmpl-mock-<n>`, created
1700000000, usage prompt = words in the messages, completion = number of content chunks.
"""

import asyncio
import json
import time
from pathlib import Path

import litellm
import pytest
from conftest import USER

KEY = "sk-test"
REPLY = "Hello from the mock!"
MOCK_CREATED = 1_700_000_000
REFERENCE = Path("/work/shared/reference/model_prices_and_context_window.json")
WEATHER_TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather in a city",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
        },
    }
]


def call(mock, scenario, model="openai/gpt-4o", messages=USER, **kw):
    kw.setdefault("api_key", KEY)
    return litellm.completion(model=model, messages=messages, api_base=mock.base(scenario), **kw)


async def acall(mock, scenario, model="openai/gpt-4o", messages=USER, **kw):
    kw.setdefault("api_key", KEY)
    return await litellm.acompletion(
        model=model, messages=messages, api_base=mock.base(scenario), **kw
    )


def sent_body(mock, sid, **kw):
    """Make one call under `sid` and return the JSON body the engine sent."""
    call(mock, f"id={sid}", **kw)
    return mock.stats(sid)["last_body"]


def sent_headers(mock, sid, **kw):
    call(mock, f"id={sid}", **kw)
    return mock.stats(sid)["last_headers"]


def content_of(chunks):
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def private_keys(value, path="$"):
    """Paths of every dict key starting with '_' anywhere inside `value`."""
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            if str(k).startswith("_"):
                found.append(f"{path}.{k}")
            found.extend(private_keys(v, f"{path}.{k}"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found.extend(private_keys(v, f"{path}[{i}]"))
    return found


# --- 1. parameters reach the provider body ------------------------------------------------

PARAMS = [
    ({"temperature": 0.3}, {"temperature": 0.3}),
    ({"temperature": 0}, {"temperature": 0}),
    ({"top_p": 0.9}, {"top_p": 0.9}),
    ({"n": 2}, {"n": 2}),
    ({"stop": "END"}, {"stop": "END"}),
    ({"stop": ["a", "b"]}, {"stop": ["a", "b"]}),
    ({"max_tokens": 10}, {"max_tokens": 10}),
    ({"max_completion_tokens": 7}, {"max_completion_tokens": 7}),
    ({"presence_penalty": 0.5}, {"presence_penalty": 0.5}),
    ({"frequency_penalty": -0.5}, {"frequency_penalty": -0.5}),
    ({"logit_bias": {"50256": -100}}, {"logit_bias": {"50256": -100}}),
    ({"user": "user-42"}, {"user": "user-42"}),
    ({"seed": 1234}, {"seed": 1234}),
    ({"response_format": {"type": "json_object"}}, {"response_format": {"type": "json_object"}}),
    ({"tools": WEATHER_TOOLS}, {"tools": WEATHER_TOOLS}),
    ({"tools": WEATHER_TOOLS, "tool_choice": "auto"}, {"tool_choice": "auto"}),
    (
        {
            "tools": WEATHER_TOOLS,
            "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
        },
        {"tool_choice": {"type": "function", "function": {"name": "get_weather"}}},
    ),
    ({"tools": WEATHER_TOOLS, "parallel_tool_calls": False}, {"parallel_tool_calls": False}),
    ({"logprobs": True, "top_logprobs": 2}, {"logprobs": True, "top_logprobs": 2}),
    ({"top_k": 3}, {"top_k": 3}),  # unknown kwargs pass through as litellm does
    ({"extra_body": {"foo": "bar", "nested": {"x": 1}}}, {"foo": "bar", "nested": {"x": 1}}),
]


@pytest.mark.parametrize(("kwargs", "expected"), PARAMS, ids=lambda v: ",".join(v))
def test_parameter_reaches_the_body(mock, sid, kwargs, expected):
    body = sent_body(mock, sid, **kwargs)
    for key, value in expected.items():
        assert body.get(key) == value, (key, body)
    assert body["model"] == "gpt-4o"
    assert body["messages"] == USER
    assert "extra_body" not in body


def test_unset_parameters_are_not_sent(mock, sid):
    body = sent_body(mock, sid)
    assert set(body) == {"model", "messages"}


LITELLM_ONLY = dict(
    metadata={"trace": "abc"},
    num_retries=0,
    max_retries=0,
    timeout=30,
    mock_response=None,
    mock_tool_calls=None,
    mock_timeout=False,
    drop_params=True,
    caching=False,
    fallbacks=[],
    litellm_call_id="call-123",
    custom_llm_provider="openai",
    organization="org-x",
    input_cost_per_token=1e-6,
    output_cost_per_token=2e-6,
    base_model="gpt-4o",
    cache={"no-cache": True},
    context_window_fallback_dict={"gpt-4o": "gpt-4o-mini"},
)


def test_litellm_only_kwargs_never_reach_the_body(mock, sid):
    body = sent_body(mock, sid, **LITELLM_ONLY)
    assert set(body) == {"model", "messages"}, body
    assert mock.stats(sid)["requests"] == 1


def test_credentials_and_base_never_reach_the_body(mock, sid):
    body = sent_body(mock, sid, api_key="sk-secret-xyz")
    text = json.dumps(body)
    assert "sk-secret-xyz" not in text
    assert "api_base" not in body and "api_key" not in body


def test_o_series_max_tokens_becomes_max_completion_tokens(mock, sid):
    body = sent_body(mock, sid, model="o3-mini", max_tokens=10)
    assert body["model"] == "o3-mini"
    assert body["max_completion_tokens"] == 10
    assert "max_tokens" not in body


def test_reasoning_effort_for_o_series(mock, sid):
    body = sent_body(mock, sid, model="openai/o3-mini", reasoning_effort="low")
    assert body["reasoning_effort"] == "low"


def test_stream_options_only_when_streaming(mock, sid):
    body = sent_body(mock, sid, stream_options={"include_usage": True})
    assert "stream_options" not in body and "stream" not in body
    list(call(mock, f"id={sid}s", stream=True, stream_options={"include_usage": True}))
    body = mock.stats(f"{sid}s")["last_body"]
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


class Weather:
    """A class with pydantic's `model_json_schema()` classmethod, without pydantic."""

    @classmethod
    def model_json_schema(cls):
        return {
            "title": "Weather",
            "type": "object",
            "properties": {"city": {"type": "string"}, "celsius": {"type": "number"}},
            "required": ["city", "celsius"],
        }


def test_response_format_class_becomes_json_schema(mock, sid):
    rf = sent_body(mock, sid, response_format=Weather)["response_format"]
    assert rf["type"] == "json_schema"
    js = rf["json_schema"]
    assert js["name"] == "Weather"
    assert js["strict"] is True
    assert js["schema"]["properties"] == Weather.model_json_schema()["properties"]
    assert js["schema"]["required"] == ["city", "celsius"]
    assert js["schema"]["additionalProperties"] is False


def test_response_format_pydantic_model(mock, sid):
    pydantic = pytest.importorskip("pydantic")

    class CityTemp(pydantic.BaseModel):
        city: str
        temp: float

    rf = sent_body(mock, sid, response_format=CityTemp)["response_format"]
    assert rf["type"] == "json_schema"
    assert rf["json_schema"]["name"] == "CityTemp"
    assert rf["json_schema"]["strict"] is True
    schema = rf["json_schema"]["schema"]
    assert set(schema["properties"]) == {"city", "temp"}
    assert schema["properties"]["temp"]["type"] == "number"
    assert sorted(schema["required"]) == ["city", "temp"]


# --- headers ------------------------------------------------------------------------------


def test_bearer_key_and_extra_headers(mock, sid):
    h = sent_headers(mock, sid, api_key="sk-abc", extra_headers={"X-Extra": "1"})
    assert h["authorization"] == "Bearer sk-abc"
    assert h["x-extra"] == "1"
    assert h["content-type"].startswith("application/json")


def test_headers_kwarg_arrives(mock, sid):
    h = sent_headers(mock, sid, headers={"X-From-Headers": "2"}, extra_headers={"X-Extra": "1"})
    assert h["x-from-headers"] == "2"
    assert h["x-extra"] == "1"


def test_organization_arg_and_env(mock, sid, monkeypatch):
    assert "openai-organization" not in sent_headers(mock, sid)
    monkeypatch.setenv("OPENAI_ORGANIZATION", "org-env")
    assert sent_headers(mock, sid)["openai-organization"] == "org-env"
    assert sent_headers(mock, sid, organization="org-arg")["openai-organization"] == "org-arg"


def test_module_headers_setting(mock, sid):
    litellm.headers = {"X-Module": "m"}
    assert sent_headers(mock, sid)["x-module"] == "m"


# --- 2. credentials precedence --------------------------------------------------------------

# litellm.openai_key against litellm.api_key is left out on purpose: litellm's OpenAI path
# reads `api_key or litellm.api_key or litellm.openai_key or OPENAI_API_KEY`, which
# library.md does not pin down (see the report).
KEY_LEVELS = [
    ({"arg": "k-arg", "openai_key": "k-okey", "api_key": "k-mod", "env": "k-env"}, "k-arg"),
    ({"openai_key": "k-okey", "env": "k-env"}, "k-okey"),
    ({"api_key": "k-mod", "env": "k-env"}, "k-mod"),
    ({"env": "k-env"}, "k-env"),
]


@pytest.mark.parametrize(("levels", "winner"), KEY_LEVELS, ids=lambda v: str(v))
def test_api_key_precedence(mock, sid, monkeypatch, levels, winner):
    if "env" in levels:
        monkeypatch.setenv("OPENAI_API_KEY", levels["env"])
    litellm.openai_key = levels.get("openai_key")
    litellm.api_key = levels.get("api_key")
    kw = {"api_key": levels["arg"]} if "arg" in levels else {}
    litellm.completion(model="gpt-4o", messages=USER, api_base=mock.base(f"id={sid}"), **kw)
    assert mock.stats(sid)["last_headers"]["authorization"] == f"Bearer {winner}"


BASE_LEVELS = ["api_base", "base_url", "module", "OPENAI_BASE_URL", "OPENAI_API_BASE"]


@pytest.mark.parametrize("winner", BASE_LEVELS)
def test_api_base_precedence(mock, sid, monkeypatch, winner):
    # Set the winner and every level below it; only the winner may receive the request.
    # api_base= and base_url= are one rank (alternative spellings), never set together.
    below = [winner] + BASE_LEVELS[max(2, BASE_LEVELS.index(winner) + 1) :]
    url = {lvl: mock.base(f"id={sid}-{lvl}") for lvl in BASE_LEVELS}
    kw = {}
    for lvl in below:
        if lvl in ("api_base", "base_url"):
            kw[lvl] = url[lvl]
        elif lvl == "module":
            litellm.api_base = url[lvl]
        else:
            monkeypatch.setenv(lvl, url[lvl])
    r = litellm.completion(model="gpt-4o", messages=USER, api_key=KEY, **kw)
    assert r.choices[0].message.content == REPLY
    got = {lvl: mock.stats(f"{sid}-{lvl}")["requests"] for lvl in BASE_LEVELS}
    assert got == {lvl: int(lvl == winner) for lvl in BASE_LEVELS}


def test_missing_key_is_an_authentication_error_without_a_request(mock, sid):
    with pytest.raises(litellm.AuthenticationError) as ei:
        litellm.completion(model="gpt-4o", messages=USER, api_base=mock.base(f"id={sid}"))
    assert "OPENAI_API_KEY" in str(ei.value)
    assert ei.value.llm_provider == "openai"
    assert ei.value.status_code == 401
    assert mock.stats(sid)["requests"] == 0


# --- 3. OpenAI-compatible hosts ---------------------------------------------------------------

# (prefix, key env var, model sent for "<prefix>/some-model")
HOSTS = [
    ("groq", "GROQ_API_KEY", "some-model"),
    ("mistral", "MISTRAL_API_KEY", "some-model"),
    ("deepseek", "DEEPSEEK_API_KEY", "some-model"),
    ("together_ai", "TOGETHERAI_API_KEY", "some-model"),
    ("fireworks_ai", "FIREWORKS_AI_API_KEY", "accounts/fireworks/models/some-model"),
    ("openrouter", "OPENROUTER_API_KEY", "some-model"),
    ("xai", "XAI_API_KEY", "some-model"),
    ("perplexity", "PERPLEXITYAI_API_KEY", "some-model"),
    ("cerebras", "CEREBRAS_API_KEY", "some-model"),
    ("deepinfra", "DEEPINFRA_API_KEY", "some-model"),
    ("hosted_vllm", "HOSTED_VLLM_API_KEY", "some-model"),
    ("lm_studio", "LM_STUDIO_API_KEY", "some-model"),
]


@pytest.mark.parametrize(("host", "env", "sent_model"), HOSTS, ids=[h[0] for h in HOSTS])
def test_compatible_host_request_and_response(mock, sid, monkeypatch, host, env, sent_model):
    monkeypatch.setenv(env, f"key-{host}")
    r = litellm.completion(
        model=f"{host}/some-model",
        messages=USER,
        api_base=mock.base(f"id={sid}"),
        temperature=0.2,
    )
    st = mock.stats(sid)
    assert st["requests"] == 1
    assert st["last_path"] == "/v1/chat/completions"
    assert st["last_headers"]["authorization"] == f"Bearer key-{host}"
    assert st["last_body"]["model"] == sent_model
    assert st["last_body"]["temperature"] == 0.2
    assert r.choices[0].message.content == REPLY
    assert r.model == f"{host}/{sent_model}"  # litellm keeps the provider prefix
    assert r._hidden_params["custom_llm_provider"] == host


@pytest.mark.parametrize("host", [h[0] for h in HOSTS if h[0] != "openrouter"], ids=str)
def test_hosts_send_max_completion_tokens_as_max_tokens(mock, sid, host):
    body = sent_body(mock, sid, model=f"{host}/m", max_completion_tokens=5)
    assert body["max_tokens"] == 5
    assert "max_completion_tokens" not in body


@pytest.mark.parametrize(
    ("env", "model"),
    [
        ("TOGETHER_API_KEY", "together_ai/m"),
        ("TOGETHER_AI_API_KEY", "together_ai/m"),
        ("FIREWORKS_API_KEY", "fireworks_ai/m"),
    ],
)
def test_alternate_key_env_names(mock, sid, monkeypatch, env, model):
    monkeypatch.setenv(env, "alt-key")
    litellm.completion(model=model, messages=USER, api_base=mock.base(f"id={sid}"))
    assert mock.stats(sid)["last_headers"]["authorization"] == "Bearer alt-key"


def test_host_streaming(mock, sid):
    chunks = list(call(mock, f"id={sid}", model="groq/llama-3.1-8b-instant", stream=True))
    assert content_of(chunks) == REPLY
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert mock.stats(sid)["last_body"]["stream"] is True


def test_host_error_names_the_host(mock, sid):
    with pytest.raises(litellm.RateLimitError) as ei:
        call(mock, f"id={sid},status=429", model="groq/llama", max_retries=0)
    assert ei.value.llm_provider == "groq"
    assert ei.value.model == "llama"


def test_mistral_quirks(mock, sid):
    body = sent_body(
        mock, sid, model="mistral/mistral-large-latest", seed=3, tools=WEATHER_TOOLS,
        tool_choice="required",
    )  # fmt: skip
    assert body["random_seed"] == 3
    assert "seed" not in body
    assert body["tool_choice"] == "any"


def test_fireworks_required_tool_choice_is_any(mock, sid):
    model = "accounts/fireworks/models/deepseek-v3p1"
    body = sent_body(
        mock, sid, model=f"fireworks_ai/{model}", tools=WEATHER_TOOLS, tool_choice="required"
    )
    assert body["tool_choice"] == "any"
    assert body["model"] == model


def test_fireworks_tool_choice_is_refused_where_litellm_lists_none(mock, sid):
    # litellm's list for a model it does not know carries `tools` but not `tool_choice`.
    with pytest.raises(litellm.UnsupportedParamsError, match=r"\['tool_choice'\]"):
        sent_body(
            mock, sid, model="fireworks_ai/llama", tools=WEATHER_TOOLS, tool_choice="required"
        )


def test_fireworks_full_model_path_is_kept(mock, sid):
    body = sent_body(mock, sid, model="fireworks_ai/accounts/fireworks/models/llama")
    assert body["model"] == "accounts/fireworks/models/llama"


def test_hosted_vllm_without_a_key_sends_a_fake_one(mock, sid):
    r = litellm.completion(model="hosted_vllm/m", messages=USER, api_base=mock.base(f"id={sid}"))
    assert r.choices[0].message.content == REPLY
    assert mock.stats(sid)["last_headers"]["authorization"] == "Bearer fake-api-key"


def test_hosted_vllm_without_a_base(mock, sid, monkeypatch):
    with pytest.raises(litellm.BadRequestError) as ei:
        litellm.completion(model="hosted_vllm/m", messages=USER)
    assert "HOSTED_VLLM_API_BASE" in str(ei.value)
    monkeypatch.setenv("HOSTED_VLLM_API_BASE", mock.base(f"id={sid}"))
    litellm.completion(model="hosted_vllm/m", messages=USER)
    assert mock.stats(sid)["requests"] == 1


UNSUPPORTED = [
    ("perplexity/sonar", {"tools": WEATHER_TOOLS}, "tools"),
    ("cerebras/llama3.1-8b", {"frequency_penalty": 0.5}, "frequency_penalty"),
    ("groq/llama", {"logit_bias": {"1": 1}}, "logit_bias"),
]


@pytest.mark.parametrize(("model", "kw", "param"), UNSUPPORTED, ids=[u[0] for u in UNSUPPORTED])
def test_unsupported_params_raise_before_any_request(mock, sid, model, kw, param):
    with pytest.raises(litellm.UnsupportedParamsError) as ei:
        call(mock, f"id={sid}", model=model, **kw)
    assert param in str(ei.value)
    assert isinstance(ei.value, litellm.BadRequestError)
    assert ei.value.status_code == 400
    assert mock.stats(sid)["requests"] == 0


@pytest.mark.parametrize(("model", "kw", "param"), UNSUPPORTED, ids=[u[0] for u in UNSUPPORTED])
@pytest.mark.parametrize("how", ["per_call", "module"])
def test_drop_params_drops_unsupported(mock, sid, model, kw, param, how):
    if how == "module":
        litellm.drop_params = True
    else:
        kw = {**kw, "drop_params": True}
    r = call(mock, f"id={sid}", model=model, temperature=0.1, **kw)
    assert r.choices[0].message.content == REPLY
    body = mock.stats(sid)["last_body"]
    assert param not in body
    assert body["temperature"] == 0.1


# --- provider resolution and the catalog ----------------------------------------------------

PROVIDERS = [
    (("azure/my-deploy",), {}, ("my-deploy", "azure")),
    (("openrouter/openai/gpt-4o",), {}, ("openai/gpt-4o", "openrouter")),
    (("gpt-4o",), {}, ("gpt-4o", "openai")),
    (("o3-mini",), {}, ("o3-mini", "openai")),
    (("openai/gpt-4o",), {}, ("gpt-4o", "openai")),
    (("gpt-3.5-turbo-instruct",), {}, ("gpt-3.5-turbo-instruct", "text-completion-openai")),
    (("groq/llama3",), {}, ("llama3", "groq")),
    (("my-model",), {"custom_llm_provider": "groq"}, ("my-model", "groq")),
    (("llama3",), {"api_base": "https://api.groq.com/openai/v1"}, ("llama3", "groq")),
    (("anthropic/claude-3-5-sonnet",), {}, ("claude-3-5-sonnet", "anthropic")),
    (("mistral/mistral-large-latest",), {}, ("mistral-large-latest", "mistral")),
    (("hosted_vllm/m",), {}, ("m", "hosted_vllm")),
    (("anthropic.claude-3-5-sonnet-20240620-v1:0",), {}, None),  # bedrock id, checked below
    (("gemini-2.5-pro",), {}, ("gemini-2.5-pro", "vertex_ai")),
]


@pytest.mark.parametrize(("args", "kw", "expected"), PROVIDERS, ids=lambda v: str(v))
def test_get_llm_provider(args, kw, expected):
    got = litellm.get_llm_provider(*args, **kw)
    assert isinstance(got, tuple) and len(got) == 4
    if expected is None:
        assert got[:2] == (args[0], "bedrock")
    else:
        assert got[:2] == expected


@pytest.mark.parametrize(
    ("model", "base"),
    [
        ("groq/x", "https://api.groq.com/openai/v1"),
        ("mistral/x", "https://api.mistral.ai/v1"),
        ("deepseek/x", "https://api.deepseek.com/beta"),
        ("xai/x", "https://api.x.ai/v1"),
        ("perplexity/x", "https://api.perplexity.ai"),
        ("fireworks_ai/x", "https://api.fireworks.ai/inference/v1"),
        ("cerebras/x", "https://api.cerebras.ai/v1"),
        ("ollama/llama3", "http://localhost:11434"),
    ],
)
def test_get_llm_provider_default_bases(model, base):
    assert litellm.get_llm_provider(model)[3] == base


def test_module_api_key_precedes_openai_key_as_in_litellm(mock, sid):
    litellm.api_key = "generic"
    litellm.openai_key = "specific"
    litellm.completion(model="openai/gpt-4o", messages=USER, api_base=mock.base(f"id={sid}"))
    assert mock.stats(sid)["last_headers"]["authorization"] == "Bearer generic"


def test_base_url_wins_over_api_base(mock, sid):
    litellm.completion(
        model="openai/gpt-4o",
        messages=USER,
        api_key="k",
        api_base="http://127.0.0.1:9/v1",
        base_url=mock.base(f"id={sid}"),
    )
    assert mock.stats(sid)["requests"] == 1


def test_get_llm_provider_returns_the_env_key(monkeypatch):
    monkeypatch.setenv("GROQ_API_KEY", "gk")
    assert litellm.get_llm_provider("groq/llama3")[2] == "gk"
    assert litellm.get_llm_provider("llama3", api_base="https://api.groq.com/openai/v1")[2] == "gk"
    assert litellm.get_llm_provider("groq/llama3", api_key="explicit")[2] == "explicit"


def test_get_llm_provider_hosted_vllm_fake_key():
    assert litellm.get_llm_provider("hosted_vllm/m")[2] == "fake-api-key"


@pytest.mark.parametrize("model", ["totally-unknown-model-zz", "nope/x"])
def test_get_llm_provider_unknown(model):
    with pytest.raises(litellm.BadRequestError) as ei:
        litellm.get_llm_provider(model)
    assert "LLM Provider NOT provided" in str(ei.value)
    assert f"model={model}" in str(ei.value)


def test_provider_list():
    pl = litellm.provider_list
    assert "openai" in pl and "anthropic" in pl and "groq" in pl and "azure" in pl
    assert "nope" not in pl
    member = next(p for p in pl if p == "openai")
    assert isinstance(member, str) and member == "openai"
    assert len(pl) == len(set(pl)) > 100


def test_model_list_and_cost_match_the_reference():
    reference = json.loads(REFERENCE.read_text())
    assert "gpt-4o" in litellm.model_list
    cost = litellm.model_cost["gpt-4o"]
    assert cost["input_cost_per_token"] == reference["gpt-4o"]["input_cost_per_token"]
    assert cost["output_cost_per_token"] == reference["gpt-4o"]["output_cost_per_token"]
    assert cost["litellm_provider"] == "openai"
    info = litellm.get_model_info("gpt-4o")
    assert info["max_output_tokens"] == reference["gpt-4o"]["max_output_tokens"] == 16384
    assert info["max_input_tokens"] == reference["gpt-4o"]["max_input_tokens"]


# --- 4. Azure ---------------------------------------------------------------------------------


def azure(mock, scenario, **kw):
    kw.setdefault("api_key", "az-key")
    kw.setdefault("api_version", "2024-10-21")
    return litellm.completion(
        model="azure/my-deploy", messages=USER, api_base=mock.base(scenario, suffix=""), **kw
    )


def test_azure_path_version_and_api_key_header(mock, sid):
    r = azure(mock, f"id={sid}", temperature=0.4)
    st = mock.stats(sid)
    assert (
        st["last_path"] == "/openai/deployments/my-deploy/chat/completions?api-version=2024-10-21"
    )
    assert st["last_headers"]["api-key"] == "az-key"
    assert "authorization" not in st["last_headers"]
    assert st["last_body"]["temperature"] == 0.4
    assert r.choices[0].message.content == REPLY
    assert r._hidden_params["custom_llm_provider"] == "azure"


def test_azure_ad_token_uses_bearer(mock, sid):
    litellm.completion(
        model="azure/my-deploy",
        messages=USER,
        api_base=mock.base(f"id={sid}", suffix=""),
        azure_ad_token="aad-token",
        api_version="2024-10-21",
    )
    h = mock.stats(sid)["last_headers"]
    assert h["authorization"] == "Bearer aad-token"
    assert "api-key" not in h


def test_azure_env_and_default_api_version(mock, sid, monkeypatch):
    monkeypatch.setenv("AZURE_API_BASE", mock.base(f"id={sid}", suffix=""))
    monkeypatch.setenv("AZURE_API_KEY", "env-az-key")
    monkeypatch.setenv("AZURE_API_VERSION", "2024-06-01")
    litellm.completion(model="azure/my-deploy", messages=USER)
    st = mock.stats(sid)
    assert st["last_path"].endswith("?api-version=2024-06-01")
    assert st["last_headers"]["api-key"] == "env-az-key"
    monkeypatch.delenv("AZURE_API_VERSION")
    litellm.completion(model="azure/my-deploy", messages=USER)
    assert mock.stats(sid)["last_path"] == (
        "/openai/deployments/my-deploy/chat/completions?api-version=2025-02-01-preview"
    )
    assert litellm.AZURE_DEFAULT_API_VERSION == "2025-02-01-preview"


def test_azure_stream_skips_the_empty_choices_first_chunk(mock, sid):
    chunks = list(azure(mock, f"id={sid}", stream=True))
    assert all(c.choices for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert content_of(chunks) == REPLY
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert {c.model for c in chunks} == {"my-deploy"}


def test_azure_content_filter_error(mock, sid):
    with pytest.raises(litellm.ContentPolicyViolationError) as ei:
        azure(mock, f"id={sid},error=content_policy", max_retries=0)
    e = ei.value
    assert e.status_code == 400
    assert e.llm_provider == "azure"
    assert "content management policy" in str(e)
    assert mock.stats(sid)["requests"] == 1


# --- 5. responses -----------------------------------------------------------------------------


def test_model_response_fields(mock, sid):
    r = call(mock, f"id={sid}")
    assert isinstance(r, litellm.ModelResponse)
    assert r.id == "chatcmpl-mock-1"
    assert r.created == MOCK_CREATED
    assert r.model == "gpt-4o"
    assert r.object == "chat.completion"
    assert r.system_fingerprint == "fp_mock"
    assert r["choices"][0]["message"]["content"] == REPLY
    assert r.choices[0].message.role == "assistant"
    assert r.choices[0].finish_reason == "stop"
    assert r.choices[0].index == 0
    u = r.usage
    assert (u.prompt_tokens, u.completion_tokens, u.total_tokens) == (2, 3, 5)
    assert u.prompt_tokens_details.cached_tokens == 0
    assert u.completion_tokens_details.reasoning_tokens == 0


def test_non_stream_model_is_the_providers_and_stream_model_the_requested(mock, sid):
    # flavor=azure makes the mock answer with its own model name (gpt-4o-2024-08-06).
    r = call(mock, f"id={sid},flavor=azure")
    assert r.model == "gpt-4o-2024-08-06"
    r = call(mock, f"id={sid},flavor=azure", model="groq/llama-3.1-8b-instant")
    assert r.model == "groq/gpt-4o-2024-08-06"
    chunks = list(call(mock, f"id={sid},flavor=azure", stream=True))
    assert {c.model for c in chunks} == {"gpt-4o"}
    assert all(c.choices for c in chunks)  # the empty-choices filter chunk is not yielded
    assert content_of(chunks) == REPLY


def test_hidden_params_and_response_ms(mock, sid):
    base = mock.base(f"id={sid}")
    r = litellm.completion(model="gpt-4o", messages=USER, api_base=base, api_key=KEY)
    hp = r._hidden_params
    assert hp["custom_llm_provider"] == "openai"
    assert hp["api_base"] == base
    price = json.loads(REFERENCE.read_text())["gpt-4o"]
    expected = 2 * price["input_cost_per_token"] + 3 * price["output_cost_per_token"]
    assert isinstance(hp["response_cost"], float)
    assert hp["response_cost"] == pytest.approx(expected)
    assert hp["additional_headers"]["llm_provider-x-request-id"] == "req_mock_1"
    assert isinstance(r._response_ms, float) and r._response_ms > 0


def test_model_dump(mock, sid):
    d = call(mock, f"id={sid}").model_dump()
    assert d["id"] == "chatcmpl-mock-1"
    assert d["choices"][0]["message"] == {
        **d["choices"][0]["message"],
        "content": REPLY,
        "role": "assistant",
    }
    assert d["usage"]["total_tokens"] == 5
    assert not private_keys(d)
    json.dumps(d)  # plain JSON-serialisable data


def check_text_stream(chunks, model="gpt-4o"):
    assert all(type(c).__name__ == "ModelResponseStream" for c in chunks)
    assert isinstance(chunks[0], litellm.ModelResponseStream)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert all(c.choices[0].delta.role is None for c in chunks[1:] if c.choices)
    assert content_of(chunks) == REPLY
    last = [c for c in chunks if c.choices][-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.choices[0].delta.content is None
    assert all(c.choices[0].finish_reason is None for c in chunks if c.choices and c is not last)
    assert len({c.id for c in chunks}) == 1
    assert {c.model for c in chunks} == {model}
    assert {c.object for c in chunks} == {"chat.completion.chunk"}
    now = time.time()
    assert all(abs(c.created - now) < 120 for c in chunks)  # litellm's clock, not the provider's


def test_stream_chunks(mock, sid):
    s = call(mock, f"id={sid}", stream=True)
    assert isinstance(s, litellm.CustomStreamWrapper)
    chunks = list(s)
    check_text_stream(chunks)
    assert not any(hasattr(c, "usage") for c in chunks)
    assert mock.stats(sid)["requests"] == 1


def test_stream_include_usage_adds_one_usage_chunk(mock, sid):
    chunks = list(call(mock, f"id={sid}", stream=True, stream_options={"include_usage": True}))
    check_text_stream(chunks)
    assert chunks[-1].choices == []
    assert (chunks[-1].usage.prompt_tokens, chunks[-1].usage.completion_tokens) == (2, 3)
    assert chunks[-1].usage.total_tokens == 5
    assert sum(1 for c in chunks if not c.choices) == 1


def test_stream_include_usage_counts_locally_when_provider_sends_none(mock, sid):
    chunks = list(
        call(mock, f"id={sid},usage=0", stream=True, stream_options={"include_usage": True})
    )
    usage = chunks[-1].usage
    assert chunks[-1].choices == []
    assert usage.prompt_tokens > 0
    assert usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


def test_stream_chunk_builder_rebuilds(mock, sid):
    chunks = list(call(mock, f"id={sid}", stream=True))
    r = litellm.stream_chunk_builder(chunks, messages=USER)
    assert isinstance(r, litellm.ModelResponse)
    assert r.object == "chat.completion"
    assert r.id == chunks[0].id
    assert r.choices[0].message.content == REPLY
    assert r.choices[0].finish_reason == "stop"
    assert r.usage.prompt_tokens > 0 and r.usage.completion_tokens > 0
    assert litellm.stream_chunk_builder([]) is None


def test_stream_chunk_builder_uses_the_usage_chunk(mock, sid):
    chunks = list(call(mock, f"id={sid}", stream=True, stream_options={"include_usage": True}))
    r = litellm.stream_chunk_builder(chunks, messages=USER)
    assert (r.usage.prompt_tokens, r.usage.completion_tokens, r.usage.total_tokens) == (2, 3, 5)
    assert r.choices[0].message.content == REPLY


def test_acompletion(mock, sid):
    r = asyncio.run(acall(mock, f"id={sid}", temperature=0.7))
    assert r.choices[0].message.content == REPLY
    assert r.id == "chatcmpl-mock-1"
    assert mock.stats(sid)["last_body"]["temperature"] == 0.7


def test_completion_with_acompletion_flag_returns_a_coroutine(mock, sid):
    async def main():
        co = call(mock, f"id={sid}", acompletion=True)
        assert asyncio.iscoroutine(co)
        return await co

    assert asyncio.run(main()).choices[0].message.content == REPLY


def test_async_stream(mock, sid):
    async def main():
        s = await acall(mock, f"id={sid}", stream=True)
        assert isinstance(s, litellm.CustomStreamWrapper)
        return [c async for c in s]

    chunks = asyncio.run(main())
    check_text_stream(chunks)
    assert not any(hasattr(c, "usage") for c in chunks)


def test_async_stream_include_usage(mock, sid):
    async def main():
        s = await acall(mock, f"id={sid}", stream=True, stream_options={"include_usage": True})
        return [c async for c in s]

    chunks = asyncio.run(main())
    assert chunks[-1].choices == []
    assert chunks[-1].usage.total_tokens == 5
    assert content_of(chunks) == REPLY


def test_async_errors_raise_from_the_await(mock, sid):
    async def main():
        with pytest.raises(litellm.NotFoundError):
            await acall(mock, f"id={sid},status=404")
        with pytest.raises(litellm.AuthenticationError):
            await acall(mock, f"id={sid}b,status=401", stream=True)

    asyncio.run(main())


# --- 6. tool calling round trips ---------------------------------------------------------------


def check_tool_response(r, id_prefix):
    assert r.choices[0].finish_reason == "tool_calls"
    calls = r.choices[0].message.tool_calls
    assert len(calls) == 1
    assert calls[0].id.startswith(id_prefix)
    assert calls[0].type == "function"
    assert calls[0].function.name == "get_weather"
    assert isinstance(calls[0].function.arguments, str)
    assert json.loads(calls[0].function.arguments) == {"city": "Paris"}
    return calls[0]


def test_openai_tool_round_trip(mock, sid):
    r = call(mock, f"id={sid},tools=1", tools=WEATHER_TOOLS)
    tc = check_tool_response(r, "call_")
    assert r.choices[0].message.content is None
    messages = [
        *USER,
        r.choices[0].message,  # the response object itself, as users do
        {"role": "tool", "tool_call_id": tc.id, "content": "22C"},
    ]
    r2 = call(mock, f"id={sid}b", messages=messages, tools=WEATHER_TOOLS)
    assert r2.choices[0].message.content == REPLY
    sent = mock.stats(f"{sid}b")["last_body"]["messages"]
    assert not private_keys(sent), private_keys(sent)
    assert len(sent) == 3
    assistant = sent[1]
    assert assistant["role"] == "assistant"
    assert assistant.get("content") is None
    assert assistant["tool_calls"] == [
        {
            "id": tc.id,
            "type": "function",
            "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
        }
    ]
    assert sent[2] == {"role": "tool", "tool_call_id": tc.id, "content": "22C"}


def test_openai_streaming_tool_calls(mock, sid):
    delta_tool_call = litellm.types.utils.ChatCompletionDeltaToolCall
    chunks = list(call(mock, f"id={sid},tools=2", tools=WEATHER_TOOLS, stream=True))
    deltas = [tc for c in chunks if c.choices for tc in (c.choices[0].delta.tool_calls or [])]
    assert deltas and all(isinstance(tc, delta_tool_call) for tc in deltas)
    assert {tc.index for tc in deltas} == {0, 1}
    first = [tc for tc in deltas if tc.id]
    assert [tc.index for tc in first] == [0, 1]
    assert all(tc.function.name == "get_weather" for tc in first)
    pieces = "".join(tc.function.arguments or "" for tc in deltas if tc.index == 0)
    assert json.loads(pieces) == {"city": "Paris"}
    assert len([tc for tc in deltas if tc.index == 0]) > 1  # arguments come in fragments
    assert chunks[-1].choices[0].finish_reason == "tool_calls"

    built = litellm.stream_chunk_builder(chunks, messages=USER)
    calls = built.choices[0].message.tool_calls
    assert [json.loads(c.function.arguments) for c in calls] == [
        {"city": "Paris"},
        {"city": "London"},
    ]
    assert [c.id for c in calls] == [first[0].id, first[1].id]
    assert built.choices[0].finish_reason == "tool_calls"


def anthropic_call(mock, scenario, **kw):
    return litellm.completion(
        model="anthropic/claude-sonnet-4-5",
        api_base=mock.base(scenario, suffix=""),
        api_key="ak-test",
        **kw,
    )


def test_anthropic_tool_round_trip(mock, sid):
    r = anthropic_call(mock, f"id={sid},tools=1", messages=USER, tools=WEATHER_TOOLS)
    tc = check_tool_response(r, "toolu_")
    messages = [
        *USER,
        r.choices[0].message,
        {"role": "tool", "tool_call_id": tc.id, "content": "22C"},
    ]
    r2 = anthropic_call(mock, f"id={sid}b", messages=messages, tools=WEATHER_TOOLS)
    assert r2.choices[0].message.content == REPLY
    body = mock.stats(f"{sid}b")["last_body"]
    assert not private_keys(body)
    assistant, result = body["messages"][1], body["messages"][2]
    assert assistant["role"] == "assistant"
    uses = [b for b in assistant["content"] if b["type"] == "tool_use"]
    assert uses == [
        {"type": "tool_use", "id": tc.id, "name": "get_weather", "input": {"city": "Paris"}}
    ]
    assert result["role"] == "user"
    tr = [b for b in result["content"] if b["type"] == "tool_result"]
    assert len(tr) == 1 and tr[0]["tool_use_id"] == tc.id
    assert tr[0]["content"] in ("22C", [{"type": "text", "text": "22C"}])


def test_anthropic_streaming_tool_calls(mock, sid):
    chunks = list(
        anthropic_call(mock, f"id={sid},tools=2", messages=USER, tools=WEATHER_TOOLS, stream=True)
    )
    deltas = [tc for c in chunks if c.choices for tc in (c.choices[0].delta.tool_calls or [])]
    assert {tc.index for tc in deltas} == {0, 1}
    built = litellm.stream_chunk_builder(chunks, messages=USER)
    calls = built.choices[0].message.tool_calls
    assert [json.loads(c.function.arguments) for c in calls] == [
        {"city": "Paris"},
        {"city": "London"},
    ]
    assert built.choices[0].finish_reason == "tool_calls"
