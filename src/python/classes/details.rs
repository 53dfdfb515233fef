//! `usage.prompt_tokens_details` and `usage.completion_tokens_details`, built without running
//! their Python constructors when every value the provider sent is a number or null (what
//! providers send): the result is what the constructor would have built, field for field,
//! fields set and extras included (tests/python/test_usage_details.py compares both on many
//! inputs). Any other value (a nested object, a string) goes through the constructor.
//!
//! The two constructors (python/litellm/types/, both families):
//! - the generic one (`CompletionTokensDetailsWrapper`): every given key is set; pydantic
//!   keeps declared fields in declared order with their defaults and the rest as extras;
//! - `PromptTokensDetailsWrapper`'s: `cache_write_tokens` and `cache_creation_tokens` both
//!   get the first non-null of (`cache_write_tokens`, `cache_creation_tokens`, an integer
//!   `cache_creation_input_tokens`) and count as set; its `_absent` fields are left out when
//!   None.

use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFrozenSet, PyString, PyTuple};
use pyo3::{intern, Py, PyAny};
use serde_json::{Map, Value};

use super::{Class, Obj, Setter};
use crate::python::json::to_py;

const CACHE_WRITE: &str = "cache_write_tokens";
const CACHE_CREATION: &str = "cache_creation_tokens";

/// A declared field, with what the constructor does with it decided once.
struct Field {
    name: Py<PyString>,
    key: String,
    default: Py<PyAny>,
    /// Left out when None (`_absent`).
    absent: bool,
    /// One of the two cache-write fields of the prompt class.
    cache_write: bool,
}

/// One details class and what its constructor needs to be reproduced.
pub(super) struct Details {
    class: Class,
    /// The constructor itself, for values the fast path does not take.
    cls: Py<PyAny>,
    /// Declared fields in declared order (pydantic only).
    fields: Vec<Field>,
    /// Field index by name.
    declared: HashMap<String, usize>,
    /// Each field's default, the absent ones without one left out: the fields of an instance
    /// given nothing (pydantic only).
    defaults: Py<PyDict>,
    /// Fields left out when None (`_absent`).
    absent: Py<PyFrozenSet>,
    /// Names always set (the prompt class' two cache-write fields), as a fields-set template.
    always_set: Py<PyFrozenSet>,
    mirrors_cache_write: bool,
}

