//! Call logging through Python's `logging`, as an observer of the engine's call milestones.
//! The observer only formats Rust strings (engine threads never touch Python); the records are
//! emitted on the caller's thread when the result crosses back up. It exists only when
//! `litellm.set_verbose` or `LITELLM_LOG` asks for logging, so `logging` is not imported
//! otherwise.

use std::sync::{Arc, Mutex};

use pyo3::prelude::*;

use crate::engine::{CallObserver, PreparedCall, StreamEnd};
use crate::error::LlmError;
use crate::types::Completion;

pub const DEBUG: u8 = 10;
pub const INFO: u8 = 20;
pub const ERROR: u8 = 40;

/// The level below which nothing is logged, if logging is on at all.
pub fn threshold(set_verbose: bool, env_level: Option<&str>) -> Option<u8> {
    if set_verbose {
        return Some(DEBUG);
    }
    match env_level.map(|s| s.trim().to_ascii_uppercase()).as_deref() {
        Some("DEBUG") => Some(DEBUG),
        Some("INFO") => Some(INFO),
        Some("WARNING") | Some("WARN") => Some(30),
        Some("ERROR") => Some(ERROR),
        Some("CRITICAL") => Some(50),
        _ => None,
    }
}

/// Collects one call's log records until they can be emitted on the caller's thread.
pub struct CallLog {
    threshold: u8,
    records: Mutex<Vec<(u8, String)>>,
}

impl CallLog {
    pub fn new(threshold: u8) -> Arc<CallLog> {
        Arc::new(CallLog {
            threshold,
            records: Mutex::new(Vec::new()),
        })
    }

    fn record(&self, level: u8, message: impl FnOnce() -> String) {
        if level < self.threshold {
            return;
        }
        if let Ok(mut r) = self.records.lock() {
            r.push((level, message()));
        }
    }

    /// Record a failed call.
    pub fn failure(&self, e: &LlmError) {
        self.record(INFO, || {
            format!(
                "litellm call failed: {}: {}",
                e.kind.class_name(),
                e.message
            )
        });
    }

    /// Emit what was recorded; failures to log never fail the call.
    pub fn flush(&self, py: Python<'_>) {
        let records = match self.records.lock() {
            Ok(mut r) => std::mem::take(&mut *r),
            Err(_) => return,
        };
        for (level, message) in records {
            emit(py, level, &message, self.threshold);
        }
    }
}

/// Log one record through `litellm._logging` (which configures the "LiteLLM" logger).
pub fn emit(py: Python<'_>, level: u8, message: &str, threshold: u8) {
    let r = py
        .import("litellm._logging")
        .and_then(|m| m.call_method1("emit", (level, message, threshold)));
    if let Err(e) = r {
        e.write_unraisable(py, None);
    }
}

/// A call that failed inside the engine (a panic) is always worth an error record.
pub fn log_internal(py: Python<'_>, e: &LlmError) {
    if e.kind == crate::error::ErrorKind::APIError
        && e.message.starts_with("ferrolite internal error")
    {
        emit(py, ERROR, &format!("ferrolite: {}", e.message), ERROR);
    }
}

impl CallObserver for CallLog {
    fn pre_call(&self, call: &PreparedCall) {
        self.record(DEBUG, || {
            format!(
                "litellm.completion(model={:?}) -> provider={} url={} stream={} max_retries={}",
                call.model,
                call.provider_name,
                call.http.as_ref().map_or("<mock>", |h| h.url.as_str()),
                call.is_stream(),
                call.max_retries
            )
        });
    }

    fn on_success(&self, _call: &PreparedCall, c: &Completion) {
        self.record(DEBUG, || {
            format!(
                "litellm response id={} usage={} response_cost={:?} in {:.1} ms",
                c.response
                    .get("id")
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                c.response
                    .get("usage")
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                c.hidden.response_cost,
                c.response_ms
            )
        });
    }

    fn on_failure(&self, _call: &PreparedCall, e: &LlmError) {
        self.failure(e);
    }

    fn on_stream_end(&self, _call: &PreparedCall, end: &StreamEnd<'_>) {
        match end.error {
            Some(e) => self.failure(e),
            None => self.record(DEBUG, || {
                format!(
                    "litellm stream ended: {} chunks, usage={}",
                    end.chunks,
                    end.usage.map(|u| u.to_string()).unwrap_or_default()
                )
            }),
        }
    }
}
