//! OpenAI chat request -> Ollama `/api/chat` body, as litellm 1.109.1 sends it: sampling
//! parameters under `options`, `format` for JSON mode, images as raw base64 beside the text,
//! tool arguments as objects, and Ollama's own settings (`keep_alive`, `think`, any other
//! option such as `num_ctx`) passed through.

use serde_json::{json, Map, Value};

use crate::error::{ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::providers::contract::{bearer, json_post, Credentials};
use crate::providers::params::is_openai_param;
use crate::types::ChatRequest;

pub const SUPPORTED_PARAMS: &[&str] = &[
    "max_tokens",
    "max_completion_tokens",
    "top_p",
    "temperature",
    "seed",
    "frequency_penalty",
    "stop",
    "tools",
    "tool_choice",
    "functions",
    "response_format",
    "reasoning_effort",
    "stream_options",
];

/// Ollama settings that sit beside `options` rather than inside it.
const TOP_LEVEL: &[&str] = &["keep_alive", "think", "format"];

fn bad(msg: impl Into<String>) -> LlmError {
    LlmError::new(ErrorKind::BadRequestError, msg).with_status(400)
}

pub fn build_http(req: &ChatRequest, creds: &Credentials) -> Result<HttpRequest> {
    let body = build_body(req)?;
    let headers = vec![("content-type".to_string(), "application/json".to_string())];
    let url = format!("{}/api/chat", creds.api_base.trim_end_matches('/'));
    json_post(url, &body, headers, bearer(creds), creds)
}

pub fn build_body(req: &ChatRequest) -> Result<Value> {
    let mut messages = Vec::with_capacity(req.messages.len());
    for (i, m) in req.messages.iter().enumerate() {
        messages.push(message(m, i)?);
    }
    let mut options = Map::new();
    let mut body = Map::new();
    body.insert("model".into(), json!(req.model));
    body.insert("messages".into(), Value::Array(messages));
    for (openai, ollama) in [
        ("temperature", "temperature"),
        ("top_p", "top_p"),
        ("seed", "seed"),
        ("frequency_penalty", "repeat_penalty"),
    ] {
        if let Some(v) = req.param(openai) {
            options.insert(ollama.into(), v.clone());
        }
    }
    match req.param("stop") {
        Some(Value::String(s)) => {
            options.insert("stop".into(), json!([s]));
        }
        Some(v @ Value::Array(_)) => {
            options.insert("stop".into(), v.clone());
        }
        _ => {}
    }
    if let Some(n) = req.max_output_tokens() {
        options.insert("num_predict".into(), json!(n));
    }
    // Anything else the caller passed that is not an OpenAI parameter is one of Ollama's.
    for (k, v) in &req.params {
        if v.is_null() || is_openai_param(k) || k == "functions" {
            continue;
        }
        if TOP_LEVEL.contains(&k.as_str()) {
            body.insert(k.clone(), v.clone());
        } else if k == "options" {
            if let Some(o) = v.as_object() {
                options.extend(o.clone());
            }
        } else {
            options.insert(k.clone(), v.clone());
        }
    }
    body.insert("options".into(), Value::Object(options));
    body.insert("stream".into(), json!(req.stream));
    if let Some(tools) = req
        .param("tools")
        .or_else(|| req.param("functions"))
        .and_then(Value::as_array)
        .filter(|t| !t.is_empty())
    {
        let tools: Vec<Value> = tools
            .iter()
            .map(|t| match t.get("function") {
                Some(_) => t.clone(),
                None => json!({"type": "function", "function": t}),
            })
            .collect();
        body.insert("tools".into(), json!(tools));
    }
    if let Some(rf) = req.param("response_format") {
        match rf.get("type").and_then(Value::as_str) {
            Some("json_object") => {
                body.insert("format".into(), json!("json"));
            }
            Some("json_schema") => {
                if let Some(s) = rf.get("json_schema").and_then(|j| j.get("schema")) {
                    body.insert("format".into(), s.clone());
                }
            }
            Some("text") => {}
            _ => return Err(bad(format!("response_format {rf} is not one Ollama takes"))),
        }
    }
    if req.param("reasoning_effort").is_some() {
        body.insert("think".into(), json!(true));
    }
    for (k, v) in &req.extra_body {
        body.insert(k.clone(), v.clone());
    }
    Ok(Value::Object(body))
}

/// One message: text joined, images as raw base64, tool calls with object arguments.
fn message(m: &Value, i: usize) -> Result<Value> {
    let role = m
        .get("role")
        .and_then(Value::as_str)
        .ok_or_else(|| bad(format!("message {i} has no role")))?;
    let role = if role == "developer" { "system" } else { role };
    let mut text = String::new();
    let mut images = Vec::new();
    match m.get("content") {
        Some(Value::String(s)) => text.push_str(s),
        Some(Value::Array(parts)) => {
            for p in parts {
                match p.get("type").and_then(Value::as_str) {
                    Some("text") => {
                        text.push_str(p.get("text").and_then(Value::as_str).unwrap_or(""))
                    }
                    Some("image_url") => images.push(image(p, i)?),
                    other => {
                        return Err(bad(format!(
                            "message {i}: content part {other:?} is not supported for Ollama"
                        )))
                    }
                }
            }
        }
        _ => {}
    }
    let mut out = json!({"role": role, "content": text, "images": images});
    if let Some(calls) = m
        .get("tool_calls")
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty())
    {
        let mut sent = Vec::with_capacity(calls.len());
        for c in calls {
            let f = c.get("function").unwrap_or(&Value::Null);
            let name = f.get("name").and_then(Value::as_str).unwrap_or("");
            let args = match f.get("arguments") {
                Some(Value::String(s)) if s.trim().is_empty() => json!({}),
                Some(Value::String(s)) => serde_json::from_str(s).map_err(|e| {
                    bad(format!(
                        "message {i}: tool call {name:?} has arguments that are not JSON ({e})"
                    ))
                })?,
                Some(v) => v.clone(),
                None => json!({}),
            };
            let mut call = json!({"function": {"name": name, "arguments": args}});
            if let Some(id) = c.get("id").filter(|v| !v.is_null()) {
                call = json!({"id": id, "function": call["function"]});
            }
            sent.push(call);
        }
        out["tool_calls"] = json!(sent);
    }
    if role == "tool" {
        if let Some(id) = m.get("tool_call_id").filter(|v| !v.is_null()) {
            out["tool_call_id"] = id.clone();
        }
    }
    Ok(out)
}

