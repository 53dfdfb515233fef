//! Cohere v2 chat wire format (`POST .../v2/chat`): bearer-key and body validation with
//! Cohere's `{"message": ...}` error bodies, non-stream replies and its typed SSE events
//! (`message-start` ... `message-end`, then `data: [DONE]`).

use serde_json::{json, Value};

use crate::reply::{split_pieces, to_vec, Content, Ctx, Reply, Sse};
use crate::scenario::ErrorKind;

fn error(status: u16, message: &str) -> Reply {
    Reply::json(
        status,
        to_vec(&json!({ "id": "err-mock", "message": message })),
    )
}

fn status_error(status: u16, model: &str) -> Reply {
    match status {
        400 => error(400, "invalid request: message must be at least 1 token long or tool results must be specified."),
        401 => error(401, "invalid api token"),
        402 => error(402, "Please add or update your payment method"),
        404 => error(404, &format!("model '{model}' not found, make sure the correct model ID was used and that you have access to the model.")),
        422 => error(422, "invalid request: one of the messages is invalid"),
        429 => error(429, "You are using a Trial key, which is limited to 10 API calls / minute."),
        498 => error(498, "invalid api token"),
        s => error(s, "internal server error, this has been reported to our developers"),
    }
}

pub fn chat(ctx: &Ctx) -> Reply {
    let model = ctx.model().unwrap_or("command-r");
    if ctx
        .req
        .header("authorization")
        .is_none_or(|a| !a.starts_with("Bearer "))
    {
        return error(401, "no api key supplied");
    }
    let mut malformed = false;
    if let Some(kind) = ctx.error() {
        match kind {
            ErrorKind::Context => {
                return error(
                    ctx.sc.status.unwrap_or(400),
                    "invalid request: prompt too long: 136012 tokens > 128000 maximum",
                )
            }
            ErrorKind::Html => return Reply::html(ctx.sc.status.unwrap_or(502)),
            ErrorKind::Empty => return Reply::json(200, Vec::new()),
            ErrorKind::Malformed => malformed = true,
            ErrorKind::Quota | ErrorKind::ContentPolicy => {}
        }
    }
    if let Some(status) = ctx.status() {
        return status_error(status, model);
    }
    let Some(body) = ctx.json.filter(|j| j.is_object()) else {
        return error(
            400,
            "invalid request: could not parse the request body as JSON",
        );
    };
    if body
        .get("model")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return error(400, "invalid request: model must be specified");
    }
    let Some(messages) = body.get("messages").and_then(Value::as_array) else {
        return error(400, "invalid request: messages must be specified");
    };
    for (i, m) in messages.iter().enumerate() {
        match m.get("role").and_then(Value::as_str) {
            Some("system" | "user" | "assistant" | "tool") => {}
            _ => {
                return error(
                    400,
                    &format!("invalid request: messages[{i}]: invalid role"),
                )
            }
        }
        if m.get("role").and_then(Value::as_str) == Some("tool") && m.get("tool_call_id").is_none()
        {
            return error(
                400,
                &format!("invalid request: messages[{i}]: tool_call_id is required"),
            );
        }
    }
    // Cohere's tools are OpenAI's shape, which the shared reply builder reads already.
    let content = ctx.content();
    let finish = match (&ctx.sc.finish, &content) {
        (Some(f), _) => f.clone(),
        (None, Content::Tools(_)) => "TOOL_CALL".into(),
        (None, Content::Text(_)) => "COMPLETE".into(),
    };
    let input: u64 = messages
        .iter()
        .filter_map(|m| m.get("content").and_then(Value::as_str))
        .map(|s| s.split_whitespace().count() as u64)
        .sum::<u64>()
        .max(1);
    let output = content.output_tokens(ctx.sc.chunks);
    let usage = json!({"billed_units": {"input_tokens": input, "output_tokens": output},
                       "tokens": {"input_tokens": input + 10, "output_tokens": output},
                       "cached_tokens": ctx.sc.cache_read});
    let id = format!("mock-{}", ctx.n);
    let stream = body.get("stream").and_then(Value::as_bool).unwrap_or(false);
    if !stream {
        if malformed {
            return Reply::json(200, b"{\"id\":\"x\",\"message\":{\"role\":\"assis".to_vec());
        }
        let mut message = json!({"role": "assistant"});
        match &content {
            Content::Text(t) => message["content"] = json!([{"type": "text", "text": t}]),
            Content::Tools(calls) => {
                message["tool_plan"] = json!("I will look up the weather.");
                message["tool_calls"] = json!(calls
                    .iter()
                    .enumerate()
                    .map(
                        |(i, c)| json!({"id": format!("{}_{i}", c.name), "type": "function",
                                         "function": {"name": c.name, "arguments": c.arguments()}})
                    )
                    .collect::<Vec<_>>());
            }
        }
        return Reply::json(
            200,
            to_vec(&json!({"id": id, "finish_reason": finish, "message": message, "usage": usage})),
        );
    }
    let mut sse = Sse::new(false, 512 + ctx.sc.chunks * 200);
    let event = |sse: &mut Sse, kind: &str, data: Value, content: bool| {
        sse.begin(Some(kind));
        sse.buf.push_str(&String::from_utf8_lossy(&to_vec(&data)));
        sse.end(content);
    };
    event(
        &mut sse,
        "message-start",
        json!({"id": id, "type": "message-start",
        "delta": {"message": {"role": "assistant", "content": [], "tool_plan": "", "tool_calls": []}}}),
        false,
    );
    if malformed {
        sse.begin(Some("content-delta"));
        sse.buf
            .push_str("{\"type\":\"content-delta\",\"delta\":{\"mess");
        sse.end(false);
    }
    match &content {
        Content::Text(t) => {
            event(
                &mut sse,
                "content-start",
                json!({"type": "content-start", "index": 0,
                "delta": {"message": {"content": {"type": "text", "text": ""}}}}),
                false,
            );
            for piece in split_pieces(t, ctx.sc.chunks) {
                event(
                    &mut sse,
                    "content-delta",
                    json!({"type": "content-delta", "index": 0,
                    "delta": {"message": {"content": {"text": piece}}}}),
                    true,
                );
            }
            event(
                &mut sse,
                "content-end",
                json!({"type": "content-end", "index": 0}),
                false,
            );
        }
        Content::Tools(calls) => {
            event(
                &mut sse,
                "tool-plan-delta",
                json!({"type": "tool-plan-delta",
                "delta": {"message": {"tool_plan": "I will look up the weather."}}}),
                true,
            );
            for (i, c) in calls.iter().enumerate() {
                event(
                    &mut sse,
                    "tool-call-start",
                    json!({"type": "tool-call-start", "index": i,
                    "delta": {"message": {"tool_calls": {"id": format!("{}_{i}", c.name), "type": "function",
                        "function": {"name": c.name, "arguments": ""}}}}}),
                    true,
                );
                for frag in c.fragments() {
                    event(
                        &mut sse,
                        "tool-call-delta",
                        json!({"type": "tool-call-delta", "index": i,
                        "delta": {"message": {"tool_calls": {"function": {"arguments": frag}}}}}),
                        true,
                    );
                }
                event(
                    &mut sse,
                    "tool-call-end",
                    json!({"type": "tool-call-end", "index": i}),
                    false,
                );
            }
        }
    }
    if ctx.midstream_error() {
        event(
            &mut sse,
            "message-end",
            json!({"type": "message-end", "id": id,
            "delta": {"finish_reason": "ERROR", "error": "internal server error"}}),
            false,
        );
        return Reply::events(sse, true);
    }
    event(
        &mut sse,
        "message-end",
        json!({"type": "message-end", "id": id,
        "delta": {"finish_reason": finish, "usage": usage}}),
        false,
    );
    sse.begin(None);
    sse.buf.push_str("[DONE]");
    sse.end(false);
    Reply::events(sse, false)
}

