"""litellm.cost_calculator: completion_cost and cost_per_token, priced by the engine from the
model catalog (litellm.model_cost, including entries added at run time)."""

from ._engine import native


def cost_per_token(
    model="",
    prompt_tokens=0,
    completion_tokens=0,
    response_time_ms=0.0,
    custom_llm_provider=None,
    region_name=None,
    prompt_characters=None,
    completion_characters=None,
    cache_creation_input_tokens=0,
    cache_read_input_tokens=0,
    custom_cost_per_token=None,
    custom_cost_per_second=None,
    number_of_queries=None,
    usage_object=None,
    rerank_billed_units=None,
    call_type="completion",
    audio_transcription_file_duration=0.0,
    service_tier=None,
    data_residency=None,
    vertex_location=None,
    response=None,
    request_model=None,
    custom_model_info=None,
    bedrock_model_info=None,
):
    """(prompt_cost, completion_cost) in USD for the given token counts of `model`."""
    if model is None:
        raise Exception("Invalid arg. Model cannot be none.")
    return native().cost_per_token(
        model,
        float(prompt_tokens or 0),
        float(completion_tokens or 0),
        float(response_time_ms or 0.0),
        custom_llm_provider,
        region_name,
        float(cache_creation_input_tokens or 0),
        float(cache_read_input_tokens or 0),
        custom_cost_per_token,
        custom_cost_per_second,
        usage_object,
        call_type or "completion",
        None if prompt_characters is None else float(prompt_characters),
    )


def completion_cost(
    completion_response=None,
    model=None,
    prompt="",
    messages=[],  # noqa: B006 - litellm's signature
    completion="",
    total_time=0.0,
    call_type=None,
    custom_llm_provider=None,
    region_name=None,
    size=None,
    quality=None,
    n=None,
    custom_cost_per_token=None,
    custom_cost_per_second=None,
    optional_params=None,
    custom_pricing=None,
    base_model=None,
    standard_built_in_tools_params=None,
    litellm_model_name=None,
    router_model_id=None,
    litellm_logging_obj=None,
    pricing_provider=None,
    service_tier=None,
    data_residency=None,
    vertex_location=None,
):
    """The USD cost of a call: from a response's usage, or from `model` and the prompt /
    messages and completion text (counted with token_counter)."""
    if pricing_provider is not None:
        custom_llm_provider = pricing_provider
    if base_model is not None and custom_pricing is not True:
        model = base_model
    hidden = getattr(completion_response, "_hidden_params", None)
    if completion_response is not None and isinstance(completion_response, dict):
        hidden = None
    return native().completion_cost(
        completion_response,
        hidden if isinstance(hidden, dict) else None,
        model,
        prompt or "",
        messages,
        completion or "",
        float(total_time or 0.0),
        call_type,
        custom_llm_provider,
        region_name,
        custom_cost_per_token,
        custom_cost_per_second,
    )
