//! OpenAI chat-completions wire format (also Azure OpenAI and OpenAI-compatible hosts):
//! request validation, non-stream and SSE replies, and each error body.

use serde_json::{json, Value};

use crate::reply::{
    push_json_str, push_num, split_pieces, to_vec, Content, Ctx, Reply, Sse, CREATED,
};
use crate::scenario::{ErrorKind, Flavor};

/// Model name Azure reports regardless of the deployment.
pub const AZURE_MODEL: &str = "gpt-4o-2024-08-06";

const AZURE_OUTPUT_FILTER: &str = r#"{"hate":{"filtered":false,"severity":"safe"},"protected_material_code":{"filtered":false,"detected":false},"protected_material_text":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}"#;
const AZURE_PROMPT_FILTER: &str = r#"[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]"#;
const MIDSTREAM_ERROR: &str = r#"{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}"#;

/// Which OpenAI-format surface a request came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// `/v1/chat/completions`, `/chat/completions`, other OpenAI-compatible paths.
    OpenAi,
    /// `/openai/deployments/{deployment}/chat/completions?api-version=...`
    AzureDeployment,
    /// `/openai/v1/chat/completions`
    AzureV1,
}

impl Surface {
    pub fn flavor(self) -> Flavor {
        match self {
            Surface::OpenAi => Flavor::OpenAi,
            Surface::AzureDeployment | Surface::AzureV1 => Flavor::Azure,
        }
    }
}

fn envelope(message: &str, kind: Value, param: Value, code: Value) -> Vec<u8> {
    to_vec(&json!({"error": {"message": message, "type": kind, "param": param, "code": code}}))
}

/// 404 for a path no route matches (OpenAI's wording).
pub fn invalid_url(method: &str, path: &str) -> Reply {
    let msg = format!("Invalid URL ({method} {path})");
    Reply::json(
        404,
        envelope(
            &msg,
            json!("invalid_request_error"),
            Value::Null,
            Value::Null,
        ),
    )
}

/// 405 for a known path with the wrong method.
pub fn invalid_method(method: &str, path: &str) -> Reply {
    let msg = format!("Invalid method for URL ({method} {path})");
    Reply::json(
        405,
        envelope(
            &msg,
            json!("invalid_request_error"),
            Value::Null,
            Value::Null,
        ),
    )
}

/// Azure's answer to a deployment route without `api-version`.
pub fn azure_missing_api_version() -> Reply {
    Reply::json(
        404,
        to_vec(&json!({"error": {"code": "404", "message": "Resource not found"}})),
    )
}

/// `POST /embeddings`: one deterministic vector per input (`dimensions` long, 8 by default),
/// as floats or little-endian float32 base64 (`encoding_format`), with usage. Error switches
/// (`status=`, `error=malformed`) apply as for chat.
pub fn embeddings(ctx: &Ctx) -> Reply {
    if let Some(status) = ctx.status() {
        return Reply::json(
            status,
            status_body(ctx, Flavor::OpenAi, status, "text-embedding-3-small"),
        );
    }
    if ctx.error() == Some(ErrorKind::Malformed) {
        return Reply::json(
            200,
            b"{\"object\":\"list\",\"data\":[{\"embedding\":[0.1,".to_vec(),
        );
    }
    let Some(body) = ctx.json.filter(|j| j.is_object()) else {
        return Reply::json(
            400,
            envelope(
                "We could not parse the JSON body of your request.",
                json!("invalid_request_error"),
                Value::Null,
                Value::Null,
            ),
        );
    };
    let inputs: Vec<Value> = match body.get("input") {
        Some(Value::Array(a)) if a.first().is_some_and(Value::is_number) => {
            vec![Value::Array(a.clone())]
        }
        Some(Value::Array(a)) => a.clone(),
        Some(v) => vec![v.clone()],
        None => Vec::new(),
    };
    let dims = body
        .get("dimensions")
        .and_then(Value::as_u64)
        .unwrap_or(8)
        .clamp(1, 4096) as usize;
    let base64 = body.get("encoding_format").and_then(Value::as_str) == Some("base64");
    let mut tokens = 0u64;
    let data: Vec<Value> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            tokens += match input {
                Value::String(t) => (t.len() as u64).div_ceil(4).max(1),
                Value::Array(a) => a.len() as u64,
                _ => 1,
            };
            let vector: Vec<f32> = (0..dims)
                .map(|j| ((i + 1) * (j + 1)) as f32 / 100.0)
                .collect();
            let embedding = if base64 {
                let bytes: Vec<u8> = vector.iter().flat_map(|f| f.to_le_bytes()).collect();
                Value::String(base64_encode(&bytes))
            } else {
                json!(vector.iter().map(|f| f64::from(*f)).collect::<Vec<_>>())
            };
            json!({"object": "embedding", "index": i, "embedding": embedding})
        })
        .collect();
    let model = ctx.model().unwrap_or("text-embedding-3-small");
    let out = json!({
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    });
    Reply::json(200, serde_json::to_vec(&out).unwrap_or_default())
}

