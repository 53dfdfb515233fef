//! Builds litellm's response objects (`litellm.types.utils`) from engine values: each object
//! is created with `object.__new__(cls)` and given a ready `__dict__`, so only fields that are
//! set exist, exactly as the Python classes expect.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::{intern, Py, PyAny};
use serde_json::{Map, Value};

use crate::engine::chunks::{Chunk, Delta};
use crate::python::json::to_py;
use crate::types::ids;
use crate::types::{Completion, Hidden};

/// The response classes, looked up once.
pub struct Classes {
    pub model_response: Py<PyAny>,
    pub model_response_stream: Py<PyAny>,
    choices: Py<PyAny>,
    streaming_choices: Py<PyAny>,
    message: Py<PyAny>,
    delta: Py<PyAny>,
    usage: Py<PyAny>,
    prompt_details: Py<PyAny>,
    completion_details: Py<PyAny>,
    tool_call: Py<PyAny>,
    delta_tool_call: Py<PyAny>,
    function: Py<PyAny>,
    function_call: Py<PyAny>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

pub fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let m = py.import("litellm.types.utils")?;
        let get = |name: &str| -> PyResult<Py<PyAny>> { Ok(m.getattr(name)?.unbind()) };
        Ok(Classes {
            model_response: get("ModelResponse")?,
            model_response_stream: get("ModelResponseStream")?,
            choices: get("Choices")?,
            streaming_choices: get("StreamingChoices")?,
            message: get("Message")?,
            delta: get("Delta")?,
            usage: get("Usage")?,
            prompt_details: get("PromptTokensDetailsWrapper")?,
            completion_details: get("CompletionTokensDetailsWrapper")?,
            tool_call: get("ChatCompletionMessageToolCall")?,
            delta_tool_call: get("ChatCompletionDeltaToolCall")?,
            function: get("Function")?,
            function_call: get("FunctionCall")?,
        })
    })
}

