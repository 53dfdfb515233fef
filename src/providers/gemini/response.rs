//! Gemini `GenerateContentResponse` -> OpenAI `chat.completion` object, as litellm 1.109.1
//! shapes it: text and thought parts, function calls (ids minted), finish reasons, usage with
//! cached and thinking tokens, the content-filter reply, and the metadata lists litellm keeps.
//! The candidate and usage helpers are shared with the stream translator.

use serde_json::{json, Map, Value};

use crate::error::{ErrorKind, LlmError, Result};
use crate::types::{ids, pyrepr, ChatRequest};

/// Finish reasons after which litellm discards what was generated (non-streaming).
const FILTERED: &[&str] = &[
    "SAFETY",
    "RECITATION",
    "BLOCKLIST",
    "PROHIBITED_CONTENT",
    "SPII",
    "IMAGE_SAFETY",
    "IMAGE_PROHIBITED_CONTENT",
];

/// Gemini `finishReason` -> OpenAI `finish_reason`.
pub fn map_finish_reason(reason: &str) -> &'static str {
    match reason {
        "MAX_TOKENS" | "CONTINUATION" => "length",
        "SAFETY"
        | "RECITATION"
        | "LANGUAGE"
        | "OTHER"
        | "BLOCKLIST"
        | "PROHIBITED_CONTENT"
        | "SPII"
        | "IMAGE_SAFETY"
        | "IMAGE_PROHIBITED_CONTENT"
        | "NO_IMAGE"
        | "IMAGE_RECITATION"
        | "IMAGE_OTHER"
        | "ESCALATION" => "content_filter",
        _ => "stop",
    }
}

/// A tool call id as litellm mints one when Gemini sends none: `call_` + 28 hex digits.
pub fn tool_call_id() -> String {
    let hex: String = ids::uuid4()
        .chars()
        .filter(|c| *c != '-')
        .take(28)
        .collect();
    format!("call_{hex}")
}

/// What one candidate's parts say, in OpenAI terms.
#[derive(Debug, Default)]
pub struct Parts {
    pub content: Option<String>,
    pub reasoning: Option<String>,
    pub thinking_blocks: Vec<Value>,
    pub tool_calls: Vec<Value>,
}

/// Read a candidate's parts; tool calls are numbered from `next_index` (a running count
/// across candidates and, in a stream, chunks).
pub fn read_parts(candidate: &Value, next_index: &mut u64) -> Result<Parts> {
    let mut out = Parts::default();
    let parts = candidate
        .get("content")
        .and_then(|c| c.get("parts"))
        .and_then(Value::as_array);
    let mut text = String::new();
    let mut thought = String::new();
    for p in parts.into_iter().flatten() {
        if let Some(f) = p.get("functionCall") {
            let name = f.get("name").and_then(Value::as_str).unwrap_or("");
            let args = f.get("args").ok_or_else(|| {
                conversion_error(format!("'args' missing from the functionCall of {name:?}"))
            })?;
            let id = f
                .get("id")
                .and_then(Value::as_str)
                .map_or_else(tool_call_id, str::to_string);
            out.tool_calls.push(json!({
                "index": *next_index,
                "function": {"arguments": pyrepr::json_dumps(args), "name": name},
                "id": id,
                "type": "function",
            }));
            *next_index += 1;
        } else if let Some(t) = p.get("text").and_then(Value::as_str) {
            if p.get("thought").and_then(Value::as_bool) == Some(true) {
                thought.push_str(t);
                let mut block = json!({"type": "thinking", "thinking": t});
                if let Some(sig) = p.get("thoughtSignature") {
                    block["signature"] = sig.clone();
                }
                out.thinking_blocks.push(block);
            } else {
                text.push_str(t);
            }
        }
    }
    out.content = (!text.is_empty()).then_some(text);
    out.reasoning = (!thought.is_empty()).then_some(thought);
    Ok(out)
}

/// litellm's error for a 200 body it could not turn into a response.
pub fn conversion_error(detail: impl std::fmt::Display) -> LlmError {
    LlmError::new(
        ErrorKind::BadRequestError,
        format!(
            "Error converting to valid response block={detail}. File an issue if litellm error - https://github.com/BerriAI/litellm/issues"
        ),
    )
    .with_status(422)
}

