# Type stubs for the litellm package as ferrolite provides it. Kept in step with the runtime by
# tests/python/test_stubs.py.
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, overload

from .exceptions import (
    APIConnectionError as APIConnectionError,
)
from .exceptions import (
    APIError as APIError,
)
from .exceptions import (
    APIResponseValidationError as APIResponseValidationError,
)
from .exceptions import (
    AuthenticationError as AuthenticationError,
)
from .exceptions import (
    BadGatewayError as BadGatewayError,
)
from .exceptions import (
    BadRequestError as BadRequestError,
)
from .exceptions import (
    BudgetExceededError as BudgetExceededError,
)
from .exceptions import (
    ContentPolicyViolationError as ContentPolicyViolationError,
)
from .exceptions import (
    ContextWindowExceededError as ContextWindowExceededError,
)
from .exceptions import (
    InternalServerError as InternalServerError,
)
from .exceptions import (
    JSONSchemaValidationError as JSONSchemaValidationError,
)
from .exceptions import (
    NotFoundError as NotFoundError,
)
from .exceptions import (
    PermissionDeniedError as PermissionDeniedError,
)
from .exceptions import (
    RateLimitError as RateLimitError,
)
from .exceptions import (
    ServiceUnavailableError as ServiceUnavailableError,
)
from .exceptions import (
    Timeout as Timeout,
)
from .exceptions import (
    UnprocessableEntityError as UnprocessableEntityError,
)
from .exceptions import (
    UnsupportedParamsError as UnsupportedParamsError,
)
from .litellm_core_utils.streaming_handler import CustomStreamWrapper as CustomStreamWrapper
from .types.utils import (
    ChatCompletionMessageToolCall as ChatCompletionMessageToolCall,
)
from .types.utils import (
    Choices as Choices,
)
from .types.utils import (
    EmbeddingResponse as EmbeddingResponse,
)
from .types.utils import (
    Message as Message,
)
from .types.utils import (
    ModelResponse as ModelResponse,
)
from .types.utils import (
    ModelResponseStream as ModelResponseStream,
)
from .types.utils import (
    StreamingChoices as StreamingChoices,
)
from .types.utils import (
    Usage as Usage,
)

_Messages = Sequence[Mapping[str, Any] | Message]

api_key: str | None
api_base: str | None
api_version: str | None
organization: str | None
headers: dict[str, str] | None
openai_key: str | None
anthropic_key: str | None
azure_key: str | None
set_verbose: bool
suppress_debug_info: bool
drop_params: bool
modify_params: bool
num_retries: int | None
request_timeout: float
ssl_verify: bool | str
max_tokens: int
model_cost: dict[str, dict[str, Any]]
model_list: list[str]
provider_list: list[Any]

