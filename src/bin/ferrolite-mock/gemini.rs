//! Google Gemini API wire format (`POST .../models/{model}:generateContent`,
//! `:streamGenerateContent?alt=sse`, `:batchEmbedContents`): key and body validation as the
//! real API answers it (Google RPC error envelope), non-stream and SSE replies.

use serde_json::{json, Value};

use crate::reply::{split_pieces, to_vec, Content, Ctx, Reply, Sse};
use crate::scenario::ErrorKind;

/// The method after the model in the path (`models/{model}:{method}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Generate,
    StreamGenerate,
    BatchEmbed,
}

impl Method {
    pub fn parse(name: &str) -> Option<Method> {
        match name {
            "generateContent" => Some(Method::Generate),
            "streamGenerateContent" => Some(Method::StreamGenerate),
            "batchEmbedContents" => Some(Method::BatchEmbed),
            _ => None,
        }
    }
}

/// `.../models/{model}:{method}` -> (model, method).
pub fn split_path(path: &str) -> Option<(&str, Method)> {
    let (_, rest) = path.rsplit_once("/models/")?;
    let (model, method) = rest.rsplit_once(':')?;
    Some((model, Method::parse(method)?))
}

/// The thought a `thinking=1` reply shows.
pub const THINKING: &str = "Let me think about this.";

/// `{"error":{"code","message","status"[,"details"]}}`
fn error(status: u16, canonical: &str, message: &str, details: Value) -> Reply {
    let mut e = json!({"code": status, "message": message, "status": canonical});
    if !details.is_null() {
        e["details"] = details;
    }
    Reply::json(status, to_vec(&json!({ "error": e })))
}

fn invalid(message: &str) -> Reply {
    error(400, "INVALID_ARGUMENT", message, Value::Null)
}

/// The error body Gemini sends for `status=<code>`.
fn status_error(status: u16, model: &str, retry_after: Option<&str>) -> Reply {
    match status {
        400 => invalid("Request contains an invalid argument."),
        401 => error(
            401,
            "UNAUTHENTICATED",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
            Value::Null,
        ),
        403 => error(
            403,
            "PERMISSION_DENIED",
            "The caller does not have permission",
            Value::Null,
        ),
        404 => error(
            404,
            "NOT_FOUND",
            &format!("models/{model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."),
            Value::Null,
        ),
        429 => error(
            429,
            "RESOURCE_EXHAUSTED",
            "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
            json!([{
                "@type": "type.googleapis.com/google.rpc.RetryInfo",
                "retryDelay": retry_after.map_or_else(|| "1s".to_string(), |s| format!("{s}s")),
            }]),
        ),
        500 => error(
            500,
            "INTERNAL",
            "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
            Value::Null,
        ),
        503 => error(
            503,
            "UNAVAILABLE",
            "The model is overloaded. Please try again later.",
            Value::Null,
        ),
        504 => error(
            504,
            "DEADLINE_EXCEEDED",
            "The request timed out. Please try again.",
            Value::Null,
        ),
        s if s >= 500 => error(s, "INTERNAL", "Internal error encountered.", Value::Null),
        s => error(s, "INVALID_ARGUMENT", "Request contains an invalid argument.", Value::Null),
    }
}

