//! The context a call carries from preparation to its end, and the observers that see it.
//! The context is owned (settings were snapshotted on the caller's thread), so any thread may
//! run the call. Observers see pre-call, success, failure and stream end: logging, and later the
//! cache, callbacks, spend and metrics, plug in here, never on a provider's code path.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use serde_json::Value;

use crate::engine::PreparedCall;
use crate::error::LlmError;
use crate::types::{Completion, Hidden};

/// Per-token prices a caller set on the call (`input_cost_per_token=`, ...), overriding the
/// catalog's.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PriceOverride {
    pub input_cost_per_token: f64,
    pub output_cost_per_token: f64,
}

impl PriceOverride {
    pub fn cost(&self, usage: &Value) -> Option<f64> {
        let n = |k: &str| usage.get(k).and_then(Value::as_f64).unwrap_or(0.0);
        Some(
            n("prompt_tokens") * self.input_cost_per_token
                + n("completion_tokens") * self.output_cost_per_token,
        )
    }
}

/// How a stream ended, as observers see it.
#[derive(Debug)]
pub struct StreamEnd<'a> {
    pub hidden: &'a Hidden,
    /// The usage the stream reported (or that was counted), if any.
    pub usage: Option<&'a Value>,
    /// Chunks handed to the consumer.
    pub chunks: usize,
    /// The error that ended the stream early, if any.
    pub error: Option<&'a LlmError>,
}

/// Sees a call's milestones. Runs on whatever thread the engine is on: implementations must
/// not block and must not touch Python.
pub trait CallObserver: Send + Sync {
    fn pre_call(&self, _call: &PreparedCall) {}
    fn on_success(&self, _call: &PreparedCall, _done: &Completion) {}
    fn on_failure(&self, _call: &PreparedCall, _err: &LlmError) {}
    fn on_stream_end(&self, _call: &PreparedCall, _end: &StreamEnd<'_>) {}
}

/// A deliberate failure for tests of the engine's containment (set by tests, or by the
/// `FERROLITE_FAIL_POINT` variable read on the caller's thread).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailPoint {
    /// Panic inside the stream pump after the first network read.
    PanicInPump,
}

impl FailPoint {
    pub fn parse(name: &str) -> Option<FailPoint> {
        match name {
            "panic_in_pump" => Some(FailPoint::PanicInPump),
            _ => None,
        }
    }
}

/// What a call carries besides its request.
#[derive(Clone, Default)]
pub struct CallContext {
    /// `litellm_call_id`: the caller's, or a fresh uuid.
    pub call_id: String,
    /// `metadata=` as given (litellm passes it to callbacks and logging).
    pub metadata: Option<Value>,
    /// `tags=` / `metadata["tags"]`.
    pub tags: Vec<String>,
    /// The deployment and model group, when a Router routed the call.
    pub deployment_id: Option<String>,
    pub model_group: Option<String>,
    pub price_override: Option<PriceOverride>,
    /// Attempts made beyond the first, counted by the retry loop.
    pub retries: Arc<AtomicU32>,
    pub observers: Vec<Arc<dyn CallObserver>>,
    pub fail_point: Option<FailPoint>,
}

impl fmt::Debug for CallContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallContext")
            .field("call_id", &self.call_id)
            .field("metadata", &self.metadata)
            .field("tags", &self.tags)
            .field("deployment_id", &self.deployment_id)
            .field("model_group", &self.model_group)
            .field("price_override", &self.price_override)
            .field("retries", &self.retries.load(Ordering::Relaxed))
            .field("observers", &self.observers.len())
            .field("fail_point", &self.fail_point)
            .finish()
    }
}

impl CallContext {
    pub fn retries(&self) -> u32 {
        self.retries.load(Ordering::Relaxed)
    }

    pub fn count_retry(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    /// Tell every observer; a panicking observer is contained and does not fail the call.
    pub fn notify(&self, f: impl Fn(&dyn CallObserver)) {
        for o in &self.observers {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(o.as_ref())));
        }
    }
}
