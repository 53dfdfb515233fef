//! Builds litellm's response objects (`litellm.types.utils`) from engine values, for either
//! family of classes: pydantic models (the four pydantic slots filled directly, as
//! `model_construct` leaves them: no validation, no Python call) or the light classes (one
//! `__dict__` holding the set fields). Which fields are declared, extra, set or private, and in
//! which order they sit, follows litellm 1.109.1 (tests/python/test_pydantic_objects.py).
//! Does not own the classes (python/litellm/types/) nor what the values are (engine).

use std::collections::HashMap;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyFrozenSet, PyList, PySet, PyString, PyType};
use pyo3::{ffi, intern, Py, PyAny};
use serde_json::{Map, Value};

use crate::engine::chunks::{Chunk, Delta};
use crate::python::json::to_py;
use crate::types::ids;
use crate::types::{Completion, Hidden};

mod details;

/// The response classes, looked up once, with what it takes to fill their instances.
pub struct Classes {
    /// Pydantic models (else the light classes).
    pydantic: bool,
    /// Setters of pydantic's three slots (pydantic only).
    slots: Option<[Setter; 3]>,
    model_response: Class,
    model_response_stream: Class,
    choices: Class,
    streaming_choices: Class,
    message: Class,
    delta: Class,
    usage: Class,
    prompt_details: details::Details,
    completion_details: details::Details,
    server_tool_use: Py<PyAny>,
    tool_call: Class,
    delta_tool_call: Class,
    function: Class,
    function_call: Class,
    /// The names always counted as set on each kind of object (pydantic only).
    sets: Templates,
    /// Every pydantic response class by type pointer: its declared fields, and whether its
    /// model_dump() leaves unset fields out (for reading instances back, see `own_model`).
    models: HashMap<usize, (Py<PyAny>, Py<PyFrozenSet>, bool)>,
}

/// What a pydantic response object's `model_dump()` is made of.
pub struct OwnModel<'py> {
    pub dict: Bound<'py, PyDict>,
    /// The declared field names (other `__dict__` keys, e.g. `_response_ms`, are not fields).
    pub fields: Bound<'py, PyAny>,
    pub fields_set: Bound<'py, PyAny>,
    pub extra: Option<Bound<'py, PyDict>>,
    /// ModelResponse / ModelResponseStream: `exclude_unset` is their default.
    pub excludes_unset: bool,
}

/// One class, and the setter of its instances' `__dict__`.
struct Class {
    cls: Py<PyAny>,
    dict: Setter,
}

/// A data descriptor's `__set__`, resolved once: what `object.__setattr__(obj, name, v)`
/// ends up calling for that attribute, without looking the attribute up on every call.
struct Setter {
    descr: Py<PyAny>,
    set: ffi::descrsetfunc,
}

impl Setter {
    fn new(descr: Bound<'_, PyAny>) -> PyResult<Setter> {
        // SAFETY: the type object of a live object; PyType_GetSlot accepts any type (3.10+)
        // and returns NULL when the slot is empty.
        let slot =
            unsafe { ffi::PyType_GetSlot(descr.get_type().as_type_ptr(), ffi::Py_tp_descr_set) };
        if slot.is_null() {
            return Err(PyTypeError::new_err("response class slot has no setter"));
        }
        // SAFETY: a non-NULL Py_tp_descr_set slot holds a descrsetfunc.
        let set = unsafe { std::mem::transmute::<*mut std::ffi::c_void, ffi::descrsetfunc>(slot) };
        Ok(Setter {
            descr: descr.unbind(),
            set,
        })
    }

    fn set(&self, obj: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        // SAFETY: the descriptor's own setter on live objects; -1 means an exception is set.
        let rc = unsafe { (self.set)(self.descr.as_ptr(), obj.as_ptr(), value.as_ptr()) };
        if rc < 0 {
            Err(PyErr::fetch(obj.py()))
        } else {
            Ok(())
        }
    }
}

/// Descriptor `name` as the first class of `cls.__mro__` that defines it holds it.
fn descriptor<'py>(cls: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    for base in cls.getattr(intern!(py, "__mro__"))?.try_iter()? {
        if let Ok(d) = base?.getattr(intern!(py, "__dict__"))?.get_item(name) {
            return Ok(d);
        }
    }
    Err(PyTypeError::new_err(format!(
        "response class without {name}"
    )))
}