pub fn respond(ctx: &Ctx, model: &str, method: Method) -> Reply {
    let keyed = ctx.req.header("x-goog-api-key").is_some()
        || ctx.query.split('&').any(|kv| kv.starts_with("key="));
    if !keyed && ctx.req.header("authorization").is_none() {
        return error(
            403,
            "PERMISSION_DENIED",
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
            Value::Null,
        );
    }
    let stream = method == Method::StreamGenerate;
    if stream && !ctx.query.split('&').any(|kv| kv == "alt=sse") {
        return invalid("This mock streams only with alt=sse.");
    }
    let mut blocked = false;
    if let Some(kind) = ctx.error() {
        let status = ctx.sc.status;
        match kind {
            ErrorKind::Context => {
                return error(
                    status.unwrap_or(400),
                    "INVALID_ARGUMENT",
                    "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).",
                    Value::Null,
                );
            }
            ErrorKind::Quota => return status_error(429, model, None),
            ErrorKind::Html => return Reply::html(status.unwrap_or(502)),
            ErrorKind::Empty if stream => return Reply::events(Sse::new(true, 0), false),
            ErrorKind::Empty => return Reply::json(200, Vec::new()),
            ErrorKind::Malformed if !stream => {
                return Reply::json(
                    200,
                    b"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel".to_vec(),
                );
            }
            ErrorKind::ContentPolicy => blocked = true,
            ErrorKind::Malformed => {}
        }
    }
    if let Some(status) = ctx.status() {
        return status_error(status, model, ctx.sc.retry_after.as_deref());
    }
    let Some(body) = ctx.json.filter(|j| j.is_object()) else {
        return invalid("Invalid JSON payload received. Unexpected end of string.");
    };
    if method == Method::BatchEmbed {
        return embeddings(body);
    }
    if let Err(message) = check_contents(body) {
        return invalid(&message);
    }
    let content = content(ctx, body);
    let finish = match &ctx.sc.finish {
        Some(f) => f.clone(),
        None if blocked => "SAFETY".into(),
        None => "STOP".into(),
    };
    let usage = usage(ctx, body, &content);
    if stream {
        stream_reply(ctx, model, &content, &finish, usage)
    } else {
        let mut parts = Vec::new();
        if ctx.sc.thinking {
            parts.push(json!({"text": THINKING, "thought": true}));
        }
        parts.extend(content_parts(&content, None));
        Reply::json(
            200,
            to_vec(&json!({
                "candidates": [candidate(parts, Some(&finish))],
                "usageMetadata": usage,
                "modelVersion": model,
                "responseId": format!("resp-mock-{}", ctx.n),
            })),
        )
    }
}

/// What the real API rejects in `contents` (roles, empty turns, function responses).
fn check_contents(body: &Value) -> Result<(), String> {
    let Some(contents) = body.get("contents").and_then(Value::as_array) else {
        return Err("* GenerateContentRequest.contents: contents is not specified\n".into());
    };
    if contents.is_empty() {
        return Err("* GenerateContentRequest.contents: contents is not specified\n".into());
    }
    for (i, c) in contents.iter().enumerate() {
        match c.get("role").and_then(Value::as_str) {
            None | Some("user" | "model") => {}
            Some(_) => {
                return Err("Please use a valid role: user, model.".into());
            }
        }
        let parts = c.get("parts").and_then(Value::as_array);
        if parts.is_none_or(Vec::is_empty) {
            return Err(format!(
                "* GenerateContentRequest.contents[{i}].parts: contents.parts must not be empty.\n"
            ));
        }
        for (j, p) in parts.into_iter().flatten().enumerate() {
            let response = p
                .get("function_response")
                .or_else(|| p.get("functionResponse"));
            if let Some(r) = response {
                if r.get("name")
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
                {
                    return Err(format!("* GenerateContentRequest.contents[{i}].parts[{j}].function_response.name: Name cannot be empty.\n"));
                }
            }
        }
    }
    Ok(())
}

/// The reply: text, or calls to the request's declared functions (`tools=N`).
fn content(ctx: &Ctx, body: &Value) -> Content {
    let content = ctx.content();
    let Content::Tools(mut calls) = content else {
        return content;
    };
    let declared: Vec<String> = body
        .get("tools")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| {
            t.get("function_declarations")
                .or_else(|| t.get("functionDeclarations"))
                .and_then(Value::as_array)
        })
        .flatten()
        .filter_map(|d| d.get("name").and_then(Value::as_str).map(str::to_owned))
        .collect();
    for (i, call) in calls.iter_mut().enumerate() {
        if let Some(name) = declared.get(i).or_else(|| declared.first()) {
            call.name = name.clone();
        }
    }
    Content::Tools(calls)
}

fn content_parts(content: &Content, text: Option<&str>) -> Vec<Value> {
    match content {
        Content::Text(t) => vec![json!({"text": text.unwrap_or(t)})],
        Content::Tools(calls) => calls
            .iter()
            .map(|c| {
                let args: Value = serde_json::from_str(c.arguments()).unwrap_or(json!({}));
                json!({"functionCall": {"name": c.name, "args": args}})
            })
            .collect(),
    }
}

fn candidate(parts: Vec<Value>, finish: Option<&str>) -> Value {
    let mut c = json!({"content": {"parts": parts, "role": "model"}, "index": 0});
    if let Some(f) = finish {
        c["finishReason"] = json!(f);
    }
    c
}

