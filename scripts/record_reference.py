#!/usr/bin/env python3
"""Records the reference litellm 1.109.1's observed behaviour into tests/python/reference/.

    python3 scripts/record_reference.py              # every topic
    python3 scripts/record_reference.py tokens cost  # only these topics
    python3 scripts/record_reference.py --list       # topic names

Re-executes itself under benches/.ref-venv (created by benches/refvenv.py if missing), with
LITELLM_LOCAL_MODEL_COST_MAP=True, PYTHONHASHSEED=0, every provider credential removed and an
empty working directory (litellm loads ./.env at import). Connections to anything but
127.0.0.1 are refused and noted in the case ("network"). Cases that need HTTP talk to the
project's mock provider (FERROLITE_MOCK, else target/{debug,release}/ferrolite-mock), started
on a free loopback port and stopped at the end. Each topic is written, with sorted keys, to
tests/python/reference/<topic>.json; tests/python/reference/replay.py runs the cases (here
and in the comparison tests).
"""

import base64
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "python" / "reference"
sys.path.insert(0, str(ROOT / "benches"))
sys.path.insert(0, str(OUT))

import refvenv  # noqa: E402
import replay  # noqa: E402

CASE_TIMEOUT = 60  # seconds; a case that hangs is a recording bug
RECORD_ENV = {
    **refvenv.REFERENCE_ENV,
    "PYTHONHASHSEED": "0",
    "HF_HUB_OFFLINE": "1",  # tokenizer downloads fail at once instead of retrying for ~25 s
    "FERROLITE_RECORDING": "1",
}


def reexec_under_reference():
    inside = Path(sys.prefix).resolve() == refvenv.REF_VENV.resolve()
    if inside and os.environ.get("FERROLITE_RECORDING") == "1":
        return
    python = str(refvenv.ensure())
    env = dict(os.environ, **RECORD_ENV)
    env.setdefault("FERROLITE_MOCK", str(find_mock() or ""))
    # An empty working directory (litellm loads ./.env) that is also HOME: some provider
    # helpers create token folders under ~/.config at import or lookup time.
    scratch = tempfile.mkdtemp(prefix="ferrolite-record-")
    env["HOME"] = scratch
    os.chdir(scratch)
    os.execve(python, [python, str(Path(__file__).resolve()), *sys.argv[1:]], env)


def find_mock():
    explicit = os.environ.get("FERROLITE_MOCK")
    if explicit:
        return Path(explicit)
    for profile in ("debug", "release"):
        path = ROOT / "target" / profile / "ferrolite-mock"
        if path.exists():
            return path
    return None


# --- network guard ----------------------------------------------------------------------------

NETWORK_ATTEMPTS = []


def guard_network():
    """Refuses connections to anything but loopback; records what was attempted."""
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def loopback(host):
        return host in ("127.0.0.1", "localhost", "::1", None, "")

    def getaddrinfo(host, *a, **kw):
        if not loopback(host if isinstance(host, str) else None):
            NETWORK_ATTEMPTS.append(f"resolve {host}")
            raise socket.gaierror(socket.EAI_NONAME, "network disabled while recording")
        return real_getaddrinfo(host, *a, **kw)

    def check(addr):
        host = addr[0] if isinstance(addr, tuple) else None
        if isinstance(addr, tuple) and not loopback(host):
            NETWORK_ATTEMPTS.append(f"connect {host}:{addr[1]}")
            raise ConnectionRefusedError("network disabled while recording")

    def connect(self, addr):
        check(addr)
        return real_connect(self, addr)

    def connect_ex(self, addr):
        check(addr)
        return real_connect_ex(self, addr)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex


# --- the mock provider ------------------------------------------------------------------------


class Mock:
    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [str(binary), "--port", "0", "--threads", "2", "--exit-on-stdin-eof"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        line = self.proc.stdout.readline().decode().strip()
        if not line.startswith("LISTENING "):
            self.proc.kill()
            raise SystemExit(f"mock provider did not start: {line!r}")
        self.root = f"http://127.0.0.1:{int(line.split()[1])}"

    def close(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# --- shared inputs ----------------------------------------------------------------------------

USER = [{"role": "user", "content": "Hello there"}]
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "City name"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["city"],
        },
    },
}
TIME_TOOL = {
    "type": "function",
    "function": {
        "name": "get_time",
        "description": "Local time",
        "parameters": {"type": "object", "properties": {"tz": {"type": "string"}}},
    },
}
TOOL_CALL = {
    "id": "call_abc123",
    "type": "function",
    "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
}


