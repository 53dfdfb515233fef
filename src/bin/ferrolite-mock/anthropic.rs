//! Anthropic Messages wire format (`POST /v1/messages`): header and body validation,
//! non-stream and SSE replies, and error bodies.

use serde_json::{json, Value};

use crate::reply::{push_json_str, push_num, split_pieces, to_vec, Content, Ctx, Reply, Sse};
use crate::scenario::ErrorKind;

const MIDSTREAM_ERROR: &str =
    r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#;

/// `{"type":"error","error":{...},"request_id":"req_mock_<n>"}`
fn error_body(ctx: &Ctx, kind: &str, message: &str) -> Vec<u8> {
    to_vec(&json!({
        "type": "error",
        "error": {"type": kind, "message": message},
        "request_id": format!("req_mock_{}", ctx.n),
    }))
}

fn error(ctx: &Ctx, status: u16, kind: &str, message: &str) -> Reply {
    Reply::json(status, error_body(ctx, kind, message))
}

pub fn respond(ctx: &Ctx) -> Reply {
    let req = ctx.req;
    if req.header("x-api-key").is_none() && req.header("authorization").is_none() {
        return error(
            ctx,
            401,
            "authentication_error",
            "x-api-key header is required",
        );
    }
    if req.header("anthropic-version").is_none() {
        return error(
            ctx,
            400,
            "invalid_request_error",
            "anthropic-version: header is required",
        );
    }
    let model = ctx.model().unwrap_or("claude-mock");
    let mut refusal = false;
    if let Some(kind) = ctx.error() {
        let status = ctx.sc.status;
        match kind {
            ErrorKind::Context => {
                return error(
                    ctx,
                    status.unwrap_or(400),
                    "invalid_request_error",
                    "prompt is too long: 208310 tokens > 200000 maximum",
                );
            }
            ErrorKind::Quota => {
                return error(
                    ctx,
                    status.unwrap_or(402),
                    "billing_error",
                    "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
                );
            }
            ErrorKind::Html => return Reply::html(status.unwrap_or(502)),
            ErrorKind::Empty if ctx.stream() => return Reply::events(Sse::new(false, 0), false),
            ErrorKind::Empty => return Reply::json(200, Vec::new()),
            ErrorKind::Malformed if !ctx.stream() => {
                let mut s = String::from("{\"id\":\"msg_mock_");
                push_num(&mut s, ctx.n);
                s.push_str("\",\"type\":\"message\",\"role\":\"assistant\",\"model\":");
                push_json_str(&mut s, model);
                s.push_str(",\"content\":[{\"type\":\"text\",\"text\":\"Hel");
                return Reply::json(200, s.into_bytes());
            }
            // Anthropic reports a refusal as a normal reply with stop_reason "refusal".
            ErrorKind::ContentPolicy => refusal = true,
            ErrorKind::Malformed => {}
        }
    }
    if let Some(status) = ctx.status() {
        let (kind, message) = status_error(status, model);
        return error(ctx, status, kind, &message);
    }
    let Some(body) = ctx.json.filter(|j| j.is_object()) else {
        return error(
            ctx,
            400,
            "invalid_request_error",
            "There was an issue with the JSON body of your request: the body is not valid JSON.",
        );
    };
    for field in ["model", "max_tokens", "messages"] {
        if body.get(field).is_none() {
            return error(
                ctx,
                400,
                "invalid_request_error",
                &format!("{field}: Field required"),
            );
        }
    }
    if !body.get("messages").is_some_and(Value::is_array) {
        return error(
            ctx,
            400,
            "invalid_request_error",
            "messages: Input should be a valid list",
        );
    }
    let content = ctx.content();
    let stop_reason = match (&ctx.sc.finish, &content) {
        (Some(f), _) => f.as_str(),
        _ if refusal => "refusal",
        (None, Content::Tools(_)) => "tool_use",
        (None, Content::Text(_)) => "end_turn",
    };
    if ctx.stream() {
        stream(ctx, model, &content, stop_reason, refusal)
    } else {
        Reply::json(200, message(ctx, model, &content, stop_reason, refusal))
    }
}