/// Word count of the request's text parts (at least 1).
fn prompt_tokens(body: &Value) -> u64 {
    fn walk(v: &Value, n: &mut u64) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        ("text", Value::String(s)) => *n += s.split_whitespace().count() as u64,
                        _ => walk(v, n),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, n)),
            _ => {}
        }
    }
    let mut n = 0;
    for key in ["contents", "system_instruction", "systemInstruction"] {
        if let Some(v) = body.get(key) {
            walk(v, &mut n);
        }
    }
    n.max(1)
}

fn usage(ctx: &Ctx, body: &Value, content: &Content) -> Value {
    let prompt = prompt_tokens(body);
    let out = content.output_tokens(ctx.sc.chunks);
    let thoughts = if ctx.sc.thinking { 5 } else { 0 };
    let mut u = json!({
        "promptTokenCount": prompt,
        "candidatesTokenCount": out,
        "totalTokenCount": prompt + out + thoughts,
        "promptTokensDetails": [{"modality": "TEXT", "tokenCount": prompt}],
    });
    if thoughts > 0 {
        u["thoughtsTokenCount"] = json!(thoughts);
    }
    if ctx.sc.cache_read > 0 {
        u["cachedContentTokenCount"] = json!(ctx.sc.cache_read);
    }
    u
}

/// SSE with CRLF line ends, as Google sends: text in `chunks` pieces (function calls whole in
/// one event), `finishReason` and the final usage on the last event; no end marker.
fn stream_reply(ctx: &Ctx, model: &str, content: &Content, finish: &str, usage: Value) -> Reply {
    let id = format!("resp-mock-{}", ctx.n);
    let mut sse = Sse::new(true, 512 + ctx.sc.chunks * 200);
    let event = |sse: &mut Sse, parts: Vec<Value>, last: bool, content_event: bool| {
        let mut ev = json!({
            "candidates": [candidate(parts, last.then_some(finish))],
            "modelVersion": model,
            "responseId": id,
        });
        if last {
            ev["usageMetadata"] = usage.clone();
        } else {
            ev["usageMetadata"] = json!({"promptTokenCount": usage["promptTokenCount"], "totalTokenCount": usage["promptTokenCount"]});
        }
        sse.begin(None);
        sse.buf.push_str(&String::from_utf8_lossy(&to_vec(&ev)));
        sse.end(content_event);
    };
    if ctx.sc.thinking {
        event(
            &mut sse,
            vec![json!({"text": THINKING, "thought": true})],
            false,
            true,
        );
    }
    if ctx.error() == Some(ErrorKind::Malformed) {
        sse.begin(None);
        sse.buf
            .push_str("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"oops");
        sse.end(false);
    }
    match content {
        Content::Text(text) => {
            let pieces = split_pieces(text, ctx.sc.chunks);
            let n = pieces.len();
            for (i, p) in pieces.into_iter().enumerate() {
                let last = i + 1 == n && !ctx.midstream_error();
                event(&mut sse, content_parts(content, Some(p)), last, true);
            }
        }
        Content::Tools(_) => {
            let last = !ctx.midstream_error();
            event(&mut sse, content_parts(content, None), last, true);
        }
    }
    if ctx.midstream_error() {
        sse.begin(None);
        sse.buf.push_str(
            "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}",
        );
        sse.end(false);
        return Reply::events(sse, true);
    }
    Reply::events(sse, false)
}

/// `batchEmbedContents`: one vector per request (each `requests[i].content.parts`).
fn embeddings(body: &Value) -> Reply {
    let Some(requests) = body.get("requests").and_then(Value::as_array) else {
        return invalid("* BatchEmbedContentsRequest.requests: requests is not specified\n");
    };
    let mut out = Vec::with_capacity(requests.len());
    for (i, r) in requests.iter().enumerate() {
        if r.get("content").and_then(|c| c.get("parts")).is_none() {
            return invalid(&format!(
                "* BatchEmbedContentsRequest.requests[{i}].content: content is not specified\n"
            ));
        }
        let dims = r
            .get("outputDimensionality")
            .and_then(Value::as_u64)
            .unwrap_or(8)
            .clamp(1, 4096) as usize;
        let values: Vec<f64> = (0..dims)
            .map(|j| ((i + 1) * (j + 1)) as f64 / 100.0)
            .collect();
        out.push(json!({ "values": values }));
    }
    Reply::json(200, to_vec(&json!({ "embeddings": out })))
}
