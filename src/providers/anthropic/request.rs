//! OpenAI chat request -> Anthropic `POST /v1/messages` request: URL, auth and beta headers,
//! and the body (system hoisting, content blocks, tool history, tools, JSON mode, params).
//! Does not send anything and does not decide retries or timeouts.

use std::collections::HashMap;

use bytes::Bytes;
use reqwest::Method;
use serde_json::{json, Map, Value};

use super::JSON_TOOL_NAME;
use crate::error::{LlmError, Result};
use crate::http::client::HttpRequest;
use crate::providers::contract::Credentials;
use crate::types::ChatRequest;

pub const DEFAULT_API_BASE: &str = "https://api.anthropic.com";
pub const API_VERSION: &str = "2023-06-01";
/// Used when neither the caller nor the model catalog gives a max output.
pub const FALLBACK_MAX_TOKENS: u64 = 4096;
/// Anthropic requires this beta flag for OAuth (`sk-ant-oat...`) bearer tokens.
const OAUTH_BETA: &str = "oauth-2025-04-20";

/// `{base}/v1/messages`, accepting bases that already end in `/v1` or `/v1/messages`.
pub fn messages_url(base: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    let base = if base.is_empty() {
        DEFAULT_API_BASE
    } else {
        base
    };
    if base.ends_with("/v1/messages") {
        base.to_string()
    } else if base.ends_with("/v1") {
        format!("{base}/messages")
    } else {
        format!("{base}/v1/messages")
    }
}

fn is_oauth_token(key: &str) -> bool {
    key.starts_with("sk-ant-oat")
}

pub fn build_http(req: &ChatRequest, ep: &Credentials) -> Result<HttpRequest> {
    let body = build_body(req)?;
    let mut betas: Vec<String> = Vec::new();
    // The caller's flags first, then the ones this body needs.
    for (k, v) in &ep.extra_headers {
        if k.eq_ignore_ascii_case("anthropic-beta") {
            add_betas(&mut betas, v.split(','));
        }
    }
    add_betas(&mut betas, required_betas(&body).iter().map(String::as_str));

    let mut headers: Vec<(String, String)> = Vec::with_capacity(6 + ep.extra_headers.len());
    headers.push(("content-type".into(), "application/json".into()));
    let accept = if req.stream {
        "text/event-stream"
    } else {
        "application/json"
    };
    headers.push(("accept".into(), accept.into()));
    headers.push(("anthropic-version".into(), API_VERSION.into()));
    if let Some(key) = ep.api_key.as_deref().filter(|k| !k.is_empty()) {
        if is_oauth_token(key) {
            headers.push(("authorization".into(), format!("Bearer {key}")));
            add_betas(&mut betas, [OAUTH_BETA]);
        } else {
            headers.push(("x-api-key".into(), key.to_string()));
        }
    }
    if !betas.is_empty() {
        headers.push(("anthropic-beta".into(), betas.join(",")));
    }
    // The caller's headers go last and replace ours of the same name (anthropic-beta was
    // merged above).
    for (k, v) in &ep.extra_headers {
        if k.eq_ignore_ascii_case("anthropic-beta") {
            continue;
        }
        headers.retain(|(h, _)| !h.eq_ignore_ascii_case(k));
        headers.push((k.clone(), v.clone()));
    }
    let bytes = serde_json::to_vec(&body)
        .map_err(|e| LlmError::bad_request(format!("Cannot serialise the request: {e}")))?;
    Ok(HttpRequest {
        method: Method::POST,
        url: messages_url(&ep.api_base),
        headers,
        body: Bytes::from(bytes),
    })
}

fn add_betas<'a>(betas: &mut Vec<String>, flags: impl IntoIterator<Item = &'a str>) {
    for flag in flags {
        let flag = flag.trim();
        if !flag.is_empty() && !betas.iter().any(|b| b == flag) {
            betas.push(flag.to_string());
        }
    }
}

/// Beta flags the body cannot work without.
fn required_betas(body: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(tools) = body.get("tools").and_then(Value::as_array) {
        for t in tools {
            let Some(ty) = t.get("type").and_then(Value::as_str) else {
                continue;
            };
            let date = ty
                .strip_prefix("computer_")
                .or(match ty {
                    "text_editor_20241022" | "bash_20241022" => Some("20241022"),
                    _ => None,
                })
                .filter(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()));
            if let Some(d) = date {
                out.push(format!("computer-use-{}-{}-{}", &d[..4], &d[4..6], &d[6..]));
            }
        }
    }
    for (key, flag) in [
        ("mcp_servers", "mcp-client-2025-04-04"),
        ("context_management", "context-management-2025-06-27"),
        ("output_format", "structured-outputs-2025-11-13"),
    ] {
        if body.get(key).is_some() {
            out.push(flag.to_string());
        }
    }
    let (mut long_ttl, mut files) = (false, false);
    scan_blocks(body, &mut long_ttl, &mut files, 0);
    if long_ttl {
        out.push("extended-cache-ttl-2025-04-11".into());
    }
    if files {
        out.push("files-api-2025-04-14".into());
    }
    out
}

/// Look for 1-hour cache breakpoints and Files-API sources anywhere in the body.
fn scan_blocks(v: &Value, long_ttl: &mut bool, files: &mut bool, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(o) => {
            if o.get("cache_control")
                .and_then(|c| c.get("ttl"))
                .and_then(Value::as_str)
                == Some("1h")
            {
                *long_ttl = true;
            }
            if o.get("type").and_then(Value::as_str) == Some("file") && o.contains_key("file_id") {
                *files = true;
            }
            for child in o.values() {
                if child.is_object() || child.is_array() {
                    scan_blocks(child, long_ttl, files, depth + 1);
                }
            }
        }
        Value::Array(a) => {
            for child in a {
                scan_blocks(child, long_ttl, files, depth + 1);
            }
        }
        _ => {}
    }
}

/// Is OpenAI JSON mode (`response_format` json_object / json_schema) requested? Then the
/// forced tool's input is the answer.
pub fn json_mode(req: &ChatRequest) -> bool {
    matches!(
        req.param("response_format")
            .and_then(|rf| rf.get("type"))
            .and_then(Value::as_str),
        Some("json_object" | "json_schema")
    )
}

fn bad(message: String) -> LlmError {
    LlmError::bad_request(format!("anthropic: {message}"))
}

