//! Compiles the valgrind client requests (csrc/valgrind.c) with the system C
//! compiler; the header comes from the `valgrind` package
//! (`/usr/include/valgrind`, or `VALGRIND_INCLUDE` to point elsewhere).

fn main() {
    println!("cargo:rerun-if-changed=csrc/valgrind.c");
    println!("cargo:rerun-if-env-changed=VALGRIND_INCLUDE");
    let mut build = cc::Build::new();
    if let Ok(dir) = std::env::var("VALGRIND_INCLUDE") {
        build.include(dir);
    }
    build.file("csrc/valgrind.c").compile("jwt_ct_valgrind");
}
