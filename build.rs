//! Embeds the default theme in the binary, so a site without a `themes/default/` folder of
//! its own (a fresh `paperpress init`, a test fixture) still builds.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let theme = Path::new("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut files: Vec<String> = walkdir::WalkDir::new(theme)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(theme)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let abs = std::fs::canonicalize(theme.join(rel)).unwrap();
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    std::fs::write(out, code).unwrap();
}