/// `POST .../v1/embed` (`embeddings_floats`) or `.../v2/embed` with `embedding_types`
/// (`embeddings_by_type`).
pub fn embed(ctx: &Ctx) -> Reply {
    let model = ctx.model().unwrap_or("embed-english-v3.0");
    if ctx
        .req
        .header("authorization")
        .is_none_or(|a| !a.starts_with("Bearer "))
    {
        return error(401, "no api key supplied");
    }
    if let Some(status) = ctx.status() {
        return status_error(status, model);
    }
    let Some(body) = ctx.json.filter(|j| j.is_object()) else {
        return error(
            400,
            "invalid request: could not parse the request body as JSON",
        );
    };
    let Some(texts) = body.get("texts").and_then(Value::as_array) else {
        return error(400, "invalid request: texts must be specified");
    };
    let vectors: Vec<Vec<f64>> = (0..texts.len())
        .map(|i| (0..4).map(|j| ((i + 1) * (j + 1)) as f64 / 100.0).collect())
        .collect();
    let tokens: u64 = texts
        .iter()
        .filter_map(Value::as_str)
        .map(|t| t.split_whitespace().count() as u64)
        .sum();
    let by_type = body.get("embedding_types").is_some();
    let embeddings = if by_type {
        json!({ "float": vectors })
    } else {
        json!(vectors)
    };
    Reply::json(
        200,
        to_vec(&json!({
            "id": format!("emb-mock-{}", ctx.n),
            "texts": texts,
            "embeddings": embeddings,
            "meta": {"api_version": {"version": "1"}, "billed_units": {"input_tokens": tokens}},
            "response_type": if by_type { "embeddings_by_type" } else { "embeddings_floats" },
        })),
    )
}
