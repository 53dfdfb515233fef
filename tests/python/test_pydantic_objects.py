"""Response objects as pydantic models (the family used when pydantic v2 is installed).

The parity test replays every case of object_cases.py (responses and chunks from the mock
provider for openai, azure, anthropic and groq; plain, tools, streaming and
stream_chunk_builder; mock_response; every response class built directly) and compares
model_dump(), model_dump(mode="json"), model_dump_json() and the shape of every nested model
(class, fields set, ``__dict__`` keys, extra keys) with the values litellm 1.109.1 gave for the
same cases (data/litellm_objects.json, recorded with ``object_cases.py``; ids and clock
readings normalised). Where ferrolite differs on purpose or the engine shapes a value
differently, object_parity.KNOWN_DIFFERENCES says so; an entry that stops matching fails too,
so the list stays true. Every test runs with warnings turned into errors.
"""

import copy
import json
import pickle
import sys
import warnings

import pytest

pydantic = pytest.importorskip("pydantic", reason="the pydantic family needs pydantic installed")
if not pydantic.VERSION.startswith("2."):
    pytest.skip("the pydantic family needs pydantic v2", allow_module_level=True)

import litellm  # noqa: E402
import object_cases as oc  # noqa: E402
from conftest import USER, run_python  # noqa: E402
from litellm.types import utils as U  # noqa: E402
from object_parity import RECORDED, compare  # noqa: E402

