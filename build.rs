//! Embeds the themes of `themes/` (the default and the compact one) in the binary, so a
//! site without a `themes/` folder of its own (a fresh `paperpress init`, a test fixture)
//! still builds with either.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let themes = Path::new("themes");
    println!("cargo:rerun-if-changed={}", themes.display());
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(themes)
        .min_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(themes).unwrap();
        let mut parts = rel.components();
        let name = parts
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let file = parts.as_path().to_string_lossy().replace('\\', "/");
        files.push((name, file));
    }
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &str, &[u8])] = &[\n");
    for (name, rel) in &files {
        let abs = std::fs::canonicalize(themes.join(name).join(rel)).unwrap();
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(
            code,
            "    ({name:?}, {rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("themes.rs");
    std::fs::write(out, code).unwrap();
}
