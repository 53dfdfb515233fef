//! The model catalog as litellm's `model_cost` dict shows it: the embedded entries plus the
//! changes made at run time (`litellm.model_cost[key] = {...}`, `del`, `update`,
//! `register_model`), each entry a JSON object. Pricing, model info and capability lookups read
//! entries through here, so a user's change is seen by all of them. It does not decide which
//! key a call uses (`super::lookup`) nor compute anything from an entry.
//!
//! The overlay is a small map behind a `RwLock`, consulted before the embedded data; embedded
//! entries are parsed from their raw JSON on first use and kept.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock, RwLock};

use serde_json::{Map, Value};

use super::catalog;

/// One catalog entry (`{"litellm_provider": ..., "input_cost_per_token": ..., ...}`).
pub type Entry = Arc<Map<String, Value>>;

/// The metadata key of the embedded file that is not a model.
const METADATA_KEYS: &[&str] = &["fallback_generalizations", "sample_spec"];

#[derive(Default)]
struct Overlay {
    /// Entries set at run time, replacing any embedded entry of the same key.
    set: HashMap<String, Entry>,
    /// Keys added at run time that the embedded catalog does not have, in insertion order.
    added_order: Vec<String>,
    /// Embedded keys deleted at run time.
    removed: HashSet<String>,
    /// Bumped on every change, so callers may cache derived facts.
    generation: u64,
}

fn overlay() -> &'static RwLock<Overlay> {
    static OVERLAY: OnceLock<RwLock<Overlay>> = OnceLock::new();
    OVERLAY.get_or_init(|| RwLock::new(Overlay::default()))
}

fn read_overlay() -> std::sync::RwLockReadGuard<'static, Overlay> {
    overlay().read().unwrap_or_else(|e| e.into_inner())
}

fn write_overlay() -> std::sync::RwLockWriteGuard<'static, Overlay> {
    overlay().write().unwrap_or_else(|e| e.into_inner())
}

fn parsed_cache() -> &'static RwLock<HashMap<&'static str, Entry>> {
    static PARSED: OnceLock<RwLock<HashMap<&'static str, Entry>>> = OnceLock::new();
    PARSED.get_or_init(Default::default)
}

/// Whether `key` is a model of the embedded catalog (not a metadata key).
fn embedded_model(key: &str) -> bool {
    !METADATA_KEYS.contains(&key) && catalog::raw_entry(key).is_some()
}

fn embedded_entry(key: &str) -> Option<Entry> {
    if METADATA_KEYS.contains(&key) {
        return None;
    }
    let raw = catalog::raw_entry(key)?;
    if let Some(found) = parsed_cache()
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(key)
    {
        return Some(found.clone());
    }
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(raw.get()) else {
        return None;
    };
    let entry = Arc::new(map);
    let static_key = catalog::raw_key(key)?;
    parsed_cache()
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .insert(static_key, entry.clone());
    Some(entry)
}

/// The entry stored under exactly `key`, as `litellm.model_cost[key]` would give it.
pub fn get(key: &str) -> Option<Entry> {
    {
        let o = read_overlay();
        if let Some(e) = o.set.get(key) {
            return Some(e.clone());
        }
        if o.removed.contains(key) {
            return None;
        }
    }
    embedded_entry(key)
}

/// Whether `key in litellm.model_cost`.
pub fn contains(key: &str) -> bool {
    {
        let o = read_overlay();
        if o.set.contains_key(key) {
            return true;
        }
        if o.removed.contains(key) {
            return false;
        }
    }
    embedded_model(key)
}

/// One field of the entry under `key`.
pub fn field(key: &str, name: &str) -> Option<Value> {
    get(key).and_then(|e| e.get(name).cloned())
}

/// A string field of the entry under `key` (`litellm_provider`, `mode`).
pub fn str_field(key: &str, name: &str) -> Option<String> {
    get(key).and_then(|e| e.get(name).and_then(Value::as_str).map(str::to_owned))
}

/// `litellm.model_cost[key] = entry`.
pub fn set(key: &str, entry: Map<String, Value>) {
    let mut o = write_overlay();
    if !o.set.contains_key(key) && !embedded_model(key) {
        o.added_order.push(key.to_owned());
    }
    o.removed.remove(key);
    o.set.insert(key.to_owned(), Arc::new(entry));
    o.generation += 1;
}

/// `del litellm.model_cost[key]`; false when there was no such key.
pub fn remove(key: &str) -> bool {
    let mut o = write_overlay();
    let had_set = o.set.remove(key).is_some();
    if had_set {
        o.added_order.retain(|k| k != key);
    }
    let embedded = embedded_model(key);
    let had_embedded = embedded && o.removed.insert(key.to_owned());
    if had_set || had_embedded {
        o.generation += 1;
    }
    had_set || had_embedded
}

/// `litellm.model_cost.clear()`: every key removed.
pub fn clear() {
    let mut o = write_overlay();
    o.set.clear();
    o.added_order.clear();
    o.removed = embedded_keys().iter().map(|k| (*k).to_owned()).collect();
    o.generation += 1;
}