def png_data_url(width, height):
    """A solid-colour PNG of the given size as a data URL (built here, no files)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x10\x80\xf0" * width
    raw = zlib.compress(row * height, 9)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", raw)
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


def new(path, *args, **kwargs):
    out = {"$new": path}
    if args:
        out["args"] = list(args)
    if kwargs:
        out["kwargs"] = kwargs
    return out


def call(path, *args, **kwargs):
    out = {"$call": path}
    if args:
        out["args"] = list(args)
    if kwargs:
        out["kwargs"] = kwargs
    return out


def case(cid, fn, *args, view="value", env=None, settings=None, mock=False, warn=None, **kwargs):
    c = {"id": cid, "call": fn, "args": list(args), "kwargs": kwargs, "view": view}
    if env:
        c["env"] = env
    if settings:
        c["settings"] = settings
    if mock:
        c["mock"] = True
    if warn:
        c["warnings"] = warn
    return c


def getter(cid, path, view="value"):
    return {"id": cid, "get": path, "view": view}


def slug(s):
    return s if s else "<empty>"


# --- a. tokens --------------------------------------------------------------------------------

TOKEN_MODELS = [
    "gpt-4o", "gpt-4o-mini", "gpt-4", "gpt-3.5-turbo", "o1", "gpt-4.1", "openai/gpt-4o",
    "azure/gpt-4o", "claude-3-5-sonnet-20240620", "anthropic/claude-sonnet-4-5",
    "groq/llama-3.1-8b-instant", "mistral/mistral-large-latest", "deepseek/deepseek-chat",
    "zzz-model", "",
]  # fmt: skip
MULTILINGUAL = "Héllo wörld — 你好，世界! Привет, мир. 🚀🔥 ½ café naïve"
LONG = (
    "The quick brown fox jumps over the lazy dog. "
    "Pack my box with five dozen liquor jugs; sphinx of black quartz, judge my vow.\n"
) * 20
CODE = 'def f(x):\n    """Doc."""\n    return {"a": [1, 2, 3], "b": x ** 2}\n\n\tprint(f(3))\n'
SPECIAL = "before <|endoftext|> after <|im_start|>"


def token_inputs():
    small, big = png_data_url(64, 64), png_data_url(1100, 700)
    https_img = "https://example.com/cat.png"
    multi = [
        {"role": "user", "content": "What is the capital of France?"},
        {"role": "assistant", "content": "Paris."},
        {"role": "user", "content": "And of Germany?"},
    ]
    system = [{"role": "system", "content": "You are terse."}] + multi[:1]
    named = [
        {"role": "system", "content": "Be brief.", "name": "rules"},
        {"role": "user", "content": "hi", "name": "alice"},
        {"role": "assistant", "content": "hello", "name": "bot"},
    ]
    tool_turn = [
        {"role": "user", "content": "Weather in Paris?"},
        {"role": "assistant", "content": None, "tool_calls": [TOOL_CALL]},
        {"role": "tool", "tool_call_id": "call_abc123", "content": '{"temp_c": 21}'},
    ]
    tool_turn_name = tool_turn[:2] + [
        {"role": "tool", "tool_call_id": "call_abc123", "name": "get_weather", "content": "21C"}
    ]
    parts = [
        {
            "role": "user",
            "content": [{"type": "text", "text": "Describe"}, {"type": "text", "text": "briefly."}],
        }
    ]

    def image(url, detail=None):
        img = {"url": url}
        if detail:
            img["detail"] = detail
        return [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in this image?"},
                    {"type": "image_url", "image_url": img},
                ],
            }
        ]

    return {
        "text-hello": {"text": "hello world"},
        "text-empty": {"text": ""},
        "text-multilingual": {"text": MULTILINGUAL},
        "text-long": {"text": LONG},
        "text-code": {"text": CODE},
        "text-special-tokens": {"text": SPECIAL},
        "text-list": {"text": ["hello world", "how are you"]},
        "text-count-response": {"text": "hello world", "count_response_tokens": True},
        "messages-single": {"messages": [{"role": "user", "content": "hello world how are you"}]},
        "messages-empty-content": {"messages": [{"role": "user", "content": ""}]},
        "messages-empty-list": {"messages": []},
        "messages-multi-turn": {"messages": multi},
        "messages-system": {"messages": system},
        "messages-names": {"messages": named},
        "messages-tool-calls": {"messages": tool_turn},
        "messages-tool-result-name": {"messages": tool_turn_name},
        "messages-text-parts": {"messages": parts},
        "messages-count-response": {"messages": multi, "count_response_tokens": True},
        "messages-image-https-default": {
            "messages": image(https_img),
            "use_default_image_token_count": True,
        },
        "messages-image-small-low": {"messages": image(small, "low")},
        "messages-image-small-high": {"messages": image(small, "high")},
        "messages-image-big-high": {"messages": image(big, "high")},
        "messages-image-big-auto": {"messages": image(big, "auto")},
        "messages-image-big-none": {"messages": image(big)},
        "tools": {"messages": USER, "tools": [WEATHER_TOOL]},
        "tools-two": {"messages": multi, "tools": [WEATHER_TOOL, TIME_TOOL]},
        "tools-choice-named": {
            "messages": USER,
            "tools": [WEATHER_TOOL],
            "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
        },
        "tools-choice-auto": {"messages": USER, "tools": [WEATHER_TOOL], "tool_choice": "auto"},
        "nothing": {},
        "default-token-count": {"messages": [], "default_token_count": 7},
    }


def topic_tokens(lit):
    cases = []
    inputs = token_inputs()
    for model in TOKEN_MODELS:
        for name, kw in inputs.items():
            cases.append(
                case(
                    f"token_counter/{slug(model)}/{name}",
                    "litellm.token_counter",
                    model=model,
                    **kw,
                )
            )
    texts = {"hello": "hello world", "multilingual": MULTILINGUAL, "empty": "", "code": CODE}
    for model in ["gpt-4o", "gpt-4", "gpt-3.5-turbo", "o1", "claude-3-5-sonnet-20240620",
                  "anthropic/claude-sonnet-4-5", "groq/llama-3.1-8b-instant", "zzz-model", ""]:  # fmt: skip
        for tname, text in texts.items():
            cases.append(
                case(f"encode/{slug(model)}/{tname}", "litellm.encode", model=model, text=text)
            )
            try:
                tokens = list(lit.encode(model=model, text=text))
            except Exception:  # noqa: BLE001 - then decode a fixed list
                tokens = [15339, 1917]
            cases.append(
                case(f"decode/{slug(model)}/{tname}", "litellm.decode", model=model, tokens=tokens)
            )
    cases.append(getter("encoding/type", "litellm.encoding", view="type_name"))
    cases.append(getter("encoding/name", "litellm.encoding.name"))
    for tname, text in texts.items():
        cases.append(case(f"encoding.encode/{tname}", "litellm.encoding.encode", text))
        cases.append(
            case(
                f"encoding.decode/{tname}",
                "litellm.encoding.decode",
                list(lit.encoding.encode(text)),
            )
        )
    cases.append(case("encoding.encode/special-default", "litellm.encoding.encode", SPECIAL))
    cases.append(
        case(
            "encoding.encode/special-disallowed-empty",
            "litellm.encoding.encode",
            SPECIAL,
            disallowed_special={"$tuple": []},
        )
    )
    cases.append(
        case(
            "encoding.encode/special-allowed-all",
            "litellm.encoding.encode",
            SPECIAL,
            allowed_special="all",
        )
    )
    return cases


# --- b. cost ----------------------------------------------------------------------------------

COST_MODELS = [
    "gpt-4o", "gpt-4o-mini", "gpt-4", "gpt-3.5-turbo", "o1", "o3-mini", "gpt-4.1",
    "gpt-4o-2024-08-06", "openai/gpt-4o", "azure/gpt-4o", "azure/gpt-4o-mini",
    "groq/llama-3.1-8b-instant", "groq/openai/gpt-oss-120b", "openrouter/openai/gpt-4o",
    "vertex_ai/gemini-3-pro-preview", "gemini-2.5-pro", "gemini/gemini-2.5-pro",
    "anthropic/claude-sonnet-4-5", "claude-sonnet-4-5", "claude-3-5-sonnet-20240620",
    "claude-haiku-4-5", "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
    "anthropic.claude-3-5-sonnet-20240620-v1:0", "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "deepseek/deepseek-chat", "deepseek-chat",
    "deepseek/deepseek-reasoner", "mistral/mistral-large-latest", "text-embedding-3-small",
    "zzz-model",
]  # fmt: skip
TOKEN_PAIRS = [(0, 0), (10, 20), (1000, 500), (250000, 1000)]
USAGE = "litellm.types.utils.Usage"
MODEL_RESPONSE = "litellm.types.utils.ModelResponse"


def usage(**kw):
    return new(USAGE, **kw)


def topic_cost(lit):
    cases = []
    for model in COST_MODELS:
        for p, c in TOKEN_PAIRS:
            cases.append(
                case(
                    f"cost_per_token/{model}/{p}-{c}",
                    "litellm.cost_per_token",
                    model=model,
                    prompt_tokens=p,
                    completion_tokens=c,
                )
            )
    for model, provider in [
        ("gpt-4o", "openai"), ("gpt-4o", "azure"), ("my-deploy", "azure"),
        ("claude-sonnet-4-5", "anthropic"), ("llama-3.1-8b-instant", "groq"),
        ("openai/gpt-oss-120b", "groq"), ("deepseek-chat", "deepseek"), ("gpt-4o", "openrouter"),
        ("gemini-2.5-pro", "vertex_ai"), ("gemini-2.5-pro", "gemini"),
        ("anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock"), ("zzz-model", "openai"),
        ("mistral-large-latest", "mistral"), ("gpt-4o", "text-completion-openai"),
    ]:  # fmt: skip
        cases.append(
            case(
                f"cost_per_token/provider/{provider}/{model}",
                "litellm.cost_per_token",
                model=model,
                prompt_tokens=1000,
                completion_tokens=500,
                custom_llm_provider=provider,
            )
        )
    for model in ["anthropic/claude-sonnet-4-5", "claude-haiku-4-5", "gpt-4o", "deepseek/deepseek-chat",
                  "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", "gemini-2.5-pro"]:  # fmt: skip
        for cw, cr in [(100, 0), (0, 200), (100, 200), (300000, 0)]:
            cases.append(
                case(
                    f"cost_per_token/cache/{model}/w{cw}-r{cr}",
                    "litellm.cost_per_token",
                    model=model,
                    prompt_tokens=1000,
                    completion_tokens=100,
                    cache_creation_input_tokens=cw,
                    cache_read_input_tokens=cr,
                )
            )
    usages = {
        "cached-reasoning": dict(
            prompt_tokens=1000,
            completion_tokens=500,
            total_tokens=1500,
            prompt_tokens_details={"cached_tokens": 400},
            completion_tokens_details={"reasoning_tokens": 300},
        ),
        "reasoning-kw": dict(
            prompt_tokens=100, completion_tokens=400, total_tokens=500, reasoning_tokens=250
        ),
        "anthropic-cache": dict(
            prompt_tokens=1300,
            completion_tokens=50,
            total_tokens=1350,
            cache_creation_input_tokens=200,
            cache_read_input_tokens=100,
        ),
        "deepseek-hit": dict(
            prompt_tokens=1000,
            completion_tokens=100,
            total_tokens=1100,
            prompt_cache_hit_tokens=600,
            prompt_cache_miss_tokens=400,
        ),
        "above-200k": dict(
            prompt_tokens=250000,
            completion_tokens=2000,
            total_tokens=252000,
            prompt_tokens_details={"cached_tokens": 50000},
        ),
        "plain": dict(prompt_tokens=10, completion_tokens=20, total_tokens=30),
    }
    for model in ["gpt-4o", "o1", "o3-mini", "anthropic/claude-sonnet-4-5", "claude-haiku-4-5",
                  "deepseek/deepseek-chat", "deepseek/deepseek-reasoner", "gemini-2.5-pro",
                  "gemini/gemini-2.5-pro", "azure/gpt-4o", "zzz-model"]:  # fmt: skip
        for uname, ukw in usages.items():
            cases.append(
                case(
                    f"cost_per_token/usage_object/{model}/{uname}",
                    "litellm.cost_per_token",
                    model=model,
                    prompt_tokens=ukw["prompt_tokens"],
                    completion_tokens=ukw["completion_tokens"],
                    usage_object=usage(**ukw),
                )
            )
    for model, call_type in [
        ("text-embedding-3-small", "embedding"), ("text-embedding-3-small", "aembedding"),
        ("gpt-4o", "completion"), ("gpt-4o", "acompletion"), ("gpt-3.5-turbo-instruct", "text_completion"),
        ("gpt-4o", "embedding"), ("whisper-1", "transcription"), ("tts-1", "speech"),
        ("gpt-4o", "responses"), ("gpt-4o", "aresponses"),
    ]:  # fmt: skip
        cases.append(
            case(
                f"cost_per_token/call_type/{call_type}/{model}",
                "litellm.cost_per_token",
                model=model,
                prompt_tokens=1000,
                completion_tokens=200,
                call_type=call_type,
            )
        )
    cases.append(
        case(
            "cost_per_token/custom_cost_per_token",
            "litellm.cost_per_token",
            model="zzz-model",
            prompt_tokens=1000,
            completion_tokens=500,
            custom_cost_per_token={"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
        )
    )
    cases.append(case("cost_per_token/no-args", "litellm.cost_per_token"))
    # completion_cost(completion_response=...)
    for model in ["gpt-4o", "gpt-4o-2024-08-06", "o1", "gpt-3.5-turbo", "azure/gpt-4o",
                  "claude-sonnet-4-5", "anthropic/claude-sonnet-4-5", "claude-3-5-sonnet-20240620",
                  "deepseek/deepseek-chat", "gemini-2.5-pro", "groq/llama-3.1-8b-instant",
                  "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
                  "us.anthropic.claude-3-5-sonnet-20240620-v1:0", "openrouter/openai/gpt-4o",
                  "zzz-model"]:  # fmt: skip
        for uname in ["plain", "cached-reasoning", "anthropic-cache", "above-200k"]:
            resp = new(MODEL_RESPONSE, model=model, usage=usage(**usages[uname]))
            cases.append(
                case(
                    f"completion_cost/response/{model}/{uname}",
                    "litellm.completion_cost",
                    completion_response=resp,
                )
            )
    cases.append(
        case(
            "completion_cost/response/no-usage",
            "litellm.completion_cost",
            completion_response=new(MODEL_RESPONSE, model="gpt-4o"),
        )
    )
    cases.append(
        case(
            "completion_cost/response/no-model",
            "litellm.completion_cost",
            completion_response=new(MODEL_RESPONSE, usage=usage(**usages["plain"])),
        )
    )
    cases.append(
        case(
            "completion_cost/response/model-arg-wins",
            "litellm.completion_cost",
            completion_response=new(MODEL_RESPONSE, model="gpt-4o", usage=usage(**usages["plain"])),
            model="gpt-4o-mini",
        )
    )
    cases.append(
        case(
            "completion_cost/response/dict",
            "litellm.completion_cost",
            completion_response={
                "model": "gpt-4o",
                "usage": usages["plain"],
                "choices": [{"message": {"content": "hi", "role": "assistant"}}],
            },
        )
    )
    # completion_cost(model=, prompt=, completion=) and messages=
    for model in ["gpt-4o", "gpt-4o-mini", "gpt-3.5-turbo", "o1", "azure/gpt-4o", "claude-sonnet-4-5",
                  "anthropic/claude-sonnet-4-5", "claude-3-5-sonnet-20240620", "deepseek/deepseek-chat",
                  "gemini-2.5-pro", "groq/llama-3.1-8b-instant", "mistral/mistral-large-latest",
                  "text-embedding-3-small", "zzz-model", ""]:  # fmt: skip
        cases.append(
            case(
                f"completion_cost/prompt/{slug(model)}",
                "litellm.completion_cost",
                model=model,
                prompt="Hello, how are you today?",
                completion="I am fine, thank you.",
            )
        )
        cases.append(
            case(
                f"completion_cost/messages/{slug(model)}",
                "litellm.completion_cost",
                model=model,
                messages=[
                    {"role": "system", "content": "Be kind."},
                    {"role": "user", "content": "Hello, how are you today?"},
                ],
                completion="I am fine, thank you.",
            )
        )
    for model in ["gpt-4o", "anthropic/claude-sonnet-4-5", "zzz-model"]:
        cases.append(
            case(
                f"completion_cost/usage-kwarg/{model}",
                "litellm.completion_cost",
                model=model,
                prompt="hi",
                completion="there",
                usage=usage(**usages["plain"]),
            )
        )
        cases.append(
            case(
                f"completion_cost/usage-kwarg-dict/{model}",
                "litellm.completion_cost",
                model=model,
                usage=usages["plain"],
            )
        )
    for model, provider in [("gpt-4o", "openai"), ("gpt-4o", "azure"), ("claude-sonnet-4-5", "anthropic"),
                            ("my-deploy", "azure"), ("gemini-2.5-pro", "gemini")]:  # fmt: skip
        cases.append(
            case(
                f"completion_cost/provider/{provider}/{model}",
                "litellm.completion_cost",
                model=model,
                prompt="Hello there",
                completion="General Kenobi",
                custom_llm_provider=provider,
            )
        )
    for call_type in ["completion", "acompletion", "text_completion", "embedding", "aembedding"]:
        cases.append(
            case(
                f"completion_cost/call_type/{call_type}",
                "litellm.completion_cost",
                model="text-embedding-3-small" if "embedding" in call_type else "gpt-4o",
                prompt="Hello there",
                completion="General Kenobi",
                call_type=call_type,
            )
        )
    cases.append(
        case(
            "completion_cost/custom_cost_per_token",
            "litellm.completion_cost",
            model="zzz-model",
            prompt="Hello there",
            completion="General Kenobi",
            custom_cost_per_token={"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
        )
    )
    cases.append(
        case(
            "completion_cost/custom_cost_per_token-response",
            "litellm.completion_cost",
            completion_response=new(
                MODEL_RESPONSE, model="zzz-model", usage=usage(**usages["plain"])
            ),
            custom_cost_per_token={"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
        )
    )
    cases.append(case("completion_cost/no-args", "litellm.completion_cost"))
    # completion(mock_response=...) and its _hidden_params["response_cost"]
    for model in ["gpt-4o", "gpt-4o-mini", "openai/gpt-4o", "azure/gpt-4o", "azure/my-deploy",
                  "anthropic/claude-sonnet-4-5", "claude-sonnet-4-5", "groq/llama-3.1-8b-instant",
                  "deepseek/deepseek-chat", "gemini/gemini-2.5-pro", "openai/zzz-model",
                  "gpt-4o-2024-05-13"]:  # fmt: skip
        cases.append(
            case(
                f"completion-mock/{model}",
                "litellm.completion",
                view="response_cost",
                model=model,
                messages=USER,
                mock_response="Hi!",
            )
        )
    cases.append(
        case(
            "completion-mock/gpt-4o/stream-built",
            "litellm.stream_chunk_builder",
            view="response_cost",
            chunks={
                "$list": call(
                    "litellm.completion",
                    model="gpt-4o",
                    messages=USER,
                    mock_response="Hi there friend",
                    stream=True,
                )
            },
            messages=USER,
        )
    )
    cases.append(
        case(
            "completion-mock/gpt-4o/completion_cost-of-response",
            "litellm.completion_cost",
            completion_response=call(
                "litellm.completion", model="gpt-4o", messages=USER, mock_response="Hi!"
            ),
        )
    )
    # Last, because litellm 1.109.1 writes per-call prices into the global price map: these
    # models are used nowhere else, and the "after" cases show what a later call sees.
    for model in CUSTOM_PRICED:
        cases.append(
            case(
                f"completion-mock-custom-prices/{model}",
                "litellm.completion",
                view="response_cost",
                model=model,
                messages=USER,
                mock_response="Hi!",
                input_cost_per_token=1e-06,
                output_cost_per_token=2e-06,
            )
        )
    cases.append(
        case(
            "completion-mock-custom-prices/completion_cost-of-response",
            "litellm.completion_cost",
            completion_response=call(
                "litellm.completion",
                model="openai/zzz-custom-priced",
                messages=USER,
                mock_response="Hi!",
                input_cost_per_token=1e-06,
                output_cost_per_token=2e-06,
            ),
        )
    )
    cases.append(
        case(
            "completion-mock-custom-prices/after/gpt-4o-2024-05-13",
            "litellm.completion",
            view="response_cost",
            model="gpt-4o-2024-05-13",
            messages=USER,
            mock_response="Hi!",
        )
    )
    cases.append(
        case(
            "completion-mock-custom-prices/after/cost_per_token",
            "litellm.cost_per_token",
            model="gpt-4o-2024-05-13",
            prompt_tokens=1000,
            completion_tokens=500,
        )
    )
    cases.append(
        case(
            "completion-mock-custom-prices/after/openai/zzz-custom-priced",
            "litellm.completion",
            view="response_cost",
            model="openai/zzz-custom-priced",
            messages=USER,
            mock_response="Hi!",
        )
    )
    return cases


# --- c. capabilities --------------------------------------------------------------------------

SUPPORTS = [
    "litellm.supports_function_calling", "litellm.supports_parallel_function_calling",
    "litellm.supports_vision", "litellm.supports_response_schema", "litellm.supports_reasoning",
    "litellm.utils.supports_prompt_caching", "litellm.utils.supports_tool_choice",
    "litellm.supports_audio_input", "litellm.supports_web_search", "litellm.supports_pdf_input",
]  # fmt: skip
WELL_KNOWN = [
    "gpt-4o", "gpt-4o-mini", "gpt-4", "gpt-3.5-turbo", "o1", "o3-mini", "gpt-4.1", "gpt-5",
    "text-embedding-3-small", "whisper-1", "tts-1", "dall-e-3", "openai/gpt-4o", "azure/gpt-4o",
    "azure/gpt-4o-mini", "claude-sonnet-4-5", "anthropic/claude-sonnet-4-5",
    "claude-3-5-sonnet-20240620", "anthropic/claude-3-5-sonnet-20240620", "claude-haiku-4-5",
    "groq/llama-3.1-8b-instant", "groq/openai/gpt-oss-120b", "mistral/mistral-large-latest",
    "deepseek/deepseek-chat", "deepseek-chat", "gemini-2.5-pro", "gemini/gemini-2.5-pro",
    "vertex_ai/gemini-2.5-pro", "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
    "anthropic.claude-3-5-sonnet-20240620-v1:0", "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
    "openrouter/openai/gpt-4o", "xai/grok-2", "together_ai/meta-llama/Llama-3-8b-chat-hf",
    "ollama/llama3", "cohere/command-r", "zzz-model", "",
]  # fmt: skip
# Providers whose model lookups start an OAuth device-code login (network) in litellm 1.109.1.
NETWORK_PROVIDERS = {"github_copilot", "chatgpt"}
# Models whose price a cost case overrides per call (litellm then rewrites the global map).
CUSTOM_PRICED = {
    "gpt-4o-2024-05-13": "openai", "azure/gpt-4o-2024-11-20": "azure",
    "anthropic/claude-haiku-4-5-20251001": "anthropic", "openai/zzz-custom-priced": "openai",
    "azure/my-custom-deploy": "azure", "groq/llama-custom-priced": "groq",
}  # fmt: skip


def sample_models(lit, n_groups_rounds=2, limit=200, prefixed=50):
    import random

    provider_values = {str(p.value) if hasattr(p, "value") else str(p) for p in lit.provider_list}
    groups = {}
    for key in sorted(lit.model_cost):
        if key == "sample_spec" or any(key.endswith(m.split("/")[-1]) for m in CUSTOM_PRICED):
            continue
        info = lit.model_cost[key]
        if str(info.get("litellm_provider")) in NETWORK_PROVIDERS:
            continue
        groups.setdefault((str(info.get("litellm_provider")), str(info.get("mode"))), []).append(
            key
        )
    order = sorted(groups)
    random.Random(1109).shuffle(order)
    picked = []
    for rnd in range(n_groups_rounds):
        for g in order:
            if rnd < len(groups[g]) and len(picked) < limit:
                picked.append(groups[g][rnd])
    extra = []
    for key in picked:
        provider = str(lit.model_cost[key].get("litellm_provider"))
        if "/" not in key and provider in provider_values and len(extra) < prefixed:
            extra.append(f"{provider}/{key}")
    return picked, extra


def capability_cases(prefix, model, provider=None):
    cases = []
    kw = {"model": model}
    if provider is not None:
        kw["custom_llm_provider"] = provider
    for fn in SUPPORTS:
        cases.append(case(f"{prefix}/{fn.split('.')[-1]}", fn, **kw))
    cases.append(
        case(
            f"{prefix}/supports_system_messages",
            "litellm.supports_system_messages",
            model,
            provider,
        )
    )
    cases.append(
        case(f"{prefix}/get_supported_openai_params", "litellm.get_supported_openai_params", **kw)
    )
    cases.append(case(f"{prefix}/get_model_info", "litellm.get_model_info", **kw))
    if provider is None:
        cases.append(case(f"{prefix}/get_max_tokens", "litellm.get_max_tokens", model))
        cases.append(case(f"{prefix}/get_llm_provider", "litellm.get_llm_provider", model))
    return cases


def topic_capabilities(lit):
    cases = []
    picked, extra = sample_models(lit)
    seen = set()
    for model in WELL_KNOWN + picked + extra:
        if model in seen:
            continue
        seen.add(model)
        cases += capability_cases(f"model/{slug(model)}", model)
        info = lit.model_cost.get(model)
        if info and "/" not in model:
            provider = str(info.get("litellm_provider"))
            cases.append(
                case(
                    f"model/{slug(model)}/get_supported_openai_params+provider",
                    "litellm.get_supported_openai_params",
                    model=model,
                    custom_llm_provider=provider,
                )
            )
    for model, provider in [
        ("gpt-4o", "openai"), ("gpt-4o", "azure"), ("my-deploy", "azure"),
        ("claude-sonnet-4-5", "anthropic"), ("claude-3-5-sonnet-20240620", "anthropic"),
        ("llama-3.1-8b-instant", "groq"), ("openai/gpt-oss-120b", "groq"),
        ("gemini-2.5-pro", "vertex_ai"), ("gemini-2.5-pro", "gemini"),
        ("anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock"),
        ("mistral-large-latest", "mistral"), ("deepseek-chat", "deepseek"),
        ("gpt-4o", "openrouter"), ("openai/gpt-4o", "openrouter"), ("zzz-model", "openai"),
        ("llama3", "ollama"), ("command-r", "cohere"), ("grok-2", "xai"),
        ("gpt-4o", "text-completion-openai"), ("gpt-3.5-turbo-instruct", "text-completion-openai"),
    ]:  # fmt: skip
        cases += capability_cases(f"pair/{provider}/{model}", model, provider)
    for model in ["gpt-35-turbo", "gpt-35-turbo-16k", "ada", "babbage", "davinci",
                  "text-embedding-ada-002", "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                  "eu.anthropic.claude-3-5-sonnet-20240620-v1:0",
                  "bedrock/us.anthropic.claude-3-5-sonnet-20240620-v1:0", "azure/gpt-35-turbo",
                  "azure/gpt-4o-2024-08-06", "gpt-4o-2024-08-06", "ft:gpt-4o-mini:my-org::abc123",
                  "ft:gpt-3.5-turbo:my-org:custom:id", "openai/gpt-4o-mini", "claude-3-5-sonnet",
                  "claude-sonnet-4-5@20250929", "vertex_ai/claude-sonnet-4-5@20250929",
                  "gemini-1.5-pro", "gemini/gemini-1.5-pro", "GPT-4O", " gpt-4o"]:  # fmt: skip
        cases.append(
            case(f"fallback/{model}/get_model_info", "litellm.get_model_info", model=model)
        )
        cases.append(case(f"fallback/{model}/get_max_tokens", "litellm.get_max_tokens", model))
    cases.append(getter("OPENAI_CHAT_COMPLETION_PARAMS", "litellm.OPENAI_CHAT_COMPLETION_PARAMS"))
    cases.append(case("get_model_cost_map/signature", "@signature", "litellm.get_model_cost_map"))
    c = case("get_model_cost_map/local", "@cost_map", "http://127.0.0.1:9/never-fetched.json")
    c["env"] = {"LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    cases.append(c)
    cases.append(
        case(
            "get_supported_openai_params/embeddings",
            "litellm.get_supported_openai_params",
            model="text-embedding-3-small",
            request_type="embeddings",
        )
    )
    cases.append(
        case(
            "get_supported_openai_params/transcription",
            "litellm.get_supported_openai_params",
            model="whisper-1",
            request_type="transcription",
        )
    )
    return cases


# --- d. environment ---------------------------------------------------------------------------

ENV_MODELS = {
    "gpt-4o": {"OPENAI_API_KEY": "sk-test"},
    "openai/gpt-4o": {"OPENAI_API_KEY": "sk-test"},
    "gpt-3.5-turbo": {"OPENAI_API_KEY": "sk-test"},
    "o1": {"OPENAI_API_KEY": "sk-test"},
    "text-embedding-3-small": {"OPENAI_API_KEY": "sk-test"},
    "azure/my-deploy": {"AZURE_API_KEY": "az", "AZURE_API_BASE": "https://x.openai.azure.com",
                        "AZURE_API_VERSION": "2024-10-21"},
    "azure/gpt-4o": {"AZURE_API_KEY": "az", "AZURE_API_BASE": "https://x.openai.azure.com",
                     "AZURE_API_VERSION": "2024-10-21"},
    "anthropic/claude-sonnet-4-5": {"ANTHROPIC_API_KEY": "sk-ant"},
    "claude-sonnet-4-5": {"ANTHROPIC_API_KEY": "sk-ant"},
    "claude-3-5-sonnet-20240620": {"ANTHROPIC_API_KEY": "sk-ant"},
    "groq/llama-3.1-8b-instant": {"GROQ_API_KEY": "gsk"},
    "mistral/mistral-large-latest": {"MISTRAL_API_KEY": "m"},
    "deepseek/deepseek-chat": {"DEEPSEEK_API_KEY": "d"},
    "together_ai/meta-llama/Llama-3-8b-chat-hf": {"TOGETHERAI_API_KEY": "t"},
    "fireworks_ai/accounts/fireworks/models/llama-v3-8b-instruct": {"FIREWORKS_AI_API_KEY": "f"},
    "openrouter/openai/gpt-4o": {"OPENROUTER_API_KEY": "o"},
    "xai/grok-2": {"XAI_API_KEY": "x"},
    "perplexity/sonar": {"PERPLEXITYAI_API_KEY": "p"},
    "cerebras/llama3.1-8b": {"CEREBRAS_API_KEY": "c"},
    "deepinfra/meta-llama/Meta-Llama-3-8B-Instruct": {"DEEPINFRA_API_KEY": "di"},
    "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0": {
        "AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "s", "AWS_REGION_NAME": "us-east-1"},
    "vertex_ai/gemini-2.5-pro": {"VERTEXAI_PROJECT": "p", "VERTEXAI_LOCATION": "us-central1"},
    "gemini/gemini-2.5-pro": {"GEMINI_API_KEY": "g"},
    "cohere/command-r": {"COHERE_API_KEY": "co"},
    "huggingface/meta-llama/Llama-3-8B": {"HUGGINGFACE_API_KEY": "hf"},
    "ollama/llama3": {},
    "hosted_vllm/my-model": {"HOSTED_VLLM_API_BASE": "http://127.0.0.1:9"},
    "databricks/dbrx": {"DATABRICKS_API_KEY": "db", "DATABRICKS_API_BASE": "https://db"},
    "watsonx/ibm/granite": {"WATSONX_URL": "https://w", "WATSONX_APIKEY": "w"},
    "replicate/meta/llama-3": {"REPLICATE_API_KEY": "r"},
    "voyage/voyage-3": {"VOYAGE_API_KEY": "v"},
    "zzz-model": {},
    "": {},
}  # fmt: skip


def topic_environment(lit):
    cases = []
    for model, own in ENV_MODELS.items():
        m = slug(model)
        cases.append(
            case(f"validate_environment/{m}/none", "litellm.validate_environment", model=model)
        )
        cases.append(
            case(
                f"validate_environment/{m}/openai-key",
                "litellm.validate_environment",
                model=model,
                env={"OPENAI_API_KEY": "sk-test"},
            )
        )
        if own and own != {"OPENAI_API_KEY": "sk-test"}:
            cases.append(
                case(
                    f"validate_environment/{m}/own",
                    "litellm.validate_environment",
                    model=model,
                    env=own,
                )
            )
            if len(own) > 1:
                first = dict([next(iter(own.items()))])
                cases.append(
                    case(
                        f"validate_environment/{m}/partial",
                        "litellm.validate_environment",
                        model=model,
                        env=first,
                    )
                )
        cases.append(
            case(
                f"validate_environment/{m}/api_key-arg",
                "litellm.validate_environment",
                model=model,
                api_key="sk-arg",
            )
        )
    cases.append(case("validate_environment/model-None", "litellm.validate_environment"))
    cases.append(
        case(
            "validate_environment/azure/api_base-arg",
            "litellm.validate_environment",
            model="azure/my-deploy",
            api_key="k",
            api_base="https://x.openai.azure.com",
            api_version="2024-10-21",
        )
    )
    cases.append(
        case(
            "validate_environment/azure/AZURE_OPENAI_API_KEY",
            "litellm.validate_environment",
            model="azure/my-deploy",
            env={"AZURE_OPENAI_API_KEY": "k", "AZURE_API_BASE": "https://x"},
        )
    )
    cases.append(
        case(
            "validate_environment/together/TOGETHER_API_KEY",
            "litellm.validate_environment",
            model="together_ai/m",
            env={"TOGETHER_API_KEY": "k"},
        )
    )
    cases.append(
        case(
            "validate_environment/openai/api_base-arg",
            "litellm.validate_environment",
            model="gpt-4o",
            api_base="http://127.0.0.1:9/v1",
        )
    )
    envs = {
        "none": {}, "openai": {"OPENAI_API_KEY": "sk-test"},
        "anthropic": {"ANTHROPIC_API_KEY": "sk-ant"},
        "openai+anthropic": {"OPENAI_API_KEY": "sk-test", "ANTHROPIC_API_KEY": "sk-ant"},
        "groq": {"GROQ_API_KEY": "gsk"},
        "azure": {"AZURE_API_KEY": "az", "AZURE_API_BASE": "https://x.openai.azure.com"},
    }  # fmt: skip
    for ename, env in envs.items():
        for label, kw in [
            ("default", {}),
            ("no-endpoint-check", {"check_provider_endpoint": False}),
        ]:
            cases.append(
                case(
                    f"get_valid_models/{ename}/{label}",
                    "litellm.get_valid_models",
                    view="sorted",
                    env=env,
                    settings={"check_provider_endpoint": False},
                    **kw,
                )
            )
    for provider in ["openai", "anthropic", "groq"]:
        cases.append(
            case(
                f"get_valid_models/provider/{provider}",
                "litellm.get_valid_models",
                view="sorted",
                settings={"check_provider_endpoint": False},
                custom_llm_provider=provider,
                check_provider_endpoint=False,
            )
        )
    cases.append(case("get_valid_models/signature", "@signature", "litellm.get_valid_models"))
    cases.append(getter("check_provider_endpoint/default", "litellm.check_provider_endpoint"))
    return cases


# --- e. routing -------------------------------------------------------------------------------

ROUTING_MODELS = [
    "gpt-4o", "gpt-4o-mini", "gpt-4", "gpt-3.5-turbo", "o1", "o3-mini", "gpt-4.1", "gpt-5",
    "chatgpt-4o-latest", "gpt-3.5-turbo-instruct", "text-embedding-3-small", "whisper-1", "tts-1",
    "dall-e-3", "gpt-image-1", "ft:gpt-4o-mini:org::abc", "openai/gpt-4o", "openai/anything",
    "azure/my-deploy", "azure/gpt-4o", "azure_ai/mistral-large", "anthropic/claude-sonnet-4-5",
    "claude-sonnet-4-5", "claude-3-5-sonnet-20240620", "claude-3-haiku-20240307",
    "claude-haiku-4-5", "claude-opus-4-5", "claude-instant-1", "groq/llama-3.1-8b-instant",
    "groq/openai/gpt-oss-120b", "mistral/mistral-large-latest", "mistral-large-latest",
    "codestral/codestral-latest", "deepseek/deepseek-chat", "deepseek-chat", "deepseek-reasoner",
    "together_ai/meta-llama/Llama-3-8b-chat-hf", "fireworks_ai/llama-v3-8b",
    "openrouter/openai/gpt-4o", "openrouter/anthropic/claude-3.5-sonnet", "xai/grok-2",
    "grok-2", "perplexity/sonar", "cerebras/llama3.1-8b", "deepinfra/meta-llama/Llama-3-8B",
    "nvidia_nim/meta/llama3-8b", "gemini/gemini-2.5-pro", "gemini-2.5-pro", "gemini-1.5-pro",
    "vertex_ai/gemini-2.5-pro", "vertex_ai/claude-sonnet-4-5", "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
    "anthropic.claude-3-5-sonnet-20240620-v1:0", "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
    "bedrock/converse/us.anthropic.claude-sonnet-4-5-20250929-v1:0", "amazon.nova-pro-v1:0",
    "meta.llama3-8b-instruct-v1:0", "cohere/command-r", "command-r", "command-r-plus",
    "huggingface/meta-llama/Llama-3-8B", "ollama/llama3", "ollama_chat/llama3",
    "hosted_vllm/my-model", "openai_like/x", "custom_openai/x", "lm_studio/x",
    "replicate/meta/llama-3", "sagemaker/my-endpoint", "watsonx/ibm/granite", "databricks/dbrx",
    "cloudflare/@cf/meta/llama-3", "ai21/jamba-1.5", "jamba-1.5-mini", "jamba-1.5-large",
    "jina_ai/jina-embeddings-v3", "voyage/voyage-3", "text-completion-openai/gpt-3.5-turbo-instruct",
    "litellm_proxy/gpt-4o", "github/gpt-4o", "*", "", "zzz-model", "unknown-provider/model",
    "GPT-4O", "openai/", "/gpt-4o",
]  # fmt: skip
API_BASES = [
    "https://api.groq.com/openai/v1", "https://api.mistral.ai/v1", "https://api.deepseek.com",
    "https://api.deepseek.com/v1", "https://api.together.xyz/v1", "https://api.perplexity.ai",
    "https://api.deepinfra.com/v1/openai", "https://integrate.api.nvidia.com/v1",
    "https://api.cerebras.ai/v1", "https://api.fireworks.ai/inference/v1",
    "https://openrouter.ai/api/v1", "https://api.x.ai/v1", "https://api.openai.com/v1",
    "https://api.anthropic.com", "https://my-resource.openai.azure.com",
    "http://localhost:11434", "http://127.0.0.1:8000/v1", "https://codestral.mistral.ai/v1",
    "https://api.endpoints.anyscale.com/v1", "https://api.friendli.ai/serverless/v1",
]  # fmt: skip


def topic_routing(lit):
    cases = []
    for model in ROUTING_MODELS:
        cases.append(case(f"get_llm_provider/{slug(model)}", "litellm.get_llm_provider", model))
    for base in API_BASES:
        cases.append(
            case(f"api_base/{base}", "litellm.get_llm_provider", model="llama3", api_base=base)
        )
    for base in API_BASES[:8]:
        cases.append(
            case(
                f"api_base+env-key/{base}",
                "litellm.get_llm_provider",
                model="llama3",
                api_base=base,
                env={
                    "GROQ_API_KEY": "gsk-env",
                    "MISTRAL_API_KEY": "m-env",
                    "DEEPSEEK_API_KEY": "d-env",
                    "TOGETHERAI_API_KEY": "t-env",
                    "PERPLEXITYAI_API_KEY": "p-env",
                    "DEEPINFRA_API_KEY": "di-env",
                    "NVIDIA_NIM_API_KEY": "n-env",
                },
            )
        )
    for model, provider in [("my-model", "groq"), ("gpt-4o", "azure"), ("claude-sonnet-4-5", "anthropic"),
                            ("openai/gpt-4o", "openrouter"), ("x", "hosted_vllm"), ("x", "openai"),
                            ("groq/llama3", "groq"), ("llama3", "ollama"), ("zzz", "not-a-provider")]:  # fmt: skip
        cases.append(
            case(
                f"custom_llm_provider/{provider}/{model}",
                "litellm.get_llm_provider",
                model,
                custom_llm_provider=provider,
            )
        )
    keyed = {
        "GROQ_API_KEY": "gsk-env",
        "OPENAI_API_KEY": "sk-env",
        "ANTHROPIC_API_KEY": "ant-env",
        "DEEPSEEK_API_KEY": "d-env",
        "XAI_API_KEY": "x-env",
        "OPENROUTER_API_KEY": "o-env",
        "HOSTED_VLLM_API_BASE": "http://127.0.0.1:9/v1",
        "OLLAMA_API_BASE": "http://127.0.0.1:7",
    }
    for model in ["groq/llama3", "gpt-4o", "anthropic/claude-sonnet-4-5", "deepseek/deepseek-chat",
                  "xai/grok-2", "openrouter/openai/gpt-4o", "hosted_vllm/m", "ollama/llama3",
                  "mistral/mistral-large-latest"]:  # fmt: skip
        cases.append(case(f"env-keys/{model}", "litellm.get_llm_provider", model, env=keyed))
        cases.append(
            case(f"api_key-arg/{model}", "litellm.get_llm_provider", model, api_key="explicit")
        )
    proxy_env = {
        "USE_LITELLM_PROXY": "True",
        "LITELLM_PROXY_API_BASE": "http://127.0.0.1:4000",
        "LITELLM_PROXY_API_KEY": "sk-proxy",
    }
    for model in ["*", "gpt-4o", "anthropic/claude-sonnet-4-5", "litellm_proxy/gpt-4o",
                  "groq/llama3", "ai21/jamba-1.5", "jamba-1.5-mini", "jina_ai/jina-embeddings-v3",
                  "zzz-model"]:  # fmt: skip
        cases.append(
            case(f"use_litellm_proxy/{model}", "litellm.get_llm_provider", model, env=proxy_env)
        )
    cases.append(
        case(
            "use_litellm_proxy/base-only/gpt-4o",
            "litellm.get_llm_provider",
            "gpt-4o",
            env={"USE_LITELLM_PROXY": "True", "LITELLM_PROXY_API_BASE": "http://127.0.0.1:4000"},
        )
    )
    cases.append(
        case(
            "litellm_proxy/env/gpt-4o",
            "litellm.get_llm_provider",
            "litellm_proxy/gpt-4o",
            env={
                "LITELLM_PROXY_API_BASE": "http://127.0.0.1:4000",
                "LITELLM_PROXY_API_KEY": "sk-proxy",
            },
        )
    )
    cases.append(
        case(
            "use_litellm_proxy/false/gpt-4o",
            "litellm.get_llm_provider",
            "gpt-4o",
            env={"USE_LITELLM_PROXY": "False", "LITELLM_PROXY_API_BASE": "http://127.0.0.1:4000"},
        )
    )
    return cases


# --- f. objects -------------------------------------------------------------------------------

TYPES = "litellm.types.utils."
OBJECT_CLASSES = [
    "ModelResponse", "ModelResponseStream", "Choices", "StreamingChoices", "Message", "Delta",
    "Usage", "ChatCompletionMessageToolCall", "ChatCompletionDeltaToolCall", "Function",
    "FunctionCall", "EmbeddingResponse", "Embedding", "PromptTokensDetailsWrapper",
    "CompletionTokensDetailsWrapper", "TextCompletionResponse", "TextChoices", "ImageResponse",
    "ImageObject", "TranscriptionResponse",
]  # fmt: skip


def sid_of(cid):
    return "".join(ch if ch.isalnum() else "-" for ch in cid)


def provider_call(provider, cid, spec="", **kw):
    """completion() kwargs that send `provider`'s wire format to the mock with a scenario."""
    scenario = "id=" + sid_of(cid) + ("," + spec if spec else "")
    if provider == "openai":
        base = dict(
            model="gpt-4o",
            api_key="sk-test",
            max_retries=0,
            api_base={"$mock": f"/s/{scenario}/v1"},
        )
    elif provider == "anthropic":
        base = dict(
            model="anthropic/claude-sonnet-4-5",
            api_key="sk-ant-test",
            api_base={"$mock": f"/s/{scenario}"},
        )
    elif provider == "azure":
        base = dict(
            model="azure/my-deploy",
            api_key="az-test",
            api_version="2024-10-21",
            max_retries=0,
            api_base={"$mock": f"/s/{scenario}"},
        )
    elif provider == "groq":
        base = dict(
            model="groq/llama-3.1-8b-instant",
            api_key="gsk-test",
            max_retries=0,
            api_base={"$mock": f"/s/{scenario}/v1"},
        )
    elif provider == "gemini":
        base = dict(
            model="gemini/gemini-2.5-flash",
            api_key="gm-test",
            api_base={"$mock": f"/s/{scenario}/v1beta"},
        )
    elif provider == "ollama_chat":
        base = dict(model="ollama_chat/llama3.2", api_base={"$mock": f"/s/{scenario}"})
    elif provider == "cohere_chat":
        base = dict(
            model="cohere_chat/command-r",
            api_key="co-test",
            api_base={"$mock": f"/s/{scenario}/v2/chat"},
        )
    else:
        raise ValueError(provider)
    base.setdefault("messages", USER)
    base.update(kw)
    return base