/// The OpenAI parameters the Messages API can express (`get_supported_openai_params`).
pub const SUPPORTED_PARAMS: &[&str] = &[
    "stream_options",
    "stop",
    "temperature",
    "top_p",
    "max_tokens",
    "max_completion_tokens",
    "tools",
    "tool_choice",
    "parallel_tool_calls",
    "response_format",
    "user",
    "reasoning_effort",
    "thinking",
    "web_search_options",
    "service_tier",
];

/// Supported parameters that keep their OpenAI name and value; the others are translated
/// here, and anything unknown passes through into the body untouched.
const SAME_ON_THE_WIRE: &[&str] = &["temperature", "top_p"];

fn is_translated(param: &str) -> bool {
    SUPPORTED_PARAMS.contains(&param) && !SAME_ON_THE_WIRE.contains(&param)
}

/// The Anthropic request body.
pub fn build_body(req: &ChatRequest) -> Result<Value> {
    let (system, messages) = translate_messages(&req.messages)?;

    // Thinking: an explicit `thinking` wins over `reasoning_effort`.
    let thinking = match (req.param("thinking"), req.param("reasoning_effort")) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(effort)) => reasoning_effort_to_thinking(effort)?,
        (None, None) => None,
    };
    let thinking_budget = thinking
        .as_ref()
        .filter(|t| t.get("type").and_then(Value::as_str) == Some("enabled"))
        .and_then(|t| t.get("budget_tokens"))
        .and_then(Value::as_u64);
    let thinking_on = thinking.as_ref().is_some_and(|t| {
        matches!(
            t.get("type").and_then(Value::as_str),
            Some("enabled" | "adaptive")
        )
    });

    let max_tokens = match req.max_output_tokens() {
        Some(n) => n,
        None => {
            let default = crate::cost::catalog::default_max_tokens("anthropic", &req.model)
                .unwrap_or(FALLBACK_MAX_TOKENS);
            // max_tokens must exceed the thinking budget.
            match thinking_budget {
                Some(b) if b >= default => b.saturating_add(FALLBACK_MAX_TOKENS),
                _ => default,
            }
        }
    };

    // Tools: the caller's, then web search, then the JSON-mode tool.
    let mut tools: Vec<Value> = match req.param("tools") {
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, t)| translate_tool(i, t))
            .collect::<Result<_>>()?,
        Some(_) => return Err(bad("`tools` must be a list".into())),
        None => Vec::new(),
    };
    let user_tools = !tools.is_empty();
    if let Some(opts) = req.param("web_search_options") {
        tools.push(web_search_tool(opts));
    }
    let mut tool_choice = match req.param("tool_choice") {
        Some(tc) => translate_tool_choice(tc)?,
        None => None,
    };
    if let Some(rf) = req.param("response_format") {
        if let Some(schema) = json_mode_schema(rf)? {
            tools.push(json!({
                "name": JSON_TOOL_NAME,
                "description": "Return the final answer as JSON that follows this schema.",
                "input_schema": schema,
            }));
            // Forcing a tool is not allowed with extended thinking; other tools keep the
            // caller's choice.
            if !user_tools && !thinking_on {
                tool_choice = Some(json!({"type": "tool", "name": JSON_TOOL_NAME}));
            }
        }
    }
    if req.param("parallel_tool_calls") == Some(&Value::Bool(false)) {
        let tc = tool_choice.get_or_insert_with(|| json!({"type": "auto"}));
        if tc.get("type").and_then(Value::as_str) != Some("none") {
            if let Some(o) = tc.as_object_mut() {
                o.insert("disable_parallel_tool_use".into(), Value::Bool(true));
            }
        }
    }

    let mut body = Map::with_capacity(req.params.len() + 8);
    body.insert("model".into(), Value::String(req.model.clone()));
    body.insert("max_tokens".into(), max_tokens.into());
    if let Some(s) = system {
        body.insert("system".into(), s);
    }
    body.insert("messages".into(), Value::Array(messages));
    if !tools.is_empty() {
        body.insert("tools".into(), Value::Array(tools));
        if let Some(tc) = tool_choice {
            body.insert("tool_choice".into(), tc);
        }
    }
    if let Some(t) = thinking {
        body.insert("thinking".into(), t);
    }
    if let Some(stop) = req.param("stop") {
        let seqs = stop_sequences(stop)?;
        if !seqs.is_empty() {
            body.insert("stop_sequences".into(), Value::Array(seqs));
        }
    }
    if let Some(user) = req.param("user").and_then(Value::as_str) {
        if !user.is_empty() {
            body.insert("metadata".into(), json!({ "user_id": user }));
        }
    }
    if let Some(tier) = req.param("service_tier").and_then(Value::as_str) {
        let mapped = match tier {
            "auto" | "priority" => "auto",
            _ => "standard_only",
        };
        body.insert("service_tier".into(), mapped.into());
    }
    for (k, v) in &req.params {
        if v.is_null() || is_translated(k) {
            continue;
        }
        body.insert(k.clone(), v.clone());
    }
    if req.stream {
        body.insert("stream".into(), Value::Bool(true));
    }
    for (k, v) in &req.extra_body {
        body.insert(k.clone(), v.clone());
    }
    Ok(Value::Object(body))
}

fn reasoning_effort_to_thinking(effort: &Value) -> Result<Option<Value>> {
    let budget = match effort.as_str() {
        Some("none" | "disable" | "disabled") => return Ok(None),
        // Anthropic's minimum budget is 1024.
        Some("minimal" | "low") => 1024,
        Some("medium") => 2048,
        Some("high") => 4096,
        _ => {
            return Err(bad(format!(
                "reasoning_effort must be one of low, medium, high (or minimal, none); got {effort}"
            )))
        }
    };
    Ok(Some(json!({"type": "enabled", "budget_tokens": budget})))
}

fn stop_sequences(stop: &Value) -> Result<Vec<Value>> {
    let list: Vec<&str> = match stop {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items
            .iter()
            .map(|s| {
                s.as_str()
                    .ok_or_else(|| bad(format!("`stop` entries must be strings, got {s}")))
            })
            .collect::<Result<_>>()?,
        other => {
            return Err(bad(format!(
                "`stop` must be a string or a list of strings, got {other}"
            )))
        }
    };
    // Anthropic rejects whitespace-only stop sequences.
    Ok(list
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| Value::String(s.to_string()))
        .collect())
}