impl Classes {
    /// An instance of `cls` whose `__dict__` is `fields` (no `__init__` runs).
    pub fn make<'py>(
        &self,
        py: Python<'py>,
        cls: &Py<PyAny>,
        fields: Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        // What `object.__new__(cls)` does for a plain class, without the Python-level call.
        // SAFETY: `cls` is a type object (looked up from litellm.types.utils at load);
        // PyType_GenericAlloc returns a new reference or NULL with an exception set.
        let obj = unsafe {
            let ptr =
                pyo3::ffi::PyType_GenericAlloc(cls.as_ptr().cast::<pyo3::ffi::PyTypeObject>(), 0);
            Bound::from_owned_ptr_or_err(py, ptr)?
        };
        obj.setattr(intern!(py, "__dict__"), fields)?;
        Ok(obj)
    }

    fn function_obj<'py>(
        &self,
        py: Python<'py>,
        v: &Value,
        cls: &Py<PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        if let Some(m) = v.as_object() {
            // arguments first, as litellm declares them.
            let args = match m.get("arguments") {
                Some(Value::String(s)) => PyString::new(py, s).into_any(),
                Some(Value::Null) | None => PyString::new(py, "").into_any(),
                Some(other) => PyString::new(py, &other.to_string()).into_any(),
            };
            d.set_item(intern!(py, "arguments"), args)?;
            d.set_item(
                intern!(py, "name"),
                to_py(py, m.get("name").unwrap_or(&Value::Null))?,
            )?;
            for (k, val) in m {
                if k != "arguments" && k != "name" {
                    d.set_item(k, to_py(py, val)?)?;
                }
            }
        }
        self.make(py, cls, d)
    }

    fn tool_calls<'py>(
        &self,
        py: Python<'py>,
        v: &Value,
        streaming: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let Some(arr) = v.as_array() else {
            return Ok(py.None().into_bound(py));
        };
        let list = PyList::empty(py);
        for tc in arr {
            let d = PyDict::new(py);
            let m = tc.as_object();
            let get = |k: &str| m.and_then(|m| m.get(k)).unwrap_or(&Value::Null);
            if streaming {
                d.set_item(intern!(py, "id"), to_py(py, get("id"))?)?;
                d.set_item(
                    intern!(py, "function"),
                    self.function_obj(py, get("function"), &self.function)?,
                )?;
                // Argument fragments carry no type; litellm reports "function" on each.
                let ty = match get("type") {
                    Value::String(s) => s.as_str(),
                    _ => "function",
                };
                d.set_item(intern!(py, "type"), ty)?;
                d.set_item(intern!(py, "index"), to_py(py, get("index"))?)?;
                list.append(self.make(py, &self.delta_tool_call, d)?)?;
            } else {
                d.set_item(
                    intern!(py, "function"),
                    self.function_obj(py, get("function"), &self.function)?,
                )?;
                d.set_item(intern!(py, "id"), to_py(py, get("id"))?)?;
                let ty = match get("type") {
                    Value::String(s) => s.as_str(),
                    _ => "function",
                };
                d.set_item(intern!(py, "type"), ty)?;
                if let Some(m) = m {
                    for (k, val) in m {
                        if !matches!(k.as_str(), "function" | "id" | "type") {
                            d.set_item(k, to_py(py, val)?)?;
                        }
                    }
                }
                list.append(self.make(py, &self.tool_call, d)?)?;
            }
        }
        Ok(list.into_any())
    }

    fn message<'py>(&self, py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
        let empty = Map::new();
        let m = v.as_object().unwrap_or(&empty);
        let d = PyDict::new(py);
        d.set_item(
            intern!(py, "content"),
            to_py(py, m.get("content").unwrap_or(&Value::Null))?,
        )?;
        d.set_item(
            intern!(py, "role"),
            to_py(
                py,
                m.get("role").unwrap_or(&Value::String("assistant".into())),
            )?,
        )?;
        let tc = match m.get("tool_calls") {
            Some(v @ Value::Array(a)) if !a.is_empty() => self.tool_calls(py, v, false)?,
            _ => py.None().into_bound(py),
        };
        d.set_item(intern!(py, "tool_calls"), tc)?;
        let fc = match m.get("function_call") {
            Some(v @ Value::Object(_)) => self.function_obj(py, v, &self.function_call)?,
            _ => py.None().into_bound(py),
        };
        d.set_item(intern!(py, "function_call"), fc)?;
        for (k, val) in m {
            if matches!(
                k.as_str(),
                "content" | "role" | "tool_calls" | "function_call"
            ) {
                continue;
            }
            d.set_item(k, to_py(py, val)?)?;
        }
        self.make(py, &self.message, d)
    }

    fn usage<'py>(&self, py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
        let empty = Map::new();
        let m = v.as_object().unwrap_or(&empty);
        let d = PyDict::new(py);
        for k in ["prompt_tokens", "completion_tokens", "total_tokens"] {
            let n = m.get(k).and_then(Value::as_u64).unwrap_or(0);
            d.set_item(k, n)?;
        }
        let mut prompt_details = m.get("prompt_tokens_details").cloned();
        // DeepSeek reports cache hits outside the details object.
        if let Some(hit) = m.get("prompt_cache_hit_tokens").and_then(Value::as_u64) {
            let pd = prompt_details.get_or_insert_with(|| Value::Object(Map::new()));
            if let Some(o) = pd.as_object_mut() {
                o.entry("cached_tokens").or_insert(hit.into());
            }
        }
        // litellm always has both details fields (None when the provider sent none). They are
        // built by their own constructors, which give every declared count its default.
        let cd = match m.get("completion_tokens_details").filter(|v| v.is_object()) {
            Some(cd) => self
                .completion_details
                .bind(py)
                .call((), Some(&value_dict(py, cd)?))?,
            None => py.None().into_bound(py),
        };
        d.set_item(intern!(py, "completion_tokens_details"), cd)?;
        let pd = match prompt_details.as_ref().filter(|v| v.is_object()) {
            Some(pd) => self
                .prompt_details
                .bind(py)
                .call((), Some(&value_dict(py, pd)?))?,
            None => py.None().into_bound(py),
        };
        d.set_item(intern!(py, "prompt_tokens_details"), pd)?;
        for (k, val) in m {
            if matches!(
                k.as_str(),
                "prompt_tokens"
                    | "completion_tokens"
                    | "total_tokens"
                    | "prompt_tokens_details"
                    | "completion_tokens_details"
            ) {
                continue;
            }
            d.set_item(k, to_py(py, val)?)?;
        }
        self.make(py, &self.usage, d)
    }

    /// A non-streaming response (`ModelResponse`).
    pub fn model_response<'py>(
        &self,
        py: Python<'py>,
        c: &Completion,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        let empty = Map::new();
        let top = c.response.as_object().unwrap_or(&empty);
        for (k, v) in top {
            match k.as_str() {
                "choices" => {
                    let list = PyList::empty(py);
                    if let Some(arr) = v.as_array() {
                        for (i, ch) in arr.iter().enumerate() {
                            list.append(self.choice(py, ch, i)?)?;
                        }
                    }
                    d.set_item(intern!(py, "choices"), list)?;
                }
                "usage" if v.is_object() => {
                    d.set_item(intern!(py, "usage"), self.usage(py, v)?)?;
                }
                _ => d.set_item(k, to_py(py, v)?)?,
            }
        }
        let hidden = hidden_dict(py, &c.hidden)?;
        hidden.set_item(intern!(py, "_response_ms"), c.response_ms)?;
        d.set_item(intern!(py, "_hidden_params"), hidden)?;
        d.set_item(intern!(py, "_response_ms"), c.response_ms)?;
        self.make(py, &self.model_response, d)
    }

    fn choice<'py>(&self, py: Python<'py>, v: &Value, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let empty = Map::new();
        let m = v.as_object().unwrap_or(&empty);
        let d = PyDict::new(py);
        d.set_item(
            intern!(py, "finish_reason"),
            to_py(py, m.get("finish_reason").unwrap_or(&Value::Null))?,
        )?;
        d.set_item(
            intern!(py, "index"),
            m.get("index").and_then(Value::as_u64).unwrap_or(i as u64),
        )?;
        d.set_item(
            intern!(py, "message"),
            self.message(py, m.get("message").unwrap_or(&Value::Null))?,
        )?;
        for (k, val) in m {
            if matches!(k.as_str(), "finish_reason" | "index" | "message") {
                continue;
            }
            d.set_item(k, to_py(py, val)?)?;
        }
        self.make(py, &self.choices, d)
    }

    fn delta<'py>(&self, py: Python<'py>, delta: &Delta) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        let none = || py.None().into_bound(py);
        d.set_item(
            intern!(py, "content"),
            match &delta.content {
                Some(s) => PyString::new(py, s).into_any(),
                None => none(),
            },
        )?;
        d.set_item(
            intern!(py, "role"),
            match delta.role {
                Some(r) => PyString::new(py, r).into_any(),
                None => none(),
            },
        )?;
        d.set_item(
            intern!(py, "function_call"),
            match &delta.function_call {
                Some(v) => self.function_obj(py, v, &self.function_call)?,
                None => none(),
            },
        )?;
        d.set_item(
            intern!(py, "tool_calls"),
            match &delta.tool_calls {
                Some(v) => self.tool_calls(py, v, true)?,
                None => none(),
            },
        )?;
        d.set_item(
            intern!(py, "audio"),
            match &delta.audio {
                Some(v) => to_py(py, v)?,
                None => none(),
            },
        )?;
        if let Some(r) = &delta.reasoning_content {
            d.set_item(intern!(py, "reasoning_content"), r)?;
        }
        if let Some(t) = &delta.thinking_blocks {
            d.set_item(intern!(py, "thinking_blocks"), to_py(py, t)?)?;
        }
        d.set_item(intern!(py, "provider_specific_fields"), none())?;
        self.make(py, &self.delta, d)
    }

    /// One stream chunk (`ModelResponseStream`), stamped with the local time as litellm does.
    pub fn chunk<'py>(&self, py: Python<'py>, c: &Chunk) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "id"), &*c.id)?;
        d.set_item(intern!(py, "created"), ids::unix_now())?;
        d.set_item(intern!(py, "model"), &*c.model)?;
        d.set_item(intern!(py, "object"), intern!(py, "chat.completion.chunk"))?;
        d.set_item(
            intern!(py, "system_fingerprint"),
            c.system_fingerprint.as_deref(),
        )?;
        let list = PyList::empty(py);
        for ch in &c.choices {
            let cd = PyDict::new(py);
            cd.set_item(intern!(py, "finish_reason"), ch.finish_reason.as_deref())?;
            cd.set_item(intern!(py, "index"), ch.index)?;
            cd.set_item(intern!(py, "delta"), self.delta(py, &ch.delta)?)?;
            cd.set_item(
                intern!(py, "logprobs"),
                match &ch.logprobs {
                    Some(v) => to_py(py, v)?,
                    None => py.None().into_bound(py),
                },
            )?;
            list.append(self.make(py, &self.streaming_choices, cd)?)?;
        }
        d.set_item(intern!(py, "choices"), list)?;
        d.set_item(intern!(py, "provider_specific_fields"), py.None())?;
        if let Some(u) = &c.usage {
            d.set_item(intern!(py, "usage"), self.usage(py, u)?)?;
        }
        self.make(py, &self.model_response_stream, d)
    }
}

