// The browser tests' harness: the real relgraph binary on a free port against the test Neo4j, and
// Debian's Chromium driven by playwright-core. The Makefile's e2e target sets the environment:
// RELGRAPH_BIN (the binary), NEO4J_URI/USER/PASSWORD/DATABASE (the test instance), RELGRAPH_DATA.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const run = promisify(execFile);

/** The binary under test. */
export function binary() {
  const bin = process.env.RELGRAPH_BIN;
  if (!bin) throw new Error("RELGRAPH_BIN is not set: run the browser tests with `make e2e`");
  return bin;
}

/** Runs a relgraph command and returns its standard output. */
export async function relgraph(...args) {
  const { stdout } = await run(binary(), args, { env: process.env, timeout: 180_000 });
  return stdout.trim();
}

/** Starts `relgraph serve` on a free port and waits until it is ready. */
export async function startServer() {
  const child = spawn(binary(), ["serve", "-addr", "127.0.0.1:0", "-log-level", "info"], {
    env: process.env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const log = [];
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relgraph serve did not start:\n${log.join("\n")}`)), 30_000);
    child.on("exit", (code) => reject(new Error(`relgraph serve exited with ${code}:\n${log.join("\n")}`)));
    createInterface({ input: child.stderr }).on("line", (line) => {
      log.push(line);
      const m = line.match(/msg=serving url=(http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error(`relgraph at ${url} never became ready:\n${log.join("\n")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** Launches headless Chromium with a fresh profile. */
export async function launchBrowser() {
  const profile = await mkdtemp(join(tmpdir(), "relgraph-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Posts a GraphQL request with a bearer token and returns its data; throws on errors. */
export async function gql(url, token, query, variables = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Saves a screenshot of a failed test beside the other test artifacts. */
export async function screenshot(page, name) {
  const dir = new URL("../../test-artifacts/", import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true }).catch(() => {});
  return join(dir, `${name}.png`);
}

// ---------------------------------------------------------------------------------------------
// The explorer's tests (explorer.e2e.mjs): a runner of named steps in order, each in a fresh browser
// context, with axe-core scans and screenshots of the main views.


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

/** Launches Chromium as a browser in which each test opens its own context (a fresh profile). */
export async function launchChromium() {
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

/**
 * Runs the tests in order against a fresh server over the demo graph, each with a fresh page in a
 * fresh context; a failing test leaves a full-page screenshot. Exits non-zero when any failed.
 */
export async function runTests(tests, { artifacts }) {
  mkdirSync(artifacts, { recursive: true });
  await relgraph("load-demo");
  const server = await startServer();
  const browser = await launchChromium();
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
    await server.stop();
  }
  for (const [k, v] of Object.entries(ctx.notes)) console.log(`note  ${k}: ${v}`);
  if (failures.length > 0) {
    console.log(`\n${failures.length} of ${tests.length} browser tests failed: ${failures.join(", ")}\nScreenshots in ${artifacts}`);
    process.exit(1);
  }
  console.log(`\nAll ${tests.length} browser tests passed. Screenshots in ${artifacts}`);
}
