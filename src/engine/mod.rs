//! One call end to end: resolve provider and credentials, validate parameters, send with
//! retries and timeouts, translate the answer, price it, and tell the call's observers.
//! Shared by the library, the Router and the proxy. Knows nothing about Python: the binding
//! hands in a `CallSpec` and gets Rust values back.
//!
//! The entry points are `prepare` (caller's thread) and then `call::complete` or
//! `call::stream`; nothing above the engine sequences a call itself.

pub mod assemble;
pub mod call;
pub mod chunks;
pub mod context;
pub mod credentials;
pub mod guard;
pub mod mock;
pub mod prepare;
pub mod retry;
pub mod runtime;
pub mod send;
pub mod stream;

pub use call::{complete, ready_now, stream, StreamHandle};
pub use context::{CallContext, CallObserver, FailPoint, PriceOverride, StreamEnd};
pub use credentials::Settings;
pub use prepare::{
    checked_secs, prepare, CallSpec, GlobalSettings, Limits, MockSpec, PreparedCall, TimeoutSpec,
};
