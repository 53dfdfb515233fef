//! OpenAI chat request -> Gemini `generateContent` body, as litellm 1.109.1 sends it (its mix of
//! snake_case and camelCase keys included: Google's parser accepts both).

use serde_json::{json, Map, Value};

use crate::error::{ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::providers::contract::{json_post, Credentials};
use crate::types::ChatRequest;

pub const DEFAULT_API_BASE: &str = "https://generativelanguage.googleapis.com/v1beta";
/// Gemini 3 and later models are served on the alpha surface by default.
const ALPHA_API_BASE: &str = "https://generativelanguage.googleapis.com/v1alpha";

/// The OpenAI parameters the adapter maps (litellm's recorded lists take precedence).
pub const SUPPORTED_PARAMS: &[&str] = &[
    "temperature",
    "top_p",
    "max_tokens",
    "max_completion_tokens",
    "tools",
    "tool_choice",
    "functions",
    "response_format",
    "n",
    "stop",
    "logprobs",
    "frequency_penalty",
    "presence_penalty",
    "seed",
    "modalities",
    "parallel_tool_calls",
    "web_search_options",
    "reasoning_effort",
    "thinking",
    "stream_options",
];

fn bad(msg: impl Into<String>) -> LlmError {
    LlmError::new(ErrorKind::BadRequestError, msg).with_status(400)
}

/// litellm's test for "Gemini 3 or newer": every model name that is not a 1.x/2.x/exp/
/// pro/flash (non-latest) Gemini, a Gemma, or digits only.
pub fn is_gemini_3_or_newer(model: &str) -> bool {
    let name = model
        .rsplit('/')
        .next()
        .unwrap_or(model)
        .to_ascii_lowercase();
    if name.chars().all(|c| c.is_ascii_digit()) || name.starts_with("gemma-") {
        return false;
    }
    let Some(rest) = name.strip_prefix("gemini-") else {
        return true;
    };
    let (head, tail) = rest.split_once('-').unwrap_or((rest, ""));
    let old_version = head.starts_with(['1', '2'])
        && head[1..].strip_prefix('.').map_or(head.len() == 1, |d| {
            !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())
        });
    let latest = tail == "latest" || tail == "lite-latest";
    let old = old_version || head == "exp" || (matches!(head, "pro" | "flash") && !latest);
    !old
}

/// The base URL when the caller gave none.
pub fn default_base(model: &str) -> &'static str {
    if is_gemini_3_or_newer(model) {
        ALPHA_API_BASE
    } else {
        DEFAULT_API_BASE
    }
}

pub fn build_http(req: &ChatRequest, creds: &Credentials) -> Result<HttpRequest> {
    let body = build_body(req)?;
    let method = if req.stream {
        "streamGenerateContent"
    } else {
        "generateContent"
    };
    // Gemini 3 and later are served on the v1alpha surface when the caller names no base.
    let base = if creds.api_base == DEFAULT_API_BASE {
        default_base(&req.model)
    } else {
        creds.api_base.trim_end_matches('/')
    };
    let mut url = format!("{base}/models/{}:{method}", req.model);
    if req.stream {
        url.push_str(if url.contains('?') {
            "&alt=sse"
        } else {
            "?alt=sse"
        });
    }
    let headers = vec![("content-type".to_string(), "application/json".to_string())];
    json_post(url, &body, headers, key_header(creds), creds)
}

/// The key goes in a header, never the URL, so it stays out of logs and tracebacks.
pub fn key_header(creds: &Credentials) -> Option<(&'static str, String)> {
    creds.api_key.clone().map(|k| ("x-goog-api-key", k))
}

