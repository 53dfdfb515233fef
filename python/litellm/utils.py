"""litellm.utils: the response types and helpers users import from here."""

from ._catalog import (  # noqa: F401,E402
    get_max_tokens,
    get_model_cost_map,
    get_model_info,
    get_valid_models,
    register_model,
    supports_assistant_prefill,
    supports_audio_input,
    supports_audio_output,
    supports_computer_use,
    supports_embedding_image_input,
    supports_function_calling,
    supports_parallel_function_calling,
    supports_pdf_input,
    supports_prompt_caching,
    supports_reasoning,
    supports_response_schema,
    supports_system_messages,
    supports_tool_choice,
    supports_url_context,
    supports_video_input,
    supports_vision,
    supports_web_search,
    validate_environment,
)
from ._tokens import (  # noqa: F401
    create_pretrained_tokenizer,
    create_tokenizer,
    decode,
    encode,
    token_counter,
)
from .cost_calculator import completion_cost, cost_per_token  # noqa: F401
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
