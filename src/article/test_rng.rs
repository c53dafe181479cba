//! A deterministic pseudo-random stream (a 64-bit LCG) for the tests that compare a fast
//! path with the simple code it replaced on thousands of generated inputs. Test-only: each
//! test seeds its own stream, so its cases are the same on every run.

/// The stream: `next(n)` draws a number below `n`.
pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    pub(crate) fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// The stream seeded with `seed`, as a closure drawing a number below its argument.
pub(crate) fn stream(seed: u64) -> impl FnMut(usize) -> usize {
    let mut lcg = Lcg(seed);
    move |n| lcg.next(n)
}
