"""litellm's token helpers: token_counter, encode, decode, the cl100k_base ``encoding`` and
Hugging Face tokenizers for ``custom_tokenizer``. The engine does the counting; a custom
tokenizer's own ``encode`` is called for each piece of text it counts."""

import sys

from ._engine import native

_DEFAULT_ENCODING = "cl100k_base"


def _tokenizer_of(custom_tokenizer):
    """(kind, tokenizer object) of a ``custom_tokenizer`` dict."""
    try:
        kind = custom_tokenizer["type"]
        tokenizer = custom_tokenizer["tokenizer"]
    except (KeyError, TypeError):
        raise ValueError(
            "custom_tokenizer must be a dict with 'type' and 'tokenizer' keys, as returned by "
            "create_pretrained_tokenizer() or create_tokenizer()"
        ) from None
    if kind not in ("huggingface_tokenizer", "openai_tokenizer"):
        raise ValueError("Unsupported tokenizer type")
    return kind, tokenizer


def _ids(encoded):
    return list(encoded.ids) if hasattr(encoded, "ids") else list(encoded)


def _hf_counter(tokenizer):
    def count(text):
        return len(_ids(tokenizer.encode(text)))

    return count


def token_counter(
    model="",
    custom_tokenizer=None,
    text=None,
    messages=None,
    count_response_tokens=False,
    tools=None,
    tool_choice=None,
    use_default_image_token_count=False,
    default_token_count=None,
):
    """Number of tokens of ``text`` or of chat ``messages`` (with tools) for ``model``."""
    if getattr(sys.modules["litellm"], "disable_token_counter", False) is True:
        return 0
    count = None
    if custom_tokenizer:
        kind, tokenizer = _tokenizer_of(custom_tokenizer)
        if kind == "huggingface_tokenizer":
            count = _hf_counter(tokenizer)
    return native().token_counter(
        model or "",
        text,
        messages,
        bool(count_response_tokens),
        tools,
        tool_choice,
        bool(use_default_image_token_count),
        default_token_count,
        count,
    )


def encode(model="", text="", custom_tokenizer=None):
    """Token ids of ``text`` (cl100k_base, as litellm, unless ``custom_tokenizer`` is given)."""
    if custom_tokenizer:
        kind, tokenizer = _tokenizer_of(custom_tokenizer)
        if kind == "openai_tokenizer":
            return tokenizer.encode(text, disallowed_special=())
        return _ids(tokenizer.encode(text))
    return native().encoding_encode(_DEFAULT_ENCODING, text)


def decode(model="", tokens=(), custom_tokenizer=None, skip_special_tokens=True):
    """Text of token ids (cl100k_base, as litellm, unless ``custom_tokenizer`` is given)."""
    if custom_tokenizer:
        kind, tokenizer = _tokenizer_of(custom_tokenizer)
        if kind == "huggingface_tokenizer":
            return tokenizer.decode(list(tokens), skip_special_tokens=skip_special_tokens)
        return tokenizer.decode(list(tokens))
    return native().encoding_decode(_DEFAULT_ENCODING, list(tokens))


def _tokenizer_class():
    try:
        from tokenizers import Tokenizer
    except ModuleNotFoundError as error:
        if error.name != "tokenizers":
            raise
        raise ImportError(
            "Hugging Face tokenizers need the 'tokenizers' package: pip install tokenizers"
        ) from error
    return Tokenizer


def create_pretrained_tokenizer(identifier, revision="main", auth_token=None):
    """A ``custom_tokenizer`` from a tokenizer.json on the Hugging Face hub (needs
    ``tokenizers`` and network access to the hub)."""
    tokenizer = _tokenizer_class().from_pretrained(identifier, revision=revision, token=auth_token)
    return {"type": "huggingface_tokenizer", "tokenizer": tokenizer}


def create_tokenizer(json):
    """A ``custom_tokenizer`` from a serialized tokenizer (the text of a tokenizer.json)."""
    return {"type": "huggingface_tokenizer", "tokenizer": _tokenizer_class().from_str(json)}


class Encoding:
    """A tiktoken encoding backed by the engine: ``name``, ``encode``, ``encode_ordinary``,
    ``decode``, ``special_tokens_set`` as ``tiktoken.Encoding`` has them."""

    def __init__(self, name):
        self.name = name
        self._special = None

    def __repr__(self):
        return f"<Encoding {self.name!r}>"

    @property
    def special_tokens_set(self):
        if self._special is None:
            self._special = frozenset(native().encoding_special_tokens(self.name))
        return set(self._special)

    def encode_ordinary(self, text):
        return native().encoding_encode(self.name, text)

    def encode(self, text, *, allowed_special=frozenset(), disallowed_special="all"):
        specials = self.special_tokens_set
        allowed = specials if allowed_special == "all" else set(allowed_special)
        if disallowed_special == "all":
            disallowed = specials - allowed
        else:
            disallowed = set(disallowed_special)
        return native().encoding_encode(self.name, text, sorted(allowed), sorted(disallowed))

    def decode(self, tokens, errors="replace"):
        return native().encoding_decode(self.name, list(tokens))


encoding = Encoding(_DEFAULT_ENCODING)
