"""litellm.utils: the response types and helpers users import from here."""

from ._catalog import get_max_tokens, get_model_info  # noqa: F401,E402
from .litellm_core_utils.streaming_handler import CustomStreamWrapper  # noqa: F401
from .main import get_llm_provider, stream_chunk_builder  # noqa: F401
from .types.utils import *  # noqa: F401,F403
from .types.utils import (  # noqa: F401
    ChatCompletionDeltaToolCall,
    ChatCompletionMessageToolCall,
    Choices,
    CompletionTokensDetailsWrapper,
    Delta,
    Function,
    FunctionCall,
    Message,
    ModelResponse,
    ModelResponseStream,
    PromptTokensDetailsWrapper,
    StreamingChoices,
    Usage,
)
