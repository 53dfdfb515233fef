//! Per-scenario-id request statistics behind `GET/DELETE /__stats/<id>`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{json, Map, Value};

use crate::http::Request;

/// Bodies kept per id (the first ones; later requests only update `last_*`).
pub const MAX_BODIES: usize = 100;
/// Byte budget for kept bodies per id, so large-prompt benchmarks do not pin memory.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Bucket for requests whose scenario has no `id`.
pub const DEFAULT_ID: &str = "default";

/// How sending a response ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The whole planned response was written.
    Completed,
    /// The client closed before the mock finished (during a wait or a write).
    Disconnected,
    /// `cut_after`: the mock closed the connection on purpose.
    Cut,
    /// `stall_after`: the stall ran its full time without the client closing.
    Stalled,
}

/// A recorded request plus where its path starts after the `/s/<scenario>` prefix.
struct Seen {
    req: Arc<Request>,
    path_offset: usize,
}

#[derive(Default)]
struct Bucket {
    requests: u64,
    completed: u64,
    disconnects: u64,
    last: Option<Seen>,
    bodies: Vec<Arc<Request>>,
    body_bytes: usize,
}

#[derive(Default)]
pub struct Stats {
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Stats {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Bucket>> {
        // A panic while holding the lock cannot leave counters inconsistent enough to matter.
        self.buckets.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records a request and returns its 1-based ordinal within the bucket.
    pub fn record_request(&self, id: &str, req: &Arc<Request>, path_offset: usize) -> u64 {
        let mut map = self.lock();
        let bucket = match map.get_mut(id) {
            Some(b) => b,
            None => map.entry(id.to_owned()).or_default(),
        };
        bucket.requests += 1;
        bucket.last = Some(Seen {
            req: Arc::clone(req),
            path_offset,
        });
        if bucket.bodies.len() < MAX_BODIES && bucket.body_bytes + req.body.len() <= MAX_BODY_BYTES
        {
            bucket.body_bytes += req.body.len();
            bucket.bodies.push(Arc::clone(req));
        }
        bucket.requests
    }

    pub fn record_outcome(&self, id: &str, outcome: Outcome) {
        let mut map = self.lock();
        if let Some(bucket) = map.get_mut(id) {
            match outcome {
                Outcome::Completed => bucket.completed += 1,
                Outcome::Disconnected => bucket.disconnects += 1,
                Outcome::Cut | Outcome::Stalled => {}
            }
        }
    }

    pub fn reset(&self, id: &str) {
        self.lock().remove(id);
    }

    pub fn reset_all(&self) {
        self.lock().clear();
    }

    /// The `/__stats/<id>` JSON document (zeros for an unknown id).
    pub fn render(&self, id: &str) -> Value {
        let map = self.lock();
        let Some(b) = map.get(id) else {
            return json!({
                "requests": 0, "completed": 0, "disconnects": 0, "last_body": null,
                "last_headers": {}, "last_path": null, "bodies": [],
            });
        };
        let (last_body, last_headers, last_path) = match &b.last {
            Some(seen) => {
                let mut headers = Map::new();
                for (name, value) in &seen.req.headers {
                    match headers.get_mut(name) {
                        Some(Value::String(prev)) => {
                            prev.push_str(", ");
                            prev.push_str(value);
                        }
                        _ => {
                            headers.insert(name.clone(), Value::String(value.clone()));
                        }
                    }
                }
                let path = seen.req.target.get(seen.path_offset..).unwrap_or("");
                (
                    body_json(&seen.req.body),
                    Value::Object(headers),
                    Value::from(path),
                )
            }
            None => (Value::Null, json!({}), Value::Null),
        };
        json!({
            "requests": b.requests,
            "completed": b.completed,
            "disconnects": b.disconnects,
            "last_body": last_body,
            "last_headers": last_headers,
            "last_path": last_path,
            "bodies": b.bodies.iter().map(|r| body_json(&r.body)).collect::<Vec<_>>(),
        })
    }
}

/// Parsed JSON body; an empty body is `null`, a non-JSON body its text.
fn body_json(body: &[u8]) -> Value {
    if body.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(target: &str, body: &str) -> Arc<Request> {
        Arc::new(Request {
            method: "POST".into(),
            target: target.into(),
            headers: vec![("a".into(), "1".into()), ("a".into(), "2".into())],
            body: body.as_bytes().to_vec(),
            keep_alive: true,
        })
    }

    #[test]
    fn counts_and_resets() {
        let s = Stats::default();
        assert_eq!(
            s.record_request("x", &req("/s/id=x/v1/m?q=1", "{\"k\":1}"), 7),
            1
        );
        assert_eq!(
            s.record_request("x", &req("/s/id=x/v1/n", "not json"), 7),
            2
        );
        s.record_outcome("x", Outcome::Completed);
        s.record_outcome("x", Outcome::Disconnected);
        s.record_outcome("x", Outcome::Cut);
        let v = s.render("x");
        assert_eq!(v["requests"], 2);
        assert_eq!(v["completed"], 1);
        assert_eq!(v["disconnects"], 1);
        assert_eq!(v["last_body"], "not json");
        assert_eq!(v["last_path"], "/v1/n");
        assert_eq!(v["last_headers"]["a"], "1, 2");
        assert_eq!(v["bodies"][0]["k"], 1);
        assert_eq!(s.render("other")["requests"], 0);
        s.reset("x");
        assert_eq!(s.render("x")["requests"], 0);
        assert_eq!(s.record_request("x", &req("/", ""), 0), 1);
        assert_eq!(s.render("x")["last_body"], Value::Null);
    }

    #[test]
    fn bodies_are_capped() {
        let s = Stats::default();
        for i in 0..(MAX_BODIES + 5) {
            s.record_request("c", &req("/", &i.to_string()), 0);
        }
        let v = s.render("c");
        assert_eq!(v["bodies"].as_array().map(Vec::len), Some(MAX_BODIES));
        assert_eq!(v["bodies"][0], 0);
        assert_eq!(v["last_body"], MAX_BODIES + 4);
    }
}
