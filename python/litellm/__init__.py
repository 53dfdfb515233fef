"""ferrolite: the litellm API on a Rust engine.

Importing is cheap on purpose: no engine, no threads, no sockets, no heavy modules. The engine
loads on the first call; exception classes, response types and the model catalog load on first
access (module ``__getattr__``).
"""

import os as _os
import sys as _sys

from .main import (  # noqa: F401 - the public API
    acompletion,
    acompletion_with_retries,
    aembedding,
    completion,
    completion_with_retries,
    embedding,
    get_llm_provider,
    get_supported_openai_params,
    mock_completion,
    stream_chunk_builder,
)

# --- module settings (litellm's names and defaults; read at call time) -------------------
api_key = None
api_base = None
api_version = None
organization = None
headers = None
openai_key = None
anthropic_key = None
azure_key = None
groq_key = None
mistral_key = None
deepseek_key = None
together_ai_key = None
fireworks_ai_key = None
openrouter_key = None
xai_key = None
perplexity_key = None
cerebras_key = None
deepinfra_key = None
cohere_key = None
set_verbose = False
suppress_debug_info = False
drop_params = _os.environ.get("LITELLM_DROP_PARAMS", "").lower() == "true"
modify_params = _os.environ.get("LITELLM_MODIFY_PARAMS", "").lower() == "true"
num_retries = None
num_retries_per_request = None
request_timeout = 6000.0
max_tokens = 4096
ssl_verify = True
force_ipv4 = False
return_response_headers = False
enable_json_schema_validation = False
turn_off_message_logging = False
redact_messages_in_exceptions = False
include_cost_in_streaming_usage = False
disable_streaming_logging = False
success_callback = []
failure_callback = []
callbacks = []
input_callback = []
_async_success_callback = []
_async_failure_callback = []
cache = None
caching = False
caching_with_models = False
fallbacks = None
context_window_fallbacks = None
content_policy_fallbacks = None
default_fallbacks = None
max_fallbacks = None
allowed_fails = 3
max_budget = 0.0
_current_cost = 0.0
budget_exceeded_status_code = 422
model_alias_map = {}
client_session = None
aclient_session = None
logging = True
log_level = "DEBUG"
# Accepted for compatibility; see docs/compatibility.md for which have an effect.
add_function_to_prompt = False
model_fallbacks = None
use_litellm_proxy = False
disable_aiohttp_transport = False
cost_margin_config = {}
cost_discount_config = {}
custom_provider_map = []
AZURE_DEFAULT_API_VERSION = "2025-02-01-preview"
DEFAULT_MOCK_RESPONSE_PROMPT_TOKEN_COUNT = 10
DEFAULT_MOCK_RESPONSE_COMPLETION_TOKEN_COUNT = 20

from . import _lazy as _lazy_mod  # noqa: E402

__getattr__ = _lazy_mod.module_getattr


def __dir__():
    return sorted(set(globals()) | set(_lazy_mod.LAZY_NAMES))


def _turn_on_debug():
    """Log every call at DEBUG level through the "LiteLLM" loggers."""
    from ._logging import _turn_on_debug as turn_on

    turn_on()


turn_on_debug = _turn_on_debug


def _load_dotenv():
    """Load ./.env into os.environ at import, as litellm does (existing variables win)."""
    mode = _os.environ.get("LITELLM_MODE", "DEV")
    if mode != "DEV" or not _os.path.isfile(".env"):
        return
    from ._engine import native

    for key, value in native().load_dotenv(".env"):
        _os.environ.setdefault(key, value)


_load_dotenv()
_lazy_mod.warn_if_shadowed(__file__)
del _sys
