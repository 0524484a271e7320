// The explorer's rendering benchmark (make bench-explorer; not part of make test): draws the same
// synthetic graphs of 100, 1,000 and 10,000 nodes (5 relationships per node) with a bare sigma.js
// page and with the explorer's canvas, in the same headless Chromium run, and prints frame times
// while the camera moves as a ratio of the explorer's to bare sigma's. Rounds alternate between
// the two pages so that drift in the machine's load affects both alike.
import { createReadStream, existsSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const dist = fileURLToPath(new URL("../bench-dist/", import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Frames per round: fewer for the largest graph, whose frames take longest in software WebGL. */
const framesFor = (n) => Number(process.env.BENCH_FRAMES ?? (n >= 10000 ? 30 : n >= 1000 ? 60 : 120));
/**
 * How long one page may take, in seconds. In software WebGL on a busy machine a frame of the
 * largest graph can take seconds (the explorer's 10,000-node page took over the former 300 s),
 * so the limit only catches a page that hangs.
 */
const PAGE_TIMEOUT_S = Number(process.env.BENCH_PAGE_TIMEOUT ?? 1800);

if (!existsSync(join(dist, "index.html"))) throw new Error("bench-dist is missing: run vite build --config vite.bench.config.ts");
if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run make chromium`);

const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "") || "index.html";
  const file = join(dist, path);
  if (!file.startsWith(dist) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

// Frames are not capped at the display rate, so a frame's time is what drawing it costs.
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu-vsync",
    "--disable-frame-rate-limit",
  ],
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function measure(mode, n) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("pageerror", (e) => console.error(`${mode} ${n}: ${e.message}`));
  await page.goto(`${base}/index.html?mode=${mode}&n=${n}&frames=${framesFor(n)}`);
  const started = Date.now();
  try {
    await page.waitForFunction(() => window.benchResult, null, { timeout: PAGE_TIMEOUT_S * 1000, polling: 500 });
  } catch (err) {
    throw new Error(`${mode} ${n}: no result after ${PAGE_TIMEOUT_S} s (BENCH_PAGE_TIMEOUT raises the limit)`, { cause: err });
  }
  if (process.env.BENCH_VERBOSE) console.error(`${mode} ${n}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const result = await page.evaluate(() => window.benchResult);
  await page.close();
  if (result.error) throw new Error(`${mode} ${n}: ${result.error}`);
  return result;
}

console.log(`Chromium ${browser.version()}, software WebGL (no GPU), ${ROUNDS} rounds per size; times in ms`);
const rows = [];
for (const n of SIZES) {
  const frames = { bare: [], explorer: [] };
  const updates = { bare: [], explorer: [] };
  const hovers = [];
  // Both pages must draw the same graph at the same size, or the ratio compares different work.
  const drawn = new Set();
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 ? ["explorer", "bare"] : ["bare", "explorer"]) {
      const r = await measure(mode, n);
      frames[mode].push(...r.frames);
      updates[mode].push(...r.updates);
      hovers.push(...r.hovers);
      drawn.add(`${r.edges} edges at ${r.canvas.width}×${r.canvas.height} px`);
    }
  }
  if (drawn.size !== 1) throw new Error(`${n} nodes: the pages drew different things: ${[...drawn].join("; ")}`);
  const [what] = drawn;
  const edges = Number(what.split(" ")[0]);
  if (n === SIZES[0]) console.log(`both pages draw at ${what.split(" at ")[1]}\n`);
  const row = {
    nodes: n,
    edges,
    bare: median(frames.bare),
    explorer: median(frames.explorer),
    bareP95: p95(frames.bare),
    explorerP95: p95(frames.explorer),
    updateBare: median(updates.bare),
    updateExplorer: median(updates.explorer),
    hover: median(hovers),
  };
  rows.push(row);
  console.log(
    `${String(n).padStart(6)} nodes ${String(edges).padStart(6)} edges | frame median: bare ${row.bare.toFixed(1)}, explorer ${row.explorer.toFixed(1)}` +
      ` → ratio ${(row.explorer / row.bare).toFixed(2)} | p95: bare ${row.bareP95.toFixed(1)}, explorer ${row.explorerP95.toFixed(1)}` +
      ` → ratio ${(row.explorerP95 / row.bareP95).toFixed(2)} | explorer: filter ${row.updateExplorer.toFixed(1)}, hover ${row.hover.toFixed(1)}` +
      ` (bare sigma reducer-less refresh ${row.updateBare.toFixed(1)})`,
  );
}
console.log("\nratio = explorer frame time / bare sigma.js frame time, same graph, same run");
await browser.close();
server.close();