/// Names always set on each kind of object (copied into every instance's fields set).
struct Templates {
    response: Py<PyFrozenSet>,
    chunk: Py<PyFrozenSet>,
    /// A chunk that carries content: it also has the `citations` extra.
    content_chunk: Py<PyFrozenSet>,
    choice: Py<PyFrozenSet>,
    streaming_choice: Py<PyFrozenSet>,
    message: Py<PyFrozenSet>,
    delta: Py<PyFrozenSet>,
    /// A delta that carries content: `provider_specific_fields` counts as set too.
    content_delta: Py<PyFrozenSet>,
    usage: Py<PyFrozenSet>,
    tool_call: Py<PyFrozenSet>,
    delta_tool_call: Py<PyFrozenSet>,
    function: Py<PyFrozenSet>,
}

impl Templates {
    fn new(py: Python<'_>) -> PyResult<Templates> {
        let t = |names: &[&str]| -> PyResult<Py<PyFrozenSet>> {
            Ok(PyFrozenSet::new(py, names.iter().map(|n| PyString::intern(py, n)))?.unbind())
        };
        const CHUNK: &[&str] = &[
            "id",
            "created",
            "model",
            "object",
            "system_fingerprint",
            "choices",
            "provider_specific_fields",
        ];
        const DELTA: &[&str] = &[
            "content",
            "role",
            "function_call",
            "tool_calls",
            "audio",
            "images",
            "annotations",
        ];
        Ok(Templates {
            response: t(&["id", "created", "model", "object", "choices"])?,
            chunk: t(CHUNK)?,
            content_chunk: t(&[CHUNK, &["citations"]].concat())?,
            choice: t(&[
                "finish_reason",
                "index",
                "message",
                "logprobs",
                "provider_specific_fields",
            ])?,
            streaming_choice: t(&["finish_reason", "index", "delta", "logprobs"])?,
            message: t(&["content", "role", "tool_calls", "function_call"])?,
            delta: t(DELTA)?,
            content_delta: t(&[DELTA, &["provider_specific_fields"]].concat())?,
            usage: t(&[
                "completion_tokens",
                "prompt_tokens",
                "total_tokens",
                "completion_tokens_details",
                "prompt_tokens_details",
            ])?,
            tool_call: t(&["function", "id", "type"])?,
            delta_tool_call: t(&["id", "function", "type", "index"])?,
            function: t(&["arguments", "name"])?,
        })
    }
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

pub fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let m = py.import("litellm.types.utils")?;
        // The first access chooses the family (pydantic when installed) and creates them.
        let family: String = m.call_method0("_response_family")?.extract()?;
        let pydantic = family == "pydantic";
        let get = |name: &str| -> PyResult<Py<PyAny>> { Ok(m.getattr(name)?.unbind()) };
        let class = |name: &str| -> PyResult<Class> {
            let cls = m.getattr(name)?;
            Ok(Class {
                dict: Setter::new(descriptor(&cls, "__dict__")?)?,
                cls: cls.unbind(),
            })
        };
        let mut models = HashMap::new();
        let slots = if pydantic {
            let response_base = m.getattr("ModelResponseBase")?;
            for name in m.getattr("_CLASS_NAMES")?.try_iter()? {
                let cls = m.getattr(name?.cast_into::<PyString>()?)?;
                let names = cls
                    .getattr("model_fields")?
                    .try_iter()?
                    .collect::<PyResult<Vec<_>>>()?;
                let fields = PyFrozenSet::new(py, names)?;
                let excludes_unset = cls.cast::<PyType>()?.is_subclass(&response_base)?;
                models.insert(
                    cls.as_ptr() as usize,
                    (cls.unbind(), fields.unbind(), excludes_unset),
                );
            }
            let base = py.import("pydantic")?.getattr("BaseModel")?;
            let slot = |name: &str| Setter::new(descriptor(&base, name)?);
            Some([
                slot("__pydantic_fields_set__")?,
                slot("__pydantic_extra__")?,
                slot("__pydantic_private__")?,
            ])
        } else {
            None
        };
        Ok(Classes {
            pydantic,
            slots,
            model_response: class("ModelResponse")?,
            model_response_stream: class("ModelResponseStream")?,
            choices: class("Choices")?,
            streaming_choices: class("StreamingChoices")?,
            message: class("Message")?,
            delta: class("Delta")?,
            usage: class("Usage")?,
            prompt_details: details::Details::new(py, &m, "PromptTokensDetailsWrapper", pydantic)?,
            completion_details: details::Details::new(
                py,
                &m,
                "CompletionTokensDetailsWrapper",
                pydantic,
            )?,
            server_tool_use: get("ServerToolUse")?,
            tool_call: class("ChatCompletionMessageToolCall")?,
            delta_tool_call: class("ChatCompletionDeltaToolCall")?,
            function: class("Function")?,
            function_call: class("FunctionCall")?,
            sets: Templates::new(py)?,
            models,
        })
    })
}