def topic_objects(lit):
    cases = []
    ctor = {
        "ModelResponse": [
            {}, {"stream": True}, {"model": "gpt-4o", "choices": [{"message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop", "index": 0}],
                                   "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}},
            {"id": "chatcmpl-fixed", "created": 1700000000, "model": "gpt-4o", "system_fingerprint": "fp_x",
             "choices": [{"message": {"role": "assistant", "content": None, "tool_calls": [TOOL_CALL]}, "finish_reason": "tool_calls", "index": 0}]},
            {"id": "chatcmpl-fixed", "created": 1700000000, "object": "something-else", "custom_field": 1},
        ],
        "ModelResponseStream": [
            {}, {"id": "chatcmpl-fixed", "created": 1700000000, "model": "gpt-4o",
                 "choices": [{"index": 0, "delta": {"role": "assistant", "content": "hi"}}]},
            {"choices": [], "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}},
        ],
        "Choices": [{}, {"finish_reason": "stop", "index": 0, "message": {"role": "assistant", "content": "x"}},
                    {"finish_reason": "end_turn", "index": 1, "message": {"content": "y"}, "logprobs": None},
                    {"message": {"content": "z"}, "provider_specific_fields": {"a": 1}}],
        "StreamingChoices": [{}, {"delta": {"content": "x"}}, {"finish_reason": "stop", "index": 0, "delta": {}},
                             {"delta": {"content": "x"}, "logprobs": {"content": []}}],
        "Message": [{}, {"content": "x"}, {"content": None, "tool_calls": [TOOL_CALL]},
                    {"content": "x", "reasoning_content": "because",
                     "thinking_blocks": [{"type": "thinking", "thinking": "hmm", "signature": "sig"}]},
                    {"content": "x", "role": "user", "function_call": {"name": "f", "arguments": "{}"}},
                    {"content": "x", "refusal": "no", "annotations": [], "audio": None, "provider_specific_fields": {"k": "v"}}],
        "Delta": [{}, {"content": "x", "role": "assistant"},
                  {"tool_calls": [{"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": ""}}]},
                  {"reasoning_content": "r", "thinking_blocks": [{"type": "thinking", "thinking": "t"}]},
                  {"content": "x", "provider_specific_fields": {"a": 1}, "extra_key": 2}],
        "Usage": [{}, {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30},
                  {"prompt_tokens": 10, "completion_tokens": 20},
                  {"prompt_tokens": 11, "completion_tokens": 5, "total_tokens": 16,
                   "cache_creation_input_tokens": 2, "cache_read_input_tokens": 3},
                  {"prompt_tokens": 100, "completion_tokens": 400, "total_tokens": 500, "reasoning_tokens": 250},
                  {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100,
                   "prompt_cache_hit_tokens": 600, "prompt_cache_miss_tokens": 400},
                  {"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
                   "prompt_tokens_details": {"cached_tokens": 400, "audio_tokens": 0},
                   "completion_tokens_details": {"reasoning_tokens": 300}}],
        "ChatCompletionMessageToolCall": [{}, {"function": {"name": "f", "arguments": "{}"}, "id": "call_1"},
                                          {"function": {"name": "f", "arguments": {"a": 1}}},
                                          {"function": {"name": "f", "arguments": "{}"}, "id": "call_1", "type": "function", "index": 0}],
        "ChatCompletionDeltaToolCall": [{}, {"index": 0}, {"index": 0, "id": "call_1", "type": "function",
                                                           "function": {"name": "f", "arguments": "{\"a\""}}],
        "Function": [{}, {"name": "f", "arguments": "{}"}, {"name": "f", "arguments": {"a": 1}}, {"arguments": ""}],
        "FunctionCall": [{}, {"name": "f", "arguments": "{}"}, {"name": None, "arguments": "x"}],
        "EmbeddingResponse": [{}, {"model": "text-embedding-3-small",
                                   "data": [{"embedding": [0.1, 0.2], "index": 0, "object": "embedding"}],
                                   "usage": {"prompt_tokens": 2, "total_tokens": 2}}],
        "Embedding": [{}, {"embedding": [0.5, -0.5], "index": 0, "object": "embedding"}],
        "PromptTokensDetailsWrapper": [{}, {"cached_tokens": 3}, {"cached_tokens": 3, "cache_creation_tokens": 2, "text_tokens": 5}],
        "CompletionTokensDetailsWrapper": [{}, {"reasoning_tokens": 2}, {"reasoning_tokens": 2, "text_tokens": 8, "audio_tokens": 0}],
        "TextCompletionResponse": [{}, {"model": "gpt-3.5-turbo-instruct", "choices": [{"text": "hi", "index": 0, "finish_reason": "stop"}],
                                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}],
        "TextChoices": [{}, {"text": "hi", "index": 0, "finish_reason": "stop", "logprobs": None}],
        "ImageResponse": [{}, {"created": 1700000000, "data": [{"url": "https://example.com/a.png"}]},
                          {"created": 1700000000, "data": [{"b64_json": "aGk=", "revised_prompt": "p"}]}],
        "ImageObject": [{}, {"url": "https://example.com/a.png"}, {"b64_json": "aGk="}],
        "TranscriptionResponse": [{}, {"text": "hello world"}],
    }  # fmt: skip
    # Warm-up, under the default "ignore" filter: litellm imports modules lazily on the first
    # call, and some of them make pydantic warn (TypedDict ReadOnly items) while their classes
    # are built. Under simplefilter("error") that first call would raise the UserWarning instead;
    # what is recorded below is the steady state.
    cases.append(
        case(
            "warmup/mock_response",
            "litellm.completion",
            view="type_name",
            model="gpt-4o",
            messages=USER,
            mock_response="warm",
        )
    )
    cases.append(
        case(
            "warmup/mock_response-stream",
            "litellm.stream_chunk_builder",
            view="type_name",
            chunks={
                "$list": call(
                    "litellm.completion",
                    model="gpt-4o",
                    messages=USER,
                    mock_response="warm",
                    stream=True,
                )
            },
        )
    )
    for provider in ["openai", "anthropic", "azure", "groq"]:
        cid = f"warmup/{provider}"
        cases.append(
            case(
                cid,
                "litellm.stream_chunk_builder",
                view="type_name",
                mock=True,
                chunks={
                    "$list": call("litellm.completion", **provider_call(provider, cid, stream=True))
                },
            )
        )
        cases.append(
            case(
                cid + "/plain",
                "litellm.completion",
                view="type_name",
                mock=True,
                **provider_call(provider, cid + "/plain"),
            )
        )
    # ... and once more for each class after those calls (they can leave a class to be rebuilt).
    for name, variants in ctor.items():
        cases.append(case(f"warmup/new/{name}", TYPES + name, view="type_name", **variants[-1]))
    for name, variants in ctor.items():
        for i, kw in enumerate(variants):
            cases.append(case(f"new/{name}/{i}", TYPES + name, view="object", warn="error", **kw))
    tools = [WEATHER_TOOL]
    for provider in ["openai", "anthropic", "azure", "groq"]:
        for label, spec, kw, view in [
            ("plain", "", {}, "object"),
            ("tool-call", "tools=1", {"tools": tools}, "object"),
            ("two-tool-calls", "tools=2", {"tools": tools}, "object"),
            ("stream", "chunks=3", {"stream": True}, "stream"),
            (
                "stream-usage",
                "chunks=3",
                {"stream": True, "stream_options": {"include_usage": True}},
                "stream",
            ),
            ("stream-tool-call", "tools=1", {"stream": True, "tools": tools}, "stream"),
            ("cache-usage", "cache_read=3,cache_write=2", {}, "object"),
        ]:
            cid = f"completion/{provider}/{label}"
            cases.append(
                case(
                    cid,
                    "litellm.completion",
                    view=view,
                    mock=True,
                    warn="error",
                    **provider_call(provider, cid, spec, **kw),
                )
            )
    for model in [
        "gpt-4o",
        "anthropic/claude-sonnet-4-5",
        "azure/my-deploy",
        "groq/llama-3.1-8b-instant",
    ]:
        cases.append(
            case(
                f"mock_response/{model}/plain",
                "litellm.completion",
                view="object",
                warn="error",
                model=model,
                messages=USER,
                mock_response="Hello from the mock response",
            )
        )
        cases.append(
            case(
                f"mock_response/{model}/stream",
                "litellm.completion",
                view="stream",
                warn="error",
                model=model,
                messages=USER,
                mock_response="Hello from the mock response",
                stream=True,
            )
        )
    cases.append(
        case(
            "mock_response/gpt-4o/n2",
            "litellm.completion",
            view="object",
            warn="error",
            model="gpt-4o",
            messages=USER,
            mock_response="hi",
            n=2,
        )
    )
    cases.append(
        case(
            "mock_response/gpt-4o/mock_tool_calls",
            "litellm.completion",
            view="object",
            warn="error",
            model="gpt-4o",
            messages=USER,
            mock_tool_calls=[TOOL_CALL],
        )
    )
    cases.append(
        case(
            "mock_response/gpt-4o/stream-usage",
            "litellm.completion",
            view="stream",
            warn="error",
            model="gpt-4o",
            messages=USER,
            mock_response="Hello there",
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    cases.append(
        case(
            "mock_response/gpt-4o/dict",
            "litellm.completion",
            view="object",
            warn="error",
            model="gpt-4o",
            messages=USER,
            mock_response={
                "id": "chatcmpl-dict",
                "created": 1700000000,
                "model": "gpt-4o",
                "choices": [
                    {
                        "message": {"role": "assistant", "content": "from dict"},
                        "finish_reason": "stop",
                        "index": 0,
                    }
                ],
            },
        )
    )
    for name in OBJECT_CLASSES:
        cases.append(case(f"class/{name}", "@describe_class", TYPES + name))
    return cases


# --- g. behaviours ----------------------------------------------------------------------------


def chunk(content=None, created=1700000001, finish=None, index=0, cid="chatcmpl-fixed", **delta):
    d = dict(delta)
    if content is not None:
        d["content"] = content
    choice = {"index": index, "delta": d}
    if finish:
        choice["finish_reason"] = finish
    return new(
        TYPES + "ModelResponseStream", id=cid, created=created, model="gpt-4o", choices=[choice]
    )


def topic_behaviours(lit):
    cases = []
    excs = {
        "exception-429-anthropic": {"$exc": "builtins.Exception", "args": ["boom"],
                                    "attrs": {"status_code": 429, "llm_provider": "anthropic"}},
        "exception-400-openai": {"$exc": "builtins.Exception", "args": ["bad request here"],
                                 "attrs": {"status_code": 400, "llm_provider": "openai"}},
        "exception-401": {"$exc": "builtins.Exception", "args": ["no key"],
                          "attrs": {"status_code": 401, "llm_provider": "openai"}},
        "exception-503-groq": {"$exc": "builtins.Exception", "args": ["overloaded"],
                               "attrs": {"status_code": 503, "llm_provider": "groq"}},
        "exception-context": {"$exc": "builtins.Exception",
                              "args": ["This model's maximum context length is 10 tokens"],
                              "attrs": {"status_code": 400, "llm_provider": "openai"}},
        "valueerror": {"$exc": "builtins.ValueError", "args": ["bad value"]},
        "ratelimiterror": {"$exc": "litellm.RateLimitError",
                           "kwargs": {"message": "slow down", "llm_provider": "openai", "model": "gpt-4o"}},
        "badrequest": {"$exc": "litellm.BadRequestError",
                       "kwargs": {"message": "nope", "model": "gpt-4o", "llm_provider": "openai"}},
    }  # fmt: skip
    for model in [
        "gpt-4o",
        "anthropic/claude-sonnet-4-5",
        "azure/my-deploy",
        "groq/llama-3.1-8b-instant",
    ]:
        for ename, exc in excs.items():
            cases.append(
                case(
                    f"mock_exception/{model}/{ename}",
                    "litellm.completion",
                    model=model,
                    messages=USER,
                    mock_response=exc,
                )
            )
    cases.append(
        case(
            "mock_exception/gpt-4o/stream",
            "litellm.completion",
            view="stream",
            model="gpt-4o",
            messages=USER,
            stream=True,
            mock_response=excs["exception-429-anthropic"],
        )
    )
    for text in [
        "litellm.RateLimitError",
        "litellm.ContextWindowExceededError",
        "litellm.InternalServerError",
        "Exception: content_filter_policy",
    ]:
        cases.append(
            case(
                f"mock_magic/{text}",
                "litellm.completion",
                model="gpt-4o",
                messages=USER,
                mock_response=text,
            )
        )
    cases.append(
        case(
            "mock_magic/mock_streaming_error",
            "litellm.completion",
            view="stream",
            model="gpt-4o",
            messages=USER,
            stream=True,
            mock_response="Exception: mock_streaming_error",
        )
    )
    builder = "litellm.stream_chunk_builder"
    think = [{"type": "thinking", "thinking": "Let me ", "signature": None}]
    sets = {
        "reasoning_content": [chunk("", role="assistant", reasoning_content="Let me "),
                              chunk(None, reasoning_content="think."), chunk("Answer"),
                              chunk(None, finish="stop")],
        "thinking_blocks": [chunk("", role="assistant", thinking_blocks=think, reasoning_content="Let me "),
                            chunk(None, thinking_blocks=[{"type": "thinking", "thinking": "think.", "signature": "sig-1"}],
                                  reasoning_content="think."),
                            chunk("Done"), chunk(None, finish="stop")],
        "provider_specific_fields": [
            chunk("Hel", role="assistant", provider_specific_fields={"citations": ["a"]}),
            chunk("lo", provider_specific_fields={"citations": ["b"], "other": 1}),
            chunk(None, finish="stop")],
        "tool_call_fragments": [
            chunk(None, role="assistant", tool_calls=[{"index": 0, "id": "call_1", "type": "function",
                                                       "function": {"name": "get_weather", "arguments": ""}}]),
            chunk(None, tool_calls=[{"index": 0, "function": {"arguments": "{\"city\": "}}]),
            chunk(None, tool_calls=[{"index": 0, "function": {"arguments": "\"Paris\"}"}}]),
            chunk(None, tool_calls=[{"index": 1, "id": "call_2", "type": "function",
                                     "function": {"name": "get_time", "arguments": "{}"}}]),
            chunk(None, finish="tool_calls")],
        "out_of_created_order": [chunk("a", created=1700000003, role="assistant"),
                                 chunk("b", created=1700000001), chunk("c", created=1700000002),
                                 chunk(None, created=1700000000, finish="stop")],
        "mixed_ids": [chunk("a", cid="chatcmpl-one", role="assistant"), chunk("b", cid="chatcmpl-two"),
                      chunk(None, cid="chatcmpl-two", finish="length")],
        "finish_then_content": [chunk("a", role="assistant"), chunk(None, finish="stop"), chunk("late")],
        "usage_chunk": [chunk("Hi", role="assistant"), chunk(None, finish="stop"),
                        new(TYPES + "ModelResponseStream", id="chatcmpl-fixed", created=1700000001,
                            model="gpt-4o", choices=[],
                            usage={"prompt_tokens": 7, "completion_tokens": 1, "total_tokens": 8})],
        "two_choices": [chunk("a", role="assistant"), chunk("b", index=1, role="assistant"),
                        chunk("c"), chunk(None, finish="stop"), chunk(None, index=1, finish="stop")],
        "dict_chunks_hidden_params": [
            {"id": "chatcmpl-fixed", "created": 1700000001, "model": "gpt-4o",
             "object": "chat.completion.chunk",
             "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hi"}}],
             "_hidden_params": {"custom_llm_provider": "openai", "api_base": "https://api.openai.com/v1",
                                "response_cost": 0.5}},
            {"id": "chatcmpl-fixed", "created": 1700000001, "model": "gpt-4o",
             "object": "chat.completion.chunk",
             "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
             "_hidden_params": {"custom_llm_provider": "openai"}}],
    }  # fmt: skip
    for name, chunks in sets.items():
        cases.append(case(f"stream_chunk_builder/{name}", builder, view="object", chunks=chunks))
        cases.append(
            case(
                f"stream_chunk_builder/{name}/messages",
                builder,
                view="object",
                chunks=chunks,
                messages=USER,
            )
        )
    cases.append(case("stream_chunk_builder/empty", builder, chunks=[]))
    for model in ["gpt-4o", "anthropic/claude-sonnet-4-5", "groq/llama-3.1-8b-instant"]:
        stream = {
            "$list": call(
                "litellm.completion",
                model=model,
                messages=USER,
                mock_response="Hello there, friend",
                stream=True,
            )
        }
        cases.append(
            case(
                f"stream_chunk_builder/mock/{model}/no-messages",
                builder,
                view="object",
                chunks=stream,
            )
        )
        cases.append(
            case(
                f"stream_chunk_builder/mock/{model}/messages",
                builder,
                view="object",
                chunks=stream,
                messages=USER,
            )
        )
    for provider in ["openai", "anthropic", "azure", "groq"]:
        cid = f"stream_chunk_builder/http/{provider}"
        stream = {
            "$list": call(
                "litellm.completion", **provider_call(provider, cid, "chunks=3", stream=True)
            )
        }
        cases.append(case(cid + "/no-messages", builder, view="object", mock=True, chunks=stream))
    cases.append(
        case(
            "ContentPolicyViolationError/direct",
            "litellm.ContentPolicyViolationError",
            view="exception_attrs",
            message="flagged",
            model="gpt-4o",
            llm_provider="openai",
            litellm_debug_info="debug text",
        )
    )
    cases.append(
        case(
            "ContentPolicyViolationError/direct-no-debug",
            "litellm.ContentPolicyViolationError",
            view="exception_attrs",
            message="flagged",
            model="gpt-4o",
            llm_provider="openai",
        )
    )
    failures = [
        ("content-policy", "error=content_policy", {}, "value"),
        ("stream-cut", "cut_after=1", {"stream": True}, "stream"),
        ("malformed", "error=malformed", {}, "value"),
        ("malformed-stream", "error=malformed", {"stream": True}, "stream"),
        ("empty-body", "error=empty", {}, "value"),
        ("stream-stall", "stall_after=1", {"stream": True, "timeout": 1.0}, "stream"),
        ("slow-first-byte", "first_byte_ms=3000", {"timeout": 1.0}, "value"),
        ("midstream-error", "midstream_error=1", {"stream": True}, "stream"),
        ("html-502", "error=html", {}, "value"),
    ]
    for provider in [
        "openai",
        "anthropic",
        "azure",
        "groq",
        "gemini",
        "ollama_chat",
        "cohere_chat",
    ]:
        for label, spec, kw, view in failures:
            cid = f"http_failure/{provider}/{label}"
            cases.append(
                case(
                    cid,
                    "litellm.completion",
                    view=view,
                    mock=True,
                    **provider_call(provider, cid, spec, **kw),
                )
            )
    cases.append(
        case(
            "timeout/mock_timeout/gpt-4o",
            "litellm.completion",
            model="gpt-4o",
            messages=USER,
            mock_response="x",
            mock_timeout=True,
            timeout=0.2,
        )
    )
    cases.append(
        case(
            "timeout/mock_timeout/anthropic",
            "litellm.completion",
            model="anthropic/claude-sonnet-4-5",
            messages=USER,
            mock_response="x",
            mock_timeout=True,
            timeout=0.2,
        )
    )
    cases.append(
        case(
            "timeout/Timeout-direct",
            "litellm.Timeout",
            view="exception_attrs",
            message="took too long",
            model="gpt-4o",
            llm_provider="openai",
        )
    )
    cases.append(case("exception_names", "@exception_names"))
    for attr in ["aclose", "close", "__aiter__", "__anext__", "__iter__", "__next__"]:
        cases.append(
            case(f"CustomStreamWrapper/{attr}", "@has_attr", "litellm.CustomStreamWrapper", attr)
        )
    return cases


