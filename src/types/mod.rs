//! The OpenAI-shaped request the engine and every provider adapter share.
//! Responses travel as OpenAI-shaped `serde_json::Value`s so unknown fields pass through untouched.

use serde_json::{Map, Value};

pub mod chunk;
pub mod ids;
pub mod outcome;
pub mod pyrepr;
pub use chunk::{Chunk, ChunkChoice, Delta, ProviderChoice, ProviderChunk};
pub use outcome::{Completion, Hidden};

/// The OpenAI endpoints a call can target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    Chat,
    Embeddings,
}

impl Api {
    pub fn name(self) -> &'static str {
        match self {
            Api::Chat => "chat completions",
            Api::Embeddings => "embeddings",
        }
    }
}

/// A validated chat-completion request in OpenAI's shape, before any provider translation.
#[derive(Debug, Clone, Default)]
pub struct ChatRequest {
    /// The model id the provider expects (the `provider/` prefix already stripped).
    pub model: String,
    /// OpenAI message objects.
    pub messages: Vec<Value>,
    /// OpenAI optional parameters that will be sent (temperature, tools, ...), in call order.
    /// Never contains `model`, `messages` or `stream`.
    pub params: Map<String, Value>,
    pub stream: bool,
    /// `stream_options.include_usage` was requested.
    pub include_usage: bool,
    /// Merged into the provider body last (`extra_body`).
    pub extra_body: Map<String, Value>,
}

impl ChatRequest {
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.params.get(name).filter(|v| !v.is_null())
    }

    /// `max_completion_tokens` wins over `max_tokens` when both are given.
    pub fn max_output_tokens(&self) -> Option<u64> {
        self.param("max_completion_tokens")
            .or_else(|| self.param("max_tokens"))
            .and_then(Value::as_u64)
    }
}

pub use crate::cost::pricing::UsageCounts;

/// Reading and writing OpenAI-shaped usage objects.
pub trait UsageJson: Sized {
    fn from_usage(usage: &Value) -> Option<Self>;
    fn to_value(self) -> Value;
}

impl UsageJson for UsageCounts {
    /// Read the counts from an OpenAI-shaped `usage` object.
    fn from_usage(usage: &Value) -> Option<UsageCounts> {
        let obj = usage.as_object()?;
        let n = |v: Option<&Value>| v.and_then(Value::as_u64).unwrap_or(0);
        let details = obj.get("prompt_tokens_details");
        let cached = n(details.and_then(|d| d.get("cached_tokens")));
        let creation = n(obj
            .get("cache_creation_input_tokens")
            .or_else(|| details.and_then(|d| d.get("cache_creation_tokens"))));
        Some(UsageCounts {
            prompt_tokens: n(obj.get("prompt_tokens")),
            completion_tokens: n(obj.get("completion_tokens")),
            cached_tokens: cached,
            cache_creation_tokens: creation,
            reasoning_tokens: n(obj
                .get("completion_tokens_details")
                .and_then(|d| d.get("reasoning_tokens"))),
        })
    }

    /// OpenAI-shaped usage object for these counts.
    fn to_value(self) -> Value {
        let mut m = Map::new();
        m.insert("prompt_tokens".into(), self.prompt_tokens.into());
        m.insert("completion_tokens".into(), self.completion_tokens.into());
        m.insert(
            "total_tokens".into(),
            (self.prompt_tokens + self.completion_tokens).into(),
        );
        Value::Object(m)
    }
}