pub fn build_body(req: &ChatRequest) -> Result<Value> {
    let mut body = Map::new();
    let (system, contents) = contents(&req.messages)?;
    body.insert("contents".into(), Value::Array(contents));
    if !system.is_empty() {
        body.insert("system_instruction".into(), json!({ "parts": system }));
    }
    if let Some(tools) = tools(req)? {
        body.insert("tools".into(), tools);
    }
    if let Some(tc) = req.param("tool_choice") {
        body.insert(
            "toolConfig".into(),
            json!({ "functionCallingConfig": tool_choice(tc)? }),
        );
    }
    let config = generation_config(req)?;
    if let Some(s) = req.params.get("safety_settings").filter(|v| !v.is_null()) {
        body.insert("safetySettings".into(), s.clone());
    }
    if let Some(c) = req.params.get("cached_content").filter(|v| !v.is_null()) {
        body.insert("cachedContent".into(), c.clone());
    }
    if !config.is_empty() {
        body.insert("generationConfig".into(), Value::Object(config));
    }
    for (k, v) in &req.extra_body {
        body.insert(k.clone(), v.clone());
    }
    Ok(Value::Object(body))
}

/// System text parts, and the turns: consecutive user messages merged into one `user` turn,
/// consecutive assistant messages into one `model` turn, consecutive tool results into one
/// `user` turn of their own.
fn contents(messages: &[Value]) -> Result<(Vec<Value>, Vec<Value>)> {
    let mut system = Vec::new();
    let mut turns: Vec<Value> = Vec::new();
    // (role, parts, is a tool-results turn)
    let mut open: Option<(&'static str, Vec<Value>, bool)> = None;
    let close = |open: &mut Option<(&'static str, Vec<Value>, bool)>, turns: &mut Vec<Value>| {
        if let Some((role, mut parts, tools)) = open.take() {
            if role == "user" && !tools && !parts.iter().any(|p| p.get("text").is_some()) {
                parts.push(json!({"text": " "}));
            }
            turns.push(json!({"role": role, "parts": parts}));
        }
    };
    for (i, m) in messages.iter().enumerate() {
        let role = m.get("role").and_then(Value::as_str).unwrap_or("");
        match role {
            "system" | "developer" => system.push(json!({"text": system_text(m.get("content"))})),
            "user" | "assistant" | "tool" | "function" => {
                let (turn_role, tools) = match role {
                    "user" => ("user", false),
                    "assistant" => ("model", false),
                    _ => ("user", true),
                };
                let same = open
                    .as_ref()
                    .is_some_and(|(r, _, t)| *r == turn_role && *t == tools);
                if !same {
                    close(&mut open, &mut turns);
                    open = Some((turn_role, Vec::new(), tools));
                }
                if let Some((_, parts, _)) = open.as_mut() {
                    match role {
                        "user" => user_parts(m, parts)?,
                        "assistant" => model_parts(m, parts)?,
                        _ => parts.push(function_response(m, &messages[..i])?),
                    }
                }
            }
            other => {
                return Err(bad(format!(
                    "Invalid message passed: role {other:?} of message {i} is not one Gemini \
                     takes (system, user, assistant, tool)"
                )))
            }
        }
    }
    close(&mut open, &mut turns);
    if turns.is_empty() {
        turns.push(json!({"role": "user", "parts": [{"text": " "}]}));
    }
    Ok((system, turns))
}

fn system_text(content: Option<&Value>) -> String {
    match content {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.get("text").and_then(Value::as_str))
            .collect(),
        _ => String::new(),
    }
}