/// OpenAI usage from `usageMetadata`.
pub fn usage(u: &Value) -> Value {
    let n = |k: &str| u.get(k).and_then(Value::as_u64);
    let prompt = n("promptTokenCount").unwrap_or(0);
    let candidates = n("candidatesTokenCount").unwrap_or(0);
    let total = n("totalTokenCount").unwrap_or(0);
    let thoughts = n("thoughtsTokenCount");
    let tool_use = n("toolUsePromptTokenCount").unwrap_or(0);
    let cached = n("cachedContentTokenCount");
    // Thoughts are outside candidatesTokenCount unless the counts already add up without them.
    let completion = match thoughts {
        Some(r) if prompt + candidates + tool_use != total => candidates + r,
        _ => candidates,
    };
    let by_modality = |list: &str, modality: &[&str]| -> Option<u64> {
        let entries = u.get(list)?.as_array()?;
        Some(
            entries
                .iter()
                .filter(|e| {
                    e.get("modality")
                        .and_then(Value::as_str)
                        .is_some_and(|m| modality.contains(&m))
                })
                .filter_map(|e| e.get("tokenCount").and_then(Value::as_u64))
                .sum(),
        )
    };
    let mut completion_details = Map::new();
    let completion_text = by_modality("candidatesTokensDetails", &["TEXT", "DOCUMENT"])
        .unwrap_or_else(|| {
            let media = ["IMAGE", "AUDIO", "VIDEO"]
                .iter()
                .filter_map(|m| by_modality("candidatesTokensDetails", &[m]))
                .sum::<u64>();
            candidates.saturating_sub(media)
        });
    completion_details.insert("text_tokens".into(), json!(completion_text));
    if let Some(r) = thoughts {
        completion_details.insert("reasoning_tokens".into(), json!(r));
    }
    // litellm names every OpenAI prompt count (None when unknown), then its extensions.
    let mut prompt_details = Map::new();
    let cached_out = if u.get("cacheTokensDetails").is_some() {
        0
    } else {
        cached.unwrap_or(0)
    };
    let text = by_modality("promptTokensDetails", &["TEXT", "DOCUMENT"])
        .map(|t| t.saturating_sub(cached_out) + tool_use);
    let media = |m: &str| by_modality("promptTokensDetails", &[m]).filter(|v| *v > 0);
    for (key, value) in [
        ("audio_tokens", media("AUDIO")),
        ("cached_tokens", cached),
        ("image_tokens", media("IMAGE")),
        ("text_tokens", text),
        ("video_tokens", media("VIDEO")),
        ("initial_prompt_tokens", None),
    ] {
        prompt_details.insert(key.into(), json!(value));
    }
    if tool_use > 0 {
        prompt_details.insert("tool_use_tokens".into(), json!(tool_use));
    }
    json!({
        "completion_tokens": completion,
        "prompt_tokens": prompt + tool_use,
        "total_tokens": total,
        "completion_tokens_details": completion_details,
        "prompt_tokens_details": prompt_details,
        "cache_read_input_tokens": cached,
        "cache_creation_input_tokens": null,
    })
}

/// The reply litellm returns when the prompt or the reply was blocked: no content, only the
/// three token counts.
fn filtered(req: &ChatRequest, body: &Value) -> Value {
    let u = body.get("usageMetadata").unwrap_or(&Value::Null);
    let n = |k: &str| u.get(k).and_then(Value::as_u64).unwrap_or(0);
    json!({
        "id": ids::completion_id(),
        "created": ids::unix_now(),
        "model": response_model(req, body),
        "object": "chat.completion",
        "choices": [{
            "finish_reason": "content_filter",
            "index": 0,
            "message": {"content": null, "role": "assistant", "tool_calls": null, "function_call": null},
        }],
        "usage": {
            "completion_tokens": n("candidatesTokenCount"),
            "prompt_tokens": n("promptTokenCount"),
            "total_tokens": n("totalTokenCount"),
        },
    })
}

fn response_model(req: &ChatRequest, body: &Value) -> String {
    body.get("modelVersion")
        .and_then(Value::as_str)
        .map(|m| m.split('@').next().unwrap_or(m).to_string())
        .unwrap_or_else(|| req.model.clone())
}