/// One object under construction. The same calls describe an object for both families:
/// pydantic keeps declared fields in `__dict__`, extras in `__pydantic_extra__`, the set
/// names in `__pydantic_fields_set__` and private attributes in `__pydantic_private__`; the
/// light classes keep everything that is set (privates included) in `__dict__`.
struct Obj<'py> {
    py: Python<'py>,
    pydantic: bool,
    dict: Bound<'py, PyDict>,
    /// Pydantic only: starts as a copy of the kind's template.
    set: Option<Bound<'py, PySet>>,
    extra: Option<Bound<'py, PyDict>>,
    private: Option<Bound<'py, PyDict>>,
}

impl<'py> Obj<'py> {
    fn new(py: Python<'py>, pydantic: bool, template: &Py<PyFrozenSet>) -> PyResult<Obj<'py>> {
        let set = if pydantic {
            // SAFETY: a frozenset argument; PySet_New returns a new set or NULL with an
            // exception set. Copying a set reuses its stored hashes.
            let ptr = unsafe { ffi::PySet_New(template.as_ptr()) };
            // SAFETY: PySet_New returned a set (or NULL, turned into the error).
            Some(unsafe { Bound::from_owned_ptr_or_err(py, ptr)?.cast_into_unchecked::<PySet>() })
        } else {
            None
        };
        Ok(Obj {
            py,
            pydantic,
            dict: PyDict::new(py),
            set,
            extra: None,
            private: None,
        })
    }

    fn mark(&self, name: &Bound<'py, PyString>) -> PyResult<()> {
        if let Some(set) = &self.set {
            // SAFETY: both are valid objects; PySet_Add returns -1 with an exception set.
            if unsafe { ffi::PySet_Add(set.as_ptr(), name.as_ptr()) } < 0 {
                return Err(PyErr::fetch(self.py));
            }
        }
        Ok(())
    }

    /// A declared field that is set, its name in the kind's template.
    fn put(&self, name: &Bound<'py, PyString>, value: impl IntoPyObject<'py>) -> PyResult<()> {
        self.dict.set_item(name, value)
    }

    /// A declared field that is set (beyond the template).
    fn field(&self, name: &Bound<'py, PyString>, value: impl IntoPyObject<'py>) -> PyResult<()> {
        self.dict.set_item(name, value)?;
        self.mark(name)
    }

    /// A declared field present with its default but not set (the light classes serve the
    /// default from the class, so it is left out there).
    fn unset(&self, name: &Bound<'py, PyString>, value: impl IntoPyObject<'py>) -> PyResult<()> {
        if self.pydantic {
            self.dict.set_item(name, value)?;
        }
        Ok(())
    }

    /// An extra field (always set); `marked`: its name is in the kind's template.
    fn extra_item(
        &mut self,
        name: &Bound<'py, PyString>,
        value: impl IntoPyObject<'py>,
        marked: bool,
    ) -> PyResult<()> {
        if !self.pydantic {
            return self.dict.set_item(name, value);
        }
        let py = self.py;
        self.extra
            .get_or_insert_with(|| PyDict::new(py))
            .set_item(name, value)?;
        if marked {
            Ok(())
        } else {
            self.mark(name)
        }
    }

    fn extra(
        &mut self,
        name: &Bound<'py, PyString>,
        value: impl IntoPyObject<'py>,
    ) -> PyResult<()> {
        self.extra_item(name, value, false)
    }

    fn put_extra(
        &mut self,
        name: &Bound<'py, PyString>,
        value: impl IntoPyObject<'py>,
    ) -> PyResult<()> {
        self.extra_item(name, value, true)
    }

    /// A template name that is not set on this object after all.
    fn unmark(&self, name: &Bound<'py, PyString>) -> PyResult<()> {
        if let Some(set) = &self.set {
            set.discard(name)?;
        }
        Ok(())
    }

    /// A pydantic private attribute (`_hidden_params`, ...).
    fn private(
        &mut self,
        name: &Bound<'py, PyString>,
        value: impl IntoPyObject<'py>,
    ) -> PyResult<()> {
        if !self.pydantic {
            return self.dict.set_item(name, value);
        }
        let py = self.py;
        self.private
            .get_or_insert_with(|| PyDict::new(py))
            .set_item(name, value)
    }

    /// A plain instance attribute outside the fields (`_response_ms`, as litellm stores it).
    fn attr(&self, name: &Bound<'py, PyString>, value: impl IntoPyObject<'py>) -> PyResult<()> {
        self.dict.set_item(name, value)
    }

    /// The instance of `class`, without `__init__`: `object.__new__(cls)`, then
    /// `object.__setattr__` of `__dict__` (and of pydantic's slots), as `model_construct`.
    fn build(self, class: &Class, slots: Option<&[Setter; 3]>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        // SAFETY: `cls` is a type object (looked up from litellm.types.utils);
        // PyType_GenericAlloc returns a new reference or NULL with an exception set.
        let obj = unsafe {
            let ptr = ffi::PyType_GenericAlloc(class.cls.as_ptr().cast::<ffi::PyTypeObject>(), 0);
            Bound::from_owned_ptr_or_err(py, ptr)?
        };
        class.dict.set(&obj, self.dict.as_any())?;
        if let (Some(set), Some([fields_set, extra, private])) = (self.set, slots) {
            let extra_value = match self.extra {
                Some(e) => e.into_any(),
                None => PyDict::new(py).into_any(),
            };
            let private_value = match self.private {
                Some(p) => p.into_any(),
                None => py.None().into_bound(py),
            };
            fields_set.set(&obj, set.as_any())?;
            extra.set(&obj, &extra_value)?;
            private.set(&obj, &private_value)?;
        }
        Ok(obj)
    }
}

fn json_or_none<'py>(py: Python<'py>, v: Option<&Value>) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Some(v) => to_py(py, v),
        None => Ok(py.None().into_bound(py)),
    }
}