impl Details {
    pub(super) fn new(
        py: Python<'_>,
        m: &Bound<'_, PyAny>,
        name: &str,
        pydantic: bool,
    ) -> PyResult<Details> {
        let cls = m.getattr(name)?;
        let mirrors_cache_write = name == "PromptTokensDetailsWrapper";
        let absent = match cls.getattr(intern!(py, "_absent")) {
            Ok(a) => PyFrozenSet::new(py, a.try_iter()?.collect::<PyResult<Vec<_>>>()?)?,
            Err(_) => PyFrozenSet::empty(py)?,
        };
        let mut fields = Vec::new();
        if pydantic {
            for spec in cls.getattr(intern!(py, "_spec"))?.try_iter()? {
                let spec = spec?.cast_into::<PyTuple>()?;
                if !spec.get_item(2)?.is_none() {
                    // A default factory would need calling per instance: not these classes.
                    return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                        "{name}: a field with a default factory"
                    )));
                }
                let field_name = spec.get_item(0)?.cast_into::<PyString>()?;
                let key = field_name.to_str()?.to_string();
                fields.push(Field {
                    absent: absent.contains(&field_name)?,
                    cache_write: mirrors_cache_write
                        && (key == CACHE_WRITE || key == CACHE_CREATION),
                    name: field_name.unbind(),
                    key,
                    default: spec.get_item(1)?.unbind(),
                });
            }
        }
        let always: &[&str] = if mirrors_cache_write {
            &[CACHE_WRITE, CACHE_CREATION]
        } else {
            &[]
        };
        let declared = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.key.clone(), i))
            .collect();
        let defaults = PyDict::new(py);
        for f in &fields {
            if !(f.absent && f.default.is_none(py)) {
                defaults.set_item(f.name.bind(py), f.default.bind(py))?;
            }
        }
        Ok(Details {
            declared,
            defaults: defaults.unbind(),
            class: Class {
                dict: Setter::new(super::descriptor(&cls, "__dict__")?)?,
                cls: cls.clone().unbind(),
            },
            cls: cls.unbind(),
            fields,
            absent: absent.unbind(),
            always_set: PyFrozenSet::new(py, always.iter().map(|n| PyString::intern(py, n)))?
                .unbind(),
            mirrors_cache_write,
        })
    }

    /// The instance for the provider's details object `m`.
    pub(super) fn build<'py>(
        &self,
        py: Python<'py>,
        pydantic: bool,
        slots: Option<&[Setter; 3]>,
        m: &Map<String, Value>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let numbers_only = m.values().all(|v| v.is_number() || v.is_null());
        // The prompt constructor turns a non-string `cache_type` into None: rare, left to it.
        let odd_cache_type =
            self.mirrors_cache_write && m.get("cache_type").is_some_and(|v| !v.is_null());
        if !numbers_only || odd_cache_type {
            return self
                .cls
                .bind(py)
                .call((), Some(&super::value_dict(py, &Value::Object(m.clone()))?));
        }
        let write = self.mirrors_cache_write.then(|| cache_write(m)).flatten();
        let mut o = Obj::new(py, pydantic, &self.always_set)?;
        if pydantic {
            self.fill_pydantic(py, &mut o, m, write)?;
        } else {
            self.fill_light(py, &o, m, write)?;
        }
        o.build(&self.class, slots)
    }

    /// Declared fields in declared order (given value, the cache-write value, or the
    /// default), the given names as set, undeclared ones as extras in the order given.
    fn fill_pydantic<'py>(
        &self,
        py: Python<'py>,
        o: &mut Obj<'py>,
        m: &Map<String, Value>,
        write: Option<&Value>,
    ) -> PyResult<()> {
        let field = |k: &str| self.declared.get(k).map(|&i| &self.fields[i]);
        // Usually every given value lands on a field that is there by default: then the
        // defaults' copy with the given values put in place has the declared order already.
        let in_place = write.is_none()
            && m.iter()
                .all(|(k, v)| field(k).is_none_or(|f| !f.absent || v.is_null()));
        if in_place {
            o.dict = self.defaults.bind(py).copy()?;
        } else {
            for f in &self.fields {
                let value = if f.cache_write {
                    json_or_none(py, write)?
                } else {
                    match m.get(&f.key) {
                        Some(v) => to_py(py, v)?,
                        None => f.default.bind(py).clone(),
                    }
                };
                if f.absent && value.is_none() {
                    continue;
                }
                o.dict.set_item(f.name.bind(py), value)?;
            }
        }
        let extra = PyDict::new(py);
        for (k, v) in m {
            match field(k) {
                Some(f) => {
                    let name = f.name.bind(py);
                    o.mark(name)?;
                    if in_place && !f.absent {
                        o.dict.set_item(name, to_py(py, v)?)?;
                    }
                }
                None => {
                    let name = PyString::new(py, k);
                    o.mark(&name)?;
                    extra.set_item(name, to_py(py, v)?)?;
                }
            }
        }
        o.extra = Some(extra);
        Ok(())
    }

    /// Every given key in the order given; then the two cache-write fields; then the absent
    /// ones that are None removed.
    fn fill_light<'py>(
        &self,
        py: Python<'py>,
        o: &Obj<'py>,
        m: &Map<String, Value>,
        write: Option<&Value>,
    ) -> PyResult<()> {
        for (k, v) in m {
            o.dict.set_item(k, to_py(py, v)?)?;
        }
        if self.mirrors_cache_write {
            let w = json_or_none(py, write)?;
            o.dict.set_item(CACHE_WRITE, &w)?;
            o.dict.set_item(CACHE_CREATION, &w)?;
        }
        for name in self.absent.bind(py).iter() {
            if let Some(v) = o.dict.get_item(&name)? {
                if v.is_none() {
                    o.dict.del_item(&name)?;
                }
            }
        }
        Ok(())
    }
}

/// The prompt class' cache-write value: the first non-null of `cache_write_tokens`,
/// `cache_creation_tokens`, and `cache_creation_input_tokens` when it is an integer.
fn cache_write(m: &Map<String, Value>) -> Option<&Value> {
    let given = |k: &str| m.get(k).filter(|v| !v.is_null());
    given(CACHE_WRITE)
        .or_else(|| given(CACHE_CREATION))
        .or_else(|| {
            m.get("cache_creation_input_tokens")
                .filter(|v| v.is_i64() || v.is_u64())
        })
}

fn json_or_none<'py>(py: Python<'py>, v: Option<&Value>) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Some(v) => to_py(py, v),
        None => Ok(py.None().into_bound(py)),
    }
}
