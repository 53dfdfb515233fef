//! Reads litellm's module settings and the environment on the caller's thread, for one call.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyString};

use crate::engine::{GlobalSettings, Settings};
use crate::http::client::TlsVerify;

static LITELLM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A view of the `litellm` module's attributes and `os.environ`, valid for one call.
pub struct PySettings<'py> {
    module: Bound<'py, PyAny>,
}

impl<'py> PySettings<'py> {
    pub fn new(py: Python<'py>) -> PyResult<PySettings<'py>> {
        // The module object outlives reloads, so it is looked up once.
        let module = LITELLM.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py.import("litellm")?.into_any().unbind())
        })?;
        Ok(PySettings {
            module: module.bind(py).clone(),
        })
    }

    fn attr(&self, name: &str) -> Option<Bound<'py, PyAny>> {
        self.module.getattr(name).ok().filter(|v| !v.is_none())
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
        g
    }

    /// Whether and how much to log this call.
    pub fn call_log(&self) -> crate::python::log::CallLog {
        let verbose = self
            .attr("set_verbose")
            .map(|v| v.is_truthy().unwrap_or(false))
            .unwrap_or(false);
        crate::python::log::CallLog::from_settings(verbose, self.env("LITELLM_LOG").as_deref())
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
