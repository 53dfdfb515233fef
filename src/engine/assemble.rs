//! `stream_chunk_builder`: one chat.completion rebuilt from a stream's chunks, in the order
//! given — content, reasoning and tool-call argument fragments joined by index, thinking blocks
//! merged, provider_specific_fields merged, the last finish_reason, the first chunk's id,
//! created and hidden params, and usage from a usage chunk (or the stream's hidden usage) or
//! counted locally — then priced.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::types::{Completion, Hidden};
use crate::types::{UsageCounts, UsageJson};

#[derive(Default)]
struct ToolAcc {
    id: Option<Value>,
    kind: Option<Value>,
    name: String,
    arguments: String,
}

#[derive(Default)]
struct ChoiceAcc {
    content: Option<String>,
    reasoning: Option<String>,
    thinking_blocks: Vec<Value>,
    provider_fields: Option<Map<String, Value>>,
    tools: BTreeMap<u64, ToolAcc>,
    function_call: Option<(String, String)>,
    finish_reason: Option<Value>,
}

/// Append a streamed thinking block: consecutive `thinking` fragments form one block (text
/// joined, the last signature kept); other blocks are kept as they came.
fn push_thinking(blocks: &mut Vec<Value>, block: &Value) {
    let is_thinking = |b: &Value| b.get("type").and_then(Value::as_str) == Some("thinking");
    if let (Some(last), true) = (blocks.last_mut(), is_thinking(block)) {
        if is_thinking(last) {
            if let Some(t) = block.get("thinking").and_then(Value::as_str) {
                let joined = format!("{}{t}", last["thinking"].as_str().unwrap_or(""));
                last["thinking"] = Value::String(joined);
            }
            if let Some(sig) = block.get("signature").filter(|s| !s.is_null()) {
                last["signature"] = sig.clone();
            }
            return;
        }
    }
    blocks.push(block.clone());
}

/// A chunk's `_hidden_params` (dict chunks carry them as a key).
fn hidden_of(chunk: &Value) -> Option<&Map<String, Value>> {
    chunk.get("_hidden_params").and_then(Value::as_object)
}

fn push_str(slot: &mut Option<String>, s: &str) {
    slot.get_or_insert_with(String::new).push_str(s);
}

