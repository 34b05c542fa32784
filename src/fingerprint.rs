//! Fingerprints: 64-bit hashes that say whether something is the same as last time.
//!
//! A site kept in memory between builds (watch, serve) fingerprints every node value and
//! every page's inputs; a page whose inputs hash the same as before is not rendered again,
//! and a file whose bytes hash the same is not written again. A `build` also keeps the
//! fingerprint of all its inputs on disk (`pipeline::manifest`), to stop early when it
//! finds them the same next time. The hashes never meet input chosen to collide, so they
//! need a hash of good quality, not a keyed one: XXH3 is several times faster than
//! SipHash on the kilobytes of JSON and HTML hashed for each paper.

use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::Xxh3Default;

pub type Fingerprint = u64;

/// A hasher for fingerprints made piece by piece.
pub fn hasher() -> impl Hasher {
    Xxh3Default::new()
}

pub fn of<T: Hash + ?Sized>(value: &T) -> Fingerprint {
    let mut hasher = hasher();
    value.hash(&mut hasher);
    hasher.finish()
}

pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

struct HashWriter<H>(H);

impl<H: Hasher> std::io::Write for HashWriter<H> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprint of a file's bytes, read a piece at a time (a large static file is
/// never held whole).
pub fn of_file(path: &std::path::Path) -> std::io::Result<Fingerprint> {
    let mut writer = HashWriter(hasher());
    std::io::copy(&mut std::fs::File::open(path)?, &mut writer)?;
    Ok(writer.0.finish())
}

thread_local! {
    /// Set while `of_serialize` runs on this thread.
    static SHALLOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The fingerprints of the node values `of_serialize` met, in order.
    static READ: std::cell::RefCell<Vec<Fingerprint>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether a value being serialized is being fingerprinted by `of_serialize`, in which
/// case a node value stands in with its own fingerprint instead of its whole JSON.
pub fn shallow() -> bool {
    SHALLOW.get()
}

/// Notes that the context being fingerprinted holds the node value with this fingerprint.
pub fn note_read(fingerprint: Fingerprint) {
    READ.with_borrow_mut(|read| read.push(fingerprint));
}

/// The fingerprint of a template context. The nodes' values in it (`site::Valued`) count
/// by their fingerprints, taken once when they were built, so a page's fingerprint costs
/// about as much as the few fields of its own.
/// Returns it with the fingerprints of the node values it holds: while each of those is
/// still in the site, the context is the same (see `pipeline::job_table`).
pub fn of_serialize(context: &dyn erased_serde::Serialize) -> (Fingerprint, Vec<Fingerprint>) {
    /// Unsets the flag even if serializing panics.
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            SHALLOW.set(self.0);
        }
    }
    let _reset = Reset(SHALLOW.replace(true));
    READ.with_borrow_mut(Vec::clear);
    // Contexts are fingerprinted for every file on every rebuild: FxHasher is several
    // times faster than SipHash on these short writes, and these fingerprints never meet
    // input chosen to collide with them.
    let mut writer = HashWriter(rustc_hash::FxHasher::default());
    serde_json::to_writer(&mut writer, context).expect("writing JSON into a hasher cannot fail");
    (writer.0.finish(), READ.with_borrow_mut(std::mem::take))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bytes_share_a_fingerprint_and_changed_ones_do_not() {
        assert_ne!(of_bytes(b"<p>a</p>"), of_bytes(b"<p>b</p>"));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        let big = "word ".repeat(100_000); // read in several pieces
        std::fs::write(&file, &big).unwrap();
        assert_eq!(of_file(&file).unwrap(), of_bytes(big.as_bytes()));
        std::fs::write(&file, format!("{big}!")).unwrap();
        assert_ne!(of_file(&file).unwrap(), of_bytes(big.as_bytes()));
    }
}