/// `error.type` and message for `status=<code>`.
fn status_error(status: u16, model: &str) -> (&'static str, String) {
    match status {
        400 => ("invalid_request_error", "messages: text content blocks must be non-empty".into()),
        401 => ("authentication_error", "invalid x-api-key".into()),
        402 => (
            "billing_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.".into(),
        ),
        403 => (
            "permission_error",
            "Your API key does not have permission to use the specified resource.".into(),
        ),
        404 => ("not_found_error", format!("model: {model}")),
        413 => ("request_too_large", "Request exceeds the maximum allowed number of bytes.".into()),
        429 => (
            "rate_limit_error",
            "This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.".into(),
        ),
        500 => ("api_error", "Internal server error".into()),
        504 => ("timeout_error", "Request timed out".into()),
        529 => ("overloaded_error", "Overloaded".into()),
        s if s >= 500 => ("api_error", format!("Internal server error (HTTP {s})")),
        s => ("invalid_request_error", format!("Invalid request (HTTP {s})")),
    }
}

fn push_usage(s: &mut String, ctx: &Ctx, output_tokens: u64) {
    s.push_str("{\"input_tokens\":");
    push_num(s, ctx.input_tokens());
    s.push_str(",\"cache_creation_input_tokens\":");
    push_num(s, ctx.sc.cache_write);
    s.push_str(",\"cache_read_input_tokens\":");
    push_num(s, ctx.sc.cache_read);
    s.push_str(",\"cache_creation\":{\"ephemeral_5m_input_tokens\":");
    push_num(s, ctx.sc.cache_write);
    s.push_str(",\"ephemeral_1h_input_tokens\":0},\"output_tokens\":");
    push_num(s, output_tokens);
    s.push_str(",\"service_tier\":\"standard\"}");
}

fn push_tool_id(s: &mut String, ctx: &Ctx, i: usize) {
    s.push_str("\"toolu_mock_");
    push_num(s, ctx.n);
    s.push('_');
    push_num(s, i as u64);
    s.push('"');
}

fn push_message_head(s: &mut String, ctx: &Ctx, model: &str) {
    s.push_str("{\"id\":\"msg_mock_");
    push_num(s, ctx.n);
    s.push_str("\",\"type\":\"message\",\"role\":\"assistant\",\"model\":");
    push_json_str(s, model);
}

/// Non-streaming `message` body.
/// The thinking a `thinking=1` reply shows, and its signature.
pub const THINKING: &str = "Let me think about this.";
pub const THINKING_SIGNATURE: &str = "sig-mock";

fn message(ctx: &Ctx, model: &str, content: &Content, stop_reason: &str, refusal: bool) -> Vec<u8> {
    let mut s = String::with_capacity(
        512 + match content {
            Content::Text(t) => t.len() + t.len() / 8,
            Content::Tools(c) => 128 * c.len(),
        },
    );
    push_message_head(&mut s, ctx, model);
    s.push_str(",\"content\":[");
    if ctx.sc.thinking && !refusal {
        s.push_str("{\"type\":\"thinking\",\"thinking\":");
        push_json_str(&mut s, THINKING);
        s.push_str(",\"signature\":");
        push_json_str(&mut s, THINKING_SIGNATURE);
        s.push_str("},");
    }
    match content {
        _ if refusal => {}
        Content::Text(t) => {
            s.push_str("{\"type\":\"text\",\"text\":");
            push_json_str(&mut s, t);
            s.push('}');
        }
        Content::Tools(calls) => {
            for (i, call) in calls.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                s.push_str("{\"type\":\"tool_use\",\"id\":");
                push_tool_id(&mut s, ctx, i);
                s.push_str(",\"name\":");
                push_json_str(&mut s, &call.name);
                s.push_str(",\"input\":");
                s.push_str(call.arguments());
                s.push('}');
            }
        }
    }
    s.push_str("],\"stop_reason\":");
    push_json_str(&mut s, stop_reason);
    s.push_str(",\"stop_sequence\":null");
    if ctx.sc.usage {
        s.push_str(",\"usage\":");
        let out = if refusal {
            1
        } else {
            content.output_tokens(ctx.sc.chunks)
        };
        push_usage(&mut s, ctx, out);
    }
    s.push('}');
    s.into_bytes()
}

