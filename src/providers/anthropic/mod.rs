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