/// Forget every run-time change: the catalog is the embedded one again.
pub fn reset() {
    let mut o = write_overlay();
    *o = Overlay {
        generation: o.generation + 1,
        ..Overlay::default()
    };
}

/// litellm's `register_model` for one key: the fields of `value` (None skipped, numeric strings
/// read as numbers, nested objects merged) laid over the entry `key` resolves to (the catalog
/// key a lookup finds, else `key` itself); returns the key written.
pub fn register(key: &str, value: Map<String, Value>, custom_llm_provider: Option<&str>) -> String {
    let (write_key, base) = match super::info::lookup(key, custom_llm_provider) {
        Ok(found) if contains(&found.key) => {
            let base = get(&found.key).map(|e| (*e).clone()).unwrap_or_default();
            (found.key, base)
        }
        _ => (
            key.to_owned(),
            get(key).map(|e| (*e).clone()).unwrap_or_default(),
        ),
    };
    let mut merged: Map<String, Value> = base
        .into_iter()
        .filter(|(k, v)| !(k == "litellm_provider" && v.is_null()))
        .collect();
    for (k, v) in value {
        match v {
            Value::Null => {}
            Value::String(s) => {
                let parsed = s.parse::<i64>().map(Value::from).ok().or_else(|| {
                    s.parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                        .map(Value::Number)
                });
                merged.insert(k, parsed.unwrap_or(Value::String(s)));
            }
            Value::Object(nested) => {
                let mut inner = match merged.get(&k) {
                    Some(Value::Object(existing)) => existing.clone(),
                    _ => Map::new(),
                };
                inner.extend(nested);
                merged.insert(k, Value::Object(inner));
            }
            other => {
                merged.insert(k, other);
            }
        }
    }
    set(&write_key, merged);
    write_key
}

/// Counter of changes, for caches of derived facts.
pub fn generation() -> u64 {
    read_overlay().generation
}

/// Whether nothing was changed at run time (the fast paths may use embedded indexes).
pub fn is_pristine() -> bool {
    let o = read_overlay();
    o.set.is_empty() && o.removed.is_empty()
}

fn embedded_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        catalog::raw_keys()
            .into_iter()
            .filter(|k| !METADATA_KEYS.contains(k))
            .collect()
    })
}

/// Every key, embedded order first, then keys added at run time.
pub fn keys() -> Vec<String> {
    let o = read_overlay();
    let mut out: Vec<String> = embedded_keys()
        .iter()
        .filter(|k| !o.removed.contains(**k))
        .map(|k| (*k).to_owned())
        .collect();
    out.extend(o.added_order.iter().cloned());
    out
}

/// Every entry with its key, in [`keys`] order.
pub fn all() -> Vec<(String, Entry)> {
    keys()
        .into_iter()
        .filter_map(|k| get(&k).map(|e| (k, e)))
        .collect()
}

/// The key of `candidate` in the catalog: itself when present, else the key equal to it
/// ignoring ASCII case (litellm's `get_model_cost_key`).
pub fn find_key(candidate: &str) -> Option<String> {
    if contains(candidate) {
        return Some(candidate.to_owned());
    }
    static LOWER: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let lower = candidate.to_lowercase();
    let index = LOWER.get_or_init(|| {
        let mut map = HashMap::new();
        for k in embedded_keys() {
            map.entry(k.to_lowercase()).or_insert(*k);
        }
        map
    });
    {
        let o = read_overlay();
        if let Some(k) = o.added_order.iter().find(|k| k.to_lowercase() == lower) {
            return Some(k.clone());
        }
    }
    index
        .get(&lower)
        .filter(|k| contains(k))
        .map(|k| (*k).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// The overlay is process-wide; tests that change it run one at a time.
    pub(crate) static SERIAL: Mutex<()> = Mutex::new(());

    #[test]
    fn embedded_entries_and_overlay() {
        let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        reset();
        assert!(contains("gpt-4o"));
        assert!(!contains("sample_spec"));
        assert!(!contains("fallback_generalizations"));
        assert_eq!(
            str_field("gpt-4o", "litellm_provider").as_deref(),
            Some("openai")
        );
        assert_eq!(find_key("GPT-4O").as_deref(), Some("gpt-4o"));
        let n = keys().len();

        let mut e = Map::new();
        e.insert("litellm_provider".into(), Value::from("openai"));
        e.insert("input_cost_per_token".into(), Value::from(1e-6));
        set("my-model", e);
        assert!(contains("my-model"));
        assert_eq!(keys().len(), n + 1);
        assert_eq!(keys().last().map(String::as_str), Some("my-model"));
        assert_eq!(find_key("MY-MODEL").as_deref(), Some("my-model"));

        assert!(remove("gpt-4o"));
        assert!(!contains("gpt-4o"));
        assert!(get("gpt-4o").is_none());
        assert!(find_key("GPT-4O").is_none());
        assert!(!remove("gpt-4o"));
        assert_eq!(keys().len(), n);

        reset();
        assert!(contains("gpt-4o"));
        assert!(!contains("my-model"));
        assert!(is_pristine());
    }
}
