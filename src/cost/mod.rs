//! Cost and tokens: the embedded model catalog (`catalog`), per-token pricing (`pricing`) and
//! tiktoken-based token counting (`tokens`). Pure Rust: no I/O, no network, no Python.

pub mod catalog;
pub mod entries;
pub mod environment;
pub mod info;
pub mod price;
pub mod pricing;
pub mod tokens;

pub use catalog::{lookup, provider_for_bare_model, ModelEntry};
pub use pricing::{completion_cost, cost_per_token, UsageCounts};

/// Cost of a call in USD from its usage; `None` when the model is not priced in the catalog.
pub fn response_cost(provider: &str, model: &str, usage: &UsageCounts) -> Option<f64> {
    let entry = catalog::lookup(provider, model)?;
    pricing::completion_cost(entry, usage)
}

/// Providers litellm prices at zero whatever the model (a local Ollama server costs nothing).
/// Its cost functions know this; the usage it streams is priced from the map alone.
pub fn priced_at_zero(provider: &str) -> bool {
    matches!(provider, "ollama" | "ollama_chat")
}

/// A finished call's `response_cost`: [`usage_cost`], or zero for the providers litellm does
/// not charge for.
pub fn call_cost(
    provider: &str,
    models: &[&str],
    usage: Option<&serde_json::Value>,
) -> Option<f64> {
    if priced_at_zero(provider) {
        return Some(0.0);
    }
    usage_cost(provider, models, usage)
}

/// Prompt tokens of `messages` for `model` (OpenAI's per-message formula).
pub fn count_message_tokens(model: &str, messages: &[serde_json::Value]) -> u64 {
    if messages.is_empty() {
        return 0;
    }
    tokens::count_messages_for_model(model, messages) as u64
}

/// Tokens of generated text for `model`.
pub fn count_text_tokens(model: &str, text: &str) -> u64 {
    if text.is_empty() {
        return 0;
    }
    tokens::count_text(model, text) as u64
}

/// Price a call from its OpenAI-shaped `usage`, trying each model name in turn; `None` when
/// none is in the catalog.
pub fn usage_cost(
    provider: &str,
    models: &[&str],
    usage: Option<&serde_json::Value>,
) -> Option<f64> {
    use crate::types::UsageJson;
    let counts = UsageCounts::from_usage(usage?)?;
    models
        .iter()
        .find_map(|m| response_cost(provider, m, &counts))
}

/// Python's truthiness of a JSON value (`bool(value)` of what it came from).
pub(crate) fn tokens_truthy(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::Bool(true) => true,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}
