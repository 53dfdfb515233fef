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

_JSON_TYPES = {
    "str": "string", "int": "integer", "float": "number", "bool": "boolean",
    "list": "array", "tuple": "array", "dict": "object", "NoneType": "null", "None": "null",
}  # fmt: skip


def _json_schema_type(name):
    return _JSON_TYPES.get(name, "string")


def _numpy_sections(doc):
    """(summary, {param: (type, description)}) from a numpy-style docstring."""
    lines = doc.expandtabs().splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    summary = []
    for line in lines:
        if not line.strip():
            break
        summary.append(line.strip())
    params, current, in_params = {}, None, False
    indent = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if nxt and set(nxt) == {"-"} and stripped:
            in_params = stripped.lower() in ("parameters", "params", "arguments")
            current = None
            continue
        if not in_params or (stripped and set(stripped) == {"-"}):
            continue
        width = len(line) - len(line.lstrip())
        if stripped and (indent is None or width <= indent):
            indent = width
            name, _, kind = stripped.partition(":")
            current = name.strip()
            params[current] = [kind.strip(), []]
        elif stripped and current is not None:
            params[current][1].append(stripped)
    return " ".join(summary), {k: (t, " ".join(d)) for k, (t, d) in params.items()}


def function_to_dict(input_function):
    """An OpenAI function definition (name, description, JSON-schema parameters) from a
    function's type hints and numpy-style docstring, as litellm builds it."""
    import inspect
    from ast import literal_eval

    name = input_function.__name__
    summary, documented = _numpy_sections(inspect.getdoc(input_function) or "")
    properties, required = {}, []
    for pname, param in inspect.signature(input_function).parameters.items():
        if param.annotation is not inspect.Parameter.empty:
            annotation = getattr(param.annotation, "__name__", str(param.annotation))
            ptype = _json_schema_type(annotation)
        else:
            ptype = None
        enum = None
        description = None
        if pname in documented:
            doc_type, description = documented[pname]
            if doc_type:
                if "optional" in doc_type:
                    doc_type = doc_type.split(",")[0]
                if "{" in doc_type:
                    # litellm renders the choices as the text of a Python list (in the order
                    # written here; litellm's goes through a set, so its order varies).
                    choices = literal_eval(doc_type.replace("{", "[").replace("}", "]"))
                    enum = str(list(dict.fromkeys(choices)))
                    ptype = "string"
                else:
                    ptype = _json_schema_type(doc_type)
        prop = {"type": ptype, "description": description}
        if enum is not None:
            prop["enum"] = enum
        properties[pname] = prop
        if param.default is inspect.Parameter.empty:
            required.append(pname)
    return {
        "name": name,
        "description": summary,
        "parameters": {"type": "object", "properties": properties, "required": required},
    }
