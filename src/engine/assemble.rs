//! `stream_chunk_builder`: one chat.completion rebuilt from a stream's chunks — content and
//! tool-call argument fragments joined by index, the last finish_reason, and usage from a
//! usage chunk or counted locally.

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
    tools: BTreeMap<u64, ToolAcc>,
    function_call: Option<(String, String)>,
    finish_reason: Option<Value>,
}

fn push_str(slot: &mut Option<String>, s: &str) {
    slot.get_or_insert_with(String::new).push_str(s);
}

pub fn assemble(chunks: &[Value], messages: Option<&[Value]>) -> Completion {
    let first = chunks.first().cloned().unwrap_or(Value::Null);
    let mut choices: BTreeMap<u64, ChoiceAcc> = BTreeMap::new();
    let mut usage: Option<Value> = None;
    for c in chunks {
        if let Some(u) = c.get("usage").filter(|u| u.is_object()) {
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
    let out_choices: Vec<Value> = choices
        .into_iter()
        .map(|(idx, acc)| {
            if let Some(c) = &acc.content {
                generated.push_str(c);
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
            json!({"finish_reason": acc.finish_reason.unwrap_or_else(|| "stop".into()),
                   "index": idx, "message": Value::Object(msg)})
        })
        .collect();
    let usage = usage.unwrap_or_else(|| {
        UsageCounts {
            prompt_tokens: messages.map_or(0, |m| crate::cost::count_message_tokens(&model, m)),
            completion_tokens: crate::cost::count_text_tokens(&model, &generated),
            ..Default::default()
        }
        .to_value()
    });
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
        response: Value::Object(resp),
        hidden: Hidden::default(),
        response_ms: 0.0,
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
