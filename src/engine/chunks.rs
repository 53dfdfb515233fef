//! Shapes provider stream chunks the way litellm hands them to users: one id for the whole
//! stream, the requested model name, role only on the first chunk, finish_reason only on a
//! final content-less chunk, and usage only as an extra `choices: []` chunk when the caller
//! asked for it (counted locally when the provider sent none). O(1) work per chunk.

use std::sync::Arc;

use serde_json::Value;

use crate::engine::context::PriceOverride;
pub use crate::types::chunk::{Chunk, ChunkChoice, Delta};
use crate::types::{ids, ProviderChunk, UsageCounts, UsageJson};

/// Per-stream state of the shaping.
#[derive(Debug)]
pub struct ChunkShaper {
    id: Option<Arc<str>>,
    model: Arc<str>,
    system_fingerprint: Option<Arc<str>>,
    include_usage: bool,
    sent_first: bool,
    /// Finish reasons held back until the end, by choice index.
    finish: Vec<(u64, String)>,
    usage: Option<Value>,
    /// Text generated so far, kept while the provider reports no usage (it may have to be
    /// counted locally).
    generated: String,
    /// The provider whose prices apply to the usage chunk.
    provider: Option<String>,
    /// Prices the caller set on the call, which win over the catalog's.
    price_override: Option<PriceOverride>,
    /// The usage the stream ended with (reported or counted), once finished.
    final_usage: Option<Value>,
}

/// Text length of the stream so far, for local usage counting.
pub trait TokenCounter {
    fn prompt_tokens(&self) -> u64;
    fn completion_tokens(&self, generated: &str) -> u64;
}

impl ChunkShaper {
    pub fn new(requested_model: &str, include_usage: bool) -> ChunkShaper {
        ChunkShaper {
            id: None,
            model: Arc::from(requested_model),
            system_fingerprint: None,
            include_usage,
            sent_first: false,
            finish: Vec::new(),
            usage: None,
            generated: String::new(),
            provider: None,
            price_override: None,
            final_usage: None,
        }
    }

    /// Price the usage chunk (`usage.cost`, as litellm adds it) for this provider.
    pub fn priced_for(
        mut self,
        provider: &str,
        price_override: Option<PriceOverride>,
    ) -> ChunkShaper {
        self.provider = Some(provider.to_string());
        self.price_override = price_override;
        self
    }

    fn id(&mut self) -> Arc<str> {
        self.id
            .get_or_insert_with(|| Arc::from(ids::completion_id().as_str()))
            .clone()
    }

    /// Shape one provider chunk; returns the chunk to emit, if it carries anything.
    pub fn push(&mut self, raw: ProviderChunk) -> Option<Chunk> {
        if self.id.is_none() {
            if let Some(id) = raw.id {
                self.id = Some(Arc::from(id.as_str()));
            }
        }
        if self.system_fingerprint.is_none() {
            if let Some(fp) = raw.system_fingerprint {
                self.system_fingerprint = Some(Arc::from(fp.as_str()));
            }
        }
        if raw.usage.is_some() {
            self.usage = raw.usage;
        }
        let extra = raw.extra.map(Arc::new);
        let mut choices = Vec::new();
        for c in raw.choices {
            if let Some(fr) = c.finish_reason {
                if !self.finish.iter().any(|(i, _)| *i == c.index) {
                    self.finish.push((c.index, fr));
                }
            }
            let mut delta = c.delta;
            // The provider's first delta passes through even when empty (it carries the role).
            if !delta.carries_content() && self.sent_first {
                continue;
            }
            if self.usage.is_none() {
                if let Some(t) = &delta.content {
                    self.generated.push_str(t);
                }
                if let Some(tc) = &delta.tool_calls {
                    collect_tool_text(tc, &mut self.generated);
                }
            }
            delta.role = if self.sent_first {
                None
            } else {
                self.sent_first = true;
                Some("assistant")
            };
            choices.push(ChunkChoice {
                index: c.index,
                delta,
                finish_reason: None,
                logprobs: c.logprobs,
            });
        }
        if choices.is_empty() {
            return None;
        }
        Some(Chunk {
            id: self.id(),
            model: self.model.clone(),
            system_fingerprint: self.system_fingerprint.clone(),
            choices,
            usage: None,
            hidden_usage: None,
            extra,
        })
    }

    /// The chunks that close the stream: the finish chunk, then the usage chunk if asked for.
    pub fn finish(&mut self, counter: &dyn TokenCounter) -> Vec<Chunk> {
        let mut out = Vec::new();
        let mut finish = std::mem::take(&mut self.finish);
        if finish.is_empty() {
            finish.push((0, "stop".to_string()));
        }
        let choices = finish
            .into_iter()
            .map(|(index, reason)| ChunkChoice {
                index,
                delta: Delta {
                    role: if self.sent_first {
                        None
                    } else {
                        Some("assistant")
                    },
                    ..Delta::default()
                },
                finish_reason: Some(reason),
                logprobs: None,
            })
            .collect();
        self.sent_first = true;
        let mut usage = match self.usage.take() {
            Some(u) => u,
            None => UsageCounts {
                prompt_tokens: counter.prompt_tokens(),
                completion_tokens: counter.completion_tokens(&self.generated),
                ..Default::default()
            }
            .to_value(),
        };
        let cost = match self.price_override {
            Some(prices) => prices.cost(&usage),
            None => self
                .provider
                .as_deref()
                .and_then(|p| crate::cost::usage_cost(p, &[&self.model], Some(&usage))),
        };
        if let (Some(c), Some(obj)) = (cost, usage.as_object_mut()) {
            obj.insert("cost".into(), c.into());
        }
        self.final_usage = Some(usage.clone());
        let (usage_chunk, hidden_usage) = if self.include_usage {
            (Some(usage), None)
        } else {
            (None, Some(usage))
        };
        out.push(Chunk {
            id: self.id(),
            model: self.model.clone(),
            system_fingerprint: self.system_fingerprint.clone(),
            choices,
            usage: None,
            hidden_usage,
            extra: None,
        });
        if let Some(usage) = usage_chunk {
            out.push(Chunk {
                id: self.id(),
                model: self.model.clone(),
                system_fingerprint: self.system_fingerprint.clone(),
                choices: Vec::new(),
                usage: Some(usage),
                hidden_usage: None,
                extra: None,
            });
        }
        out
    }

