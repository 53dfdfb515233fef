"""litellm.litellm_core_utils.get_supported_openai_params: the OpenAI parameters a provider
accepts (answered by the engine's provider registry)."""

from ..main import get_supported_openai_params  # noqa: F401