impl Classes {
    /// `obj` as one of our pydantic response objects (exactly that class, so no subclass'
    /// own model_dump is bypassed), or None.
    pub fn own_model<'py>(&self, obj: &Bound<'py, PyAny>) -> PyResult<Option<OwnModel<'py>>> {
        let Some((_, fields, excludes_unset)) =
            self.models.get(&(obj.get_type().as_ptr() as usize))
        else {
            return Ok(None);
        };
        let py = obj.py();
        let extra = obj.getattr(intern!(py, "__pydantic_extra__"))?;
        Ok(Some(OwnModel {
            dict: obj
                .getattr(intern!(py, "__dict__"))?
                .cast_into::<PyDict>()?,
            fields: fields.bind(py).clone().into_any(),
            fields_set: obj.getattr(intern!(py, "__pydantic_fields_set__"))?,
            extra: extra.cast_into::<PyDict>().ok(),
            excludes_unset: *excludes_unset,
        }))
    }

    fn obj<'py>(&self, py: Python<'py>, template: &Py<PyFrozenSet>) -> PyResult<Obj<'py>> {
        Obj::new(py, self.pydantic, template)
    }

    fn build<'py>(&self, o: Obj<'py>, class: &Class) -> PyResult<Bound<'py, PyAny>> {
        o.build(class, self.slots.as_ref())
    }

    fn details<'py>(
        &self,
        py: Python<'py>,
        kind: &details::Details,
        m: &Map<String, Value>,
    ) -> PyResult<Bound<'py, PyAny>> {
        kind.build(py, self.pydantic, self.slots.as_ref(), m)
    }

    /// `Function` (tool calls; other keys are dropped, as litellm) or `FunctionCall` (legacy
    /// `function_call`; other keys stay as extras).
    fn function_obj<'py>(
        &self,
        py: Python<'py>,
        v: &Value,
        class: &Class,
        keep_extras: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut o = self.obj(py, &self.sets.function)?;
        if let Some(m) = v.as_object() {
            // arguments first, as litellm declares them.
            let args = match m.get("arguments") {
                Some(Value::String(s)) => PyString::new(py, s),
                Some(Value::Null) | None => PyString::new(py, ""),
                Some(other) => PyString::new(py, &other.to_string()),
            };
            o.put(intern!(py, "arguments"), args)?;
            o.put(intern!(py, "name"), json_or_none(py, m.get("name"))?)?;
            if keep_extras {
                for (k, val) in m {
                    if k != "arguments" && k != "name" {
                        o.extra(&PyString::new(py, k), to_py(py, val)?)?;
                    }
                }
            }
        } else {
            o.put(intern!(py, "arguments"), intern!(py, ""))?;
            o.put(intern!(py, "name"), py.None())?;
        }
        self.build(o, class)
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
            let m = tc.as_object();
            let get = |k: &str| m.and_then(|m| m.get(k)).unwrap_or(&Value::Null);
            // Argument fragments carry no type; litellm reports "function" on each.
            let ty = match get("type") {
                Value::String(s) => PyString::new(py, s),
                _ => intern!(py, "function").clone(),
            };
            let function = self.function_obj(py, get("function"), &self.function, false)?;
            if streaming {
                // ChatCompletionDeltaToolCall declares id, function, type, index.
                let o = self.obj(py, &self.sets.delta_tool_call)?;
                o.put(intern!(py, "id"), to_py(py, get("id"))?)?;
                o.put(intern!(py, "function"), function)?;
                o.put(intern!(py, "type"), ty)?;
                o.put(intern!(py, "index"), to_py(py, get("index"))?)?;
                list.append(self.build(o, &self.delta_tool_call)?)?;
            } else {
                let mut o = self.obj(py, &self.sets.tool_call)?;
                // ChatCompletionMessageToolCall declares nothing: everything is an extra,
                // the provider's other keys first (as litellm's constructor sets them).
                if let Some(m) = m {
                    for (k, val) in m {
                        if !matches!(k.as_str(), "function" | "id" | "type") {
                            o.extra(&PyString::new(py, k), to_py(py, val)?)?;
                        }
                    }
                }
                o.put_extra(intern!(py, "function"), function)?;
                o.put_extra(intern!(py, "id"), to_py(py, get("id"))?)?;
                o.put_extra(intern!(py, "type"), ty)?;
                list.append(self.build(o, &self.tool_call)?)?;
            }
        }
        Ok(list.into_any())
    }

    fn message<'py>(&self, py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
        let empty = Map::new();
        let m = v.as_object().unwrap_or(&empty);
        let mut o = self.obj(py, &self.sets.message)?;
        o.put(intern!(py, "content"), json_or_none(py, m.get("content"))?)?;
        let role = match m.get("role") {
            Some(Value::String(s)) => PyString::new(py, s),
            _ => intern!(py, "assistant").clone(),
        };
        o.put(intern!(py, "role"), role)?;
        let tc = match m.get("tool_calls") {
            Some(v @ Value::Array(a)) if !a.is_empty() => self.tool_calls(py, v, false)?,
            _ => py.None().into_bound(py),
        };
        o.put(intern!(py, "tool_calls"), tc)?;
        let fc = match m.get("function_call") {
            Some(v @ Value::Object(_)) => self.function_obj(py, v, &self.function_call, true)?,
            _ => py.None().into_bound(py),
        };
        o.put(intern!(py, "function_call"), fc)?;
        // litellm deletes these when they are None: absent unless the provider sent a value.
        for k in [
            "audio",
            "images",
            "reasoning_content",
            "thinking_blocks",
            "reasoning_items",
        ] {
            if let Some(val) = m.get(k).filter(|v| !v.is_null()) {
                o.field(&PyString::new(py, k), to_py(py, val)?)?;
            }
        }
        match m.get("provider_specific_fields").filter(|v| !v.is_null()) {
            Some(val) => o.field(intern!(py, "provider_specific_fields"), to_py(py, val)?)?,
            None => o.unset(intern!(py, "provider_specific_fields"), py.None())?,
        }
        if let Some(val) = m.get("annotations").filter(|v| !v.is_null()) {
            o.field(intern!(py, "annotations"), to_py(py, val)?)?;
        }
        // Set after construction in litellm, so it comes last; kept even when null.
        if let Some(val) = m.get("refusal") {
            o.field(intern!(py, "refusal"), to_py(py, val)?)?;
        }
        for (k, val) in m {
            if !matches!(
                k.as_str(),
                "content"
                    | "role"
                    | "tool_calls"
                    | "function_call"
                    | "audio"
                    | "images"
                    | "reasoning_content"
                    | "thinking_blocks"
                    | "reasoning_items"
                    | "provider_specific_fields"
                    | "annotations"
                    | "refusal"
            ) {
                o.extra(&PyString::new(py, k), to_py(py, val)?)?;
            }
        }
        self.build(o, &self.message)
    }

    /// `Usage`. `streamed`: usage of a stream (its last chunk, or `stream_chunk_builder`),
    /// whose details litellm builds with every count given, so all of them count as set.
    fn usage<'py>(
        &self,
        py: Python<'py>,
        v: &Value,
        streamed: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let empty = Map::new();
        let m = v.as_object().unwrap_or(&empty);
        let mut o = self.obj(py, &self.sets.usage)?;
        for k in [
            intern!(py, "completion_tokens"),
            intern!(py, "prompt_tokens"),
            intern!(py, "total_tokens"),
        ] {
            let n = m.get(k.to_str()?).and_then(Value::as_u64).unwrap_or(0);
            o.put(k, n)?;
        }
        let mut prompt_details = m.get("prompt_tokens_details").cloned();
        // DeepSeek reports cache hits outside the details object.
        let hit = m.get("prompt_cache_hit_tokens").and_then(Value::as_u64);
        if let Some(hit) = hit {
            let pd = prompt_details.get_or_insert_with(|| Value::Object(Map::new()));
            if let Some(o) = pd.as_object_mut() {
                o.entry("cached_tokens").or_insert(hit.into());
            }
        }
        // litellm always has both details fields (None when the provider sent none). They are
        // built by their own constructors, which decide what counts as set in them.
        let mut completion_details = m.get("completion_tokens_details").cloned();
        if streamed {
            fill_nulls(&mut completion_details, COMPLETION_DETAILS);
            fill_nulls(&mut prompt_details, PROMPT_DETAILS);
            if let Some(pd) = prompt_details.as_mut().and_then(Value::as_object_mut) {
                if let Some(cache) = pd.get_mut("cache_creation_token_details") {
                    let mut c = Some(std::mem::take(cache));
                    fill_nulls(&mut c, CACHE_CREATION_DETAILS);
                    *cache = c.unwrap_or(Value::Null);
                }
            }
        }
        let cd = match completion_details.as_ref().and_then(Value::as_object) {
            Some(cd) => self.details(py, &self.completion_details, cd)?,
            None => py.None().into_bound(py),
        };
        o.put(intern!(py, "completion_tokens_details"), cd)?;
        let pd = match prompt_details.as_ref().and_then(Value::as_object) {
            Some(pd) => self.details(py, &self.prompt_details, pd)?,
            None => py.None().into_bound(py),
        };
        o.put(intern!(py, "prompt_tokens_details"), pd)?;
        if let Some(stu) = m.get("server_tool_use").filter(|v| v.is_object()) {
            let stu = self
                .server_tool_use
                .bind(py)
                .call((), Some(&value_dict(py, stu)?))?;
            o.field(intern!(py, "server_tool_use"), stu)?;
        }
        if let Some(cost) = m.get("cost").filter(|v| v.is_number()) {
            o.field(intern!(py, "cost"), to_py(py, cost)?)?;
        }
        for (k, val) in m {
            if !matches!(
                k.as_str(),
                "prompt_tokens"
                    | "completion_tokens"
                    | "total_tokens"
                    | "prompt_tokens_details"
                    | "completion_tokens_details"
                    | "server_tool_use"
                    | "cost"
            ) {
                o.extra(&PyString::new(py, k), to_py(py, val)?)?;
            }
        }
        // Private counters litellm keeps beside the extras of the same names.
        let write = m.get("cache_creation_input_tokens").and_then(Value::as_u64);
        let read = m
            .get("cache_read_input_tokens")
            .and_then(Value::as_u64)
            .or(hit);
        if self.pydantic {
            o.private(
                intern!(py, "_cache_creation_input_tokens"),
                write.unwrap_or(0),
            )?;
            o.private(intern!(py, "_cache_read_input_tokens"), read.unwrap_or(0))?;
            o.private(intern!(py, "_dropped_non_finite_cost"), false)?;
        } else {
            if let Some(w) = write {
                o.private(intern!(py, "_cache_creation_input_tokens"), w)?;
            }
            if let Some(r) = read {
                o.private(intern!(py, "_cache_read_input_tokens"), r)?;
            }
        }
        self.build(o, &self.usage)
    }

    /// A non-streaming response (`ModelResponse`).
    pub fn model_response<'py>(
        &self,
        py: Python<'py>,
        c: &Completion,
    ) -> PyResult<Bound<'py, PyAny>> {
        let empty = Map::new();
        let top = c.response.as_object().unwrap_or(&empty);
        let mut o = self.obj(py, &self.sets.response)?;
        for k in [
            intern!(py, "id"),
            intern!(py, "created"),
            intern!(py, "model"),
            intern!(py, "object"),
        ] {
            match top.get(k.to_str()?) {
                Some(v) => o.put(k, to_py(py, v)?)?,
                None => {
                    o.unset(k, py.None())?;
                    o.unmark(k)?;
                }
            }
        }
        // Set only when the provider reports one (mocks and Anthropic do not).
        match top.get("system_fingerprint") {
            Some(v) => o.field(intern!(py, "system_fingerprint"), to_py(py, v)?)?,
            None => o.unset(intern!(py, "system_fingerprint"), py.None())?,
        }
        let list = PyList::empty(py);
        if let Some(arr) = top.get("choices").and_then(Value::as_array) {
            for (i, ch) in arr.iter().enumerate() {
                list.append(self.choice(py, ch, i)?)?;
            }
        }
        o.put(intern!(py, "choices"), list)?;
        // `usage` is an extra in litellm, first among them.
        if let Some(u) = top.get("usage").filter(|v| v.is_object()) {
            let assembled = c.assembled;
            o.extra(intern!(py, "usage"), self.usage(py, u, assembled)?)?;
        }
        for (k, v) in top {
            if !matches!(
                k.as_str(),
                "id" | "created" | "model" | "object" | "system_fingerprint" | "choices" | "usage"
            ) {
                o.extra(&PyString::new(py, k), to_py(py, v)?)?;
            }
        }
        let hidden = hidden_dict(py, &c.hidden)?;
        hidden.set_item(intern!(py, "_response_ms"), c.response_ms)?;
        o.private(intern!(py, "_hidden_params"), hidden)?;
        if self.pydantic {
            o.private(intern!(py, "_response_headers"), py.None())?;
        }
        o.attr(intern!(py, "_response_ms"), c.response_ms)?;
        self.build(o, &self.model_response)
    }

    fn choice<'py>(&self, py: Python<'py>, v: &Value, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let empty = Map::new();
        let m = v.as_object().unwrap_or(&empty);
        let mut o = self.obj(py, &self.sets.choice)?;
        o.put(
            intern!(py, "finish_reason"),
            json_or_none(py, m.get("finish_reason"))?,
        )?;
        o.put(
            intern!(py, "index"),
            m.get("index").and_then(Value::as_u64).unwrap_or(i as u64),
        )?;
        o.put(
            intern!(py, "message"),
            self.message(py, m.get("message").unwrap_or(&Value::Null))?,
        )?;
        // Present only when the provider sent them, but always counted as set (litellm's
        // constructor receives both and deletes the None ones).
        for k in [
            intern!(py, "provider_specific_fields"),
            intern!(py, "logprobs"),
        ] {
            if let Some(val) = m.get(k.to_str()?) {
                o.put(k, to_py(py, val)?)?;
            }
        }
        for (k, val) in m {
            if !matches!(
                k.as_str(),
                "finish_reason" | "index" | "message" | "provider_specific_fields" | "logprobs"
            ) {
                o.extra(&PyString::new(py, k), to_py(py, val)?)?;
            }
        }
        self.build(o, &self.choices)
    }

    fn delta<'py>(&self, py: Python<'py>, delta: &Delta) -> PyResult<Bound<'py, PyAny>> {
        // litellm counts provider_specific_fields as set on deltas that carry something, not
        // on the role-only first chunk nor on the closing one.
        let content = delta.carries_content();
        let template = if content {
            &self.sets.content_delta
        } else {
            &self.sets.delta
        };
        let o = self.obj(py, template)?;
        let none = || py.None().into_bound(py);
        if let Some(r) = &delta.reasoning_content {
            o.field(intern!(py, "reasoning_content"), r)?;
        }
        if let Some(t) = &delta.thinking_blocks {
            o.field(intern!(py, "thinking_blocks"), to_py(py, t)?)?;
        }
        if content {
            o.put(intern!(py, "provider_specific_fields"), none())?;
        } else {
            o.unset(intern!(py, "provider_specific_fields"), none())?;
        }
        o.put(
            intern!(py, "content"),
            match &delta.content {
                Some(s) => PyString::new(py, s).into_any(),
                None => none(),
            },
        )?;
        o.put(
            intern!(py, "role"),
            match delta.role {
                Some(r) => PyString::new(py, r).into_any(),
                None => none(),
            },
        )?;
        o.put(
            intern!(py, "function_call"),
            match &delta.function_call {
                Some(v) => self.function_obj(py, v, &self.function_call, true)?,
                None => none(),
            },
        )?;
        o.put(
            intern!(py, "tool_calls"),
            match &delta.tool_calls {
                Some(v) => self.tool_calls(py, v, true)?,
                None => none(),
            },
        )?;
        o.put(
            intern!(py, "audio"),
            match &delta.audio {
                Some(v) => to_py(py, v)?,
                None => none(),
            },
        )?;
        self.build(o, &self.delta)
    }

    /// One stream chunk (`ModelResponseStream`), stamped with the local time as litellm does.
    pub fn chunk<'py>(&self, py: Python<'py>, c: &Chunk) -> PyResult<Bound<'py, PyAny>> {
        let usage_chunk = c.usage.is_some() || c.choices.is_empty();
        // litellm adds `citations` (None) to the chunks that carry content.
        let closing = usage_chunk || c.choices.iter().any(|ch| ch.finish_reason.is_some());
        let template = if closing {
            &self.sets.chunk
        } else {
            &self.sets.content_chunk
        };
        let mut o = self.obj(py, template)?;
        o.put(intern!(py, "id"), &*c.id)?;
        o.put(intern!(py, "created"), ids::unix_now())?;
        o.put(intern!(py, "model"), &*c.model)?;
        o.put(intern!(py, "object"), intern!(py, "chat.completion.chunk"))?;
        // litellm builds the usage chunk itself and sets a fingerprint there only if any.
        match (&c.system_fingerprint, usage_chunk) {
            (None, true) => {
                o.unset(intern!(py, "system_fingerprint"), py.None())?;
                o.unmark(intern!(py, "system_fingerprint"))?;
            }
            (fp, _) => o.put(intern!(py, "system_fingerprint"), fp.as_deref())?,
        }
        let list = PyList::empty(py);
        for ch in &c.choices {
            let co = self.obj(py, &self.sets.streaming_choice)?;
            co.put(intern!(py, "finish_reason"), ch.finish_reason.as_deref())?;
            co.put(intern!(py, "index"), ch.index)?;
            co.put(intern!(py, "delta"), self.delta(py, &ch.delta)?)?;
            co.put(
                intern!(py, "logprobs"),
                json_or_none(py, ch.logprobs.as_ref())?,
            )?;
            list.append(self.build(co, &self.streaming_choices)?)?;
        }
        o.put(intern!(py, "choices"), list)?;
        o.put(intern!(py, "provider_specific_fields"), py.None())?;
        if !closing {
            o.put_extra(intern!(py, "citations"), py.None())?;
        }
        if let Some(extra) = &c.extra {
            for (k, v) in extra.iter() {
                o.extra(&PyString::new(py, k), to_py(py, v)?)?;
            }
        }
        if let Some(u) = &c.usage {
            o.extra(intern!(py, "usage"), self.usage(py, u, true)?)?;
        }
        // The finish chunk of a stream without a usage chunk carries the stream's usage in its
        // hidden params, as litellm's does (stream_chunk_builder reads it back).
        let hidden = PyDict::new(py);
        if let Some(u) = &c.hidden_usage {
            hidden.set_item(intern!(py, "usage"), to_py(py, u)?)?;
        }
        if self.pydantic {
            o.private(intern!(py, "_hidden_params"), hidden)?;
            o.private(intern!(py, "_response_headers"), py.None())?;
        } else if c.hidden_usage.is_some() {
            o.put(intern!(py, "_hidden_params"), hidden)?;
        }
        self.build(o, &self.model_response_stream)
    }
}

