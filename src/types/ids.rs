//! Ids and timestamps litellm generates: `chatcmpl-<uuid4>` completion ids, call ids, and
//! `created` seconds.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A random UUID version 4 string.
pub fn uuid4() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    // RandomState is seeded from the OS per thread; mixing in time and a counter keeps ids
    // distinct within a thread as well.
    let word = |salt: u64| {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u128(nanos);
        h.write_u64(n);
        h.finish()
    };
    let (a, b) = (word(0x9e37_79b9_7f4a_7c15), word(0xc2b2_ae3d_27d4_eb4f));
    // Version 4 and the RFC 4122 variant, as uuid4 does.
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// A completion id as litellm mints them: `chatcmpl-<uuid4>`.
pub fn completion_id() -> String {
    format!("chatcmpl-{}", uuid4())
}

/// Seconds since the epoch (`created`).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let u = uuid4();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(uuid4(), uuid4());
        assert!(completion_id().starts_with("chatcmpl-"));
        assert!(unix_now() > 1_700_000_000);
    }
}
