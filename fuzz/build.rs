//! Embeds every golden input (`tests/golden/*/*/input.json`) as a seed the structure-aware targets
//! mutate: `SEEDS` = (function, the input's text).
use std::{env, fs, path::Path};

fn main() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden");
    println!("cargo:rerun-if-changed={}", golden.display());
    let mut files = Vec::new();
    for module in fs::read_dir(&golden).into_iter().flatten().flatten() {
        for case in fs::read_dir(module.path()).into_iter().flatten().flatten() {
            let input = case.path().join("input.json");
            if input.is_file() {
                files.push(input);
            }
        }
    }
    files.sort();
    let mut out = String::from("pub const SEEDS: &[&str] = &[\n");
    for f in files {
        let abs = fs::canonicalize(&f).unwrap_or(f);
        out.push_str(&format!(
            "    include_str!({:?}),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("seeds.rs");
    fs::write(dest, out).unwrap_or_else(|e| panic!("writing seeds.rs: {e}"));
}