fn translate_tool(i: usize, tool: &Value) -> Result<Value> {
    let Some(obj) = tool.as_object() else {
        return Err(bad(format!("tools[{i}] must be an object")));
    };
    let ty = obj.get("type").and_then(Value::as_str);
    match (ty, obj.get("function")) {
        (Some("function") | None, Some(f)) => {
            let Some(f) = f.as_object() else {
                return Err(bad(format!("tools[{i}].function must be an object")));
            };
            let Some(name) = f.get("name").and_then(Value::as_str) else {
                return Err(bad(format!("tools[{i}].function.name is required")));
            };
            let mut out = Map::new();
            out.insert("name".into(), name.into());
            if let Some(d) = f.get("description").and_then(Value::as_str) {
                if !d.is_empty() {
                    out.insert("description".into(), d.into());
                }
            }
            let schema = match f.get("parameters") {
                Some(p @ Value::Object(_)) => p.clone(),
                _ => json!({"type": "object", "properties": {}}),
            };
            out.insert("input_schema".into(), schema);
            if let Some(cc) = obj.get("cache_control").or_else(|| f.get("cache_control")) {
                out.insert("cache_control".into(), cc.clone());
            }
            Ok(Value::Object(out))
        }
        (Some("function"), None) => Err(bad(format!("tools[{i}].function is required"))),
        // Anthropic-native tools (web_search_20250305, computer_..., bash_..., or an already
        // translated {name, input_schema}) pass through.
        (Some(_), _) => Ok(tool.clone()),
        (None, None) if obj.contains_key("name") => Ok(tool.clone()),
        (None, None) => Err(bad(format!(
            "tools[{i}] must be {{\"type\": \"function\", \"function\": {{...}}}}"
        ))),
    }
}

fn translate_tool_choice(tc: &Value) -> Result<Option<Value>> {
    let out = match tc {
        Value::String(s) => match s.as_str() {
            "auto" => json!({"type": "auto"}),
            "none" => json!({"type": "none"}),
            "required" | "any" => json!({"type": "any"}),
            other => {
                return Err(bad(format!(
                    "tool_choice must be auto, none, required or a function, got {other:?}"
                )))
            }
        },
        Value::Object(o) => match o.get("type").and_then(Value::as_str) {
            Some("function") => {
                let name = o
                    .get("function")
                    .and_then(|f| f.get("name"))
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("tool_choice.function.name is required".into()))?;
                json!({"type": "tool", "name": name})
            }
            // Already in Anthropic's shape.
            Some("auto" | "any" | "none" | "tool") => tc.clone(),
            _ => return Err(bad(format!("unsupported tool_choice {tc}"))),
        },
        other => return Err(bad(format!("unsupported tool_choice {other}"))),
    };
    Ok(Some(out))
}

/// The schema the JSON-mode tool takes, or None for `{"type": "text"}`.
fn json_mode_schema(rf: &Value) -> Result<Option<Value>> {
    let default = || json!({"type": "object"});
    match rf.get("type").and_then(Value::as_str) {
        Some("text") => Ok(None),
        Some("json_object") => Ok(Some(
            rf.get("schema")
                .or_else(|| rf.get("response_schema"))
                .filter(|s| s.is_object())
                .cloned()
                .unwrap_or_else(default),
        )),
        Some("json_schema") => {
            let js = rf.get("json_schema");
            Ok(Some(
                js.and_then(|j| j.get("schema"))
                    .filter(|s| s.is_object())
                    .cloned()
                    .unwrap_or_else(default),
            ))
        }
        _ => Err(bad(format!(
            "response_format must be text, json_object or json_schema, got {rf}"
        ))),
    }
}

fn web_search_tool(opts: &Value) -> Value {
    let mut tool = Map::new();
    tool.insert("type".into(), "web_search_20250305".into());
    tool.insert("name".into(), "web_search".into());
    let max_uses = match opts.get("search_context_size").and_then(Value::as_str) {
        Some("low") => Some(1),
        Some("medium") => Some(5),
        Some("high") => Some(10),
        _ => None,
    };
    if let Some(n) = max_uses {
        tool.insert("max_uses".into(), json!(n));
    }
    if let Some(loc) = opts.get("user_location") {
        let approx = loc.get("approximate").unwrap_or(loc);
        let mut out = Map::new();
        out.insert("type".into(), "approximate".into());
        for key in ["city", "region", "country", "timezone"] {
            if let Some(v) = approx.get(key).filter(|v| !v.is_null()) {
                out.insert(key.into(), v.clone());
            }
        }
        tool.insert("user_location".into(), Value::Object(out));
    }
    Value::Object(tool)
}

// ---------------------------------------------------------------------------------------------
// Messages