TOPICS = {
    "tokens": topic_tokens,
    "cost": topic_cost,
    "capabilities": topic_capabilities,
    "environment": topic_environment,
    "routing": topic_routing,
    "objects": topic_objects,
    "behaviours": topic_behaviours,
}
NOTES = {
    "tokens": [
        "Recorded with no network and HF_HUB_OFFLINE=1. litellm 1.109.1 downloads the llama-3 "
        "tokenizer from huggingface.co for models containing 'llama-3' (groq/llama-3.1-8b-instant "
        "here); offline it falls back to tiktoken cl100k_base, which is what is recorded.",
        "encode()/decode() use cl100k_base for every model listed, gpt-4o included, while "
        "token_counter() counts gpt-4o / gpt-4o-mini / o1 / gpt-4.1 with o200k_base.",
        "Claude and Mistral models are counted with tiktoken cl100k_base; deepseek with the "
        "tokenizer bundled in litellm.",
        "Images: data URLs are measured locally; an https URL is only used with "
        "use_default_image_token_count=True (otherwise litellm downloads the image).",
    ],
    "cost": [
        "completion(..., input_cost_per_token=, output_cost_per_token=) rewrites the model's entry "
        "in the global litellm.model_cost (and adds entries for unknown models), so later calls "
        "for that model are priced with the per-call prices; those cases come last and use "
        "models no other case uses (see the completion-mock-custom-prices/after/* cases).",
        "completion_cost() has no `usage` parameter: passing one raises TypeError.",
    ],
    "capabilities": [
        "Models are sampled deterministically from litellm.model_cost (grouped by provider and "
        "mode, groups shuffled with random.Random(1109), two rounds), plus well-known names and "
        "provider-prefixed forms of sampled bare keys.",
        "github_copilot/* and chatgpt/* models are left out: in litellm 1.109.1 "
        "get_llm_provider / supports_response_schema / get_max_tokens for them start an OAuth "
        "device-code login (requests to github.com / auth.openai.com) and create "
        "~/.config/litellm/github_copilot.",
    ],
    "environment": [
        "get_valid_models() lists are compared sorted: litellm builds them from sets, so their "
        "order changes with PYTHONHASHSEED. No request is made because check_provider_endpoint "
        "is False (the default of litellm.check_provider_endpoint).",
    ],
    "routing": [],
    "objects": [
        "Instance cases run under warnings.simplefilter('error'); a warning raised by one "
        "observation is recorded in its place as {'$warning': ...}.",
        "The warmup/* cases come first on purpose: the first completion() in a process imports "
        "modules whose pydantic classes warn (TypedDict ReadOnly items) while being built, and "
        "under simplefilter('error') inside the process that warning is raised from "
        "completion() or from constructing ModelResponse/Message/Delta; `python -W error` from "
        "start-up is not affected (litellm's own filters come first).",
    ],
    "behaviours": [
        "HTTP failures use the mock's scenarios: cut_after=1 (stream cut), error=malformed "
        "(200 with invalid JSON; streams: one invalid data line), error=empty, stall_after=1 "
        "with timeout=1.0, first_byte_ms=3000 with timeout=1.0, midstream_error=1, error=html.",
        "mock_timeout=True reports llm_provider 'openai' even for an anthropic/ model.",
    ],
}