fn stream(ctx: &Ctx, model: &str, content: &Content, stop_reason: &str, refusal: bool) -> Reply {
    let (n_events, text_len) = match content {
        Content::Text(t) => (ctx.sc.chunks + 8, t.len() + t.len() / 8),
        Content::Tools(calls) => (calls.len() * 6 + 6, 0),
    };
    let mut sse = Sse::new(ctx.sc.crlf, n_events * 140 + text_len + 512);
    sse.begin(Some("message_start"));
    sse.buf.push_str("{\"type\":\"message_start\",\"message\":");
    push_message_head(&mut sse.buf, ctx, model);
    sse.buf
        .push_str(",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null");
    if ctx.sc.usage {
        sse.buf.push_str(",\"usage\":");
        push_usage(&mut sse.buf, ctx, 1);
    }
    sse.buf.push_str("}}");
    sse.end(false);

    let malformed = ctx.error() == Some(ErrorKind::Malformed);
    let block = |sse: &mut Sse, index: usize, start: &str, deltas: &[(&str, &str)]| {
        sse.begin(Some("content_block_start"));
        sse.buf
            .push_str("{\"type\":\"content_block_start\",\"index\":");
        push_num(&mut sse.buf, index as u64);
        sse.buf.push_str(",\"content_block\":");
        sse.buf.push_str(start);
        sse.buf.push('}');
        sse.end(false);
        if index == 0 {
            ping(sse);
            if malformed {
                sse.begin(Some("content_block_delta"));
                sse.buf.push_str("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"oops");
                sse.end(false);
            }
        }
        for (kind, text) in deltas {
            sse.begin(Some("content_block_delta"));
            sse.buf
                .push_str("{\"type\":\"content_block_delta\",\"index\":");
            push_num(&mut sse.buf, index as u64);
            sse.buf.push_str(",\"delta\":{\"type\":\"");
            sse.buf.push_str(kind);
            sse.buf.push_str(match *kind {
                "text_delta" => "\",\"text\":",
                "thinking_delta" => "\",\"thinking\":",
                "signature_delta" => "\",\"signature\":",
                _ => "\",\"partial_json\":",
            });
            push_json_str(&mut sse.buf, text);
            sse.buf.push_str("}}");
            sse.end(true);
        }
        sse.begin(Some("content_block_stop"));
        sse.buf
            .push_str("{\"type\":\"content_block_stop\",\"index\":");
        push_num(&mut sse.buf, index as u64);
        sse.buf.push('}');
        sse.end(false);
    };
    let content_index = usize::from(ctx.sc.thinking && !refusal);
    if content_index == 1 {
        let (a, b) = THINKING.split_at(THINKING.len() / 2);
        let deltas = [
            ("thinking_delta", a),
            ("thinking_delta", b),
            ("signature_delta", THINKING_SIGNATURE),
        ];
        block(
            &mut sse,
            0,
            "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}",
            &deltas,
        );
    }
    match content {
        _ if refusal => ping(&mut sse),
        Content::Text(text) => {
            let deltas: Vec<(&str, &str)> = split_pieces(text, ctx.sc.chunks)
                .into_iter()
                .map(|p| ("text_delta", p))
                .collect();
            block(
                &mut sse,
                content_index,
                "{\"type\":\"text\",\"text\":\"\"}",
                &deltas,
            );
        }
        Content::Tools(calls) => {
            for (i, call) in calls.iter().enumerate() {
                let mut start = String::with_capacity(96);
                start.push_str("{\"type\":\"tool_use\",\"id\":");
                push_tool_id(&mut start, ctx, i);
                start.push_str(",\"name\":");
                push_json_str(&mut start, &call.name);
                start.push_str(",\"input\":{}}");
                let [first, second] = call.fragments();
                let deltas = [
                    ("input_json_delta", ""),
                    ("input_json_delta", first),
                    ("input_json_delta", second),
                ];
                block(&mut sse, content_index + i, &start, &deltas);
            }
        }
    }
    if ctx.midstream_error() {
        sse.begin(Some("error"));
        sse.buf.push_str(MIDSTREAM_ERROR);
        sse.end(false);
        return Reply::events(sse, true);
    }
    sse.begin(Some("message_delta"));
    sse.buf
        .push_str("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":");
    push_json_str(&mut sse.buf, stop_reason);
    sse.buf.push_str(",\"stop_sequence\":null}");
    if ctx.sc.usage {
        sse.buf.push_str(",\"usage\":{\"output_tokens\":");
        let out = if refusal {
            1
        } else {
            content.output_tokens(ctx.sc.chunks)
        };
        push_num(&mut sse.buf, out);
        sse.buf.push('}');
    }
    sse.buf.push('}');
    sse.end(false);
    sse.begin(Some("message_stop"));
    sse.buf.push_str("{\"type\":\"message_stop\"}");
    sse.end(false);
    Reply::events(sse, false)
}

fn ping(sse: &mut Sse) {
    sse.begin(Some("ping"));
    sse.buf.push_str("{\"type\": \"ping\"}");
    sse.end(false);
}