/// Conversation turns being assembled; adjacent turns of one role are merged.
#[derive(Default)]
struct Turns {
    turns: Vec<(&'static str, Vec<Value>)>,
}

impl Turns {
    fn push(&mut self, role: &'static str, blocks: Vec<Value>) {
        if blocks.is_empty() {
            return;
        }
        match self.turns.last_mut() {
            Some((r, existing)) if *r == role => existing.extend(blocks),
            _ => self.turns.push((role, blocks)),
        }
    }
}

/// Split OpenAI messages into Anthropic's top-level `system` and user/assistant `messages`.
pub fn translate_messages(messages: &[Value]) -> Result<(Option<Value>, Vec<Value>)> {
    let mut system: Vec<Value> = Vec::new();
    let mut system_plain = true;
    let mut turns = Turns::default();
    // Legacy `function_call` ids by function name, for the `function` role replies.
    let mut function_ids: HashMap<String, String> = HashMap::new();

    for (i, msg) in messages.iter().enumerate() {
        let Some(obj) = msg.as_object() else {
            return Err(bad(format!("messages[{i}] must be an object")));
        };
        let role = obj.get("role").and_then(Value::as_str).unwrap_or("");
        let content = obj.get("content").unwrap_or(&Value::Null);
        let msg_cache = obj.get("cache_control").filter(|c| !c.is_null());
        match role {
            "system" | "developer" => {
                let mut blocks = match content {
                    Value::String(s) => text_block(s).into_iter().collect(),
                    Value::Array(parts) => {
                        system_plain = false;
                        let mut out = Vec::new();
                        for part in parts {
                            match part.get("type").and_then(Value::as_str) {
                                Some("text") => {
                                    if let Some(b) = convert_text_part(part) {
                                        out.push(b);
                                    }
                                }
                                other => {
                                    return Err(bad(format!(
                                        "messages[{i}] ({role}): content part type {} is not \
                                         supported in a system message; only text is",
                                        describe(other)
                                    )))
                                }
                            }
                        }
                        out
                    }
                    Value::Null => Vec::new(),
                    other => return Err(bad_content(i, other)),
                };
                if let Some(cc) = msg_cache {
                    system_plain = false;
                    set_cache_control(&mut blocks, cc);
                }
                system.extend(blocks);
            }
            "user" => {
                let mut blocks = content_blocks(i, content, Side::User)?;
                if let Some(cc) = msg_cache {
                    set_cache_control(&mut blocks, cc);
                }
                turns.push("user", blocks);
            }
            "assistant" => {
                let mut blocks = Vec::new();
                if let Some(Value::Array(thinking)) = obj.get("thinking_blocks") {
                    for b in thinking {
                        if matches!(
                            b.get("type").and_then(Value::as_str),
                            Some("thinking" | "redacted_thinking")
                        ) {
                            blocks.push(b.clone());
                        }
                    }
                }
                blocks.extend(content_blocks(i, content, Side::Assistant)?);
                match obj.get("tool_calls") {
                    Some(Value::Array(calls)) => {
                        for (j, call) in calls.iter().enumerate() {
                            blocks.push(tool_use_block(i, j, call)?);
                        }
                    }
                    None | Some(Value::Null) => {}
                    Some(_) => return Err(bad(format!("messages[{i}].tool_calls must be a list"))),
                }
                if let Some(fc) = obj.get("function_call").filter(|f| f.is_object()) {
                    let name = fc.get("name").and_then(Value::as_str).unwrap_or("");
                    let id = format!("toolu_function_call_{i}");
                    let call = json!({"id": id, "function": fc});
                    blocks.push(tool_use_block(i, 0, &call)?);
                    function_ids.insert(name.to_string(), id);
                }
                if let Some(cc) = msg_cache {
                    set_cache_control(&mut blocks, cc);
                }
                turns.push("assistant", blocks);
            }
            "tool" => {
                let id = obj
                    .get("tool_call_id")
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| bad(format!("messages[{i}] (tool) needs a tool_call_id")))?;
                let block = tool_result_block(i, &sanitize_id(id), content, msg_cache)?;
                turns.push("user", vec![block]);
            }
            "function" => {
                let name = obj.get("name").and_then(Value::as_str).unwrap_or("");
                let id = function_ids.get(name).cloned().ok_or_else(|| {
                    bad(format!(
                        "messages[{i}] (function {name:?}) answers no earlier function_call"
                    ))
                })?;
                let block = tool_result_block(i, &id, content, msg_cache)?;
                turns.push("user", vec![block]);
            }
            other => {
                return Err(bad(format!(
                    "messages[{i}] has role {other:?}; expected system, developer, user, \
                     assistant or tool"
                )))
            }
        }
    }

    // Anthropic rejects a final assistant (prefill) turn that ends in whitespace.
    if let Some((role, blocks)) = turns.turns.last_mut() {
        if *role == "assistant" {
            trim_trailing_text(blocks);
        }
    }
    turns.turns.retain(|(_, blocks)| !blocks.is_empty());
    if turns.turns.is_empty() {
        return Err(bad(
            "the request needs at least one user or assistant message with content (Anthropic \
             does not accept system messages alone)"
                .into(),
        ));
    }

    let system = if system.is_empty() {
        None
    } else if system_plain {
        let texts: Vec<&str> = system
            .iter()
            .filter_map(|b| b.get("text").and_then(Value::as_str))
            .collect();
        Some(Value::String(texts.join("\n")))
    } else {
        Some(Value::Array(system))
    };
    let messages = turns
        .turns
        .into_iter()
        .map(|(role, blocks)| json!({"role": role, "content": collapse(blocks)}))
        .collect();
    Ok((system, messages))
}

/// A lone plain text block is sent as a string.
fn collapse(mut blocks: Vec<Value>) -> Value {
    if blocks.len() == 1 {
        let plain = blocks[0]
            .as_object()
            .is_some_and(|o| o.len() == 2 && o.get("type").and_then(Value::as_str) == Some("text"));
        if plain {
            if let Some(Value::String(text)) = blocks
                .pop()
                .and_then(|mut b| b.get_mut("text").map(Value::take))
            {
                return Value::String(text);
            }
        }
    }
    Value::Array(blocks)
}

fn trim_trailing_text(blocks: &mut Vec<Value>) {
    let Some(last) = blocks.last_mut() else {
        return;
    };
    if last.get("type").and_then(Value::as_str) != Some("text") {
        return;
    }
    let Some(Value::String(text)) = last.get_mut("text") else {
        return;
    };
    let trimmed_len = text.trim_end().len();
    text.truncate(trimmed_len);
    if text.is_empty() {
        blocks.pop();
    }
}

fn describe(ty: Option<&str>) -> String {
    match ty {
        Some(t) => format!("{t:?}"),
        None => "(missing)".into(),
    }
}

fn bad_content(i: usize, content: &Value) -> LlmError {
    let kind = match content {
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::Object(_) => "an object",
        _ => "of an unexpected type",
    };
    bad(format!(
        "messages[{i}].content is {kind}; expected a string, a list of content parts or null"
    ))
}

fn text_block(text: &str) -> Option<Value> {
    if text.is_empty() {
        None
    } else {
        Some(json!({"type": "text", "text": text}))
    }
}

fn convert_text_part(part: &Value) -> Option<Value> {
    let text = part.get("text").and_then(Value::as_str)?;
    let mut block = text_block(text)?;
    copy_cache_control(part, &mut block);
    Some(block)
}

fn copy_cache_control(from: &Value, to: &mut Value) {
    if let (Some(cc), Some(o)) = (
        from.get("cache_control").filter(|c| !c.is_null()),
        to.as_object_mut(),
    ) {
        o.insert("cache_control".into(), cc.clone());
    }
}

