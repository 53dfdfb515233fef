//! Everything about moving bytes: the pooled client, per-phase timeouts and stream framing.
//! Providers never send requests themselves; the engine sends through here.

pub mod client;
pub mod framing;
pub mod sse;
