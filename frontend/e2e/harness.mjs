// The browser tests' harness: the real relgraph binary on a free port against the test Neo4j, and
// Debian's Chromium driven by playwright-core. The Makefile's e2e target sets the environment:
// RELGRAPH_BIN (the binary), NEO4J_URI/USER/PASSWORD/DATABASE (the test instance), RELGRAPH_DATA.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
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