pub fn assemble(chunks: &[Value], messages: Option<&[Value]>) -> Completion {
    let first = chunks.first().cloned().unwrap_or(Value::Null);
    let mut choices: BTreeMap<u64, ChoiceAcc> = BTreeMap::new();
    let mut usage: Option<Value> = None;
    for c in chunks {
        // The stream's usage rides on a usage chunk, or on the last chunk's hidden params.
        if let Some(u) = c.get("usage").filter(|u| u.is_object()).or_else(|| {
            hidden_of(c)
                .and_then(|h| h.get("usage"))
                .filter(|u| u.is_object())
        }) {
            usage = Some(u.clone());
        }
        let Some(arr) = c.get("choices").and_then(Value::as_array) else {
            continue;
        };
        for ch in arr {
            let idx = ch.get("index").and_then(Value::as_u64).unwrap_or(0);
            let acc = choices.entry(idx).or_default();
            if let Some(fr) = ch.get("finish_reason").filter(|v| !v.is_null()) {
                acc.finish_reason = Some(fr.clone());
            }
            let Some(d) = ch.get("delta") else { continue };
            if let Some(s) = d.get("content").and_then(Value::as_str) {
                push_str(&mut acc.content, s);
            }
            if let Some(s) = d.get("reasoning_content").and_then(Value::as_str) {
                push_str(&mut acc.reasoning, s);
            }
            if let Some(blocks) = d.get("thinking_blocks").and_then(Value::as_array) {
                for b in blocks {
                    push_thinking(&mut acc.thinking_blocks, b);
                }
            }
            if let Some(psf) = d.get("provider_specific_fields").and_then(Value::as_object) {
                let merged = acc.provider_fields.get_or_insert_with(Map::new);
                for (k, v) in psf {
                    merged.insert(k.clone(), v.clone());
                }
            }
            if let Some(fc) = d.get("function_call").filter(|v| v.is_object()) {
                let f = acc.function_call.get_or_insert_with(Default::default);
                if let Some(n) = fc.get("name").and_then(Value::as_str) {
                    f.0.push_str(n);
                }
                if let Some(a) = fc.get("arguments").and_then(Value::as_str) {
                    f.1.push_str(a);
                }
            }
            if let Some(tcs) = d.get("tool_calls").and_then(Value::as_array) {
                for (pos, tc) in tcs.iter().enumerate() {
                    let ti = tc
                        .get("index")
                        .and_then(Value::as_u64)
                        .unwrap_or(pos as u64);
                    let t = acc.tools.entry(ti).or_default();
                    if let Some(id) = tc.get("id").filter(|v| v.is_string()) {
                        t.id.get_or_insert_with(|| id.clone());
                    }
                    if let Some(k) = tc.get("type").filter(|v| v.is_string()) {
                        t.kind.get_or_insert_with(|| k.clone());
                    }
                    if let Some(f) = tc.get("function") {
                        if let Some(n) = f.get("name").and_then(Value::as_str) {
                            t.name.push_str(n);
                        }
                        if let Some(a) = f.get("arguments").and_then(Value::as_str) {
                            t.arguments.push_str(a);
                        }
                    }
                }
            }
        }
    }
    let model = first
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut generated = String::new();
    let mut reasoning = String::new();
    let mut plain_text = true;
    let out_choices: Vec<Value> = choices
        .into_iter()
        .map(|(idx, acc)| {
            if let Some(c) = &acc.content {
                generated.push_str(c);
            }
            if let Some(r) = &acc.reasoning {
                reasoning.push_str(r);
            }
            let mut msg = Map::new();
            msg.insert(
                "content".into(),
                acc.content.map_or(Value::Null, Value::String),
            );
            msg.insert("role".into(), "assistant".into());
            let tools: Vec<Value> = acc
                .tools
                .into_values()
                .map(|t| {
                    generated.push_str(&t.name);
                    generated.push_str(&t.arguments);
                    json!({"id": t.id.unwrap_or(Value::Null),
                           "type": t.kind.unwrap_or_else(|| "function".into()),
                           "function": {"arguments": t.arguments, "name": t.name}})
                })
                .collect();
            plain_text &= tools.is_empty() && acc.provider_fields.is_none();
            msg.insert(
                "tool_calls".into(),
                if tools.is_empty() {
                    Value::Null
                } else {
                    Value::Array(tools)
                },
            );
            msg.insert(
                "function_call".into(),
                acc.function_call
                    .map_or(Value::Null, |(n, a)| json!({"arguments": a, "name": n})),
            );
            if let Some(r) = acc.reasoning {
                msg.insert("reasoning_content".into(), Value::String(r));
            }
            if !acc.thinking_blocks.is_empty() {
                msg.insert("thinking_blocks".into(), Value::Array(acc.thinking_blocks));
            }
            if let Some(psf) = acc.provider_fields {
                msg.insert("provider_specific_fields".into(), Value::Object(psf));
            }
            json!({"finish_reason": acc.finish_reason.unwrap_or_else(|| "stop".into()),
                   "index": idx, "message": Value::Object(msg)})
        })
        .collect();
    let reasoning_tokens = crate::cost::count_text_tokens(&model, &reasoning);
    let mut usage = usage.unwrap_or_else(|| {
        UsageCounts {
            prompt_tokens: messages.map_or(0, |m| crate::cost::count_message_tokens(&model, m)),
            completion_tokens: crate::cost::count_text_tokens(&model, &generated)
                + reasoning_tokens,
            ..Default::default()
        }
        .to_value()
    });
    // litellm reports the split of a plain-text answer (reasoning vs. text tokens) when the
    // usage it rebuilt from does not.
    if plain_text
        && usage
            .get("completion_tokens_details")
            .is_none_or(Value::is_null)
    {
        let completion = usage
            .get("completion_tokens")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        usage["completion_tokens_details"] = json!({
            "accepted_prediction_tokens": null, "audio_tokens": null,
            "reasoning_tokens": reasoning_tokens, "rejected_prediction_tokens": null,
            "text_tokens": completion.saturating_sub(reasoning_tokens), "image_tokens": null,
            "video_tokens": null,
        });
    } else if plain_text {
        // Details without a reasoning count get the rebuilt one, as litellm's builder does.
        if let Some(d) = usage
            .get_mut("completion_tokens_details")
            .and_then(Value::as_object_mut)
        {
            if d.get("reasoning_tokens").is_none_or(Value::is_null) {
                d.insert("reasoning_tokens".into(), json!(reasoning_tokens));
            }
        }
    }
    let first_hidden = hidden_of(&first).cloned().unwrap_or_default();
    let provider = first_hidden
        .get("custom_llm_provider")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            crate::providers::resolve(&model, None, None)
                .ok()
                .map(|r| r.provider)
        })
        .unwrap_or_default();
    let priced_model = crate::providers::resolve(&model, None, None)
        .map(|r| r.model)
        .unwrap_or_else(|_| model.clone());
    let hidden = Hidden {
        custom_llm_provider: provider.clone(),
        api_base: first_hidden
            .get("api_base")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        response_cost: crate::cost::call_cost(&provider, &[&priced_model], Some(&usage)),
        extra: first_hidden
            .into_iter()
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "custom_llm_provider" | "api_base" | "response_cost" | "usage"
                )
            })
            .collect(),
        ..Hidden::default()
    };
    let mut resp = Map::new();
    for k in ["id", "created", "model"] {
        resp.insert(k.into(), first.get(k).cloned().unwrap_or(Value::Null));
    }
    resp.insert("object".into(), "chat.completion".into());
    if let Some(fp) = first.get("system_fingerprint") {
        resp.insert("system_fingerprint".into(), fp.clone());
    }
    resp.insert("choices".into(), Value::Array(out_choices));
    resp.insert("usage".into(), usage);
    Completion {
        api: crate::types::Api::Chat,
        response: Value::Object(resp),
        hidden,
        response_ms: 0.0,
        assembled: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_text_and_tool_fragments() {
        let chunks = vec![
            json!({"id": "c1", "created": 3, "model": "gpt-4o", "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hel"}}]}),
            json!({"id": "c1", "choices": [{"index": 0, "delta": {"content": "lo"}}]}),
            json!({"id": "c1", "choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": ""}}]}}]}),
            json!({"id": "c1", "choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "{\"a\":"}}]}}]}),
            json!({"id": "c1", "choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "1}"}}]}}]}),
            json!({"id": "c1", "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}),
        ];
        let c = assemble(&chunks, None);
        let r = &c.response;
        assert_eq!(r["id"], "c1");
        assert_eq!(r["object"], "chat.completion");
        assert_eq!(r["choices"][0]["message"]["content"], "Hello");
        assert_eq!(
            r["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"],
            "{\"a\":1}"
        );
        assert_eq!(r["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(r["usage"]["prompt_tokens"], 0);
        assert!(r["usage"]["completion_tokens"].as_u64().unwrap() > 0);
    }

    #[test]
    fn usage_chunk_wins() {
        let chunks = vec![
            json!({"id": "c", "choices": [{"index": 0, "delta": {"content": "x"}}]}),
            json!({"id": "c", "choices": [], "usage": {"prompt_tokens": 4, "completion_tokens": 1, "total_tokens": 5}}),
        ];
        assert_eq!(
            assemble(&chunks, None).response["usage"]["prompt_tokens"],
            4
        );
    }
}

#[cfg(test)]
mod litellm_shapes {
    use super::*;

    fn chunk(delta: Value) -> Value {
        json!({"id": "x", "created": 1, "model": "gpt-4o", "choices": [{"index": 0, "delta": delta}]})
    }

    #[test]
    fn thinking_blocks_merge_and_reasoning_is_counted() {
        let chunks = vec![
            chunk(
                json!({"reasoning_content": "Let me ", "thinking_blocks": [{"type": "thinking", "thinking": "Let me ", "signature": null}]}),
            ),
            chunk(
                json!({"reasoning_content": "think.", "thinking_blocks": [{"type": "thinking", "thinking": "think.", "signature": "sig-1"}]}),
            ),
            chunk(json!({"content": "Done"})),
        ];
        let c = assemble(&chunks, None);
        let m = &c.response["choices"][0]["message"];
        assert_eq!(
            m["thinking_blocks"],
            json!([{"type": "thinking", "thinking": "Let me think.", "signature": "sig-1"}])
        );
        assert_eq!(m["reasoning_content"], "Let me think.");
        let u = &c.response["usage"];
        assert_eq!(u["completion_tokens_details"]["reasoning_tokens"], 4);
        assert_eq!(u["completion_tokens"], 5);
        assert!(c.hidden.response_cost.is_some());
    }

    #[test]
    fn provider_fields_merge_and_hidden_params_come_from_the_first_chunk() {
        let mut first =
            chunk(json!({"content": "Hel", "provider_specific_fields": {"citations": ["a"]}}));
        first["_hidden_params"] =
            json!({"custom_llm_provider": "openai", "api_base": "https://b", "model_id": "m1"});
        let chunks = vec![
            first,
            chunk(
                json!({"content": "lo", "provider_specific_fields": {"citations": ["b"], "other": 1}}),
            ),
        ];
        let c = assemble(&chunks, None);
        assert_eq!(
            c.response["choices"][0]["message"]["provider_specific_fields"],
            json!({"citations": ["b"], "other": 1})
        );
        assert_eq!(c.hidden.api_base, "https://b");
        assert_eq!(c.hidden.extra.get("model_id"), Some(&json!("m1")));
    }

    #[test]
    fn hidden_usage_on_the_last_chunk_keeps_prompt_tokens() {
        let mut last = chunk(json!({}));
        last["_hidden_params"] =
            json!({"usage": {"prompt_tokens": 9, "completion_tokens": 4, "total_tokens": 13}});
        let chunks = vec![chunk(json!({"content": "Hello there, friend"})), last];
        assert_eq!(
            assemble(&chunks, None).response["usage"]["prompt_tokens"],
            9
        );
    }
}
