"""OpenAI-shaped request TypedDicts that user code imports from ``litellm.types.llms.openai``.

//! Owns typing-only shapes (messages, tools, tool calls, content blocks); no runtime logic.
//! Loaded only when a user imports it, so it may import ``typing``. ``litellm.Function`` is
//! the ``Function`` TypedDict defined here (not the response class in litellm.types.utils).
//! Required-vs-optional keys use the base-class pattern so this works on Python 3.10 too.
"""

from collections.abc import Iterable
from typing import Any, Literal, Optional, TypedDict, Union

# ---- content blocks ----------------------------------------------------------------------


class ChatCompletionCachedContent(TypedDict, total=False):
    type: Literal["ephemeral"]
    ttl: Literal["5m", "1h"]


class ChatCompletionTextObject(TypedDict, total=False):
    type: Literal["text"]
    text: str
    cache_control: ChatCompletionCachedContent


class _ImageUrlRequired(TypedDict):
    url: str


class ChatCompletionImageUrlObject(_ImageUrlRequired, total=False):
    detail: str
    format: str


class ChatCompletionImageObject(TypedDict):
    type: Literal["image_url"]
    image_url: Union[str, ChatCompletionImageUrlObject]


class ChatCompletionInputAudio(TypedDict):
    data: str
    format: str


class ChatCompletionAudioObject(TypedDict):
    type: Literal["input_audio"]
    input_audio: ChatCompletionInputAudio


class ChatCompletionFileObjectFile(TypedDict, total=False):
    file_data: str
    file_id: str
    filename: str
    format: str


class ChatCompletionFileObject(TypedDict):
    type: Literal["file"]
    file: ChatCompletionFileObjectFile


class _ImageURLObjectRequired(TypedDict):
    url: str


class ImageURLObject(_ImageURLObjectRequired, total=False):
    detail: Optional[str]


class ImageURLListItem(TypedDict):
    image_url: ImageURLObject
    index: int
    type: Literal["image_url"]


OpenAIMessageContentListBlock = Union[
    ChatCompletionTextObject,
    ChatCompletionImageObject,
    ChatCompletionAudioObject,
    ChatCompletionFileObject,
]
OpenAIMessageContent = Union[str, Iterable[OpenAIMessageContentListBlock]]
AllPromptValues = Union[str, list[str], Iterable[int], Iterable[Iterable[int]], None]


# ---- reasoning / annotations ---------------------------------------------------------------


class _ThinkingRequired(TypedDict):
    type: Literal["thinking"]


class ChatCompletionThinkingBlock(_ThinkingRequired, total=False):
    thinking: str
    signature: Optional[str]
    cache_control: Optional[Union[dict, ChatCompletionCachedContent]]


class _RedactedThinkingRequired(TypedDict):
    type: Literal["redacted_thinking"]


class ChatCompletionRedactedThinkingBlock(_RedactedThinkingRequired, total=False):
    data: str
    cache_control: Optional[Union[dict, ChatCompletionCachedContent]]


class ChatCompletionReasoningSummaryTextBlock(TypedDict, total=False):
    type: Literal["summary_text"]
    text: str


class _ReasoningItemRequired(TypedDict):
    type: Literal["reasoning"]


class ChatCompletionReasoningItem(_ReasoningItemRequired, total=False):
    id: str
    encrypted_content: Optional[str]
    summary: list[ChatCompletionReasoningSummaryTextBlock]


class ChatCompletionAnnotationURLCitation(TypedDict, total=False):
    end_index: int
    start_index: int
    title: str
    url: str


class ChatCompletionAnnotation(TypedDict, total=False):
    type: Literal["url_citation"]
    url_citation: ChatCompletionAnnotationURLCitation


# ---- tool calls ----------------------------------------------------------------------------


class ChatCompletionToolCallFunctionChunk(TypedDict, total=False):
    name: Optional[str]
    arguments: str
    provider_specific_fields: Optional[dict[str, Any]]


class ChatCompletionAssistantToolCall(TypedDict):
    id: Optional[str]
    type: Literal["function"]
    function: ChatCompletionToolCallFunctionChunk


class ChatCompletionToolCallChunk(TypedDict):
    id: Optional[str]
    type: Literal["function"]
    function: ChatCompletionToolCallFunctionChunk
    index: int


class ChatCompletionDeltaToolCallChunk(TypedDict, total=False):
    id: str
    type: Literal["function"]
    function: ChatCompletionToolCallFunctionChunk
    index: int


class _FunctionRequired(TypedDict):
    name: str


class Function(_FunctionRequired, total=False):
    """``litellm.Function``: a function reference ({"name": ...}, optionally "arguments")."""

    arguments: str


class ChatCompletionMessageToolCallParam(TypedDict):
    id: str
    function: Function
    type: Literal["function"]


# ---- tools ---------------------------------------------------------------------------------


class _ToolFunctionRequired(TypedDict):
    name: str


class ChatCompletionToolParamFunctionChunk(_ToolFunctionRequired, total=False):
    description: str
    parameters: dict
    strict: bool


