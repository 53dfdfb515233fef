"""CustomStreamWrapper: the sync and async iterator litellm returns for stream=True."""

from .._engine import native as _native

_aio = None
# The engine's "no chunk buffered yet" sentinel, filled in when the first stream is wrapped.
_PENDING = [None]


def _aio_mod():
    global _aio
    if _aio is None:
        from .. import _aio as mod

        _aio = mod
    return _aio


class CustomStreamWrapper:
    """Iterates ModelResponseStream chunks. Closing it (or dropping it) closes the connection."""

    def __init__(
        self,
        completion_stream,
        model,
        logging_obj=None,
        custom_llm_provider=None,
        stream_options=None,
        make_call=None,
        _response_headers=None,
        count_prompt_tokens=None,
        is_mock=False,
    ):
        self.completion_stream = completion_stream
        self.model = model
        self.logging_obj = logging_obj
        self.custom_llm_provider = custom_llm_provider
        self.stream_options = stream_options
        self.make_call = make_call
        self._response_headers = _response_headers
        self.is_mock = is_mock
        self.chunks = []
        self.response_uptil_now = ""
        self._hidden_params = {"custom_llm_provider": custom_llm_provider}
        self._native = (
            completion_stream if isinstance(completion_stream, _native().NativeStream) else None
        )
        self._iter = None

    @classmethod
    def _from_native(cls, native_stream, hidden_params, model):
        if _PENDING[0] is None:
            _PENDING[0] = _native().PENDING
        self = cls.__new__(cls)
        self.completion_stream = native_stream
        self._native = native_stream
        self._iter = None
        self.model = model
        self.logging_obj = None
        self.custom_llm_provider = hidden_params.get("custom_llm_provider")
        self.stream_options = None
        self.make_call = None
        self._response_headers = None
        self.is_mock = False
        self.chunks = []
        self.response_uptil_now = ""
        self._hidden_params = hidden_params
        return self

    def __iter__(self):
        return self

    def __next__(self):
        if self._native is not None:
            return self._native.next_blocking()
        if self._iter is None:
            self._iter = iter(self.completion_stream)
        return next(self._iter)

    def __aiter__(self):
        return self

    async def __anext__(self):
        native = self._native
        if native is not None:
            # Fast path: a buffered chunk needs no event-loop round trip.
            item = native.try_next()
            if item is not _PENDING[0]:
                return item
            return await _aio_mod().next_chunk(native)
        if self._iter is None:
            stream = self.completion_stream
            self._iter = stream.__aiter__() if hasattr(stream, "__aiter__") else iter(stream)
        if hasattr(self._iter, "__anext__"):
            return await self._iter.__anext__()
        try:
            return next(self._iter)
        except StopIteration:
            raise StopAsyncIteration from None

    def close(self):
        if self._native is not None:
            self._native.close()
            return
        closer = getattr(self.completion_stream, "close", None)
        if closer is not None:
            closer()

    async def aclose(self):
        """Close the stream, awaiting the underlying stream's own aclose() when it has one."""
        if self._native is not None:
            self._native.close()
            return
        closer = getattr(self.completion_stream, "aclose", None)
        if closer is not None:
            await closer()
        else:
            self.close()

    def __del__(self):
        native = getattr(self, "_native", None)
        if native is not None:
            native.close()

    def __repr__(self):
        return f"<CustomStreamWrapper model={self.model!r} provider={self.custom_llm_provider!r}>"


# Response classes the streaming handler module re-exports (created on first access).
_TYPE_NAMES = frozenset(
    {
        "CacheCreationTokenDetails",
        "CompletionTokensDetailsWrapper",
        "Delta",
        "ModelResponse",
        "ModelResponseStream",
        "PromptTokensDetailsWrapper",
        "StreamingChoices",
        "TextCompletionResponse",
        "Usage",
    }
)


def __getattr__(name):
    if name in _TYPE_NAMES:
        from ..types import utils

        return getattr(utils, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
