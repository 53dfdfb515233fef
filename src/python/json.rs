//! Python values <-> JSON values. Inputs may be plain dicts/lists or objects with
//! `model_dump()` (ferrolite's own response objects, pydantic models); outputs are plain
//! Python containers. The pydantic family of response objects is read straight from its
//! slots (what its `model_dump()` would return, without building the intermediate dicts).

use std::fmt;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::python::classes::classes;

/// Where a value sits (`messages[0]['content']`), rendered only for an error message.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root(&'a str),
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(s) => f.write_str(s),
            Path::Key(parent, k) => write!(f, "{parent}['{k}']"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Convert a Python value to JSON. `path` names the value in error messages (`messages[0]`).
pub fn to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    to_json_depth(obj, &Path::Root(path), 0, false)
}

/// `exclude_unset`: inside a response object whose `model_dump()` leaves unset fields out
/// (ModelResponse, ModelResponseStream), as pydantic carries that choice into nested models.
fn to_json_depth(
    obj: &Bound<'_, PyAny>,
    path: &Path<'_>,
    depth: usize,
    exclude_unset: bool,
) -> PyResult<Value> {
    if depth > 128 {
        return Err(PyTypeError::new_err(format!(
            "{path} is nested too deeply (or contains itself)"
        )));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.is_truthy()?));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Err(PyTypeError::new_err(format!(
            "{path}: integer out of range for JSON"
        )));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return Number::from_f64(v).map(Value::Number).ok_or_else(|| {
            PyTypeError::new_err(format!("{path}: {v} is not a valid JSON number"))
        });
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict_to_json(d, path, depth, exclude_unset, None);
    }
    if let Ok(l) = obj.cast::<PyList>() {
        let mut out = Vec::with_capacity(l.len());
        for (i, v) in l.iter().enumerate() {
            out.push(to_json_depth(
                &v,
                &Path::Index(path, i),
                depth + 1,
                exclude_unset,
            )?);
        }
        return Ok(Value::Array(out));
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        let mut out = Vec::with_capacity(t.len());
        for (i, v) in t.iter().enumerate() {
            out.push(to_json_depth(
                &v,
                &Path::Index(path, i),
                depth + 1,
                exclude_unset,
            )?);
        }
        return Ok(Value::Array(out));
    }
    // Response objects and pydantic models: their public fields.
    let py = obj.py();
    if obj.hasattr(pyo3::intern!(py, "model_dump"))? {
        if let Some(model) = classes(py)?.own_model(obj)? {
            // Our pydantic models: declared fields in `__dict__` (set ones only where unset
            // fields are excluded), then the extras, exactly as their model_dump() lists them.
            let exclude_unset = exclude_unset || model.excludes_unset;
            let set = if exclude_unset {
                Some(model.fields_set)
            } else {
                None
            };
            let mut m = match dict_to_json(
                &model.dict,
                path,
                depth,
                exclude_unset,
                Some((&model.fields, set.as_ref())),
            )? {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            if let Some(extra) = model.extra {
                if let Value::Object(e) = dict_to_json(&extra, path, depth, exclude_unset, None)? {
                    m.extend(e);
                }
            }
            return Ok(Value::Object(m));
        }
        let dumped = obj.call_method0(pyo3::intern!(py, "model_dump"))?;
        return to_json_depth(&dumped, path, depth + 1, false);
    }
    // str-valued enums (litellm's own LlmProviders, user enums).
    if let Ok(v) = obj.getattr(pyo3::intern!(py, "value")) {
        if v.is_instance_of::<PyString>() || v.is_instance_of::<PyInt>() {
            return to_json_depth(&v, path, depth + 1, exclude_unset);
        }
    }
    Err(PyTypeError::new_err(format!(
        "{path} has type {} which cannot be sent as JSON",
        obj.get_type().name()?
    )))
}

/// A dict's items; `fields`: keep only the keys in `fields.0` (a model's declared fields)
/// and, when given, in `fields.1` (its fields set).
fn dict_to_json(
    d: &Bound<'_, PyDict>,
    path: &Path<'_>,
    depth: usize,
    exclude_unset: bool,
    fields: Option<(&Bound<'_, PyAny>, Option<&Bound<'_, PyAny>>)>,
) -> PyResult<Value> {
    let mut m = Map::with_capacity(d.len());
    for (k, v) in d.iter() {
        if let Some((declared, set)) = fields {
            if !declared.contains(&k)? || !set.map_or(Ok(true), |s| s.contains(&k))? {
                continue;
            }
        }
        let key = match k.cast::<PyString>() {
            Ok(s) => s.to_str()?.to_owned(),
            Err(_) => k.str()?.to_str()?.to_owned(),
        };
        let child = to_json_depth(&v, &Path::Key(path, &key), depth + 1, exclude_unset)?;
        m.insert(key, child);
    }
    Ok(Value::Object(m))
}

/// Convert JSON to plain Python containers.
pub fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for item in a {
                l.append(to_py(py, item)?)?;
            }
            l.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, item) in m {
                d.set_item(k, to_py(py, item)?)?;
            }
            d.into_any()
        }
    })
}