    /// The usage the provider reported, if any (for cost).
    pub fn provider_usage(&self) -> Option<&Value> {
        self.usage.as_ref()
    }

    /// The usage the stream ended with: the usage chunk's, else what the provider reported.
    pub fn reported_usage(&self) -> Option<&Value> {
        self.final_usage.as_ref().or(self.usage.as_ref())
    }
}

fn collect_tool_text(tool_calls: &Value, out: &mut String) {
    if let Some(arr) = tool_calls.as_array() {
        for tc in arr {
            if let Some(f) = tc.get("function") {
                for key in ["name", "arguments"] {
                    if let Some(s) = f.get(key).and_then(Value::as_str) {
                        out.push_str(s);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Fixed;
    impl TokenCounter for Fixed {
        fn prompt_tokens(&self) -> u64 {
            7
        }
        fn completion_tokens(&self, generated: &str) -> u64 {
            generated.len() as u64
        }
    }

    fn raw(delta: Value, finish: Value) -> ProviderChunk {
        ProviderChunk::from_value(
            json!({"id": "chatcmpl-1", "created": 5, "model": "gpt-4o-2024", "system_fingerprint": "fp",
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}),
        )
    }

    #[test]
    fn litellm_shape() {
        let mut s = ChunkShaper::new("gpt-4o", false);
        let c1 = s
            .push(raw(
                json!({"role": "assistant", "content": ""}),
                json!(null),
            ))
            .unwrap();
        assert_eq!(c1.choices[0].delta.role, Some("assistant"));
        assert_eq!(c1.choices[0].delta.content.as_deref(), Some(""));
        assert_eq!(&*c1.model, "gpt-4o");
        assert_eq!(&*c1.id, "chatcmpl-1");
        let c2 = s.push(raw(json!({"content": "Hi"}), json!(null))).unwrap();
        assert_eq!(c2.choices[0].delta.role, None);
        // An empty delta carrying only finish_reason is held back.
        assert!(s.push(raw(json!({}), json!("stop"))).is_none());
        let end = s.finish(&Fixed);
        assert_eq!(end.len(), 1);
        assert_eq!(end[0].choices[0].finish_reason.as_deref(), Some("stop"));
        assert_eq!(end[0].choices[0].delta, Delta::default());
    }

    #[test]
    fn usage_chunk_only_when_asked_and_counted_if_missing() {
        let mut s = ChunkShaper::new("m", true);
        s.push(raw(json!({"content": "abc"}), json!(null)));
        s.push(raw(json!({"content": "de"}), json!("length")));
        let end = s.finish(&Fixed);
        assert_eq!(end.len(), 2);
        assert_eq!(end[0].choices[0].finish_reason.as_deref(), Some("length"));
        assert!(end[1].choices.is_empty());
        let u = end[1].usage.as_ref().unwrap();
        assert_eq!(u["prompt_tokens"], 7);
        assert_eq!(u["completion_tokens"], 5);
        assert_eq!(u["total_tokens"], 12);
        let mut s = ChunkShaper::new("m", true);
        s.push(raw(json!({"content": "x"}), json!(null)));
        s.push(ProviderChunk::from_value(json!({"id": "c", "choices": [], "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}})));
        let end = s.finish(&Fixed);
        assert_eq!(end[1].usage.as_ref().unwrap()["completion_tokens"], 2);
    }

    #[test]
    fn usage_chunk_is_priced() {
        let mut s = ChunkShaper::new("gpt-4o", true).priced_for("openai", None);
        s.push(raw(json!({"content": "x"}), json!(null)));
        let end = s.finish(&Fixed);
        let cost = end[1].usage.as_ref().unwrap()["cost"].as_f64().unwrap();
        // 7 prompt + 1 completion token at gpt-4o prices.
        assert!((cost - (7.0 * 2.5e-6 + 1.0 * 1e-5)).abs() < 1e-12, "{cost}");
    }

    #[test]
    fn content_with_finish_in_one_chunk_is_split() {
        let mut s = ChunkShaper::new("m", false);
        let c = s
            .push(raw(json!({"content": "all"}), json!("stop")))
            .unwrap();
        assert_eq!(c.choices[0].finish_reason, None);
        assert_eq!(
            s.finish(&Fixed)[0].choices[0].finish_reason.as_deref(),
            Some("stop")
        );
    }

    #[test]
    fn azure_empty_first_chunk_is_skipped_and_ids_generated() {
        let mut s = ChunkShaper::new("m", false);
        assert!(s
            .push(ProviderChunk::from_value(
                json!({"id": "", "choices": [], "prompt_filter_results": []})
            ))
            .is_none());
        let c = s
            .push(ProviderChunk::from_value(
                json!({"choices": [{"index": 0, "delta": {"content": "x"}}]}),
            ))
            .unwrap();
        assert!(c.id.starts_with("chatcmpl-"));
    }
}
