//! Call logging through Python's `logging`, emitted on the caller's thread and only when
//! `litellm.set_verbose` or `LITELLM_LOG` asks for it (so `logging` is not imported otherwise).

use pyo3::prelude::*;

use crate::engine::execute::Completion;
use crate::error::LlmError;

pub const DEBUG: u8 = 10;
pub const INFO: u8 = 20;

/// The level below which nothing is logged for this call, if logging is on at all.
#[derive(Debug, Clone, Copy)]
pub struct CallLog {
    threshold: Option<u8>,
}

impl CallLog {
    pub fn from_settings(set_verbose: bool, env_level: Option<&str>) -> CallLog {
        let threshold = if set_verbose {
            Some(DEBUG)
        } else {
            match env_level.map(|s| s.trim().to_ascii_uppercase()).as_deref() {
                Some("DEBUG") => Some(DEBUG),
                Some("INFO") => Some(INFO),
                Some("WARNING") | Some("WARN") => Some(30),
                Some("ERROR") => Some(40),
                Some("CRITICAL") => Some(50),
                _ => None,
            }
        };
        CallLog { threshold }
    }

    /// Log `message()` at `level`; failures to log never fail the call.
    pub fn emit(&self, py: Python<'_>, level: u8, message: impl FnOnce() -> String) {
        let Some(threshold) = self.threshold else {
            return;
        };
        if level < threshold {
            return;
        }
        let r = py
            .import("litellm._logging")
            .and_then(|m| m.call_method1("emit", (level, message(), threshold)));
        if let Err(e) = r {
            e.write_unraisable(py, None);
        }
    }
}

/// Log a failed call.
pub fn log_failure(py: Python<'_>, log: &CallLog, e: &LlmError) {
    log.emit(py, INFO, || {
        format!(
            "litellm call failed: {}: {}",
            e.kind.class_name(),
            e.message
        )
    });
}

/// Log a finished call's summary.
pub fn log_success(py: Python<'_>, log: &CallLog, c: &Completion) {
    log.emit(py, DEBUG, || {
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
