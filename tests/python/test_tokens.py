"""token_counter, encode, decode and litellm.encoding against the values litellm 1.109.1 gave
(tests/python/reference/tokens.json), plus behaviour the recordings do not cover."""

import litellm
import pytest
import reference_cases as rc

# DeepSeek chat models: litellm counts them with the Hugging Face tokenizer it ships, ferrolite
# with tiktoken (docs/compatibility.md); these recorded cases differ by a few tokens.
_DEEPSEEK_DIFFERS = {
    "text-multilingual", "text-long", "text-special-tokens", "messages-multi-turn",
    "messages-system", "messages-names", "messages-tool-calls", "messages-tool-result-name",
    "messages-count-response", "tools", "tools-two", "tools-choice-named", "tools-choice-auto",
}  # fmt: skip
DEVIATIONS = {
    f"token_counter/deepseek/deepseek-chat/{k}": "DeepSeek tokenizer" for k in _DEEPSEEK_DIFFERS
}
DEVIATIONS["encoding/type"] = "litellm.encoding is ferrolite's own Encoding class"


@pytest.mark.parametrize("case", rc.params("tokens", DEVIATIONS))
def test_recorded(case):
    rc.check(case)


def test_recorded_tally():
    compared, equal = rc.tally("tokens")
    assert compared >= 500
    assert equal >= compared - 20, (equal, compared)


def test_signatures():
    import inspect

    assert list(inspect.signature(litellm.token_counter).parameters) == [
        "model", "custom_tokenizer", "text", "messages", "count_response_tokens", "tools",
        "tool_choice", "use_default_image_token_count", "default_token_count",
    ]  # fmt: skip
    assert list(inspect.signature(litellm.encode).parameters) == [
        "model",
        "text",
        "custom_tokenizer",
    ]
    assert list(inspect.signature(litellm.decode).parameters) == [
        "model", "tokens", "custom_tokenizer", "skip_special_tokens",
    ]  # fmt: skip
    assert list(inspect.signature(litellm.create_pretrained_tokenizer).parameters) == [
        "identifier", "revision", "auth_token",
    ]  # fmt: skip


def test_message_objects_count_like_dicts():
    from litellm.types.utils import Message

    as_dict = [{"role": "assistant", "content": "Paris."}]
    as_obj = [Message(role="assistant", content="Paris.")]
    assert litellm.token_counter(model="gpt-4o", messages=as_obj) == litellm.token_counter(
        model="gpt-4o", messages=as_dict
    )


def test_errors_are_value_errors():
    with pytest.raises(ValueError, match="text and messages cannot both be set"):
        litellm.token_counter(model="gpt-4o", text="x", messages=[])
    with pytest.raises(ValueError, match="tools or tool_choice cannot be set"):
        litellm.token_counter(model="gpt-4o", text="x", tools=[{"type": "function"}])
    bad = [{"role": "user", "content": [{"type": "video", "video": "x"}]}]
    with pytest.raises(ValueError, match="Invalid content item type: video"):
        litellm.token_counter(model="gpt-4o", messages=bad)
    assert (
        litellm.token_counter(model="gpt-4o", messages=bad, default_token_count=7) == 3 + 3 + 1 + 7
    )


def test_disable_token_counter(monkeypatch):
    monkeypatch.setattr(litellm, "disable_token_counter", True, raising=False)
    assert litellm.token_counter(model="gpt-4o", text="hello world") == 0


def test_encoding_behaves_as_tiktoken_cl100k():
    enc = litellm.encoding
    assert enc.name == "cl100k_base"
    assert enc.encode_ordinary("<|endoftext|>") == enc.encode(
        "<|endoftext|>", disallowed_special=()
    )
    assert enc.encode("<|endoftext|>", allowed_special={"<|endoftext|>"}) == [100257]
    with pytest.raises(ValueError, match="disallowed special token"):
        enc.encode("<|endoftext|>")
    assert "<|endoftext|>" in enc.special_tokens_set
    assert enc.decode(enc.encode("naïve café ✓")) == "naïve café ✓"


class _WordTokenizer:
    """Stands in for a `tokenizers.Tokenizer`: one token per whitespace-separated word."""

    class _Encoded:
        def __init__(self, ids):
            self.ids = ids

    def encode(self, text):
        return self._Encoded(list(range(len(text.split()))))

    def decode(self, ids, skip_special_tokens=True):
        return " ".join("w" for _ in ids)


def test_custom_huggingface_tokenizer_is_used():
    custom = {"type": "huggingface_tokenizer", "tokenizer": _WordTokenizer()}
    assert litellm.token_counter(custom_tokenizer=custom, text="one two three four") == 4
    messages = [{"role": "user", "content": "one two three"}]
    # 3 per message + "user" (1 word) + 3 words + 3 priming tokens.
    assert litellm.token_counter(custom_tokenizer=custom, messages=messages) == 10
    assert litellm.encode(text="a b", custom_tokenizer=custom) == [0, 1]
    assert litellm.decode(tokens=[1, 2], custom_tokenizer=custom) == "w w"


def test_create_tokenizer_needs_tokenizers_package():
    try:
        import tokenizers  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="tokenizers"):
            litellm.create_tokenizer("{}")
        with pytest.raises(ImportError, match="tokenizers"):
            litellm.create_pretrained_tokenizer("Xenova/llama-3-tokenizer")
    else:
        pytest.skip("tokenizers is installed")


def test_images_from_inline_data_urls():
    # A 1x1 PNG: auto and high read its size (one tile: 85 + 170), low is the base 85.
    png = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )

    def with_image(detail):
        url = {"url": png} if detail is None else {"url": png, "detail": detail}
        msg = [{"role": "user", "content": [{"type": "image_url", "image_url": url}]}]
        return litellm.token_counter(model="gpt-4o", messages=msg)

    overhead = 3 + 1 + 3  # message, "user", reply priming
    assert with_image("low") == overhead + 85
    assert with_image("high") == overhead + 255
    assert with_image("auto") == overhead + 255
    assert with_image(None) == overhead + 255
    with pytest.raises(ValueError, match="Invalid detail value"):
        with_image("medium")
