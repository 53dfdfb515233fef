//! Ollama's native API (`POST /api/chat`, `POST /api/embed`): body validation as Ollama answers
//! it (`{"error": "..."}`), non-stream replies and NDJSON streams (streaming is Ollama's
//! default when the body does not say `"stream": false`).

use serde_json::{json, Value};

use crate::reply::{split_pieces, to_vec, Content, Ctx, Reply, Sse};
use crate::scenario::ErrorKind;

const CREATED_AT: &str = "2023-11-14T22:13:20.000000Z";
pub const THINKING: &str = "Let me think about this.";

fn error(status: u16, message: &str) -> Reply {
    Reply::json(status, to_vec(&json!({ "error": message })))
}

fn status_error(status: u16, model: &str) -> Reply {
    match status {
        404 => error(
            404,
            &format!("model \"{model}\" not found, try pulling it first"),
        ),
        400 => error(400, "invalid request"),
        401 => error(401, "unauthorized"),
        403 => error(403, "forbidden"),
        429 => error(429, "too many requests"),
        s => error(s, "an internal error occurred"),
    }
}

pub fn chat(ctx: &Ctx) -> Reply {
    let model = ctx.model().unwrap_or("llama3.2");
    let mut body_check = None;
    if let Some(kind) = ctx.error() {
        match kind {
            ErrorKind::Context => {
                return error(
                    ctx.sc.status.unwrap_or(400),
                    "the input length exceeds the context length",
                )
            }
            ErrorKind::Html => return Reply::html(ctx.sc.status.unwrap_or(502)),
            ErrorKind::Empty => return Reply::json(200, Vec::new()),
            ErrorKind::Malformed => body_check = Some(()),
            ErrorKind::Quota | ErrorKind::ContentPolicy => {}
        }
    }
    if let Some(status) = ctx.status() {
        return status_error(status, model);
    }
    let Some(body) = ctx.json.filter(|j| j.is_object()) else {
        return error(400, "invalid character 'x' looking for beginning of value");
    };
    if body
        .get("model")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return error(400, "model is required");
    }
    let Some(messages) = body.get("messages").and_then(Value::as_array) else {
        return error(400, "messages is required");
    };
    for m in messages {
        match m.get("role").and_then(Value::as_str) {
            Some("system" | "user" | "assistant" | "tool") => {}
            _ => return error(400, "invalid role"),
        }
        if let Some(c) = m.get("content") {
            if !c.is_string() {
                return error(400, "json: cannot unmarshal array into Go struct field Message.messages.content of type string");
            }
        }
        for img in m
            .get("images")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if img.as_str().is_none_or(|s| s.starts_with("data:")) {
                return error(400, "illegal base64 data at input byte 4");
            }
        }
        for c in m
            .get("tool_calls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !c
                .get("function")
                .and_then(|f| f.get("arguments"))
                .is_some_and(Value::is_object)
            {
                return error(400, "json: cannot unmarshal string into Go struct field ToolCallFunction.messages.tool_calls.function.arguments of type api.ToolCallFunctionArguments");
            }
        }
    }
    let content = content(ctx, body);
    let stream = body.get("stream").and_then(Value::as_bool).unwrap_or(true);
    let prompt = prompt_tokens(messages);
    let out = content.output_tokens(ctx.sc.chunks);
    if !stream {
        if body_check.is_some() {
            return Reply::json(
                200,
                b"{\"model\":\"llama3.2\",\"message\":{\"role\":\"assis".to_vec(),
            );
        }
        let mut reply = line(model, message(ctx, &content, None), true);
        reply["prompt_eval_count"] = json!(prompt);
        reply["eval_count"] = json!(out);
        return Reply::json(200, to_vec(&reply));
    }
    let mut lines = Sse::new(false, 256 + ctx.sc.chunks * 160);
    if ctx.sc.thinking {
        let mut msg = json!({"role": "assistant", "content": ""});
        msg["thinking"] = json!(THINKING);
        lines.line(&to_text(&line(model, msg, false)), true);
    }
    if body_check.is_some() {
        lines.line(
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assis",
            false,
        );
    }
    match &content {
        Content::Text(t) => {
            for piece in split_pieces(t, ctx.sc.chunks) {
                let msg = json!({"role": "assistant", "content": piece});
                lines.line(&to_text(&line(model, msg, false)), true);
            }
        }
        Content::Tools(_) => {
            let msg = message(ctx, &content, Some(""));
            lines.line(&to_text(&line(model, msg, false)), true);
        }
    }
    if ctx.midstream_error() {
        lines.line(
            "{\"error\":\"an error was encountered while running the model\"}",
            false,
        );
        return Reply::ndjson(lines, true);
    }
    let mut last = line(model, json!({"role": "assistant", "content": ""}), true);
    last["prompt_eval_count"] = json!(prompt);
    last["eval_count"] = json!(out);
    lines.line(&to_text(&last), false);
    Reply::ndjson(lines, false)
}