@overload
def completion(
    model: str,
    messages: _Messages = ...,
    timeout: float | Any | None = ...,
    temperature: float | None = ...,
    top_p: float | None = ...,
    n: int | None = ...,
    stream: Literal[False] | None = ...,
    stream_options: dict[str, Any] | None = ...,
    stop: str | list[str] | None = ...,
    max_completion_tokens: int | None = ...,
    max_tokens: int | None = ...,
    modalities: list[str] | None = ...,
    prediction: dict[str, Any] | None = ...,
    audio: dict[str, Any] | None = ...,
    presence_penalty: float | None = ...,
    frequency_penalty: float | None = ...,
    logit_bias: dict[str, float] | None = ...,
    user: str | None = ...,
    reasoning_effort: str | None = ...,
    verbosity: str | None = ...,
    response_format: dict[str, Any] | type | None = ...,
    seed: int | None = ...,
    tools: list[dict[str, Any]] | None = ...,
    tool_choice: str | dict[str, Any] | None = ...,
    logprobs: bool | None = ...,
    top_logprobs: int | None = ...,
    parallel_tool_calls: bool | None = ...,
    web_search_options: dict[str, Any] | None = ...,
    deployment_id: str | None = ...,
    extra_headers: dict[str, str] | None = ...,
    safety_identifier: str | None = ...,
    service_tier: str | None = ...,
    functions: list[dict[str, Any]] | None = ...,
    function_call: str | dict[str, Any] | None = ...,
    base_url: str | None = ...,
    api_version: str | None = ...,
    api_key: str | None = ...,
    model_list: list[Any] | None = ...,
    thinking: dict[str, Any] | None = ...,
    **kwargs: Any,
) -> ModelResponse: ...
@overload
def completion(
    model: str,
    messages: _Messages = ...,
    timeout: float | Any | None = ...,
    temperature: float | None = ...,
    top_p: float | None = ...,
    n: int | None = ...,
    *,
    stream: Literal[True],
    **kwargs: Any,
) -> CustomStreamWrapper: ...
async def acompletion(
    model: str,
    messages: _Messages = ...,
    functions: list[dict[str, Any]] | None = ...,
    function_call: str | dict[str, Any] | None = ...,
    timeout: float | Any | None = ...,
    temperature: float | None = ...,
    top_p: float | None = ...,
    n: int | None = ...,
    stream: bool | None = ...,
    stream_options: dict[str, Any] | None = ...,
    stop: str | list[str] | None = ...,
    max_tokens: int | None = ...,
    max_completion_tokens: int | None = ...,
    modalities: list[str] | None = ...,
    prediction: dict[str, Any] | None = ...,
    audio: dict[str, Any] | None = ...,
    presence_penalty: float | None = ...,
    frequency_penalty: float | None = ...,
    logit_bias: dict[str, float] | None = ...,
    user: str | None = ...,
    response_format: dict[str, Any] | type | None = ...,
    seed: int | None = ...,
    tools: list[dict[str, Any]] | None = ...,
    tool_choice: str | dict[str, Any] | None = ...,
    parallel_tool_calls: bool | None = ...,
    logprobs: bool | None = ...,
    top_logprobs: int | None = ...,
    deployment_id: str | None = ...,
    reasoning_effort: str | None = ...,
    verbosity: str | None = ...,
    safety_identifier: str | None = ...,
    service_tier: str | None = ...,
    base_url: str | None = ...,
    api_version: str | None = ...,
    api_key: str | None = ...,
    model_list: list[Any] | None = ...,
    extra_headers: dict[str, str] | None = ...,
    thinking: dict[str, Any] | None = ...,
    web_search_options: dict[str, Any] | None = ...,
    **kwargs: Any,
) -> ModelResponse | CustomStreamWrapper: ...
def mock_completion(
    model: str,
    messages: _Messages,
    stream: bool = ...,
    n: int | None = ...,
    mock_response: str | Exception | Any = ...,
    mock_tool_calls: list[dict[str, Any]] | None = ...,
    mock_timeout: bool = ...,
    logging: Any = ...,
    custom_llm_provider: str | None = ...,
    timeout: float | None = ...,
    prompt_tokens: int | None = ...,
    **kwargs: Any,
) -> ModelResponse | CustomStreamWrapper: ...
def get_llm_provider(
    model: str,
    custom_llm_provider: str | None = ...,
    api_base: str | None = ...,
    api_key: str | None = ...,
    litellm_params: Any = ...,
) -> tuple[str, str, str | None, str | None]: ...
def get_supported_openai_params(
    model: str, custom_llm_provider: str | None = ..., request_type: str = ...
) -> list[str] | None: ...
def stream_chunk_builder(
    chunks: Iterable[ModelResponseStream],
    messages: _Messages | None = ...,
    start_time: Any = ...,
    end_time: Any = ...,
    logging_obj: Any = ...,
    count_prompt_tokens: Any = ...,
) -> ModelResponse | None: ...
def get_model_info(
    model: str,
    custom_llm_provider: str | None = ...,
    api_base: str | None = ...,
    api_key: str | None = ...,
) -> dict[str, Any]: ...
def get_max_tokens(model: str) -> int | None: ...
def token_counter(
    model: str = ...,
    custom_tokenizer: dict[str, Any] | None = ...,
    text: str | list[str] | None = ...,
    messages: _Messages | None = ...,
    count_response_tokens: bool | None = ...,
    tools: list[dict[str, Any]] | None = ...,
    tool_choice: str | dict[str, Any] | None = ...,
    use_default_image_token_count: bool | None = ...,
    default_token_count: int | None = ...,
) -> int: ...
def encode(
    model: str = ..., text: str = ..., custom_tokenizer: dict[str, Any] | None = ...
) -> list[int]: ...
def decode(
    model: str = ...,
    tokens: Sequence[int] = ...,
    custom_tokenizer: dict[str, Any] | None = ...,
    skip_special_tokens: bool = ...,
) -> str: ...
def create_pretrained_tokenizer(
    identifier: str, revision: str = ..., auth_token: str | None = ...
) -> dict[str, Any]: ...
def create_tokenizer(json: str) -> dict[str, Any]: ...
def cost_per_token(
    model: str = ...,
    prompt_tokens: int = ...,
    completion_tokens: int = ...,
    response_time_ms: float | None = ...,
    custom_llm_provider: str | None = ...,
    region_name: str | None = ...,
    prompt_characters: int | None = ...,
    completion_characters: int | None = ...,
    cache_creation_input_tokens: int | None = ...,
    cache_read_input_tokens: int | None = ...,
    custom_cost_per_token: dict[str, float] | None = ...,
    custom_cost_per_second: float | None = ...,
    number_of_queries: int | None = ...,
    usage_object: Usage | None = ...,
    rerank_billed_units: Any = ...,
    call_type: str = ...,
    audio_transcription_file_duration: float = ...,
    service_tier: str | None = ...,
    data_residency: str | None = ...,
    vertex_location: str | None = ...,
    response: Any = ...,
    request_model: str | None = ...,
    custom_model_info: Any = ...,
    bedrock_model_info: Any = ...,
) -> tuple[float, float]: ...
def completion_cost(
    completion_response: Any = ...,
    model: str | None = ...,
    prompt: str = ...,
    messages: list[Any] = ...,
    completion: str = ...,
    total_time: float | None = ...,
    call_type: str | None = ...,
    custom_llm_provider: str | None = ...,
    region_name: str | None = ...,
    size: str | None = ...,
    quality: str | None = ...,
    n: int | None = ...,
    custom_cost_per_token: dict[str, float] | None = ...,
    custom_cost_per_second: float | None = ...,
    optional_params: dict[str, Any] | None = ...,
    custom_pricing: bool | None = ...,
    base_model: str | None = ...,
    standard_built_in_tools_params: Any = ...,
    litellm_model_name: str | None = ...,
    router_model_id: str | None = ...,
    litellm_logging_obj: Any = ...,
    pricing_provider: str | None = ...,
    service_tier: str | None = ...,
    data_residency: str | None = ...,
    vertex_location: str | None = ...,
) -> float: ...
def supports_function_calling(model: str, custom_llm_provider: str | None = ...) -> bool: ...
def supports_parallel_function_calling(
    model: str, custom_llm_provider: str | None = ...
) -> bool: ...
def supports_vision(model: str, custom_llm_provider: str | None = ...) -> bool: ...
def supports_response_schema(model: str, custom_llm_provider: str | None = ...) -> bool: ...
def supports_reasoning(model: str, custom_llm_provider: str | None = ...) -> bool: ...
def supports_audio_input(model: str, custom_llm_provider: str | None = ...) -> bool: ...
def supports_audio_output(model: str, custom_llm_provider: str | None = ...) -> bool: ...
def supports_web_search(model: str, custom_llm_provider: str | None = ...) -> bool: ...
def supports_pdf_input(model: str, custom_llm_provider: str | None = ...) -> bool: ...
def supports_system_messages(model: str, custom_llm_provider: str | None) -> bool: ...
def get_model_cost_map(
    url: str,
    timeout: int = ...,
    max_attempts: int = ...,
    sleep: Any = ...,
    rng: Any = ...,
    client: Any = ...,
) -> dict[str, dict[str, Any]]: ...
def register_model(
    model_cost: str | dict[str, Any],
    *,
    persist_across_reloads: bool = ...,
    warning_display_name: str | None = ...,
    custom_llm_provider: str | None = ...,
    add_to_provider_model_sets: bool = ...,
) -> str | dict[str, Any]: ...
def add_known_models(model_cost_map: dict[str, Any] | None = ...) -> None: ...
def validate_environment(
    model: str | None = ...,
    api_key: str | None = ...,
    api_base: str | None = ...,
    api_version: str | None = ...,
) -> dict[str, Any]: ...
def get_valid_models(
    check_provider_endpoint: bool | None = ...,
    custom_llm_provider: str | None = ...,
    litellm_params: Any = ...,
    api_key: str | None = ...,
    api_base: str | None = ...,
) -> list[str]: ...

OPENAI_CHAT_COMPLETION_PARAMS: list[str]