fn value_dict<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    if let Some(m) = v.as_object() {
        for (k, val) in m {
            d.set_item(k, to_py(py, val)?)?;
        }
    }
    Ok(d)
}

/// litellm's `_hidden_params` dict.
pub fn hidden_dict<'py>(py: Python<'py>, h: &Hidden) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "custom_llm_provider"), &h.custom_llm_provider)?;
    d.set_item(intern!(py, "region_name"), py.None())?;
    d.set_item(intern!(py, "model_id"), py.None())?;
    d.set_item(intern!(py, "api_base"), &h.api_base)?;
    d.set_item(intern!(py, "response_cost"), h.response_cost)?;
    let headers = PyDict::new(py);
    for (k, v) in &h.additional_headers {
        headers.set_item(k, v)?;
    }
    d.set_item(intern!(py, "additional_headers"), headers)?;
    d.set_item(intern!(py, "litellm_call_id"), &h.litellm_call_id)?;
    d.set_item(intern!(py, "litellm_model_name"), &h.litellm_model_name)?;
    d.set_item(
        intern!(py, "provider_response_model"),
        h.provider_response_model.as_deref(),
    )?;
    d.set_item(intern!(py, "callback_duration_ms"), 0.0)?;
    for (k, v) in &h.extra {
        if !d.contains(k)? {
            d.set_item(k, to_py(py, v)?)?;
        }
    }
    Ok(d)
}