/// A message-level `cache_control` marks the message's last block.
fn set_cache_control(blocks: &mut [Value], cc: &Value) {
    if let Some(o) = blocks.last_mut().and_then(Value::as_object_mut) {
        o.insert("cache_control".into(), cc.clone());
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    User,
    Assistant,
    ToolResult,
}

fn content_blocks(i: usize, content: &Value, side: Side) -> Result<Vec<Value>> {
    match content {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(text_block(s).into_iter().collect()),
        Value::Array(parts) => {
            let mut out = Vec::with_capacity(parts.len());
            for part in parts {
                if let Some(b) = convert_part(i, part, side)? {
                    out.push(b);
                }
            }
            Ok(out)
        }
        other => Err(bad_content(i, other)),
    }
}

/// Anthropic block types accepted as-is inside OpenAI content lists.
const NATIVE_BLOCKS: &[&str] = &[
    "image",
    "document",
    "search_result",
    "thinking",
    "redacted_thinking",
    "tool_use",
    "tool_result",
    "container_upload",
];

fn convert_part(i: usize, part: &Value, side: Side) -> Result<Option<Value>> {
    let Some(obj) = part.as_object() else {
        return Err(bad(format!(
            "messages[{i}].content parts must be objects, got {part}"
        )));
    };
    let ty = obj.get("type").and_then(Value::as_str);
    let mut block = match ty {
        Some("text") => return Ok(convert_text_part(part)),
        Some("refusal") if side == Side::Assistant => {
            let text = obj.get("refusal").and_then(Value::as_str).unwrap_or("");
            return Ok(text_block(text));
        }
        Some("image_url") if side != Side::Assistant => {
            let (url, format) = match obj.get("image_url") {
                Some(Value::String(u)) => (u.as_str(), None),
                Some(Value::Object(o)) => (
                    o.get("url").and_then(Value::as_str).unwrap_or(""),
                    o.get("format").and_then(Value::as_str),
                ),
                _ => ("", None),
            };
            media_block(i, url, format)?
        }
        Some("file") if side != Side::Assistant => file_block(i, obj.get("file"))?,
        Some(t) if NATIVE_BLOCKS.contains(&t) => part.clone(),
        other => {
            let who = match side {
                Side::User => "user",
                Side::Assistant => "assistant",
                Side::ToolResult => "tool",
            };
            return Err(bad(format!(
                "messages[{i}] ({who}): content part type {} cannot be sent to Anthropic",
                describe(other)
            )));
        }
    };
    copy_cache_control(part, &mut block);
    Ok(Some(block))
}

/// An image (or PDF) given by URL: data URLs become base64 sources, http(s) URLs url sources.
fn media_block(i: usize, url: &str, format: Option<&str>) -> Result<Value> {
    let source = media_source(i, url, format)?;
    let media = source
        .get("media_type")
        .and_then(Value::as_str)
        .unwrap_or("");
    let is_pdf = media == "application/pdf"
        || (media.is_empty() && url.to_ascii_lowercase().ends_with(".pdf"));
    let kind = if is_pdf { "document" } else { "image" };
    Ok(json!({"type": kind, "source": source}))
}

fn media_source(i: usize, url: &str, format: Option<&str>) -> Result<Value> {
    if let Some(rest) = url.strip_prefix("data:") {
        let Some((meta, data)) = rest.split_once(',') else {
            return Err(bad(format!("messages[{i}]: malformed data URL")));
        };
        let mut fields = meta.split(';');
        let mime = fields.next().unwrap_or("");
        if !fields.any(|f| f.eq_ignore_ascii_case("base64")) {
            return Err(bad(format!(
                "messages[{i}]: data URLs must be base64-encoded (data:<type>;base64,...)"
            )));
        }
        let media_type = format.filter(|f| !f.is_empty()).unwrap_or(mime);
        if media_type.is_empty() {
            return Err(bad(format!(
                "messages[{i}]: the data URL has no media type"
            )));
        }
        return Ok(json!({"type": "base64", "media_type": media_type, "data": data}));
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Ok(json!({"type": "url", "url": url}));
    }
    Err(bad(format!(
        "messages[{i}]: image/file URLs must be data: URLs or http(s) URLs"
    )))
}

fn file_block(i: usize, file: Option<&Value>) -> Result<Value> {
    let file = file.and_then(Value::as_object);
    let get = |k: &str| {
        file.and_then(|f| f.get(k))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let format = get("format");
    if let Some(data) = get("file_data") {
        if data.starts_with("data:") || data.starts_with("http") {
            return media_block(i, data, format);
        }
        // Bare base64 needs the media type from `format`.
        if let Some(media_type) = format {
            let kind = if media_type.starts_with("image/") {
                "image"
            } else {
                "document"
            };
            return Ok(json!({"type": kind, "source": {
                "type": "base64", "media_type": media_type, "data": data}}));
        }
        return Err(bad(format!(
            "messages[{i}]: file.file_data must be a data URL (data:<type>;base64,...)"
        )));
    }
    if let Some(id) = get("file_id") {
        return Ok(json!({"type": "document", "source": {"type": "file", "file_id": id}}));
    }
    Err(bad(format!(
        "messages[{i}]: a file part needs file.file_data or file.file_id"
    )))
}

/// Anthropic ids must match `^[a-zA-Z0-9_-]+$`; other characters become `_` (the same on the
/// tool_use and tool_result side, so pairs still match).
pub fn sanitize_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn tool_use_block(i: usize, j: usize, call: &Value) -> Result<Value> {
    let at = format!("messages[{i}].tool_calls[{j}]");
    let id = call
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| bad(format!("{at} needs an id")))?;
    let f = call.get("function");
    let name = f
        .and_then(|f| f.get("name"))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| bad(format!("{at}.function.name is required")))?;
    let input = match f.and_then(|f| f.get("arguments")) {
        None | Some(Value::Null) => json!({}),
        Some(Value::String(s)) if s.trim().is_empty() => json!({}),
        Some(Value::String(s)) => serde_json::from_str::<Value>(s).map_err(|e| {
            bad(format!(
                "{at}.function.arguments is not valid JSON ({e}); Anthropic needs the \
                 arguments as a JSON object"
            ))
        })?,
        Some(other) => other.clone(),
    };
    if !input.is_object() {
        return Err(bad(format!(
            "{at}.function.arguments must be a JSON object, got {input}"
        )));
    }
    let mut block =
        json!({"type": "tool_use", "id": sanitize_id(id), "name": name, "input": input});
    copy_cache_control(call, &mut block);
    Ok(block)
}