/// A data URL's base64 payload (Ollama takes raw base64); other URLs are not fetched.
fn image(part: &Value, i: usize) -> Result<Value> {
    let url = match part.get("image_url") {
        Some(Value::String(u)) => u.as_str(),
        Some(o) => o.get("url").and_then(Value::as_str).unwrap_or(""),
        None => "",
    };
    match url
        .strip_prefix("data:")
        .and_then(|r| r.split_once(";base64,"))
    {
        Some((_, data)) => Ok(json!(data)),
        None => Err(bad(format!(
            "message {i}: Ollama takes images as data URLs (data:image/png;base64,...); \
             ferrolite does not download {url:?} to inline it yet"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_as_litellm_sends_it() {
        let req = ChatRequest {
            model: "llama3.2".into(),
            messages: vec![
                json!({"role": "user", "content": [
                    {"type": "text", "text": "What?"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}),
                json!({"role": "assistant", "content": null, "tool_calls": [
                    {"id": "c1", "type": "function",
                     "function": {"name": "f", "arguments": "{\"city\": \"Paris\"}"}}]}),
                json!({"role": "tool", "tool_call_id": "c1", "content": "sunny"}),
            ],
            params: json!({"temperature": 0.1, "max_tokens": 5, "stop": "x",
                           "response_format": {"type": "json_object"},
                           "keep_alive": "5m", "num_ctx": 2048})
            .as_object()
            .cloned()
            .unwrap(),
            ..ChatRequest::default()
        };
        let b = build_body(&req).unwrap();
        assert_eq!(
            b["messages"],
            json!([
                {"role": "user", "content": "What?", "images": ["AAAA"]},
                {"role": "assistant", "content": "", "images": [],
                 "tool_calls": [{"id": "c1", "function": {"name": "f", "arguments": {"city": "Paris"}}}]},
                {"role": "tool", "content": "sunny", "images": [], "tool_call_id": "c1"}
            ])
        );
        assert_eq!(
            b["options"],
            json!({"temperature": 0.1, "stop": ["x"], "num_predict": 5, "num_ctx": 2048})
        );
        assert_eq!(b["format"], "json");
        assert_eq!(b["keep_alive"], "5m");
        assert_eq!(b["stream"], false);
    }
}