pub fn parse_response(req: &ChatRequest, raw: &[u8]) -> Result<Value> {
    let body: Value = serde_json::from_slice(raw).map_err(conversion_error)?;
    if body
        .get("promptFeedback")
        .and_then(|f| f.get("blockReason"))
        .is_some()
    {
        return Ok(filtered(req, &body));
    }
    let candidates = body
        .get("candidates")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let first_finish = candidates
        .first()
        .and_then(|c| c.get("finishReason"))
        .and_then(Value::as_str);
    if first_finish.is_some_and(|f| FILTERED.contains(&f)) {
        return Ok(filtered(req, &body));
    }
    let usage_meta = body
        .get("usageMetadata")
        .ok_or_else(|| conversion_error("'usageMetadata' missing from the response"))?;
    let mut choices = Vec::new();
    let mut next_index = 0;
    let mut safety = Vec::new();
    let mut grounding = Vec::new();
    let mut citations = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        if let Some(r) = c.get("safetyRatings") {
            safety.push(r.clone());
        }
        if let Some(g) = c.get("groundingMetadata") {
            grounding.push(g.clone());
        }
        if let Some(m) = c.get("citationMetadata") {
            citations.push(m.clone());
        }
        if c.get("content").is_none() && c.get("finishReason").is_none() {
            continue;
        }
        let parts = read_parts(c, &mut next_index)?;
        let native = c.get("finishReason").and_then(Value::as_str);
        let finish = if !parts.tool_calls.is_empty() {
            "tool_calls"
        } else {
            native.map_or("stop", map_finish_reason)
        };
        let has_parts = c
            .get("content")
            .and_then(|c| c.get("parts"))
            .is_some_and(Value::is_array);
        let mut message = json!({
            "content": parts.content,
            "role": "assistant",
            "tool_calls": if parts.tool_calls.is_empty() { Value::Null } else { json!(parts.tool_calls) },
            "function_call": null,
        });
        if let Some(r) = &parts.reasoning {
            message["reasoning_content"] = json!(r);
        }
        if has_parts {
            message["images"] = json!([]);
            message["thinking_blocks"] = json!(parts.thinking_blocks);
        }
        let mut choice = json!({
            "finish_reason": finish,
            "index": c.get("index").and_then(Value::as_u64).unwrap_or(i as u64),
            "message": message,
        });
        if let Some(n) = native {
            choice["provider_specific_fields"] = json!({"native_finish_reason": n});
        }
        choices.push(choice);
    }
    let id = body
        .get("responseId")
        .and_then(Value::as_str)
        .map_or_else(ids::completion_id, str::to_string);
    Ok(json!({
        "id": id,
        "created": ids::unix_now(),
        "model": response_model(req, &body),
        "object": "chat.completion",
        "choices": choices,
        "usage": usage(usage_meta),
        "vertex_ai_grounding_metadata": grounding,
        "vertex_ai_url_context_metadata": [],
        "vertex_ai_safety_results": safety,
        "vertex_ai_citation_metadata": citations,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req() -> ChatRequest {
        ChatRequest {
            model: "gemini-2.5-flash".into(),
            ..ChatRequest::default()
        }
    }

    #[test]
    fn text_thoughts_tools_and_usage() {
        let body =
            br#"{"candidates":[{"index":0,"finishReason":"STOP","content":{"role":"model","parts":[
            {"text":"Let me see.","thought":true},{"text":"Checking."},
            {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]}}],
            "usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":12,"totalTokenCount":80,
            "thoughtsTokenCount":28,"cachedContentTokenCount":5,
            "promptTokensDetails":[{"modality":"TEXT","tokenCount":40}]},
            "modelVersion":"gemini-2.5-flash@001","responseId":"r1"}"#;
        let v = parse_response(&req(), body).unwrap();
        assert_eq!(v["id"], "r1");
        assert_eq!(v["model"], "gemini-2.5-flash");
        let c = &v["choices"][0];
        assert_eq!(c["finish_reason"], "tool_calls");
        assert_eq!(
            c["provider_specific_fields"]["native_finish_reason"],
            "STOP"
        );
        assert_eq!(c["message"]["content"], "Checking.");
        assert_eq!(c["message"]["reasoning_content"], "Let me see.");
        let tc = &c["message"]["tool_calls"][0];
        assert_eq!(tc["function"]["arguments"], "{\"city\": \"Paris\"}");
        assert!(tc["id"].as_str().unwrap().starts_with("call_"));
        assert_eq!(tc["id"].as_str().unwrap().len(), 33);
        let u = &v["usage"];
        assert_eq!(u["prompt_tokens"], 40);
        assert_eq!(u["completion_tokens"], 40);
        assert_eq!(u["total_tokens"], 80);
        assert_eq!(u["completion_tokens_details"]["reasoning_tokens"], 28);
        assert_eq!(u["prompt_tokens_details"]["cached_tokens"], 5);
        assert_eq!(u["prompt_tokens_details"]["text_tokens"], 35);
    }

    #[test]
    fn blocked_and_malformed() {
        let v = parse_response(
            &req(),
            br#"{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":3,"totalTokenCount":3}}"#,
        )
        .unwrap();
        assert_eq!(v["choices"][0]["finish_reason"], "content_filter");
        assert!(v["choices"][0]["message"]["content"].is_null());
        let v = parse_response(
            &req(),
            br#"{"candidates":[{"finishReason":"SAFETY","content":{"parts":[{"text":"x"}]}}],"usageMetadata":{}}"#,
        )
        .unwrap();
        assert!(v["choices"][0]["message"]["content"].is_null());
        let e = parse_response(
            &req(),
            br#"{"candidates":[{"content":{"parts":[{"text":"Hel"#,
        )
        .unwrap_err();
        assert_eq!((e.kind, e.status), (ErrorKind::BadRequestError, 422));
    }

    #[test]
    fn finish_reasons() {
        for (native, mapped) in [
            ("STOP", "stop"),
            ("MAX_TOKENS", "length"),
            ("SAFETY", "content_filter"),
            ("MALFORMED_FUNCTION_CALL", "stop"),
            ("SOMETHING_NEW", "stop"),
        ] {
            assert_eq!(map_finish_reason(native), mapped);
        }
    }
}
