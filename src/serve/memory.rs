//! How the long-running server keeps its resident memory bounded under glibc's allocator.
//! Every thread that allocates gets an arena of its own (up to eight per core), and a
//! snapshot replaced on commit is freed on whichever request thread held it last, so under
//! load each commit left free but fragmented memory spread over a dozen arenas: anonymous
//! memory climbed 6 → 89 MB over eleven commits at 200k articles. Capping the arenas at two
//! and trimming once a replaced snapshot dies keeps it flat (6–35 MB over the same run,
//! BENCHMARKS.md "Session 13: serve memory"). Elsewhere (musl, other systems) both are no-ops.

/// Arenas the server's allocator may use: one per core of the 2-core machines it is
/// measured on; more buys nothing for requests that spend microseconds allocating.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const ARENAS: std::ffi::c_int = 2;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" {
    fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
    fn malloc_trim(pad: usize) -> std::ffi::c_int;
}

/// Caps the allocator's arenas; call before the server's threads start (arenas already
/// created stay, new threads share the capped set).
pub fn cap_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        /// glibc's `M_ARENA_MAX` parameter number (malloc.h).
        const M_ARENA_MAX: std::ffi::c_int = -8;
        // SAFETY: mallopt sets a tuning parameter under the allocator's own lock; it takes no
        // pointers and any thread may call it at any time.
        unsafe {
            mallopt(M_ARENA_MAX, ARENAS);
        }
    }
}

/// Returns the allocator's free pages in every arena to the system. Costs well under a
/// millisecond; the reload watcher calls it when a replaced snapshot has been freed.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks the allocator's own free lists under its locks; it
        // takes no pointers from us and is safe to call from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
