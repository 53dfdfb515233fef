//! Which call arguments are OpenAI parameters, which are litellm's own (never sent), and which
//! OpenAI parameters each provider accepts. Unsupported ones raise UnsupportedParamsError
//! unless `drop_params` is on.

use serde_json::{Map, Value};

use crate::error::{ErrorKind, LlmError, Result};
use crate::providers::contract::{Api, Provider};

/// OpenAI chat-completions parameters (besides model, messages and stream).
pub static OPENAI_PARAMS: &[&str] = &[
    "temperature",
    "top_p",
    "n",
    "stream_options",
    "stop",
    "max_tokens",
    "max_completion_tokens",
    "presence_penalty",
    "frequency_penalty",
    "logit_bias",
    "user",
    "reasoning_effort",
    "response_format",
    "seed",
    "tools",
    "tool_choice",
    "logprobs",
    "top_logprobs",
    "parallel_tool_calls",
    "functions",
    "function_call",
    "modalities",
    "prediction",
    "audio",
    "verbosity",
    "web_search_options",
    "safety_identifier",
    "service_tier",
    "store",
    "prompt_cache_key",
    "thinking",
];

/// Arguments litellm consumes itself; they never reach a provider body.
pub static LITELLM_ONLY_KWARGS: &[&str] = &[
    "model",
    "messages",
    "stream",
    "timeout",
    "api_key",
    "api_base",
    "base_url",
    "api_version",
    "api_type",
    "organization",
    "headers",
    "extra_headers",
    "extra_body",
    "num_retries",
    "max_retries",
    "drop_params",
    "additional_drop_params",
    "allowed_openai_params",
    "mock_response",
    "mock_tool_calls",
    "mock_timeout",
    "mock_delay",
    "metadata",
    "custom_llm_provider",
    "model_list",
    "deployment_id",
    "azure_ad_token",
    "azure_ad_token_provider",
    "azure_username",
    "azure_password",
    "client_id",
    "client_secret",
    "tenant_id",
    "caching",
    "cache",
    "fallbacks",
    "context_window_fallback_dict",
    "context_window_fallbacks",
    "content_policy_fallbacks",
    "input_cost_per_token",
    "output_cost_per_token",
    "input_cost_per_second",
    "output_cost_per_second",
    "base_model",
    "litellm_call_id",
    "litellm_logging_obj",
    "litellm_trace_id",
    "litellm_metadata",
    "logger_fn",
    "acompletion",
    "aembedding",
    "proxy_server_request",
    "model_info",
    "preset_cache_key",
    "hf_model_name",
    "custom_prompt_dict",
    "stream_timeout",
    "tags",
    "user_continue_message",
    "ssl_verify",
    "client",
    "use_litellm_proxy",
    "disable_add_transform_inline_image_block",
    "no-log",
    "mock_testing_fallbacks",
    "mock_testing_context_fallbacks",
    "mock_testing_content_policy_fallbacks",
    "mock_testing_rate_limit_error",
    "aws_region_name",
    "vertex_project",
    "vertex_location",
    "vertex_credentials",
];

pub fn is_openai_param(name: &str) -> bool {
    OPENAI_PARAMS.contains(&name)
}

pub fn is_litellm_only(name: &str) -> bool {
    LITELLM_ONLY_KWARGS.contains(&name)
}

/// Remove or reject OpenAI parameters the provider does not take. `allowed` names parameters
/// the caller forces through (`allowed_openai_params`); `additional_drop` names ones to drop.
/// For chat, a parameter must also be on litellm's recorded list for the model (`requested` as
/// written, `model` as resolved): litellm rejects what that list leaves out, even where the
/// wire format could carry it.
#[allow(clippy::too_many_arguments)]
pub fn check_supported(
    provider: &dyn Provider,
    api: Api,
    requested: &str,
    model: &str,
    params: &mut Map<String, Value>,
    drop_params: bool,
    allowed: &[String],
    additional_drop: &[String],
) -> Result<()> {
    for name in additional_drop {
        params.shift_remove(name.as_str());
    }
    let supported = provider.supported_params(api);
    let recorded = match api {
        Api::Chat => super::supported::litellm_supported_params(requested, provider.name(), model),
        Api::Embeddings => None,
    };
    // litellm folds `stream_options` into the stream setup before it checks, so no list gates it.
    let on_record =
        |k: &str| k == "stream_options" || recorded.is_none_or(|list| list.iter().any(|p| p == k));
    let unsupported: Vec<String> = params
        .keys()
        .filter(|k| is_openai_param(k) && !(supported.contains(&k.as_str()) && on_record(k)))
        .filter(|k| !allowed.iter().any(|a| a == *k))
        .cloned()
        .collect();
    if unsupported.is_empty() {
        return Ok(());
    }
    if drop_params {
        for k in &unsupported {
            params.shift_remove(k.as_str());
        }
        return Ok(());
    }
    let list = unsupported
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(LlmError::new(
        ErrorKind::UnsupportedParamsError,
        format!(
            "{} does not support parameters: [{list}], for model={}. To drop these, set \
             `litellm.drop_params=True` or for proxy:\n\n`litellm_settings:\n drop_params: true`\n",
            provider.name(),
            model
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn req_with(params: &[(&str, serde_json::Value)]) -> Map<String, Value> {
        params
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect()
    }

    fn check(
        r: &mut Map<String, Value>,
        drop: bool,
        allowed: &[String],
        additional: &[String],
    ) -> Result<()> {
        let p = crate::providers::registry::get("anthropic").unwrap();
        check_supported(
            p,
            Api::Chat,
            "claude-x",
            "claude-x",
            r,
            drop,
            allowed,
            additional,
        )
    }

    #[test]
    fn anthropic_rejects_penalties_unless_dropped() {
        let mut r = req_with(&[
            ("frequency_penalty", json!(0.5)),
            ("temperature", json!(0.2)),
        ]);
        let e = check(&mut r, false, &[], &[]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnsupportedParamsError);
        assert!(e.message.contains("['frequency_penalty']"), "{}", e.message);
        check(&mut r, true, &[], &[]).unwrap();
        assert!(!r.contains_key("frequency_penalty"));
        assert!(r.contains_key("temperature"));
    }

    #[test]
    fn allowed_and_additional_drop() {
        let mut r = req_with(&[("seed", json!(1)), ("top_k", json!(3))]);
        check(&mut r, false, &["seed".into()], &["top_k".into()]).unwrap();
        assert!(r.contains_key("seed"));
        assert!(!r.contains_key("top_k"));
    }

    #[test]
    fn unknown_params_are_not_openai_params() {
        let mut r = req_with(&[("top_k", json!(3))]);
        check(&mut r, false, &[], &[]).unwrap();
        assert!(r.contains_key("top_k"));
    }
}
