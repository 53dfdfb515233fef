//! `mock_response` and friends: answers shaped exactly like real ones, with no network and no
//! key. Mocks still go through provider resolution, as litellm's do.

use std::time::Instant;

use serde_json::{json, Value};

use crate::engine::call::{hidden_for, price};
use crate::engine::context::StreamEnd;
use crate::engine::stream::{shaper_for, LocalCounter, StreamItem, StreamQueue};
use crate::engine::{MockSpec, PreparedCall};
use crate::error::{ErrorKind, LlmError, Result};
use crate::providers::Request;
use crate::types::{ids, Completion, Hidden, ProviderChunk};

/// litellm's default mock text.
pub const DEFAULT_TEXT: &str = "This is a mock request";

fn mock_error(call: &PreparedCall, kind: ErrorKind, message: &str) -> LlmError {
    LlmError::new(kind, message.to_string()).with_context(&call.provider_name, &call.model)
}

/// Wait out `mock_delay` / `mock_timeout` and raise the mock's error, if it is one.
pub async fn before_reply(call: &PreparedCall) -> Result<()> {
    if let Some(d) = call.mock_delay {
        tokio::time::sleep(d).await;
    }
    if call.mock_timeout {
        tokio::time::sleep(call.timeouts.read).await;
        return Err(mock_error(
            call,
            ErrorKind::Timeout,
            "Request timed out (mock_timeout=True)",
        ));
    }
    raise_if_error(call)
}

fn raise_if_error(call: &PreparedCall) -> Result<()> {
    match &call.mock {
        Some(MockSpec::Raise(kind, msg)) => Err(mock_error(call, *kind, msg)),
        Some(MockSpec::Fail { status, message }) => Err(provider_failure(call, *status, message)),
        _ => Ok(()),
    }
}

/// litellm wraps a mock exception as `MockException(status, "litellm.MockException: ...")`
/// and maps it as the call's provider would map an answer with that status.
fn provider_failure(call: &PreparedCall, status: u16, message: &str) -> LlmError {
    let text = format!("litellm.MockException: {message}");
    let facts = crate::error::ErrorFacts {
        message: text.clone(),
        ..Default::default()
    };
    let (kind, reported) = match call.provider {
        Some(p) => p.classify(status, &facts, &text),
        None => crate::error::classify_status(status, &facts, &text),
    };
    let mut e = LlmError::new(kind, text).with_status(reported);
    e.upstream_status = status;
    e.with_context(&call.provider_name, &call.model)
}

fn mock_text(call: &PreparedCall) -> &str {
    match &call.mock {
        Some(MockSpec::Text(t)) | Some(MockSpec::StreamError(t)) => t,
        _ => DEFAULT_TEXT,
    }
}

/// The response a text mock returns: `n` identical choices, fixed usage 10/20/30.
pub fn text_response(call: &PreparedCall, text: &str) -> Value {
    let n = call
        .chat()
        .and_then(|r| r.param("n"))
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .clamp(1, 128);
    let choices: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "finish_reason": "stop",
                "index": i,
                "message": {
                    "content": text,
                    "role": "assistant",
                    "tool_calls": call.mock_tool_calls.clone().unwrap_or(Value::Null),
                    "function_call": null,
                }
            })
        })
        .collect();
    json!({
        "id": ids::completion_id(),
        "created": ids::unix_now(),
        "model": call.model,
        "object": "chat.completion",
        "choices": choices,
        "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30},
    })
}

fn hidden(call: &PreparedCall, response: &Value) -> Hidden {
    Hidden {
        response_cost: price(call, &[&call.model], response.get("usage")),
        provider_response_model: response
            .get("model")
            .and_then(Value::as_str)
            .map(str::to_string),
        ..hidden_for(call)
    }
}

/// litellm's mock embedding: one vector (the mock's list of floats, else 1,536 zeros) and
/// usage 10/0.
pub fn embedding_response(call: &PreparedCall) -> Value {
    let vector = match &call.mock {
        Some(MockSpec::Response(v @ Value::Array(_))) => v.clone(),
        _ => Value::Array(vec![json!(0.0); 1536]),
    };
    json!({
        "model": call.model,
        "data": [{"embedding": vector, "index": 0, "object": "embedding"}],
        "object": "list",
        "usage": {"prompt_tokens": 10, "completion_tokens": 0, "total_tokens": 10},
    })
}

pub async fn complete(call: &PreparedCall, started: Instant) -> Result<Completion> {
    before_reply(call).await?;
    Ok(reply(call, started))
}

fn reply(call: &PreparedCall, started: Instant) -> Completion {
    let response = match (&call.request, &call.mock) {
        (Request::Embedding(_), _) => embedding_response(call),
        (_, Some(MockSpec::Response(v))) => v.clone(),
        _ => text_response(call, mock_text(call)),
    };
    Completion {
        api: call.request.api(),
        hidden: hidden(call, &response),
        response,
        response_ms: started.elapsed().as_secs_f64() * 1000.0,
        assembled: false,
    }
}

/// Fill `queue` with a mock stream (the text in 3-character chunks, then the closing chunks,
/// or the mid-stream error for `"Exception: mock_streaming_error"`), end it, and tell the
/// observers the stream ended. Returns the stream's hidden parameters.
pub fn stream_into(call: &PreparedCall, queue: &StreamQueue) -> Hidden {
    let items = stream_items(call);
    let hidden = hidden(call, &Value::Null);
    let error = items.iter().find_map(|i| i.as_ref().err().cloned());
    let usage = items
        .iter()
        .rev()
        .find_map(|i| i.as_ref().ok().and_then(|c| c.usage.clone()));
    let chunks = items.len();
    queue.push_all(items, true);
    call.ctx.notify(|o| {
        o.on_stream_end(
            call,
            &StreamEnd {
                hidden: &hidden,
                usage: usage.as_ref(),
                chunks,
                error: error.as_ref(),
            },
        )
    });
    hidden
}

fn stream_items(call: &PreparedCall) -> Vec<StreamItem> {
    let (text, finish) = match &call.mock {
        Some(MockSpec::Response(v)) => {
            let choice = v.get("choices").and_then(|c| c.get(0));
            (
                choice
                    .and_then(|c| c.get("message"))
                    .and_then(|m| m.get("content"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                choice
                    .and_then(|c| c.get("finish_reason"))
                    .and_then(Value::as_str)
                    .unwrap_or("stop")
                    .to_string(),
            )
        }
        _ => (mock_text(call).to_string(), "stop".to_string()),
    };
    if let Some(MockSpec::StreamError(_)) = &call.mock {
        // litellm raises its 529 mock error inside the stream, reported around the original.
        let mut e = mock_error(
            call,
            ErrorKind::APIError,
            "litellm.MockException: This is a mock error raised mid-stream",
        );
        e.status = 529;
        e.upstream_status = 529;
        e.mid_stream = true;
        return vec![Err(e)];
    }
    let mut shaper = shaper_for(call);
    let id = ids::completion_id();
    let mut items: Vec<StreamItem> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for piece in chars.chunks(3) {
        let piece: String = piece.iter().collect();
        let raw = json!({"id": id, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": null}]});
        if let Some(c) = shaper.push(ProviderChunk::from_value(raw)) {
            items.push(Ok(c));
        }
    }
    let raw = json!({"id": id, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]});
    if let Some(c) = shaper.push(ProviderChunk::from_value(raw)) {
        items.push(Ok(c));
    }
    items.extend(
        shaper
            .finish(&LocalCounter::for_call(call))
            .into_iter()
            .map(Ok),
    );
    items
}