fn user_parts(m: &Value, parts: &mut Vec<Value>) -> Result<()> {
    match m.get("content") {
        Some(Value::String(s)) => parts.push(json!({ "text": s })),
        Some(Value::Array(items)) => {
            for item in items {
                match item.get("type").and_then(Value::as_str) {
                    Some("text") => {
                        let t = item.get("text").and_then(Value::as_str).unwrap_or("");
                        if !t.is_empty() {
                            parts.push(json!({ "text": t }));
                        }
                    }
                    Some("image_url") => parts.push(media_part(item)?),
                    Some(other) => {
                        return Err(bad(format!(
                            "content part type {other:?} is not supported for Gemini in ferrolite"
                        )))
                    }
                    None => return Err(bad("a content part without a type")),
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// `image_url` -> `inline_data` (data URL) or `file_data` (`gs://`, Files API URIs). Other
/// URLs, which litellm downloads and inlines, are refused with a clear error.
fn media_part(item: &Value) -> Result<Value> {
    let url = match item.get("image_url") {
        Some(Value::String(u)) => u.as_str(),
        Some(o) => o.get("url").and_then(Value::as_str).unwrap_or(""),
        None => "",
    };
    if let Some(rest) = url.strip_prefix("data:") {
        let (mime, data) = rest
            .split_once(";base64,")
            .ok_or_else(|| bad("an image data URL must be data:<mime>;base64,<data>"))?;
        return Ok(json!({"inline_data": {"data": data, "mime_type": mime}}));
    }
    if url.starts_with("gs://") || url.contains("generativelanguage.googleapis.com/") {
        let mime = item
            .get("image_url")
            .and_then(|o| o.get("format"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| mime_from_extension(url).to_string());
        return Ok(json!({"file_data": {"mime_type": mime, "file_uri": url}}));
    }
    Err(bad(format!(
        "Gemini takes images as data URLs (data:image/png;base64,...) or gs:// / Files API URIs; \
         ferrolite does not download {url:?} to inline it yet"
    )))
}

fn mime_from_extension(url: &str) -> &'static str {
    let ext = url.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        _ => "application/octet-stream",
    }
}

fn model_parts(m: &Value, parts: &mut Vec<Value>) -> Result<()> {
    if let Some(r) = m.get("reasoning_content").and_then(Value::as_str) {
        parts.push(json!({"thought": true, "text": r}));
    }
    match m.get("content") {
        Some(Value::String(s)) => parts.push(json!({ "text": s })),
        Some(Value::Array(items)) => {
            for item in items {
                if let Some(t) = item.get("text").and_then(Value::as_str) {
                    parts.push(json!({ "text": t }));
                }
            }
        }
        _ => {}
    }
    let calls = m.get("tool_calls").and_then(Value::as_array);
    for call in calls.into_iter().flatten() {
        let f = call.get("function").unwrap_or(&Value::Null);
        parts.push(function_call(f)?);
    }
    if let Some(f) = m.get("function_call").filter(|f| f.is_object()) {
        parts.push(function_call(f)?);
    }
    Ok(())
}

/// `{"function_call": {"name", "args"}}`; empty arguments become `{"type": "object"}`, as
/// litellm sends them.
fn function_call(f: &Value) -> Result<Value> {
    let name = f.get("name").and_then(Value::as_str).unwrap_or("");
    let args = match f.get("arguments") {
        Some(Value::String(s)) if s.trim().is_empty() => json!({"type": "object"}),
        Some(Value::String(s)) => serde_json::from_str(s).map_err(|e| {
            bad(format!(
                "tool call {name:?}: its arguments are not valid JSON ({e})"
            ))
        })?,
        Some(v @ Value::Object(_)) => v.clone(),
        _ => json!({"type": "object"}),
    };
    Ok(json!({"function_call": {"name": name, "args": args}}))
}

/// A tool result: `{"function_response": {"name", "response"}}`, named after the call it
/// answers (Gemini matches results by function name); the content is sent as it is when it
/// is a JSON object, else as `{"content": <text>}`.
fn function_response(m: &Value, before: &[Value]) -> Result<Value> {
    let id = m.get("tool_call_id").and_then(Value::as_str);
    let from_call = id.and_then(|id| {
        before.iter().rev().find_map(|prev| {
            prev.get("tool_calls")
                .and_then(Value::as_array)?
                .iter()
                .find(|c| c.get("id").and_then(Value::as_str) == Some(id))
                .and_then(|c| c.get("function")?.get("name")?.as_str())
        })
    });
    let name = from_call
        .or_else(|| m.get("name").and_then(Value::as_str))
        .ok_or_else(|| {
            bad(format!(
                "Missing corresponding tool call for tool response message (tool_call_id {:?}): \
                 Gemini needs the function's name",
                id.unwrap_or("")
            ))
        })?;
    let text = match m.get("content") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.get("text").and_then(Value::as_str))
            .collect(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let trimmed = text.trim_start();
    let response = if trimmed.starts_with('{') {
        match serde_json::from_str::<Value>(&text) {
            Ok(v @ Value::Object(_)) => v,
            _ => json!({ "content": text }),
        }
    } else {
        json!({ "content": text })
    };
    Ok(json!({"function_response": {"name": name, "response": response}}))
}

/// Every function in one tool (`function_declarations`), schemas without the keys Gemini
/// rejects (`strict`, `additionalProperties: false`, `$schema`).
fn tools(req: &ChatRequest) -> Result<Option<Value>> {
    let list = req
        .param("tools")
        .or_else(|| req.param("functions"))
        .and_then(Value::as_array);
    let Some(list) = list.filter(|l| !l.is_empty()) else {
        return Ok(None);
    };
    let mut decls = Vec::new();
    for t in list {
        let f = t.get("function").unwrap_or(t);
        let name = f
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("a tool without a function name"))?;
        let mut d = json!({ "name": name });
        if let Some(desc) = f.get("description").filter(|v| !v.is_null()) {
            d["description"] = desc.clone();
        }
        match f.get("parameters") {
            Some(Value::String(s)) if s.is_empty() => d["parameters"] = json!({"type": "object"}),
            Some(p) if !p.is_null() => d["parameters"] = clean_schema(p),
            _ => {}
        }
        decls.push(d);
    }
    Ok(Some(json!([{ "function_declarations": decls }])))
}

fn clean_schema(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, v)| {
                    !(k.as_str() == "strict"
                        || k.as_str() == "$schema"
                        || (k.as_str() == "additionalProperties" && v == &&Value::Bool(false)))
                })
                .map(|(k, v)| (k.clone(), clean_schema(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(clean_schema).collect()),
        other => other.clone(),
    }
}

fn tool_choice(tc: &Value) -> Result<Value> {
    match tc {
        Value::String(s) => match s.as_str() {
            "none" => Ok(json!({"mode": "NONE"})),
            "required" => Ok(json!({"mode": "ANY"})),
            "auto" => Ok(json!({"mode": "AUTO"})),
            other => Err(unsupported(format!("tool_choice {other:?}"))),
        },
        Value::Object(o) => {
            let name = o
                .get("function")
                .and_then(|f| f.get("name"))
                .and_then(Value::as_str)
                .ok_or_else(|| unsupported(format!("tool_choice {tc}")))?;
            Ok(json!({"mode": "ANY", "allowed_function_names": [name]}))
        }
        _ => Err(unsupported(format!("tool_choice {tc}"))),
    }
}

fn unsupported(what: String) -> LlmError {
    LlmError::new(
        ErrorKind::UnsupportedParamsError,
        format!("gemini does not support {what}. Use tool_choice \"auto\", \"none\", \"required\" or {{\"type\": \"function\", \"function\": {{\"name\": ...}}}}."),
    )
    .with_status(400)
}

/// Gemini 2.0 and later take a full JSON Schema (`response_json_schema`); 1.x the OpenAPI
/// subset (`response_schema`).
fn takes_json_schema(model: &str) -> bool {
    let name = model.rsplit('/').next().unwrap_or(model);
    name.strip_prefix("gemini-")
        .and_then(|r| r.chars().next())
        .is_none_or(|c| c != '1')
}

fn generation_config(req: &ChatRequest) -> Result<Map<String, Value>> {
    let mut g = Map::new();
    let mut put = |k: &str, v: &Value| {
        g.insert(k.to_string(), v.clone());
    };
    for (openai, gemini) in [
        ("temperature", "temperature"),
        ("top_p", "top_p"),
        ("top_k", "top_k"),
        ("n", "candidate_count"),
        ("seed", "seed"),
        ("presence_penalty", "presence_penalty"),
        ("frequency_penalty", "frequency_penalty"),
        ("logprobs", "responseLogprobs"),
    ] {
        if let Some(v) = req.param(openai) {
            put(gemini, v);
        }
    }
    if let Some(n) = req.max_output_tokens() {
        put("max_output_tokens", &json!(n));
    }
    match req.param("stop") {
        Some(Value::String(s)) => put("stop_sequences", &json!([s])),
        Some(v @ Value::Array(_)) => put("stop_sequences", v),
        _ => {}
    }
    if let Some(rf) = req.param("response_format") {
        match rf.get("type").and_then(Value::as_str) {
            Some("json_object") => put("response_mime_type", &json!("application/json")),
            Some("text") => put("response_mime_type", &json!("text/plain")),
            Some("json_schema") => {
                if let Some(schema) = rf.get("json_schema").and_then(|j| j.get("schema")) {
                    put("response_mime_type", &json!("application/json"));
                    let key = if takes_json_schema(&req.model) {
                        "response_json_schema"
                    } else {
                        "response_schema"
                    };
                    put(key, &clean_schema(schema));
                }
            }
            _ => return Err(bad(format!("response_format {rf} is not one Gemini takes"))),
        }
    }
    if let Some(t) = thinking_config(req)? {
        put("thinkingConfig", &t);
    }
    // Gemini's own generation settings passed through by name.
    for key in ["response_mime_type", "response_schema", "thinkingConfig"] {
        if let Some(v) = req.params.get(key).filter(|v| !v.is_null()) {
            put(key, v);
        }
    }
    Ok(g)
}

/// `reasoning_effort` / `thinking` -> `thinkingConfig` (thoughts included, as litellm asks).
fn thinking_config(req: &ChatRequest) -> Result<Option<Value>> {
    if let Some(effort) = req.param("reasoning_effort") {
        let effort = effort
            .as_str()
            .or_else(|| effort.get("effort").and_then(Value::as_str))
            .unwrap_or("");
        if is_gemini_3_or_newer(&req.model) {
            let level = match effort {
                "low" | "medium" | "high" => effort,
                "minimal" | "none" | "disable" => "low",
                other => return Err(bad_effort(other)),
            };
            let include = !matches!(effort, "none" | "disable");
            return Ok(Some(
                json!({"thinkingLevel": level, "includeThoughts": include}),
            ));
        }
        let budget = match effort {
            "minimal" => minimal_budget(&req.model),
            "low" => 1024,
            "medium" => 2048,
            "high" => 4096,
            "none" | "disable" => {
                return Ok(Some(json!({"thinkingBudget": 0, "includeThoughts": false})))
            }
            other => return Err(bad_effort(other)),
        };
        return Ok(Some(
            json!({"thinkingBudget": budget, "includeThoughts": true}),
        ));
    }
    let Some(t) = req.param("thinking") else {
        return Ok(None);
    };
    let enabled = t.get("type").and_then(Value::as_str) == Some("enabled");
    let budget = t.get("budget_tokens").and_then(Value::as_u64);
    Ok(Some(match (enabled, budget) {
        (_, Some(b)) => json!({"includeThoughts": b != 0, "thinkingBudget": b}),
        (true, None) => json!({"includeThoughts": true}),
        (false, None) => json!({}),
    }))
}

fn minimal_budget(model: &str) -> u64 {
    if model.contains("gemini-2.5-flash-lite") {
        512
    } else if model.contains("gemini-2.5-flash") {
        1
    } else {
        128
    }
}

fn bad_effort(effort: &str) -> LlmError {
    LlmError::new(
        ErrorKind::UnsupportedParamsError,
        format!(
            "Invalid `reasoning_effort`: {effort:?}. Use one of minimal, low, medium, high, none."
        ),
    )
    .with_status(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(messages: Value, params: Value) -> ChatRequest {
        ChatRequest {
            model: "gemini-2.5-flash".into(),
            messages: messages.as_array().cloned().unwrap_or_default(),
            params: params.as_object().cloned().unwrap_or_default(),
            ..ChatRequest::default()
        }
    }

    #[test]
    fn system_turns_and_tool_round_trip() {
        let r = req(
            json!([
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Weather in Paris?"},
                {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_1", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]},
                {"role": "tool", "tool_call_id": "call_1", "content": "22C sunny"},
                {"role": "user", "content": "Thanks"}
            ]),
            json!({"tool_choice": "auto", "max_tokens": 10, "stop": "END"}),
        );
        let b = build_body(&r).unwrap();
        assert_eq!(
            b["system_instruction"],
            json!({"parts": [{"text": "Be brief."}]})
        );
        assert_eq!(
            b["contents"],
            json!([
                {"role": "user", "parts": [{"text": "Weather in Paris?"}]},
                {"role": "model", "parts": [{"function_call": {"name": "get_weather", "args": {"city": "Paris"}}}]},
                {"role": "user", "parts": [{"function_response": {"name": "get_weather", "response": {"content": "22C sunny"}}}]},
                {"role": "user", "parts": [{"text": "Thanks"}]}
            ])
        );
        assert_eq!(
            b["toolConfig"],
            json!({"functionCallingConfig": {"mode": "AUTO"}})
        );
        assert_eq!(
            b["generationConfig"],
            json!({"max_output_tokens": 10, "stop_sequences": ["END"]})
        );
    }

    #[test]
    fn images_tools_json_mode_and_thinking() {
        let r = req(
            json!([{"role": "user", "content": [
                {"type": "text", "text": "What is this?"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}]),
            json!({
                "tools": [{"type": "function", "function": {"name": "f", "strict": true,
                    "parameters": {"type": "object", "additionalProperties": false,
                                   "properties": {"x": {"type": "string"}}}}}],
                "response_format": {"type": "json_object"},
                "reasoning_effort": "low"
            }),
        );
        let b = build_body(&r).unwrap();
        assert_eq!(
            b["contents"][0]["parts"][1],
            json!({"inline_data": {"data": "AAAA", "mime_type": "image/png"}})
        );
        assert_eq!(
            b["tools"],
            json!([{"function_declarations": [{"name": "f", "parameters": {"type": "object", "properties": {"x": {"type": "string"}}}}]}])
        );
        assert_eq!(
            b["generationConfig"]["response_mime_type"],
            "application/json"
        );
        assert_eq!(
            b["generationConfig"]["thinkingConfig"],
            json!({"thinkingBudget": 1024, "includeThoughts": true})
        );
    }

    #[test]
    fn refusals_name_the_problem() {
        let r = req(
            json!([{"role": "tool", "tool_call_id": "nope", "content": "x"}]),
            json!({}),
        );
        let e = build_body(&r).unwrap_err();
        assert!(
            e.message.contains("Missing corresponding tool call"),
            "{}",
            e.message
        );
        let r = req(
            json!([{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "https://x/y.png"}}]}]),
            json!({}),
        );
        assert!(build_body(&r).unwrap_err().message.contains("data URLs"));
        let r = req(
            json!([{"role": "user", "content": "x"}]),
            json!({"reasoning_effort": "extreme"}),
        );
        assert_eq!(
            build_body(&r).unwrap_err().kind,
            ErrorKind::UnsupportedParamsError
        );
    }

    #[test]
    fn gemini_3_rule() {
        for (m, new) in [
            ("gemini-2.5-flash", false),
            ("gemini-2.0-flash-001", false),
            ("gemini-1.5-pro", false),
            ("gemini-exp-1206", false),
            ("gemini-pro", false),
            ("gemini-flash-latest", true),
            ("gemini-3-pro-preview", true),
            ("gemma-3-27b-it", false),
            ("learnlm-2.0-flash", true),
        ] {
            assert_eq!(is_gemini_3_or_newer(m), new, "{m}");
        }
    }
}
