//! Links the `morgue` and `morgue-index` executables as position-dependent (non-PIE) on
//! Linux with glibc. A PIE has its ~25,000 pointers in tables (trait objects, clap's and
//! tantivy's static tables) relocated by the dynamic loader at every start, writing ~120
//! pages of `.data.rel.ro` that each cost a copy-on-write fault: a small command such as
//! `morgue count` or `morgue stats` at a million articles spent about a sixth of its CPU
//! time there (BENCHMARKS.md, session 27). Linked at a fixed address, those tables are
//! resolved by the linker and read straight from the file. The cost: the executable's own
//! code and data are not placed at a random address (libraries, heap, stack and mappings
//! still are). Only the binaries are affected; the library and its tests are built as usual.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