/// The counts litellm fills in (None when unknown) when it builds a stream's usage.
const COMPLETION_DETAILS: &[&str] = &[
    "accepted_prediction_tokens",
    "audio_tokens",
    "reasoning_tokens",
    "rejected_prediction_tokens",
    "text_tokens",
    "image_tokens",
    "video_tokens",
];
const PROMPT_DETAILS: &[&str] = &[
    "audio_tokens",
    "cached_tokens",
    "image_tokens",
    "text_tokens",
    "video_tokens",
    "initial_prompt_tokens",
];
const CACHE_CREATION_DETAILS: &[&str] = &[
    "ephemeral_5m_input_tokens",
    "ephemeral_30m_input_tokens",
    "ephemeral_1h_input_tokens",
    "ephemeral_12h_input_tokens",
];

/// Give an existing details object an explicit null for each of `keys` it lacks.
fn fill_nulls(details: &mut Option<Value>, keys: &[&str]) {
    if let Some(Value::Object(o)) = details {
        for k in keys {
            o.entry(*k).or_insert(Value::Null);
        }
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

/// `PromptTokensDetailsWrapper` / `CompletionTokensDetailsWrapper` (`class_name`) as a response
/// from a provider builds them, from the JSON object `text`: lets tests compare them with what
/// the classes' own constructors build.
#[pyfunction]
pub fn usage_details_from_json(
    py: Python<'_>,
    class_name: &str,
    text: &str,
) -> PyResult<Py<PyAny>> {
    let c = classes(py)?;
    let kind = match class_name {
        "PromptTokensDetailsWrapper" => &c.prompt_details,
        "CompletionTokensDetailsWrapper" => &c.completion_details,
        other => {
            return Err(PyTypeError::new_err(format!(
                "not a usage details class: {other}"
            )))
        }
    };
    let v: Value = serde_json::from_str(text)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let m = v
        .as_object()
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("details must be an object"))?;
    Ok(c.details(py, kind, m)?.unbind())
}
