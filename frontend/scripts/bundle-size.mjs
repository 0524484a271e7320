// Prints the size of the built JavaScript, raw and gzipped, so bundle growth shows up in every build,
// and fails the build when the explorer's JavaScript goes over its budget.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const assets = fileURLToPath(new URL("../dist/assets/", import.meta.url));
const files = readdirSync(assets).filter((name) => name.endsWith(".js"));
if (files.length === 0) {
  console.error("bundle-size: no JavaScript in dist/assets; did vite build run?");
  process.exit(1);
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`; // decimal kilobytes, as Vite reports them
let raw = 0;
let gzipped = 0;
for (const name of files) {
  const source = readFileSync(join(assets, name));
  const size = gzipSync(source, { level: 9 }).length;
  raw += source.length;
  gzipped += size;
  console.log(`  ${name}: ${kB(source.length)}, ${kB(size)} gzipped`);
}
console.log(`JS bundle: ${kB(gzipped)} gzipped (${kB(raw)} raw, ${files.length} file${files.length === 1 ? "" : "s"})`);

/** The budget for all the explorer's JavaScript, gzipped, in decimal kilobytes. */
const BUDGET_KB = 300;
if (gzipped / 1000 > BUDGET_KB) {
  console.error(`bundle-size: ${kB(gzipped)} gzipped is over the budget of ${BUDGET_KB} kB`);
  process.exit(1);
}
console.log(`Within the budget of ${BUDGET_KB} kB gzipped.`);
