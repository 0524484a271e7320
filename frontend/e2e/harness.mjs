// A small harness for the end-to-end tests: starts the real relgraph binary on a free port against
// the Neo4j given in the environment, launches Debian's Chromium through playwright-core, runs the
// tests in order and reports. Nothing here is skipped: a missing binary, browser or database fails.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);

/** Chromium's flags for a headless run on a machine without a GPU or a network beyond the server. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Fails with a message when a condition does not hold. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

function need(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (see the e2e target in the Makefile)`);
  return value;
}

/** Runs a command to completion, failing loudly. */
function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

/**
 * Starts `relgraph serve` on a free port and resolves with its URL once it is ready. The binary
 * logs the address it bound; that is how the port is learnt.
 */
export async function startServer() {
  const bin = need("RELGRAPH_BIN");
  check(existsSync(bin), `the relgraph binary is missing at ${bin}: run make build`);
  need("NEO4J_URI");
  need("NEO4J_PASSWORD");
  if (process.env.RELGRAPH_DATA) {
    await run(bin, ["load-demo", "-data", process.env.RELGRAPH_DATA, "-log-level", "warn"], process.env);
  }
  const child = spawn(bin, ["serve", "-addr", "127.0.0.1:0", "-log-level", "info"], { env: process.env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relgraph did not start within 30 s:\n${log}`)), 30_000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const m = /msg=serving url=(http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`relgraph exited with ${code}:\n${log}`)));
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 150) throw new Error(`relgraph at ${url} never became ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: () => child.kill("SIGTERM"), log: () => log };
}

/** Launches Chromium, failing with what to do when it is missing. */
export async function launchBrowser() {
  check(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: run make chromium (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page and fails on any violation, listing them. */
export async function expectNoAxeViolations(page, what) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  check(violations.length === 0, `axe-core found ${violations.length} violation(s) on ${what}:\n${JSON.stringify(violations, null, 2)}`);
}

/** The test runner: tests run in order, each with a fresh page unless it makes its own. */
export async function runTests(tests, { artifacts }) {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  const failures = [];
  const ctx = {
    url: server.url,
    browser,
    artifacts,
    shot: async (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false }),
    notes: {},
  };
  try {
    for (const [name, fn] of tests) {
      const started = Date.now();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      try {
        await fn(page, ctx);
        check(errors.length === 0, `errors in the page: ${errors.join("; ")}`);
        console.log(`ok    ${name} (${Date.now() - started} ms)`);
      } catch (err) {
        failures.push(name);
        console.log(`FAIL  ${name} (${Date.now() - started} ms)\n      ${String(err.stack ?? err).split("\n").join("\n      ")}`);
        await page.screenshot({ path: join(artifacts, `failed-${name.replace(/[^a-z0-9]+/gi, "-")}.png`), fullPage: true }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }
  for (const [k, v] of Object.entries(ctx.notes)) console.log(`note  ${k}: ${v}`);
  if (failures.length > 0) {
    console.log(`\n${failures.length} of ${tests.length} browser tests failed: ${failures.join(", ")}\nScreenshots in ${artifacts}`);
    process.exit(1);
  }
  console.log(`\nAll ${tests.length} browser tests passed. Screenshots in ${artifacts}`);
}