# --- main -------------------------------------------------------------------------------------


def write(topic, cases, notes):
    doc = {
        "topic": topic,
        "reference": "litellm==1.109.1",
        "format": replay.FORMAT,
        "regenerate": "python3 scripts/record_reference.py " + topic,
        "normalisation": replay.NORMALISATION,
        "notes": notes,
        "cases": cases,
    }
    # Sorted keys; one case per line so diffs stay readable and files small.
    cases_text = ",\n".join(
        json.dumps(c, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        for c in cases
    )
    head = json.dumps({**doc, "cases": "@CASES@"}, sort_keys=True, indent=1, ensure_ascii=False)
    text = head.replace('"@CASES@"', "[\n" + cases_text + "\n]") + "\n"
    path = OUT / f"{topic}.json"
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(cases)} cases, {len(text) / 1e6:.2f} MB", flush=True)


def price_map_digest(lit):
    return {k: json.dumps(v, sort_keys=True, default=repr) for k, v in lit.model_cost.items()}


def record_topic(topic):
    """Records one topic in this process (each topic gets a fresh interpreter)."""
    guard_network()
    import litellm

    replay.prepare()
    # Run exactly what replay will load: the file has sorted keys, and key order is observable
    # (token_counter serialises tool definitions in their key order).
    cases = [json.loads(json.dumps(c, sort_keys=True)) for c in TOPICS[topic](litellm)]
    ids = [c["id"] for c in cases]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"{topic}: duplicate case ids {dupes[:5]}")
    mock = None
    if any(c.get("mock") for c in cases):
        binary = find_mock()
        if binary is None or not binary.exists():
            raise SystemExit("ferrolite-mock not found: build it or set FERROLITE_MOCK")
        mock = Mock(binary)
    before = price_map_digest(litellm)

    def on_alarm(*_):
        raise TimeoutError(f"case took longer than {CASE_TIMEOUT} s")

    signal.signal(signal.SIGALRM, on_alarm)
    try:
        ctx = replay.Context(mock.root if mock else None)
        for c in cases:
            del NETWORK_ATTEMPTS[:]
            signal.alarm(CASE_TIMEOUT)
            try:
                c["expect"] = replay.run_case(c, ctx)
            finally:
                signal.alarm(0)
            if NETWORK_ATTEMPTS:
                c["network"] = sorted(set(NETWORK_ATTEMPTS))
    finally:
        if mock is not None:
            mock.close()
    after = price_map_digest(litellm)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    notes = list(NOTES.get(topic, []))
    if changed:
        notes.append(
            "litellm.model_cost entries rewritten by this topic's calls (global state): "
            + ", ".join(changed)
        )
    write(topic, cases, notes)


def main(argv):
    if argv == ["--list"]:
        print("\n".join(TOPICS))
        return 0
    if argv[:1] == ["--one"]:
        record_topic(argv[1])
        return 0
    topics = argv or list(TOPICS)
    unknown = [t for t in topics if t not in TOPICS]
    if unknown:
        raise SystemExit(f"unknown topic(s) {unknown}; known: {', '.join(TOPICS)}")
    for topic in topics:
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", topic], check=True)
    return 0


if __name__ == "__main__":
    reexec_under_reference()
    sys.exit(main(sys.argv[1:]))