fn base64_encode(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= c.len() {
                out.push(A[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn respond(ctx: &Ctx, surface: Surface) -> Reply {
    let flavor = ctx.sc.flavor.unwrap_or(surface.flavor());
    let model = match flavor {
        Flavor::Azure => AZURE_MODEL,
        Flavor::OpenAi => ctx.model().unwrap_or("gpt-4o-mini"),
    };
    if let Some(kind) = ctx.error() {
        let status = ctx.sc.status;
        match kind {
            ErrorKind::Context => return Reply::json(status.unwrap_or(400), context_body()),
            ErrorKind::ContentPolicy => {
                return Reply::json(status.unwrap_or(400), content_policy_body(flavor));
            }
            ErrorKind::Quota => return Reply::json(status.unwrap_or(429), quota_body()),
            ErrorKind::Html => return Reply::html(status.unwrap_or(502)),
            ErrorKind::Empty if ctx.stream() => return Reply::events(Sse::new(false, 0), false),
            ErrorKind::Empty => return Reply::json(200, Vec::new()),
            ErrorKind::Malformed if !ctx.stream() => {
                let mut s = String::from("{\"id\":\"chatcmpl-mock-");
                push_num(&mut s, ctx.n);
                s.push_str("\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":");
                push_json_str(&mut s, model);
                s.push_str(",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hel");
                return Reply::json(200, s.into_bytes());
            }
            ErrorKind::Malformed => {}
        }
    }
    if let Some(status) = ctx.status() {
        return Reply::json(status, status_body(ctx, flavor, status, model));
    }
    let Some(body) = ctx.json.filter(|j| j.is_object()) else {
        return Reply::json(
            400,
            envelope(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
                json!("invalid_request_error"),
                Value::Null,
                Value::Null,
            ),
        );
    };
    if surface != Surface::AzureDeployment && ctx.model().is_none() {
        return Reply::json(
            400,
            envelope(
                "you must provide a model parameter",
                json!("invalid_request_error"),
                Value::Null,
                Value::Null,
            ),
        );
    }
    if !body.get("messages").is_some_and(Value::is_array) {
        return Reply::json(
            400,
            envelope(
                "Missing required parameter: 'messages'.",
                json!("invalid_request_error"),
                json!("messages"),
                json!("missing_required_parameter"),
            ),
        );
    }
    let content = ctx.content();
    if ctx.stream() {
        stream(ctx, flavor, body, model, &content)
    } else {
        Reply::json(200, completion(ctx, flavor, model, &content))
    }
}

fn finish_reason<'a>(ctx: &'a Ctx, content: &Content) -> &'a str {
    match (&ctx.sc.finish, content) {
        (Some(f), _) => f,
        (None, Content::Tools(_)) => "tool_calls",
        (None, Content::Text(_)) => "stop",
    }
}

fn push_usage(s: &mut String, ctx: &Ctx, content: &Content) {
    let prompt = ctx.input_tokens() + ctx.sc.cache_read;
    let completion = content.output_tokens(ctx.sc.chunks);
    s.push_str("{\"prompt_tokens\":");
    push_num(s, prompt);
    s.push_str(",\"completion_tokens\":");
    push_num(s, completion);
    s.push_str(",\"total_tokens\":");
    push_num(s, prompt + completion);
    s.push_str(",\"prompt_tokens_details\":{\"cached_tokens\":");
    push_num(s, ctx.sc.cache_read);
    s.push_str(",\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}");
}

fn push_call_id(s: &mut String, ctx: &Ctx, i: usize) {
    s.push_str("\"call_mock_");
    push_num(s, ctx.n);
    s.push('_');
    push_num(s, i as u64);
    s.push('"');
}

/// Non-streaming `chat.completion` body.
fn completion(ctx: &Ctx, flavor: Flavor, model: &str, content: &Content) -> Vec<u8> {
    let text_len = match content {
        Content::Text(t) => t.len(),
        Content::Tools(_) => 256,
    };
    let mut s = String::with_capacity(1024 + text_len + text_len / 8);
    s.push_str("{\"id\":\"chatcmpl-mock-");
    push_num(&mut s, ctx.n);
    s.push_str("\",\"object\":\"chat.completion\",\"created\":");
    push_num(&mut s, CREATED);
    s.push_str(",\"model\":");
    push_json_str(&mut s, model);
    s.push_str(",\"system_fingerprint\":\"fp_mock\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":");
    match content {
        Content::Text(t) => push_json_str(&mut s, t),
        Content::Tools(calls) => {
            s.push_str("null,\"tool_calls\":[");
            for (i, call) in calls.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                s.push_str("{\"id\":");
                push_call_id(&mut s, ctx, i);
                s.push_str(",\"type\":\"function\",\"function\":{\"name\":");
                push_json_str(&mut s, &call.name);
                s.push_str(",\"arguments\":");
                push_json_str(&mut s, call.arguments());
                s.push_str("}}");
            }
            s.push(']');
        }
    }
    s.push_str(",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":");
    push_json_str(&mut s, finish_reason(ctx, content));
    if flavor == Flavor::Azure {
        s.push_str(",\"content_filter_results\":");
        s.push_str(AZURE_OUTPUT_FILTER);
    }
    s.push_str("}],\"service_tier\":\"default\"");
    if ctx.sc.usage {
        s.push_str(",\"usage\":");
        push_usage(&mut s, ctx, content);
    }
    if flavor == Flavor::Azure {
        s.push_str(",\"prompt_filter_results\":");
        s.push_str(AZURE_PROMPT_FILTER);
    }
    s.push('}');
    s.into_bytes()
}

/// Writes chunk events sharing one pre-rendered prefix.
struct ChunkWriter<'a> {
    /// `{"id":...,"system_fingerprint":"fp_mock","choices":[`
    prefix: String,
    /// `}` or `,"usage":null}`
    suffix: &'static str,
    azure: bool,
    sse: &'a mut Sse,
}

impl ChunkWriter<'_> {
    /// One chunk with `delta` (raw JSON) and an optional finish reason.
    fn chunk(&mut self, delta: &str, finish: Option<&str>, content: bool) {
        let s = &mut self.sse;
        s.begin(None);
        s.buf.push_str(&self.prefix);
        s.buf.push_str("{\"index\":0,\"delta\":");
        s.buf.push_str(delta);
        s.buf.push_str(",\"logprobs\":null,\"finish_reason\":");
        match finish {
            Some(f) => push_json_str(&mut s.buf, f),
            None => s.buf.push_str("null"),
        }
        if self.azure {
            s.buf.push_str(",\"content_filter_results\":");
            s.buf
                .push_str(if content { AZURE_OUTPUT_FILTER } else { "{}" });
        }
        s.buf.push_str("}]");
        s.buf.push_str(self.suffix);
        s.end(content);
    }
}

fn stream(ctx: &Ctx, flavor: Flavor, body: &Value, model: &str, content: &Content) -> Reply {
    let include_usage = ctx.sc.usage
        && body
            .get("stream_options")
            .and_then(|o| o.get("include_usage"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
    let azure = flavor == Flavor::Azure;
    let mut prefix = String::with_capacity(160);
    prefix.push_str("{\"id\":\"chatcmpl-mock-");
    push_num(&mut prefix, ctx.n);
    prefix.push_str("\",\"object\":\"chat.completion.chunk\",\"created\":");
    push_num(&mut prefix, CREATED);
    prefix.push_str(",\"model\":");
    push_json_str(&mut prefix, model);
    prefix.push_str(",\"system_fingerprint\":\"fp_mock\",\"choices\":[");

    let (n_events, text_len) = match content {
        Content::Text(t) => (ctx.sc.chunks + 4, t.len() + t.len() / 8),
        Content::Tools(calls) => (calls.len() * 3 + 4, 0),
    };
    let per_event = prefix.len() + 100 + if azure { AZURE_OUTPUT_FILTER.len() } else { 0 };
    let mut sse = Sse::new(ctx.sc.crlf, n_events * per_event + text_len + 512);

    if azure {
        sse.begin(None);
        sse.buf.push_str("{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":");
        sse.buf.push_str(AZURE_PROMPT_FILTER);
        sse.buf.push('}');
        sse.end(false);
    }
    let finish = finish_reason(ctx, content);
    let mut w = ChunkWriter {
        prefix,
        suffix: if include_usage {
            ",\"usage\":null}"
        } else {
            "}"
        },
        azure,
        sse: &mut sse,
    };
    let malformed = ctx.error() == Some(ErrorKind::Malformed);
    let mut delta = String::with_capacity(256);
    match content {
        Content::Text(text) => {
            w.chunk(
                "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}",
                None,
                false,
            );
            if malformed {
                push_malformed(&mut w);
            }
            for piece in split_pieces(text, ctx.sc.chunks) {
                delta.clear();
                delta.push_str("{\"content\":");
                push_json_str(&mut delta, piece);
                delta.push('}');
                w.chunk(&delta, None, true);
            }
        }
        Content::Tools(calls) => {
            if malformed {
                push_malformed(&mut w);
            }
            for (i, call) in calls.iter().enumerate() {
                delta.clear();
                delta.push_str(if i == 0 {
                    "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":"
                } else {
                    "{\"tool_calls\":[{\"index\":"
                });
                push_num(&mut delta, i as u64);
                delta.push_str(",\"id\":");
                push_call_id(&mut delta, ctx, i);
                delta.push_str(",\"type\":\"function\",\"function\":{\"name\":");
                push_json_str(&mut delta, &call.name);
                delta.push_str(",\"arguments\":\"\"}}]}");
                w.chunk(&delta, None, true);
                for part in call.fragments() {
                    delta.clear();
                    delta.push_str("{\"tool_calls\":[{\"index\":");
                    push_num(&mut delta, i as u64);
                    delta.push_str(",\"function\":{\"arguments\":");
                    push_json_str(&mut delta, part);
                    delta.push_str("}}]}");
                    w.chunk(&delta, None, true);
                }
            }
        }
    }
    if ctx.midstream_error() {
        sse.begin(None);
        sse.buf.push_str(MIDSTREAM_ERROR);
        sse.end(false);
        return Reply::events(sse, true);
    }
    w.chunk("{}", Some(finish), false);
    if include_usage {
        let prefix = w.prefix.clone();
        sse.begin(None);
        sse.buf.push_str(&prefix);
        sse.buf.push_str("],\"usage\":");
        push_usage(&mut sse.buf, ctx, content);
        sse.buf.push('}');
        sse.end(false);
    }
    sse.begin(None);
    sse.buf.push_str("[DONE]");
    sse.end(false);
    Reply::events(sse, false)
}

/// A data line whose JSON is cut off.
fn push_malformed(w: &mut ChunkWriter) {
    w.sse.begin(None);
    w.sse.buf.push_str(&w.prefix);
    w.sse
        .buf
        .push_str("{\"index\":0,\"delta\":{\"content\":\"oops");
    w.sse.end(false);
}

fn context_body() -> Vec<u8> {
    envelope(
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.",
        json!("invalid_request_error"),
        json!("messages"),
        json!("context_length_exceeded"),
    )
}

fn content_policy_body(flavor: Flavor) -> Vec<u8> {
    match flavor {
        Flavor::Azure => to_vec(&json!({"error": {
            "message": "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
            "type": null,
            "param": "prompt",
            "code": "content_filter",
            "status": 400,
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_result": {
                    "hate": {"filtered": false, "severity": "safe"},
                    "jailbreak": {"filtered": true, "detected": true},
                    "self_harm": {"filtered": false, "severity": "safe"},
                    "sexual": {"filtered": false, "severity": "safe"},
                    "violence": {"filtered": false, "severity": "safe"}
                }
            }
        }})),
        Flavor::OpenAi => envelope(
            "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.",
            json!("invalid_request_error"),
            Value::Null,
            json!("content_policy_violation"),
        ),
    }
}

fn quota_body() -> Vec<u8> {
    envelope(
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        json!("insufficient_quota"),
        Value::Null,
        json!("insufficient_quota"),
    )
}

/// The provider's error body for `status=<code>`.
fn status_body(ctx: &Ctx, flavor: Flavor, status: u16, model: &str) -> Vec<u8> {
    if flavor == Flavor::Azure {
        match status {
            401 => {
                return to_vec(
                    &json!({"error": {"code": "401", "message": "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}),
                );
            }
            404 => {
                return to_vec(
                    &json!({"error": {"code": "DeploymentNotFound", "message": "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}),
                );
            }
            429 => {
                let version = ctx
                    .query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("api-version="))
                    .filter(|v| !v.is_empty())
                    .unwrap_or("2024-10-21");
                let secs = ctx
                    .sc
                    .retry_after
                    .as_deref()
                    .and_then(|s| s.parse::<f64>().ok())
                    .map_or(1, |s| s.ceil() as u64);
                let msg = format!(
                    "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version {version} have exceeded token rate limit of your current pricing tier. Please retry after {secs} seconds. Go here for more info: https://aka.ms/oai/quotaincrease"
                );
                return to_vec(&json!({"error": {"code": "429", "message": msg}}));
            }
            _ => {}
        }
    }
    let (msg, kind, param, code): (String, Value, Value, Value) = match status {
        400 => (
            "Invalid value: 'bogus'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.".into(),
            json!("invalid_request_error"),
            json!("messages[0].role"),
            json!("invalid_value"),
        ),
        401 => (
            "Incorrect API key provided: sk-mock-***********************************1234. You can find your API key at https://platform.openai.com/account/api-keys.".into(),
            json!("invalid_request_error"),
            Value::Null,
            json!("invalid_api_key"),
        ),
        403 => (
            "Country, region, or territory not supported".into(),
            json!("request_forbidden"),
            Value::Null,
            json!("unsupported_country_region_territory"),
        ),
        404 => (
            format!("The model `{model}` does not exist or you do not have access to it."),
            json!("invalid_request_error"),
            Value::Null,
            json!("model_not_found"),
        ),
        409 => (
            "Another process is currently operating on this resource. Please try again later.".into(),
            json!("invalid_request_error"),
            Value::Null,
            json!("conflict"),
        ),
        422 => (
            "Unprocessable entity: the request was well-formed but could not be processed.".into(),
            json!("invalid_request_error"),
            Value::Null,
            Value::Null,
        ),
        429 => (
            format!("Rate limit reached for {model} in organization org-mock on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms. Visit https://platform.openai.com/account/rate-limits to learn more."),
            json!("requests"),
            Value::Null,
            json!("rate_limit_exceeded"),
        ),
        500 => (
            "The server had an error while processing your request. Sorry about that!".into(),
            json!("server_error"),
            Value::Null,
            Value::Null,
        ),
        // Cloudflare-fronted gateway errors carry a numeric code.
        502 => ("Bad gateway.".into(), json!("cf_bad_gateway"), Value::Null, json!(502)),
        503 => (
            "The engine is currently overloaded, please try again later".into(),
            json!("server_error"),
            Value::Null,
            Value::Null,
        ),
        504 => ("Gateway timeout.".into(), json!("cf_gateway_timeout"), Value::Null, json!(504)),
        s if s >= 500 => (
            format!("The server had an error processing your request (HTTP {s})."),
            json!("server_error"),
            Value::Null,
            Value::Null,
        ),
        s => (
            format!("The request could not be processed (HTTP {s})."),
            json!("invalid_request_error"),
            Value::Null,
            Value::Null,
        ),
    };
    envelope(&msg, kind, param, code)
}

#[cfg(test)]
mod embedding_tests {
    use super::base64_encode;

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64_encode(b"hi"), "aGk=");
        assert_eq!(base64_encode(b"hey"), "aGV5");
        assert_eq!(base64_encode(&1.0f32.to_le_bytes()), "AACAPw==");
    }
}
