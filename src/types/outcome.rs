//! What a finished call hands back: the OpenAI-shaped response and litellm's hidden parameters.
//! Shared by the engine (which fills them), the binding (which converts them) and the proxy.

use serde_json::{Map, Value};

/// litellm's `_hidden_params` of a response.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hidden {
    pub custom_llm_provider: String,
    pub api_base: String,
    pub response_cost: Option<f64>,
    /// Provider headers: `llm_provider-<name>` for all, plus `x-ratelimit-*` as sent.
    pub additional_headers: Vec<(String, String)>,
    /// The model string the caller passed (`litellm_model_name`).
    pub litellm_model_name: String,
    /// The model the provider says answered (`provider_response_model`).
    pub provider_response_model: Option<String>,
    /// The call's id (`litellm_call_id`): the caller's, or a fresh one.
    pub litellm_call_id: String,
    /// The Router deployment that answered (`model_id`), when routed.
    pub model_id: Option<String>,
    /// Further keys carried over as they were (e.g. from the chunks a response was rebuilt from).
    pub extra: Map<String, Value>,
}

impl Hidden {
    /// `_hidden_params` as JSON, in litellm's key order.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert(
            "custom_llm_provider".into(),
            self.custom_llm_provider.clone().into(),
        );
        m.insert("region_name".into(), Value::Null);
        m.insert(
            "model_id".into(),
            self.model_id.clone().map_or(Value::Null, Value::String),
        );
        m.insert("api_base".into(), self.api_base.clone().into());
        m.insert(
            "response_cost".into(),
            self.response_cost.map_or(Value::Null, Value::from),
        );
        let headers: Map<String, Value> = self
            .additional_headers
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        m.insert("additional_headers".into(), Value::Object(headers));
        m.insert(
            "litellm_call_id".into(),
            self.litellm_call_id.clone().into(),
        );
        m.insert(
            "litellm_model_name".into(),
            self.litellm_model_name.clone().into(),
        );
        m.insert(
            "provider_response_model".into(),
            self.provider_response_model
                .clone()
                .map_or(Value::Null, Value::String),
        );
        for (k, v) in &self.extra {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
        Value::Object(m)
    }
}

/// A finished non-streaming call.
#[derive(Debug, Clone)]
pub struct Completion {
    /// The endpoint that answered (which response class the binding builds).
    pub api: super::Api,
    /// The OpenAI-shaped response (`chat.completion`, or an embeddings `list`).
    pub response: Value,
    pub hidden: Hidden,
    pub response_ms: f64,
    /// Rebuilt from a stream's chunks (`stream_chunk_builder`): litellm's usage then counts
    /// every detail as set.
    pub assembled: bool,
}

impl Completion {
    /// The response as litellm's `model_dump_json()` shows it on the wire.
    pub fn to_json(&self) -> Value {
        self.response.clone()
    }
}