fn to_text(v: &Value) -> String {
    String::from_utf8_lossy(&to_vec(v)).into_owned()
}

fn line(model: &str, message: Value, done: bool) -> Value {
    let mut v = json!({"model": model, "created_at": CREATED_AT, "message": message, "done": done});
    if done {
        v["done_reason"] = json!("stop");
        v["total_duration"] = json!(890_771_750u64);
        v["load_duration"] = json!(707_634_750u64);
        v["prompt_eval_duration"] = json!(91_703_208u64);
        v["eval_duration"] = json!(90_282_125u64);
    }
    v
}

fn message(ctx: &Ctx, content: &Content, text: Option<&str>) -> Value {
    let mut m = json!({"role": "assistant"});
    match content {
        Content::Text(t) => m["content"] = json!(text.unwrap_or(t)),
        Content::Tools(calls) => {
            m["content"] = json!("");
            m["tool_calls"] = json!(calls
                .iter()
                .map(|c| {
                    let args: Value = serde_json::from_str(c.arguments()).unwrap_or(json!({}));
                    json!({"function": {"name": c.name, "arguments": args}})
                })
                .collect::<Vec<_>>());
        }
    }
    if ctx.sc.thinking {
        m["thinking"] = json!(THINKING);
    }
    m
}

fn content(ctx: &Ctx, body: &Value) -> Content {
    let content = ctx.content();
    let Content::Tools(mut calls) = content else {
        return content;
    };
    let names: Vec<String> = body
        .get("tools")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("function")?.get("name")?.as_str().map(str::to_owned))
        .collect();
    for (i, c) in calls.iter_mut().enumerate() {
        if let Some(n) = names.get(i).or_else(|| names.first()) {
            c.name = n.clone();
        }
    }
    Content::Tools(calls)
}

fn prompt_tokens(messages: &[Value]) -> u64 {
    messages
        .iter()
        .filter_map(|m| m.get("content").and_then(Value::as_str))
        .map(|s| s.split_whitespace().count() as u64)
        .sum::<u64>()
        .max(1)
}

/// `POST /api/embed`: one vector per input.
pub fn embed(ctx: &Ctx) -> Reply {
    let model = ctx.model().unwrap_or("nomic-embed-text");
    if let Some(status) = ctx.status() {
        return status_error(status, model);
    }
    let Some(body) = ctx.json.filter(|j| j.is_object()) else {
        return error(400, "invalid request");
    };
    let inputs = match body.get("input") {
        Some(Value::Array(a)) => a.len(),
        Some(Value::String(_)) => 1,
        _ => return error(400, "input is required"),
    };
    let embeddings: Vec<Vec<f64>> = (0..inputs)
        .map(|i| (0..4).map(|j| ((i + 1) * (j + 1)) as f64 / 100.0).collect())
        .collect();
    Reply::json(
        200,
        to_vec(
            &json!({"model": model, "embeddings": embeddings, "total_duration": 1000,
                       "load_duration": 100, "prompt_eval_count": inputs * 2}),
        ),
    )
}