# Warnings are errors here (a serialiser warning would fail the test). ResourceWarning is left
# alone: the suite's mock-server fixture leaves a pipe for the garbage collector.
pytestmark = [
    pytest.mark.filterwarnings("error"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]


def run(mock, case):
    return oc.run_case(litellm, mock.root, case)


CASE_NAMES = [c["name"] for c in oc.CASES]
CASES = {c["name"]: c for c in oc.CASES}


def test_recorded_cases_are_the_current_ones():
    assert list(RECORDED["cases"]) == CASE_NAMES, "re-record data/litellm_objects.json"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_objects_match_litellm(mock, name):
    objects = run(mock, CASES[name])
    ours = [oc.profile(o) for o in objects]
    unexplained, stale = compare(name, ours)
    assert not unexplained, "\n".join(unexplained)
    assert not stale, f"KNOWN_DIFFERENCES entries that no longer occur: {stale}"
    for obj in objects:
        assert isinstance(obj, pydantic.BaseModel)


# --------------------------------------------------------------------------------------------
# the family and its module paths
# --------------------------------------------------------------------------------------------

PUBLIC = {
    "litellm": [
        "ChatCompletionMessageToolCall", "Choices", "EmbeddingResponse", "ImageObject",
        "ImageResponse", "Message", "ModelResponse", "ModelResponseStream", "StreamingChoices",
        "TextChoices", "TextCompletionResponse", "TranscriptionResponse", "Usage",
    ],
    "litellm.utils": [
        "ChatCompletionDeltaToolCall", "ChatCompletionMessageToolCall", "Choices", "Delta",
        "Embedding", "EmbeddingResponse", "Function", "ImageObject", "ImageResponse", "Message",
        "ModelResponse", "ModelResponseStream", "StreamingChoices", "TextChoices",
        "TextCompletionResponse", "TranscriptionResponse", "Usage",
    ],
    "litellm.main": [
        "ChatCompletionMessageToolCall", "Choices", "EmbeddingResponse", "Message",
        "ModelResponse", "ModelResponseStream", "StreamingChoices", "TextChoices",
        "TextCompletionResponse", "TranscriptionResponse", "Usage",
    ],
    "litellm.litellm_core_utils.streaming_handler": [
        "CacheCreationTokenDetails", "CompletionTokensDetailsWrapper", "Delta", "ModelResponse",
        "ModelResponseStream", "PromptTokensDetailsWrapper", "StreamingChoices",
        "TextCompletionResponse", "Usage",
    ],
}  # fmt: skip


def test_every_class_is_a_pydantic_model_with_one_identity():
    import importlib

    assert U._response_family() == "pydantic"
    for name in oc.CLASS_NAMES:
        cls = getattr(U, name)
        assert issubclass(cls, pydantic.BaseModel), name
        assert cls.__module__ == "litellm.types.utils", name
    for module, names in PUBLIC.items():
        mod = importlib.import_module(module)
        for name in names:
            assert getattr(mod, name) is getattr(U, name), f"{module}.{name}"
    assert litellm.Function is not U.Function  # the TypedDict, as litellm


def test_import_litellm_loads_neither_pydantic_nor_openai_until_first_use():
    code = (
        "import sys\n"
        "import litellm, litellm.types.utils, litellm.main\n"
        "import litellm.litellm_core_utils.streaming_handler\n"
        "print(sorted(m for m in ('pydantic', 'openai') if m in sys.modules))\n"
        "litellm.ModelResponse\n"
        "print(sorted(m for m in ('pydantic', 'openai') if m in sys.modules))\n"
    )
    out = run_python(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["[]", "['pydantic']"]


def test_classes_are_created_once_under_concurrent_first_access():
    code = (
        "import threading\n"
        "import litellm.types.utils as U\n"
        "seen = []\n"
        "def touch():\n"
        "    seen.append((U.ModelResponse, U.Delta, U.Usage))\n"
        "threads = [threading.Thread(target=touch) for _ in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert len(set(seen)) == 1, seen\n"
        "print('ok', U._response_family())\n"
    )
    out = run_python(code)
    assert out.stdout.split() == ["ok", "pydantic"], out.stderr


def test_without_pydantic_the_light_classes_serve():
    # the family is chosen at the first access: block the import of pydantic in a child
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.partition('.')[0] in ('pydantic', 'pydantic_core'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import litellm\n"
        "r = litellm.completion(model='gpt-4o', messages=[{'role': 'user', 'content': 'hi'}],"
        " mock_response='hey')\n"
        "print(litellm.types.utils._response_family(), type(r).__module__,"
        " r.choices[0].message.content, r.model_dump()['choices'][0]['message']['content'])\n"
    )
    out = run_python(code)
    assert out.stdout.split() == ["light", "litellm.types.utils", "hey", "hey"], out.stderr


# --------------------------------------------------------------------------------------------
# engine-built objects: exactly what model_construct leaves
# --------------------------------------------------------------------------------------------


def completion(mock, scenario="", **kw):
    kw.setdefault("api_key", "sk-test")
    kw.setdefault("messages", USER)
    base = mock.base(scenario) if scenario else mock.base()
    return litellm.completion(model="openai/gpt-4o", api_base=base, **kw)


def test_engine_response_slots(mock):
    r = completion(mock, "tools=1", tools=oc.TOOLS)
    assert set(vars(r)) == {
        "id", "created", "model", "object", "system_fingerprint", "choices", "_response_ms",
    }  # fmt: skip
    assert list(r.__pydantic_extra__) == ["usage", "service_tier"]
    assert r.model_fields_set == {
        "id", "created", "model", "object", "system_fingerprint", "choices", "usage",
        "service_tier",
    }  # fmt: skip
    assert set(r.__pydantic_private__) == {"_hidden_params", "_response_headers"}
    assert r._hidden_params["custom_llm_provider"] == "openai"
    assert r.hidden_params is r._hidden_params
    assert isinstance(r._response_ms, float)
    u = r.usage
    assert set(u.__pydantic_private__) == {
        "_cache_creation_input_tokens", "_cache_read_input_tokens", "_dropped_non_finite_cost",
    }  # fmt: skip
    tc = r.choices[0].message.tool_calls[0]
    assert tc.model_fields_set == {"function", "id", "type"} and vars(tc) == {}
    assert tc.__pydantic_private__ is None


def test_engine_chunk_slots(mock):
    chunks = list(completion(mock, stream=True, stream_options={"include_usage": True}))
    first, last = chunks[1], chunks[-1]
    assert list(vars(first)) == [
        "id", "created", "model", "object", "system_fingerprint", "choices",
        "provider_specific_fields",
    ]  # fmt: skip
    assert first.__pydantic_extra__ == {"citations": None}
    assert first.__pydantic_private__ == {"_hidden_params": {}, "_response_headers": None}
    choice = first.choices[0]
    assert list(vars(choice)) == ["finish_reason", "index", "delta", "logprobs"]
    assert choice.__pydantic_extra__ == {}
    assert first._hidden_params is not chunks[2]._hidden_params  # one dict per chunk
    assert list(last.__pydantic_extra__) == ["usage"] and last.choices == []


# --------------------------------------------------------------------------------------------
# the pydantic surface
# --------------------------------------------------------------------------------------------


def test_dict_style_access_and_iteration(mock):
    r = completion(mock)
    msg = r.choices[0].message
    assert r["id"] == r.id and msg["content"] == msg.content
    with pytest.raises(AttributeError):
        r["nope"]
    with pytest.raises(AttributeError):
        _ = msg.reasoning_content  # absent unless set, as litellm
    assert msg.get("reasoning_content") is None and msg.get("x", 1) == 1
    assert "usage" in r and "nope" not in r and "content" in msg
    assert dict(r.usage)["total_tokens"] == r.usage.total_tokens
    assert [k for k, _ in r][:6] == ["id", "created", "model", "object", "system_fingerprint",
                                     "choices"]  # fmt: skip
    with pytest.raises(TypeError, match="does not support item assignment"):
        r["model"] = "x"
    msg["content"] = "changed"
    assert msg.content == "changed" and "content" in msg.model_fields_set


def test_dump_variants(mock):
    r = completion(mock)
    assert r.json() == r.model_dump()  # a dict, as litellm
    assert r.to_dict() == r.model_dump(exclude_unset=True)
    assert json.loads(r.to_json()) == r.model_dump(mode="json", exclude_unset=True)
    assert r.to_json().startswith('{\n  "id"')
    assert "usage" in json.loads(r.model_dump_json())
    with pytest.warns(DeprecationWarning):
        assert r.dict()["id"] == r.id
    with pytest.warns(DeprecationWarning):  # Choices keeps pydantic's own json(): a str
        assert isinstance(r.choices[0].json(), str)
    assert r.model_dump(include={"id"}) == {"id": r.id}
    assert "choices" not in r.model_dump(exclude={"choices"})
    assert str(r) == repr(r) and repr(r).startswith("ModelResponse(id='chatcmpl-mock-")


def test_model_fields_and_schema():
    assert list(U.ModelResponse.model_fields) == [
        "id", "created", "model", "object", "system_fingerprint", "choices",
    ]  # fmt: skip
    assert "usage" not in U.ModelResponse.model_fields  # an extra, as litellm
    assert U.ModelResponse.model_fields["model"].default is None
    assert U.ModelResponse.model_fields["id"].is_required()
    assert list(U.Delta.model_fields)[:4] == [
        "reasoning_content", "thinking_blocks", "reasoning_items", "provider_specific_fields",
    ]  # fmt: skip
    for name in oc.CLASS_NAMES:
        schema = getattr(U, name).model_json_schema()
        assert schema["title"] == name


@pytest.mark.parametrize("name", CASE_NAMES)
def test_round_trips(mock, name):
    # litellm cannot revalidate its own dump of some classes (TranscriptionResponse) either
    fails = any("error" in p["revalidated"] for p in RECORDED["cases"][name])
    for obj in run(mock, CASES[name]):
        cls = type(obj)
        if fails:
            with pytest.raises(TypeError):
                cls.model_validate(obj.model_dump())
        else:
            # (what one round trip gives is compared with litellm's in the parity test)
            again = cls.model_validate(obj.model_dump())
            assert type(again) is cls
            twice = cls.model_validate(again.model_dump())
            assert twice.model_dump_json() == again.model_dump_json()
            from_json = cls.model_validate_json(obj.model_dump_json())
            assert type(from_json) is cls
        for clone in (pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj), copy.copy(obj)):
            assert type(clone) is cls
            assert clone == obj
            assert clone.model_dump() == obj.model_dump()
            assert clone.model_dump_json() == obj.model_dump_json()
            assert clone.model_fields_set == obj.model_fields_set
            assert clone.__pydantic_private__ == obj.__pydantic_private__
            assert vars(clone) == vars(obj)


def test_deepcopy_is_independent(mock):
    r = completion(mock)
    deep = copy.deepcopy(r)
    deep.choices[0].message.content = "changed"
    deep._hidden_params["response_cost"] = 9
    assert r.choices[0].message.content == "Hello from the mock!"
    assert r._hidden_params["response_cost"] != 9
    updated = r.model_copy(update={"model": "z"})
    assert (updated.model, r.model) == ("z", "gpt-4o")


def test_user_model_holding_responses(mock):
    class Envelope(pydantic.BaseModel):
        response: U.ModelResponse
        chunks: list[U.ModelResponseStream] = []
        usage: U.Usage | None = None

    r = completion(mock)
    chunks = list(completion(mock, stream=True))
    env = Envelope(response=r, chunks=chunks, usage=r.usage)
    assert env.response is r
    text = env.model_dump_json()
    back = Envelope.model_validate_json(text)
    assert isinstance(back.response, U.ModelResponse)
    assert isinstance(back.response.choices[0], U.Choices)
    assert isinstance(back.response.usage, U.Usage)
    assert isinstance(back.chunks[1].choices[0].delta, U.Delta)
    alone = U.ModelResponse.model_validate_json(r.model_dump_json())
    assert back.response.model_dump_json() == alone.model_dump_json()
    again = Envelope.model_validate_json(back.model_dump_json())
    assert again.model_dump_json() == back.model_dump_json()
    assert env.model_dump(mode="json")["response"] == r.model_dump(mode="json",
                                                                   exclude_unset=False)  # fmt: skip
    assert "response" in Envelope.model_json_schema()["properties"]
    with pytest.raises(pydantic.ValidationError):
        Envelope(response=42)


def test_equality_follows_pydantic():
    a = U.ModelResponse(id="x", created=1)
    b = U.ModelResponse(id="x", created=1)
    assert a == b
    b._hidden_params["cost"] = 1
    assert a != b  # pydantic compares private attributes too, as litellm's models do
    assert U.Message(content="a") == U.Message(content="a")
    assert U.Message(content="a") != U.Message(content="b")


def test_constructor_validation_errors():
    with pytest.raises(pydantic.ValidationError, match="index"):
        U.ChatCompletionDeltaToolCall(function={"name": "f"})
    with pytest.raises(pydantic.ValidationError):
        U.ModelResponse.model_validate(42)


def test_response_message_is_accepted_back_as_input(mock, sid):
    r = completion(mock, f"id={sid},tools=1", tools=oc.TOOLS)
    msg = r.choices[0].message
    messages = [*USER, msg, {"role": "tool", "tool_call_id": msg.tool_calls[0].id,
                             "content": "22C"}]  # fmt: skip
    completion(mock, f"id={sid}", messages=messages)
    sent = mock.stats(sid)["last_body"]["messages"]
    assert sent[1]["role"] == "assistant"
    assert sent[1]["tool_calls"][0]["id"] == msg.tool_calls[0].id
    assert sent[1]["tool_calls"][0]["function"]["arguments"] == msg.tool_calls[0].function.arguments


def test_stream_chunk_builder_takes_pydantic_chunks(mock):
    chunks = list(completion(mock, stream=True))
    rebuilt = litellm.stream_chunk_builder(chunks, messages=USER)
    assert isinstance(rebuilt, U.ModelResponse)
    assert rebuilt.choices[0].message.content == "Hello from the mock!"


def test_no_serialiser_warning_on_odd_values():
    # values of other types than litellm's annotations still dump without a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = U.Message(content=5, role="assistant", tool_calls=[{"id": "a", "function": {}}])
        m.model_dump()
        m.model_dump_json()
        r = U.ModelResponse(choices=[{"finish_reason": "weird", "message": m}], usage={"x": 1})
        r.model_dump(mode="json")


def test_module_is_not_reimported_for_each_class():
    # the classes live in one module object, created once
    assert sys.modules["litellm.types._pydantic"].ModelResponse is U.ModelResponse


@pytest.mark.parametrize("name", CASE_NAMES)
def test_objects_sent_as_json_are_their_model_dump(mock, sid, name):
    # The engine reads these objects straight from their slots; what it sends must be what
    # model_dump() gives. An unknown argument travels to the provider's body as is.
    for obj in run(mock, CASES[name]):
        completion(mock, f"id={sid}", probe=obj)
        sent = mock.stats(sid)["last_body"]["probe"]
        assert json.dumps(sent) == json.dumps(obj.model_dump())


def test_user_subclass_keeps_its_module_and_pickles():
    sub = Subclassed(id="x", created=1)
    assert Subclassed.__module__ == __name__
    assert isinstance(sub, U.ModelResponse)
    assert pickle.loads(pickle.dumps(sub)).model_dump() == sub.model_dump()


class Subclassed(U.ModelResponse):
    pass
