"""The Responses API's data types, as pydantic models with litellm's fields (extra keys
allowed). Importing this module imports pydantic; `litellm.types.llms.openai` hands these out
lazily so `import litellm` does not. (The `responses()` call itself comes with a later
release.)"""

from enum import Enum
from typing import Any

import pydantic


class BaseLiteLLMOpenAIResponseObject(pydantic.BaseModel):
    """Dict-style access on top of pydantic, as litellm's response objects have."""

    model_config = pydantic.ConfigDict(extra="allow", protected_namespaces=())

    def __getitem__(self, key):
        return getattr(self, key)

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __contains__(self, key):
        return hasattr(self, key)


class ResponseAPIUsage(BaseLiteLLMOpenAIResponseObject):
    input_tokens: Any
    input_tokens_details: Any = None
    output_tokens: Any
    output_tokens_details: Any = None
    total_tokens: Any
    cost: Any = None


class ResponsesAPIResponse(BaseLiteLLMOpenAIResponseObject):
    id: Any
    created_at: Any
    error: Any = None
    incomplete_details: Any = None
    instructions: Any = None
    metadata: Any = None
    model: Any = None
    object: Any = None
    output: Any
    parallel_tool_calls: Any = None
    temperature: Any = None
    tool_choice: Any = None
    tools: Any = None
    top_p: Any = None
    max_output_tokens: Any = None
    previous_response_id: Any = None
    reasoning: Any = None
    status: Any = None
    text: Any = None
    truncation: Any = None
    usage: Any = None
    user: Any = None
    store: Any = None

    @property
    def output_text(self):
        """The text of every output_text part, joined (openai's convenience property)."""
        parts = []
        for item in self.output or ():
            content = (
                item.get("content") if isinstance(item, dict) else getattr(item, "content", None)
            )
            for part in content or ():
                kind = part.get("type") if isinstance(part, dict) else getattr(part, "type", None)
                if kind == "output_text":
                    parts.append(part.get("text") if isinstance(part, dict) else part.text)
        return "".join(p or "" for p in parts)


class ResponsesAPIStreamEvents(str, Enum):
    RESPONSE_CREATED = "response.created"
    RESPONSE_IN_PROGRESS = "response.in_progress"
    RESPONSE_COMPLETED = "response.completed"
    RESPONSE_FAILED = "response.failed"
    RESPONSE_INCOMPLETE = "response.incomplete"
    RESPONSE_PART_ADDED = "response.reasoning_summary_part.added"
    REASONING_SUMMARY_TEXT_DELTA = "response.reasoning_summary_text.delta"
    REASONING_SUMMARY_TEXT_DONE = "response.reasoning_summary_text.done"
    REASONING_SUMMARY_PART_DONE = "response.reasoning_summary_part.done"
    OUTPUT_ITEM_ADDED = "response.output_item.added"
    OUTPUT_ITEM_DONE = "response.output_item.done"
    CONTENT_PART_ADDED = "response.content_part.added"
    CONTENT_PART_DONE = "response.content_part.done"
    OUTPUT_TEXT_DELTA = "response.output_text.delta"
    OUTPUT_TEXT_ANNOTATION_ADDED = "response.output_text.annotation.added"
    OUTPUT_TEXT_DONE = "response.output_text.done"
    REFUSAL_DELTA = "response.refusal.delta"
    REFUSAL_DONE = "response.refusal.done"
    FUNCTION_CALL_ARGUMENTS_DELTA = "response.function_call_arguments.delta"
    FUNCTION_CALL_ARGUMENTS_DONE = "response.function_call_arguments.done"
    CUSTOM_TOOL_CALL_INPUT_DELTA = "response.custom_tool_call_input.delta"
    CUSTOM_TOOL_CALL_INPUT_DONE = "response.custom_tool_call_input.done"
    FILE_SEARCH_CALL_IN_PROGRESS = "response.file_search_call.in_progress"
    FILE_SEARCH_CALL_SEARCHING = "response.file_search_call.searching"
    FILE_SEARCH_CALL_COMPLETED = "response.file_search_call.completed"
    WEB_SEARCH_CALL_IN_PROGRESS = "response.web_search_call.in_progress"
    WEB_SEARCH_CALL_SEARCHING = "response.web_search_call.searching"
    WEB_SEARCH_CALL_COMPLETED = "response.web_search_call.completed"
    MCP_LIST_TOOLS_IN_PROGRESS = "response.mcp_list_tools.in_progress"
    MCP_LIST_TOOLS_COMPLETED = "response.mcp_list_tools.completed"
    MCP_LIST_TOOLS_FAILED = "response.mcp_list_tools.failed"
    MCP_CALL_IN_PROGRESS = "response.mcp_call.in_progress"
    MCP_CALL_ARGUMENTS_DELTA = "response.mcp_call_arguments.delta"
    MCP_CALL_ARGUMENTS_DONE = "response.mcp_call_arguments.done"
    MCP_CALL_COMPLETED = "response.mcp_call.completed"
    MCP_CALL_FAILED = "response.mcp_call.failed"
    IMAGE_GENERATION_PARTIAL_IMAGE = "image_generation.partial_image"
    SHELL_CALL_IN_PROGRESS = "response.shell_call.in_progress"
    SHELL_CALL_COMPLETED = "response.shell_call.completed"
    SHELL_CALL_OUTPUT = "response.shell_call_output.done"
    ERROR = "error"


class OutputTextDeltaEvent(BaseLiteLLMOpenAIResponseObject):
    type: Any
    item_id: Any
    output_index: Any
    content_index: Any
    delta: Any


class ResponseCompletedEvent(BaseLiteLLMOpenAIResponseObject):
    type: Any
    response: Any


class GenericResponseOutputItem(BaseLiteLLMOpenAIResponseObject):
    type: Any
    id: Any
    status: Any
    role: Any
    content: Any
    phase: Any = None


class OutputFunctionToolCall(BaseLiteLLMOpenAIResponseObject):
    arguments: Any
    call_id: Any
    name: Any
    type: Any
    id: Any
    status: Any
    phase: Any = None