class OpenAIChatCompletionToolParam(TypedDict):
    type: Union[Literal["function"], str]
    function: ChatCompletionToolParamFunctionChunk


class ChatCompletionToolParam(OpenAIChatCompletionToolParam, total=False):
    cache_control: ChatCompletionCachedContent


class ChatCompletionToolChoiceFunctionParam(TypedDict):
    name: str


class ChatCompletionToolChoiceObjectParam(TypedDict):
    type: Literal["function"]
    function: ChatCompletionToolChoiceFunctionParam


ChatCompletionToolChoiceStringValues = Literal["none", "auto", "required"]
ChatCompletionToolChoiceValues = Union[
    ChatCompletionToolChoiceStringValues, ChatCompletionToolChoiceObjectParam
]


class ChatCompletionNamedToolChoiceParam(TypedDict):
    function: Function
    type: Literal["function"]


# ---- messages ------------------------------------------------------------------------------


class OpenAIChatCompletionUserMessage(TypedDict):
    role: Literal["user"]
    content: OpenAIMessageContent


class ChatCompletionUserMessage(OpenAIChatCompletionUserMessage, total=False):
    cache_control: ChatCompletionCachedContent


class _AssistantRequired(TypedDict):
    role: Literal["assistant"]


class OpenAIChatCompletionAssistantMessage(_AssistantRequired, total=False):
    content: Optional[
        Union[str, Iterable[Union[ChatCompletionTextObject, ChatCompletionThinkingBlock]]]
    ]
    name: Optional[str]
    tool_calls: Optional[list[ChatCompletionAssistantToolCall]]
    function_call: Optional[ChatCompletionToolCallFunctionChunk]
    reasoning_content: Optional[str]


class ChatCompletionAssistantMessage(OpenAIChatCompletionAssistantMessage, total=False):
    cache_control: ChatCompletionCachedContent
    thinking_blocks: Optional[
        list[Union[ChatCompletionThinkingBlock, ChatCompletionRedactedThinkingBlock]]
    ]
    reasoning_items: Optional[list[ChatCompletionReasoningItem]]


class ChatCompletionToolMessage(TypedDict):
    role: Literal["tool"]
    content: Union[str, Iterable[ChatCompletionTextObject]]
    tool_call_id: str


class ChatCompletionFunctionMessage(TypedDict):
    role: Literal["function"]
    content: Optional[Union[str, Iterable[ChatCompletionTextObject]]]
    name: str
    tool_call_id: Optional[str]


class _SystemRequired(TypedDict):
    role: Literal["system"]
    content: Union[str, list]


class OpenAIChatCompletionSystemMessage(_SystemRequired, total=False):
    name: str


class ChatCompletionSystemMessage(OpenAIChatCompletionSystemMessage, total=False):
    cache_control: ChatCompletionCachedContent


class _DeveloperRequired(TypedDict):
    role: Literal["developer"]
    content: Union[str, list]


class OpenAIChatCompletionDeveloperMessage(_DeveloperRequired, total=False):
    name: str


class ChatCompletionDeveloperMessage(OpenAIChatCompletionDeveloperMessage, total=False):
    cache_control: ChatCompletionCachedContent


AllMessageValues = Union[
    ChatCompletionUserMessage,
    ChatCompletionAssistantMessage,
    ChatCompletionToolMessage,
    ChatCompletionSystemMessage,
    ChatCompletionFunctionMessage,
    ChatCompletionDeveloperMessage,
]


# ---- response-side shapes ------------------------------------------------------------------


class ChatCompletionAudioDelta(TypedDict, total=False):
    data: str
    transcript: str
    expires_at: int
    id: str


class ChatCompletionDeltaChunk(TypedDict, total=False):
    content: Optional[str]
    tool_calls: list[ChatCompletionDeltaToolCallChunk]
    role: str


class ChatCompletionResponseMessage(TypedDict, total=False):
    content: Optional[str]
    annotations: Optional[list[ChatCompletionAnnotation]]
    tool_calls: Optional[list[ChatCompletionToolCallChunk]]
    role: Literal["assistant"]
    function_call: Optional[ChatCompletionToolCallFunctionChunk]
    provider_specific_fields: Optional[dict]
    reasoning_content: Optional[str]
    thinking_blocks: Optional[
        list[Union[ChatCompletionThinkingBlock, ChatCompletionRedactedThinkingBlock]]
    ]


class _UsageBlockRequired(TypedDict):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletionUsageBlock(_UsageBlockRequired, total=False):
    prompt_tokens_details: Optional[dict]
    completion_tokens_details: Optional[dict]


# The Responses API's pydantic types live in litellm.types.responses.main (which imports
# pydantic); they are handed out from here on first access, as litellm's module offers them.
_RESPONSES_TYPES = frozenset(
    {
        "ResponsesAPIResponse",
        "ResponseAPIUsage",
        "ResponsesAPIStreamEvents",
        "OutputTextDeltaEvent",
        "ResponseCompletedEvent",
        "BaseLiteLLMOpenAIResponseObject",
    }
)


def __getattr__(name):
    if name in _RESPONSES_TYPES:
        from ..responses import main

        value = getattr(main, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
