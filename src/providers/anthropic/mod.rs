//! Anthropic Messages API adapter: OpenAI chat request -> `POST /v1/messages`, and Anthropic
//! responses, stream events and error bodies -> OpenAI shapes. Pure functions; sends nothing.

pub mod error;
pub mod request;
pub mod response;
pub mod stream;

pub use error::error_facts;
pub use request::build_http;
pub use response::parse_response;
pub use stream::StreamState;

use serde_json::Value;

use crate::error::{ErrorFacts, ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::http::sse::SseEvent;
use crate::providers::contract::{
    from_provider, raw_error_text, unsupported_api, Api, Credentials, KeySources, Provider,
    Request, StreamStep, StreamTranslator,
};
use crate::types::{ChatRequest, ProviderChunk};

/// The Anthropic Messages API.
#[derive(Debug)]
pub struct Anthropic;

impl Provider for Anthropic {
    fn name(&self) -> &'static str {
        "anthropic"
    }

    fn key_sources(&self) -> KeySources {
        KeySources {
            generic_key_first: false,
            key_env: &["ANTHROPIC_API_KEY"],
            base_env: &["ANTHROPIC_API_BASE", "ANTHROPIC_BASE_URL"],
            default_base: Some(request::DEFAULT_API_BASE),
            key_optional: false,
        }
    }

    /// litellm calls Anthropic without the OpenAI SDK, so nothing retries by default.
    fn default_max_retries(&self) -> u32 {
        0
    }

    fn supported_params(&self, api: Api) -> Vec<&'static str> {
        match api {
            Api::Chat => request::SUPPORTED_PARAMS.to_vec(),
            Api::Embeddings => Vec::new(),
        }
    }

    fn build_request(&self, req: &Request, creds: &Credentials) -> Result<HttpRequest> {
        match req {
            Request::Chat(r) => build_http(r, creds),
            other => Err(unsupported_api(self, other.api())),
        }
    }

    fn parse_response(&self, req: &Request, body: &[u8]) -> Result<Value> {
        match req {
            Request::Chat(r) => parse_response(r, body),
            other => Err(unsupported_api(self, other.api())),
        }
    }

    fn error_facts(&self, body: &str) -> ErrorFacts {
        error_facts(body)
    }

    /// litellm shows Anthropic's raw body: "AnthropicException - <body>", or "AnthropicError"
    /// for overloads and context-window errors.
    fn exception_message(&self, e: &LlmError) -> String {
        if !from_provider(e) {
            return e.message.clone();
        }
        // Errors in an HTTP answer show the raw body; errors inside a stream their message.
        let raw = raw_error_text(e);
        let overloaded = e.upstream_status == 529 || raw.contains("overloaded_error");
        if overloaded
            || e.kind == ErrorKind::ContextWindowExceededError
            || e.mid_stream && e.kind == ErrorKind::InternalServerError
        {
            return format!("AnthropicError - {raw}");
        }
        match e.kind {
            ErrorKind::BadGatewayError => format!("AnthropicException BadGatewayError - {raw}"),
            ErrorKind::InternalServerError | ErrorKind::ServiceUnavailableError => format!(
                "AnthropicException - {raw}. Handle with `litellm.{}`.",
                e.kind.class_name()
            ),
            _ => format!("AnthropicException - {raw}"),
        }
    }

    /// litellm's Anthropic errors carry no `litellm_debug_info`.
    fn debug_info_in_errors(&self) -> bool {
        false
    }

    fn stream_translator(&self, req: &ChatRequest) -> Box<dyn StreamTranslator> {
        Box::new(Translator(StreamState::new(req)))
    }
}

/// Anthropic's stream state, speaking the shared chunk contract.
struct Translator(StreamState);

impl StreamTranslator for Translator {
    fn on_event(&mut self, ev: &SseEvent) -> Result<StreamStep> {
        // The state machine speaks JSON; its chunks are few per event.
        let step = self.0.on_event(ev)?;
        Ok(StreamStep {
            chunks: step
                .chunks
                .into_iter()
                .map(ProviderChunk::from_value)
                .collect(),
            done: step.done,
        })
    }

    fn finish(&mut self) -> Result<()> {
        self.0.finish()
    }
}

/// The tool ferrolite adds to emulate OpenAI JSON mode (`response_format`); its input is
/// returned as the message content and it is never shown as a tool call.
pub const JSON_TOOL_NAME: &str = "json_tool_call";

/// Anthropic `stop_reason` -> OpenAI `finish_reason`.
pub fn map_stop_reason(reason: &str) -> &str {
    match reason {
        "end_turn" | "stop_sequence" => "stop",
        "max_tokens" | "model_context_window_exceeded" | "pause_turn" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_reasons() {
        for (native, mapped) in [
            ("end_turn", "stop"),
            ("stop_sequence", "stop"),
            ("max_tokens", "length"),
            ("model_context_window_exceeded", "length"),
            ("pause_turn", "length"),
            ("tool_use", "tool_calls"),
            ("refusal", "content_filter"),
            ("something_new", "something_new"),
        ] {
            assert_eq!(map_stop_reason(native), mapped);
        }
    }
}