fn tool_result_block(i: usize, id: &str, content: &Value, cc: Option<&Value>) -> Result<Value> {
    let mut block = Map::new();
    block.insert("type".into(), "tool_result".into());
    block.insert("tool_use_id".into(), id.into());
    match content {
        Value::String(s) if s.is_empty() => {}
        Value::String(s) => {
            block.insert("content".into(), s.as_str().into());
        }
        Value::Array(_) => {
            let parts = content_blocks(i, content, Side::ToolResult)?;
            if !parts.is_empty() {
                block.insert("content".into(), Value::Array(parts));
            }
        }
        Value::Null => {}
        // Tool outputs are sometimes handed over as raw JSON values.
        other => {
            block.insert("content".into(), other.to_string().into());
        }
    }
    if let Some(cc) = cc {
        block.insert("cache_control".into(), cc.clone());
    }
    Ok(Value::Object(block))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn req(messages: Value) -> ChatRequest {
        ChatRequest {
            model: "claude-sonnet-4-5".into(),
            messages: messages.as_array().cloned().unwrap_or_default(),
            ..Default::default()
        }
    }

    fn with(mut r: ChatRequest, params: Value) -> ChatRequest {
        for (k, v) in params.as_object().unwrap() {
            r.params.insert(k.clone(), v.clone());
        }
        r
    }

    fn body(r: &ChatRequest) -> Value {
        build_body(r).unwrap()
    }

    fn err(r: &ChatRequest) -> LlmError {
        build_body(r).unwrap_err()
    }

    #[test]
    fn minimal_body_and_default_max_tokens() {
        let b = body(&req(
            json!([{"role": "user", "content": "hi", "name": "bob"}]),
        ));
        let catalog = crate::cost::catalog::default_max_tokens("anthropic", "claude-sonnet-4-5");
        assert_eq!(
            b,
            json!({"model": "claude-sonnet-4-5", "max_tokens": catalog.unwrap_or(4096),
                   "messages": [{"role": "user", "content": "hi"}]})
        );
        // A model the catalog does not know gets the fallback.
        let mut r = req(json!([{"role": "user", "content": "hi"}]));
        r.model = "claude-not-in-any-catalog".into();
        assert_eq!(body(&r)["max_tokens"], FALLBACK_MAX_TOKENS);
        let r = with(
            req(json!([{"role": "user", "content": "hi"}])),
            json!({"max_tokens": 10, "max_completion_tokens": 20}),
        );
        assert_eq!(body(&r)["max_tokens"], 20);
        let r = with(
            req(json!([{"role": "user", "content": "hi"}])),
            json!({"max_tokens": 7}),
        );
        assert_eq!(body(&r)["max_tokens"], 7);
    }

    #[test]
    fn system_messages_are_hoisted() {
        let b = body(&req(json!([
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "hi"},
            {"role": "developer", "content": "Use French."},
        ])));
        assert_eq!(b["system"], "Be brief.\nUse French.");
        assert_eq!(b["messages"], json!([{"role": "user", "content": "hi"}]));

        let b = body(&req(json!([
            {"role": "system", "content": "A"},
            {"role": "system", "content": [
                {"type": "text", "text": "B", "cache_control": {"type": "ephemeral"}},
                {"type": "text", "text": ""}]},
            {"role": "system", "content": "C", "cache_control": {"type": "ephemeral", "ttl": "1h"}},
            {"role": "user", "content": "hi"},
        ])));
        assert_eq!(
            b["system"],
            json!([
                {"type": "text", "text": "A"},
                {"type": "text", "text": "B", "cache_control": {"type": "ephemeral"}},
                {"type": "text", "text": "C", "cache_control": {"type": "ephemeral", "ttl": "1h"}},
            ])
        );
        assert!(required_betas(&b).contains(&"extended-cache-ttl-2025-04-11".to_string()));
        let e = err(&req(json!([
            {"role": "system", "content": [{"type": "image_url", "image_url": {"url": "https://x/y.png"}}]},
            {"role": "user", "content": "hi"},
        ])));
        assert!(e.message.contains("messages[0]"), "{}", e.message);
    }

    #[test]
    fn images_files_and_cache_control() {
        let b = body(&req(json!([{"role": "user", "content": [
            {"type": "text", "text": "What is this?"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "high"}},
            {"type": "image_url", "image_url": "https://example.com/cat.jpg",
             "cache_control": {"type": "ephemeral"}},
            {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBERi0=", "filename": "a.pdf"}},
            {"type": "file", "file": {"file_id": "file_011"}},
            {"type": "text", "text": ""},
        ]}])));
        assert_eq!(
            b["messages"][0]["content"],
            json!([
                {"type": "text", "text": "What is this?"},
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"},
                 "cache_control": {"type": "ephemeral"}},
                {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0="}},
                {"type": "document", "source": {"type": "file", "file_id": "file_011"}},
            ])
        );
        assert_eq!(required_betas(&b), vec!["files-api-2025-04-14".to_string()]);

        let e = err(&req(json!([{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "ftp://x/y.png"}}]}])));
        assert_eq!(e.kind, ErrorKind::BadRequestError);
        let e = err(&req(json!([{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "data:image/png,rawdata"}}]}])));
        assert!(e.message.contains("base64"), "{}", e.message);
        let e = err(&req(json!([
            {"role": "user", "content": "x"},
            {"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "x"}}]}])));
        assert!(
            e.message.contains("messages[1]") && e.message.contains("input_audio"),
            "{}",
            e.message
        );
    }

    #[test]
    fn tool_round_trip_with_response_message_object() {
        // The assistant message as ferrolite's own response object serialises it.
        let r = with(
            req(json!([
                {"role": "user", "content": "Weather in Paris and Rome?"},
                {"role": "assistant", "content": "Checking.", "function_call": null, "refusal": null,
                 "provider_specific_fields": {"citations": null}, "annotations": [],
                 "reasoning_content": "Need the tool.",
                 "thinking_blocks": [{"type": "thinking", "thinking": "Need the tool.", "signature": "sig=="}],
                 "tool_calls": [
                    {"id": "toolu_01", "type": "function", "index": 0,
                     "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}},
                    {"id": "call.abc:1", "type": "function",
                     "function": {"name": "get_time", "arguments": ""}}]},
                {"role": "tool", "tool_call_id": "toolu_01", "content": "22C sunny"},
                {"role": "tool", "tool_call_id": "call.abc:1",
                 "content": [{"type": "text", "text": "12:00"}]},
                {"role": "user", "content": "Thanks. Summarise."},
                {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "toolu_03", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]},
                {"role": "tool", "tool_call_id": "toolu_03", "content": "", "cache_control": {"type": "ephemeral"}},
            ])),
            json!({"tools": [
                {"type": "function", "function": {"name": "get_weather", "description": "Weather",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
                  "strict": true}},
                {"type": "function", "function": {"name": "get_time"}, "cache_control": {"type": "ephemeral"}},
            ]}),
        );
        let b = body(&r);
        assert_eq!(
            b["messages"],
            json!([
                {"role": "user", "content": "Weather in Paris and Rome?"},
                {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "Need the tool.", "signature": "sig=="},
                    {"type": "text", "text": "Checking."},
                    {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}},
                    {"type": "tool_use", "id": "call_abc_1", "name": "get_time", "input": {}},
                ]},
                {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_01", "content": "22C sunny"},
                    {"type": "tool_result", "tool_use_id": "call_abc_1", "content": [{"type": "text", "text": "12:00"}]},
                    {"type": "text", "text": "Thanks. Summarise."},
                ]},
                {"role": "assistant", "content": [
                    {"type": "tool_use", "id": "toolu_03", "name": "get_time", "input": {}}]},
                {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_03", "cache_control": {"type": "ephemeral"}}]},
            ])
        );
        assert_eq!(
            b["tools"],
            json!([
                {"name": "get_weather", "description": "Weather",
                 "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
                {"name": "get_time", "input_schema": {"type": "object", "properties": {}},
                 "cache_control": {"type": "ephemeral"}},
            ])
        );
        assert!(b.get("tool_choice").is_none());
    }

    #[test]
    fn bad_tool_arguments_name_the_message() {
        let e = err(&req(json!([
            {"role": "user", "content": "x"},
            {"role": "assistant", "tool_calls": [
                {"id": "t1", "type": "function", "function": {"name": "f", "arguments": "{oops"}}]},
        ])));
        assert_eq!(e.kind, ErrorKind::BadRequestError);
        assert!(
            e.message.contains("messages[1].tool_calls[0]"),
            "{}",
            e.message
        );
        let e = err(&req(json!([
            {"role": "user", "content": "x"},
            {"role": "assistant", "tool_calls": [
                {"id": "t1", "type": "function", "function": {"name": "f", "arguments": "[1]"}}]},
        ])));
        assert!(e.message.contains("JSON object"), "{}", e.message);
        let e = err(&req(json!([{"role": "tool", "content": "x"}])));
        assert!(e.message.contains("tool_call_id"), "{}", e.message);
    }

    #[test]
    fn roles_merging_and_rejections() {
        let b = body(&req(json!([
            {"role": "user", "content": "a"},
            {"role": "user", "content": [{"type": "text", "text": "b"}]},
            {"role": "assistant", "content": ""},
            {"role": "assistant", "content": "Sure:  \n"},
        ])));
        assert_eq!(
            b["messages"],
            json!([
                {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]},
                {"role": "assistant", "content": "Sure:"},
            ])
        );
        let e = err(&req(json!([{"role": "wizard", "content": "x"}])));
        assert!(e.message.contains("wizard"), "{}", e.message);
        let e = err(&req(json!([])));
        assert_eq!(e.kind, ErrorKind::BadRequestError);
        let e = err(&req(json!([{"role": "system", "content": "only system"}])));
        assert!(e.message.contains("at least one"), "{}", e.message);
        let e = err(&req(json!([{"role": "user", "content": 5}])));
        assert!(e.message.contains("messages[0].content"), "{}", e.message);
        let e = err(&req(json!(["not an object"])));
        assert!(e.message.contains("messages[0]"), "{}", e.message);
    }

    #[test]
    fn legacy_function_call_round_trip() {
        let b = body(&req(json!([
            {"role": "user", "content": "x"},
            {"role": "assistant", "content": null, "function_call": {"name": "f", "arguments": "{\"a\": 1}"}},
            {"role": "function", "name": "f", "content": "done"},
        ])));
        assert_eq!(
            b["messages"][1]["content"][0]["id"],
            "toolu_function_call_1"
        );
        assert_eq!(b["messages"][1]["content"][0]["input"], json!({"a": 1}));
        assert_eq!(
            b["messages"][2]["content"][0]["tool_use_id"],
            "toolu_function_call_1"
        );
    }

    #[test]
    fn tool_choice_variants() {
        let base = || {
            with(
                req(json!([{"role": "user", "content": "x"}])),
                json!({"tools": [{"type": "function", "function": {"name": "f"}}]}),
            )
        };
        for (tc, expected) in [
            (json!("auto"), json!({"type": "auto"})),
            (json!("none"), json!({"type": "none"})),
            (json!("required"), json!({"type": "any"})),
            (
                json!({"type": "function", "function": {"name": "f"}}),
                json!({"type": "tool", "name": "f"}),
            ),
            (json!({"type": "any"}), json!({"type": "any"})),
        ] {
            let b = body(&with(base(), json!({ "tool_choice": tc })));
            assert_eq!(b["tool_choice"], expected, "{tc}");
        }
        let b = body(&with(
            base(),
            json!({"tool_choice": "required", "parallel_tool_calls": false}),
        ));
        assert_eq!(
            b["tool_choice"],
            json!({"type": "any", "disable_parallel_tool_use": true})
        );
        let b = body(&with(base(), json!({"parallel_tool_calls": false})));
        assert_eq!(
            b["tool_choice"],
            json!({"type": "auto", "disable_parallel_tool_use": true})
        );
        let b = body(&with(base(), json!({"parallel_tool_calls": true})));
        assert!(b.get("tool_choice").is_none());
        assert!(build_body(&with(base(), json!({"tool_choice": "sometimes"}))).is_err());
        // No tools: nothing to choose from.
        let b = body(&with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"tool_choice": "auto"}),
        ));
        assert!(b.get("tool_choice").is_none());
    }

    #[test]
    fn stop_user_sampling_and_passthrough() {
        let mut r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"stop": "END", "user": "u-1", "temperature": 0.3, "top_p": 0.9,
                   "top_k": 5, "stream_options": {"include_usage": true}, "service_tier": "auto"}),
        );
        r.stream = true;
        r.include_usage = true;
        r.extra_body.insert("top_k".into(), json!(7));
        let b = body(&r);
        assert_eq!(b["stop_sequences"], json!(["END"]));
        assert_eq!(b["metadata"], json!({"user_id": "u-1"}));
        assert_eq!(b["temperature"], 0.3);
        assert_eq!(b["top_p"], 0.9);
        assert_eq!(b["top_k"], 7);
        assert_eq!(b["stream"], true);
        assert_eq!(b["service_tier"], "auto");
        assert!(b.get("stream_options").is_none());
        assert!(b.get("stop").is_none() && b.get("user").is_none());
        let b = body(&with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"stop": ["a", " ", "b"]}),
        ));
        assert_eq!(b["stop_sequences"], json!(["a", "b"]));
        assert!(b.get("stream").is_none());
    }

    #[test]
    fn json_mode_forces_a_tool() {
        let schema = json!({"type": "object", "properties": {"x": {"type": "integer"}}});
        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"response_format": {"type": "json_schema",
                   "json_schema": {"name": "out", "schema": schema, "strict": true}}}),
        );
        assert!(json_mode(&r));
        let b = body(&r);
        assert_eq!(b["tools"][0]["name"], JSON_TOOL_NAME);
        assert_eq!(b["tools"][0]["input_schema"], schema);
        assert_eq!(
            b["tool_choice"],
            json!({"type": "tool", "name": JSON_TOOL_NAME})
        );
        assert!(b.get("response_format").is_none());

        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"response_format": {"type": "json_object"}}),
        );
        assert_eq!(
            body(&r)["tools"][0]["input_schema"],
            json!({"type": "object"})
        );

        // Other tools present: the JSON tool is added and the choice stays the model's.
        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"tools": [{"type": "function", "function": {"name": "f"}}],
                   "response_format": {"type": "json_object"}}),
        );
        let b = body(&r);
        assert_eq!(b["tools"].as_array().unwrap().len(), 2);
        assert!(b.get("tool_choice").is_none());

        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"response_format": {"type": "text"}}),
        );
        assert!(!json_mode(&r));
        assert!(body(&r).get("tools").is_none());
    }

    #[test]
    fn reasoning_effort_and_thinking() {
        let mut r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"reasoning_effort": "high"}),
        );
        r.model = "claude-not-in-any-catalog".into();
        let b = body(&r);
        assert_eq!(
            b["thinking"],
            json!({"type": "enabled", "budget_tokens": 4096})
        );
        // The default max_tokens must exceed the budget.
        assert_eq!(b["max_tokens"], 8192);
        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"reasoning_effort": "low", "max_tokens": 3000}),
        );
        let b = body(&r);
        assert_eq!(b["thinking"]["budget_tokens"], 1024);
        assert_eq!(b["max_tokens"], 3000);
        let t = json!({"type": "enabled", "budget_tokens": 5000});
        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"thinking": t, "reasoning_effort": "low"}),
        );
        assert_eq!(body(&r)["thinking"], t);
        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"reasoning_effort": "extreme"}),
        );
        assert!(err(&r).message.contains("reasoning_effort"));
    }

    #[test]
    fn web_search_options_add_the_server_tool() {
        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"web_search_options": {"search_context_size": "medium",
                   "user_location": {"type": "approximate", "approximate": {"city": "Paris", "country": "FR"}}}}),
        );
        assert_eq!(
            body(&r)["tools"],
            json!([{"type": "web_search_20250305", "name": "web_search", "max_uses": 5,
                    "user_location": {"type": "approximate", "city": "Paris", "country": "FR"}}])
        );
    }

    #[test]
    fn url_and_headers() {
        for base in [
            "",
            "https://api.anthropic.com",
            "https://api.anthropic.com/",
            "https://api.anthropic.com/v1",
            "https://api.anthropic.com/v1/messages",
        ] {
            assert_eq!(messages_url(base), "https://api.anthropic.com/v1/messages");
        }
        assert_eq!(
            messages_url("http://127.0.0.1:9000/anthropic/"),
            "http://127.0.0.1:9000/anthropic/v1/messages"
        );
        let r = req(json!([{"role": "user", "content": "hi"}]));
        let ep = Credentials {
            api_base: "https://api.anthropic.com".into(),
            api_key: Some("sk-ant-api03-x".into()),
            extra_headers: vec![
                ("Anthropic-Beta".into(), "output-128k-2025-02-19".into()),
                ("x-custom".into(), "1".into()),
                ("anthropic-version".into(), "2024-01-01".into()),
            ],
            ..Default::default()
        };
        let h = build_http(&r, &ep).unwrap();
        assert_eq!(h.url, "https://api.anthropic.com/v1/messages");
        assert_eq!(h.method, Method::POST);
        let get = |name: &str| crate::http::client::header_value(&h.headers, name);
        assert_eq!(get("x-api-key"), Some("sk-ant-api03-x"));
        assert_eq!(get("content-type"), Some("application/json"));
        assert_eq!(get("anthropic-version"), Some("2024-01-01"));
        assert_eq!(get("anthropic-beta"), Some("output-128k-2025-02-19"));
        assert_eq!(
            h.headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("anthropic-beta")
                    || k.eq_ignore_ascii_case("anthropic-version"))
                .count(),
            2
        );
        assert_eq!(h.headers.last().unwrap().0, "anthropic-version");
        assert!(get("authorization").is_none());
        let sent: Value = serde_json::from_slice(&h.body).unwrap();
        assert_eq!(sent["messages"][0]["content"], "hi");

        let ep = Credentials {
            api_key: Some("sk-ant-oat01-x".into()),
            extra_headers: vec![("anthropic-beta".into(), "a, b".into())],
            ..Default::default()
        };
        let h = build_http(&r, &ep).unwrap();
        let get = |name: &str| crate::http::client::header_value(&h.headers, name);
        assert_eq!(get("authorization"), Some("Bearer sk-ant-oat01-x"));
        assert!(get("x-api-key").is_none());
        assert_eq!(get("anthropic-beta"), Some("a,b,oauth-2025-04-20"));
        assert_eq!(h.url, "https://api.anthropic.com/v1/messages");
    }

    #[test]
    fn betas_for_native_tools() {
        let r = with(
            req(json!([{"role": "user", "content": "x"}])),
            json!({"tools": [{"type": "computer_20250124", "name": "computer",
                              "display_width_px": 1024, "display_height_px": 768},
                             {"type": "bash_20241022", "name": "bash"}]}),
        );
        let b = body(&r);
        assert_eq!(b["tools"][0]["type"], "computer_20250124");
        assert_eq!(
            required_betas(&b),
            vec![
                "computer-use-2025-01-24".to_string(),
                "computer-use-2024-10-22".to_string()
            ]
        );
    }
}
