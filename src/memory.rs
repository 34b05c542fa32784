//! When memory a build frees goes back to the system. The `paperpress` binary allocates
//! with mimalloc (see `main.rs`), which keeps freed memory for a while to reuse it; a
//! one-off build frees large parts of the site graph as it goes, and what it keeps for
//! reuse counts towards its peak. Without mimalloc as the allocator (the library's
//! unit tests) these calls change nothing.

/// mimalloc's `mi_option_purge_delay` (its `mi_option_t` number, which the Rust
/// bindings do not name).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives memory a build has freed back to the system a tenth of a second after it is
/// freed, rather than after the second mimalloc 3 waits. A one-off build frees large
/// parts of the site graph as it goes (the words and vectors similar papers are found
/// from, each entry's HTML); kept a second longer, they stayed resident beside the
/// values made next: 55 MB more at the peak of a 100,000-paper build. 10 ms (mimalloc
/// 2's delay) saved 30 MB more but cost 3% of a 10,000-paper build's time in system
/// calls; a tenth of a second costs nothing measurable. `MIMALLOC_PURGE_DELAY` in the
/// environment still decides, for measuring.
///
/// # Safety
///
/// Call it before any other thread is started: mimalloc's options are plain globals,
/// read by every thread that allocates.
pub unsafe fn return_freed_memory_sooner() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: no other thread reads the option yet (the caller's promise); 15 is one of
    // mimalloc's options, so in range.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 100) };
}

/// Gives back at once what every thread has freed, after freeing much at one time (the
/// papers' texts, 170 MB at 100,000 papers). Memory a thread frees that another thread
/// allocated goes back only once its owner looks at it again, and the owners were busy
/// allocating the next pages' memory on top of it: each thread of the pool, and this
/// one, collects its own heap; forced, a collection also gives back every freed part of
/// the process's memory at once, whatever the purge delay.
pub fn return_freed_memory_now() {
    // SAFETY: `mi_collect` may be called from any thread at any time; it touches the
    // calling thread's heap and mimalloc's own shared state, which it locks.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    // SAFETY: as above.
    unsafe { libmimalloc_sys::mi_collect(true) };
}
