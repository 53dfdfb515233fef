//! Reads litellm's module settings and the environment on the caller's thread, for one call.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyString};

use std::sync::Arc;

use crate::engine::{FailPoint, GlobalSettings, Settings};
use crate::http::client::{ProxySettings, TlsVerify};
use crate::python::log::{self, CallLog};

static LITELLM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A view of the `litellm` module's attributes and `os.environ`, valid for one call.
pub struct PySettings<'py> {
    /// The module's namespace: settings are plain attributes (`litellm.x = v` writes here), so
    /// they are read from it directly. A missing one is `None` at the cost of a dict probe,
    /// not a trip through the module's `__getattr__` and a raised AttributeError.
    namespace: Bound<'py, PyDict>,
}

impl<'py> PySettings<'py> {
    pub fn new(py: Python<'py>) -> PyResult<PySettings<'py>> {
        // The module object outlives reloads, so it is looked up once.
        let module = LITELLM.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py.import("litellm")?.into_any().unbind())
        })?;
        let namespace = module
            .bind(py)
            .getattr(pyo3::intern!(py, "__dict__"))?
            .cast_into::<PyDict>()?;
        Ok(PySettings { namespace })
    }

    fn attr(&self, name: &str) -> Option<Bound<'py, PyAny>> {
        self.namespace
            .get_item(name)
            .ok()
            .flatten()
            .filter(|v| !v.is_none())
    }

    /// The module-wide settings every call reads.
    pub fn globals(&self) -> GlobalSettings {
        let mut g = GlobalSettings::default();
        if let Some(v) = self.attr("drop_params") {
            g.drop_params = v.is_truthy().unwrap_or(false);
        }
        if let Some(v) = self.attr("num_retries") {
            g.num_retries = v.extract::<u32>().ok();
        }
        if let Some(v) = self.attr("request_timeout") {
            if let Ok(t) = v.extract::<f64>() {
                g.request_timeout = t;
            }
        }
        g.verify = match self.attr("ssl_verify") {
            Some(v) if v.is_instance_of::<PyBool>() && !v.is_truthy().unwrap_or(true) => {
                TlsVerify::Off
            }
            Some(v) if v.is_instance_of::<PyString>() => match v.extract::<String>() {
                Ok(path) => TlsVerify::CaBundle(path),
                Err(_) => TlsVerify::Platform,
            },
            _ => match self
                .env("SSL_CERT_FILE")
                .or_else(|| self.env("REQUESTS_CA_BUNDLE"))
            {
                Some(path) => TlsVerify::CaBundle(path),
                None => TlsVerify::Platform,
            },
        };
        let either = |upper: &str, lower: &str| self.env(upper).or_else(|| self.env(lower));
        g.proxy = ProxySettings {
            http: either("HTTP_PROXY", "http_proxy"),
            https: either("HTTPS_PROXY", "https_proxy"),
            all: either("ALL_PROXY", "all_proxy"),
            no_proxy: either("NO_PROXY", "no_proxy"),
        };
        g.use_litellm_proxy = self.use_litellm_proxy();
        if let Some(n) = self.byte_limit("max_response_body_bytes") {
            g.limits.max_body_bytes = n;
        }
        if let Some(n) = self.byte_limit("max_stream_line_bytes") {
            g.limits.max_line_bytes = n;
        }
        g
    }

    /// `litellm.use_litellm_proxy = True` or `USE_LITELLM_PROXY=True`.
    pub fn use_litellm_proxy(&self) -> bool {
        self.attr("use_litellm_proxy")
            .map(|v| v.is_truthy().unwrap_or(false))
            .unwrap_or(false)
            || self
                .env("USE_LITELLM_PROXY")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// A positive byte count set as `litellm.<name>`.
    fn byte_limit(&self, name: &str) -> Option<usize> {
        self.attr(name)
            .and_then(|v| v.extract::<usize>().ok())
            .filter(|n| *n > 0)
    }

    /// The log of this call, if `litellm.set_verbose` or `LITELLM_LOG` asks for one.
    pub fn call_log(&self) -> Option<Arc<CallLog>> {
        let verbose = self
            .attr("set_verbose")
            .map(|v| v.is_truthy().unwrap_or(false))
            .unwrap_or(false);
        log::threshold(verbose, self.env("LITELLM_LOG").as_deref()).map(CallLog::new)
    }

    /// A test's deliberate failure (`FERROLITE_FAIL_POINT`).
    pub fn fail_point(&self) -> Option<FailPoint> {
        self.env("FERROLITE_FAIL_POINT")
            .and_then(|v| FailPoint::parse(&v))
    }

    /// litellm's `client_session` / `aclient_session` (httpx clients) cannot carry ferrolite's
    /// requests: say so once, naming what to set instead, rather than ignoring them silently.
    pub fn warn_unused_sessions(&self, py: Python<'py>) {
        use std::sync::atomic::{AtomicBool, Ordering};
        static WARNED: AtomicBool = AtomicBool::new(false);
        if WARNED.load(Ordering::Relaxed) {
            return;
        }
        let set: Vec<&str> = ["client_session", "aclient_session"]
            .into_iter()
            .filter(|n| self.attr(n).is_some())
            .collect();
        if set.is_empty() || WARNED.swap(true, Ordering::Relaxed) {
            return;
        }
        let msg = format!(
            "litellm.{} is set, but ferrolite sends requests with its own HTTP engine and does \
             not use httpx clients. Use litellm.ssl_verify (False or a CA bundle path), \
             SSL_CERT_FILE, HTTPS_PROXY / HTTP_PROXY / NO_PROXY and timeout= instead.",
            set.join(" / litellm.")
        );
        let _ = py.import("warnings").and_then(|w| {
            w.call_method1(
                "warn",
                (msg, py.get_type::<pyo3::exceptions::PyUserWarning>(), 3),
            )
        });
    }

    /// `litellm.headers`, sent on every call.
    pub fn module_headers(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(h) = self.attr("headers") {
            if let Ok(d) = h.cast::<PyDict>() {
                for (k, v) in d.iter() {
                    if let (Ok(k), Ok(v)) = (k.str(), v.str()) {
                        out.push((k.to_string(), v.to_string()));
                    }
                }
            }
        }
        out
    }
}

impl Settings for PySettings<'_> {
    fn module_str(&self, name: &str) -> Option<String> {
        self.attr(name).and_then(|v| v.extract::<String>().ok())
    }

    fn env(&self, name: &str) -> Option<String> {
        // The process environment is what os.environ writes through to; read on this thread.
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

/// Read `path` (a `.env` file) and return its pairs; a missing file gives none.
#[pyfunction]
pub fn load_dotenv(path: &str) -> Vec<(String, String)> {
    match std::fs::read_to_string(path) {
        Ok(text) => crate::config::dotenv::parse(&text),
        Err(_) => Vec::new(),
    }
}
