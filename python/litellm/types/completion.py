"""litellm.types.completion: `CompletionRequest`, a completion call's arguments as a pydantic
model (importing this module imports pydantic)."""

from typing import Any

import pydantic


class CompletionRequest(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow", protected_namespaces=())

    model: str
    messages: list = []
    timeout: Any = None
    temperature: Any = None
    top_p: Any = None
    n: Any = None
    stream: Any = None
    stop: Any = None
    max_tokens: Any = None
    presence_penalty: Any = None
    frequency_penalty: Any = None
    logit_bias: Any = None
    user: Any = None
    response_format: Any = None
    seed: Any = None
    tools: Any = None
    tool_choice: Any = None
    logprobs: Any = None
    top_logprobs: Any = None
    deployment_id: Any = None
    functions: Any = None
    function_call: Any = None
    base_url: Any = None
    api_version: Any = None
    api_key: Any = None
    model_list: Any = None
