"""embedding / aembedding on today's providers, over real HTTP to the mock: OpenAI, Azure and
the compatible hosts that serve embeddings; dimensions, base64, batching, usage, cost, hidden
params, mocks and errors."""

import asyncio
import base64
import struct

import litellm
import pytest


def emb(mock, sid, scenario="", **kw):
    kw.setdefault("model", "text-embedding-3-small")
    kw.setdefault("input", ["hello", "world"])
    kw.setdefault("api_key", "k")
    s = f"id={sid}" + (f",{scenario}" if scenario else "")
    kw.setdefault("api_base", mock.base(s))
    return litellm.embedding(**kw)


def test_openai_embedding_response(mock, sid):
    r = emb(mock, sid, dimensions=4)
    assert type(r).__name__ == "EmbeddingResponse"
    assert r.object == "list"
    assert r.model == "text-embedding-3-small"
    assert len(r.data) == 2
    # As litellm from a real provider: plain dicts.
    assert r.data[1]["index"] == 1
    assert len(r.data[0]["embedding"]) == 4
    assert r.usage.prompt_tokens > 0 and r.usage.total_tokens == r.usage.prompt_tokens
    assert r._hidden_params["custom_llm_provider"] == "openai"
    assert r._hidden_params["response_cost"] == pytest.approx(r.usage.prompt_tokens * 2e-08)
    assert r._response_ms > 0
    body = mock.stats(sid)["last_body"]
    assert body["input"] == ["hello", "world"]
    assert body["dimensions"] == 4
    assert mock.stats(sid)["last_path"].endswith("/v1/embeddings")


def test_single_input_and_token_ids_are_wrapped(mock, sid):
    emb(mock, sid, input="hello")
    assert mock.stats(sid)["last_body"]["input"] == ["hello"]
    emb(mock, sid, input=[1, 2, 3])
    assert mock.stats(sid)["last_body"]["input"] == [[1, 2, 3]]


def test_base64_encoding_format(mock, sid):
    r = emb(mock, sid, input=["x"], encoding_format="base64", dimensions=2)
    raw = base64.b64decode(r.data[0]["embedding"])
    assert struct.unpack("<2f", raw) == pytest.approx((0.01, 0.02))
    assert mock.stats(sid)["last_body"]["encoding_format"] == "base64"


def test_async_embedding(mock, sid):
    r = asyncio.run(
        litellm.aembedding(
            model="openai/text-embedding-3-small",
            input=["a", "b", "c"],
            api_key="k",
            api_base=mock.base(f"id={sid}"),
        )
    )
    assert len(r.data) == 3
    assert asyncio.run(
        litellm.embedding(
            model="text-embedding-3-small",
            input=["a"],
            api_key="k",
            api_base=mock.base(f"id={sid}"),
            aembedding=True,
        )
    ).data


def test_azure_embedding_url(mock, sid):
    r = litellm.embedding(
        model="azure/my-embedder",
        input=["x"],
        api_key="k",
        api_version="2024-10-21",
        api_base=mock.base(f"id={sid},flavor=azure", suffix=""),
    )
    assert r._hidden_params["custom_llm_provider"] == "azure"
    stats = mock.stats(sid)
    assert "/openai/deployments/my-embedder/embeddings?api-version=2024-10-21" in stats["last_path"]
    assert stats["last_headers"]["api-key"] == "k"


def test_compatible_host_embedding(mock, sid):
    r = litellm.embedding(
        model="mistral/mistral-embed", input=["x"], api_key="k", api_base=mock.base(f"id={sid}")
    )
    assert r._hidden_params["custom_llm_provider"] == "mistral"
    assert mock.stats(sid)["last_body"]["model"] == "mistral-embed"


def test_provider_without_embeddings_is_a_clear_error(mock, sid):
    with pytest.raises(litellm.UnsupportedEndpointError, match="anthropic"):
        litellm.embedding(model="anthropic/claude-sonnet-4-5", input=["x"], api_key="k")
    with pytest.raises(litellm.UnsupportedEndpointError, match="groq"):
        litellm.embedding(model="groq/llama3", input=["x"], api_key="k")


def test_bad_input_is_named():
    with pytest.raises(litellm.BadRequestError, match="input"):
        litellm.embedding(model="text-embedding-3-small", input=[], api_key="k")
    with pytest.raises(litellm.BadRequestError, match=r"input\[0\]"):
        litellm.embedding(model="text-embedding-3-small", input=[{"a": 1}], api_key="k")


def test_http_errors_map_like_chat(mock, sid):
    with pytest.raises(litellm.AuthenticationError):
        emb(mock, sid, "status=401")
    with pytest.raises(litellm.RateLimitError):
        emb(mock, sid + "b", "status=429", max_retries=0)
    with pytest.raises(litellm.InternalServerError):
        emb(mock, sid + "c", "error=malformed")


def test_mock_embedding():
    r = litellm.embedding(model="text-embedding-3-small", input=["x"], mock_response=[0.5, 0.25])
    assert r.data[0]["embedding"] == [0.5, 0.25]
    assert r.usage.prompt_tokens == 10
    with pytest.raises(Exception, match="Mock error"):
        litellm.embedding(model="text-embedding-3-small", input=["x"], mock_response="error")
