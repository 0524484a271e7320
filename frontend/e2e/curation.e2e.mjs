// The curator's flow in a real browser: sign in with a token, draw a link from the centre to an
// entity picked on the graph, see it with its provenance, undo it, restore it from history,
// propose a link for review, review it as another curator, retract a link with a reason.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { gql, launchBrowser, relgraph, screenshot, startServer } from "./harness.mjs";

const run = randomBytes(4).toString("hex");
let server;
let browser;
let page;
const tokens = {};
const ids = {};

const createEntity = `mutation($kind: Kind!, $p: JSON!) { createEntity(kind: $kind, properties: $p) { entity { id } } }`;
const addLink = `mutation($s: ID!, $t: String!, $d: ID!) { addLink(source: $s, type: $t, target: $d) { outcome } }`;

before(async () => {
  await relgraph("load-demo");
  for (const [who, role] of [["admin", "admin"], ["alice", "curator"], ["bob", "curator"]]) {
    tokens[who] = await relgraph("token", "create", "-role", role, "-name", `${who}-${run}`, "-expires", "1h");
  }
  server = await startServer();
  // A work that studies an organisation, which is part of another: at depth 2 the explorer shows
  // all three, and the work has no link to the second organisation yet. And a topic, not linked.
  const make = async (kind, p) => (await gql(server.url, tokens.admin, createEntity, { kind, p })).createEntity.entity.id;
  ids.work = await make("WORK", { title: `E2E curated work ${run}` });
  ids.org = await make("ORGANISATION", { name: `E2E institute ${run}` });
  ids.parent = await make("ORGANISATION", { name: `E2E university ${run}` });
  ids.topic = await make("TOPIC", { name: `E2E topic ${run}` });
  await gql(server.url, tokens.admin, addLink, { s: ids.work, t: "STUDIES", d: ids.org });
  await gql(server.url, tokens.admin, addLink, { s: ids.org, t: "PART_OF", d: ids.parent });
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs a step, keeping a screenshot when it fails. */
async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    const shot = page ? await screenshot(page, `curation-${name.replace(/\W+/g, "-")}`) : "";
    err.message += `\n(screenshot: ${shot})`;
    throw err;
  }
}

/**
 * Finds where entities are drawn on the canvas: moves a (synthetic) pointer over a grid on sigma's
 * mouse layer and keeps the points where sigma says the pointer is on a node (its pointer cursor).
 */
async function nodePointsOnCanvas() {
  return page.evaluate(() => {
    const container = document.querySelector(".graph-canvas");
    const mouse = container.querySelector("canvas.sigma-mouse") ?? container.lastElementChild;
    const box = container.getBoundingClientRect();
    const hits = [];
    let was = false;
    for (let y = box.top + 4; y < box.bottom; y += 5) {
      for (let x = box.left + 4; x < box.right; x += 5) {
        mouse.dispatchEvent(new MouseEvent("mousemove", { clientX: x, clientY: y, bubbles: true }));
        const on = container.style.cursor === "pointer";
        if (on && !was) hits.push({ x: x + 3, y: y + 2 });
        was = on;
      }
      was = false;
    }
    mouse.dispatchEvent(new MouseEvent("mousemove", { clientX: box.left - 10, clientY: box.top - 10, bubbles: true }));
    return hits;
  });
}

const panel = () => page.getByRole("region", { name: "Curation" });
const notice = () => panel().getByRole("status");

async function signIn(who) {
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("API token").fill(tokens[who]);
  await page.locator("form.curation-signin").getByRole("button", { name: "Sign in" }).click();
  await page.locator(".curation-who", { hasText: `${who}-${run}` }).waitFor();
  await panel().waitFor();
}

async function noticeSays(text) {
  await notice().getByText(text).first().waitFor({ timeout: 15_000 });
}

test("a curator draws a link, sees its provenance, undoes and restores it", async () => {
  await step("open", async () => {
    await page.goto(`${server.url}/?focus=${ids.work}&depth=2`);
    await page.getByRole("heading", { name: `E2E curated work ${run}` }).waitFor();
  });
  await step("sign in", () => signIn("alice"));
  await step("draw", async () => {
    await panel().getByRole("button", { name: /pick the other entity on the graph/ }).click();
    await panel().getByRole("button", { name: /Click an entity on the graph/ }).waitFor();
    // Click the nodes on the canvas until the university is picked (each click ends the picking).
    let points = [];
    for (let i = 0; i < 20 && points.length < 3; i++) {
      await page.waitForTimeout(500); // until the picture is drawn and settled
      points = await nodePointsOnCanvas();
    }
    assert.ok(points.length >= 3, `found ${points.length} nodes on the canvas, want 3: ${JSON.stringify(points)}`);
    const sentence = panel().locator(".curation-sentence");
    let picked = false;
    for (const p of points) {
      await page.mouse.click(p.x, p.y);
      if ((await sentence.textContent()).includes(`E2E university ${run}`)) {
        picked = true;
        break;
      }
      await panel().getByRole("button", { name: /pick the other entity on the graph/ }).click();
    }
    assert.ok(picked, "no click on the canvas picked the university");
    assert.match(page.url(), new RegExp(`focus=${ids.work}`), "picking recentred the explorer");
    await panel().getByLabel("Relation type").selectOption("STUDIES");
    await panel().getByLabel(/^Evidence/).fill("https://example.org/e2e");
    await panel().getByLabel("Note").fill("seen in the abstract");
    await panel().getByRole("button", { name: "Add link" }).click();
  });
  const link = `${ids.work}>STUDIES>${ids.parent}`;
  await step("see it with provenance", async () => {
    await noticeSays(`Added the link ${link}.`);
    await panel().getByText(`added by alice-${run} · evidence: https://example.org/e2e · note: seen in the abstract`).waitFor();
    await panel().locator(`li[data-link="${link}"]`).waitFor();
  });
  await step("undo", async () => {
    await notice().getByRole("button", { name: "Undo" }).click();
    await noticeSays(`Retracted the link ${link}`);
    await panel().locator(`li[data-link="${link}"]`).waitFor({ state: "detached" });
  });
  await step("restore from history", async () => {
    const entry = panel().locator('li[data-change="RETRACT_LINK"]').first();
    await entry.getByText("Undone right after it was made").waitFor();
    await entry.getByRole("button", { name: "Restore" }).click();
    await noticeSays(`Restored the link ${link}.`);
    await panel().locator(`li[data-link="${link}"]`).waitFor();
  });
});

test("a proposal waits for another curator, who approves it", async () => {
  const link = `${ids.work}>HAS_TOPIC>${ids.topic}`;
  await step("propose", async () => {
    await panel().getByLabel(/or its id or identifier/).fill(ids.topic);
    await panel().getByLabel("Relation type").selectOption("HAS_TOPIC");
    await panel().getByLabel(/^score/).fill("0.8");
    await panel().getByLabel(/Ask another curator to review it/).check();
    await panel().getByRole("button", { name: "Add link" }).click();
    await noticeSays(`Proposed adding the link ${link}; it awaits review`);
    const mine = panel().locator(".proposal").filter({ hasText: `E2E topic ${run}` });
    await mine.getByRole("button", { name: "Withdraw" }).waitFor();
    assert.equal(await mine.getByRole("button", { name: "Approve" }).count(), 0, "a curator may not approve their own proposal");
  });
  await step("review as bob", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await signIn("bob");
    const proposal = panel().locator(".proposal").filter({ hasText: `E2E topic ${run}` });
    await proposal.getByText(`alice-${run}`).waitFor();
    await proposal.getByRole("button", { name: "Approve" }).click();
    await noticeSays(`Approved: Added the link ${link}.`);
    await panel().getByText(`added by alice-${run} · approved by bob-${run}`).waitFor();
    await panel().locator(`li[data-link="${link}"]`).waitFor();
  });
});

test("a curator retracts a link with a reason, and readers no longer see it", async () => {
  const link = `${ids.work}>STUDIES>${ids.parent}`;
  await step("retract", async () => {
    const row = panel().locator(`li[data-link="${link}"]`);
    await row.getByRole("button", { name: /Retract/ }).click();
    await row.getByLabel("Reason").fill("the paper is about the institute only");
    await row.getByRole("button", { name: "Retract", exact: true }).click();
    await noticeSays(`Retracted the link ${link}`);
    await row.waitFor({ state: "detached" });
  });
  await step("readers and history", async () => {
    const anonymous = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: `query($id: ID!) { relations(id: $id) { edges { id } } }`, variables: { id: ids.work } }),
    }).then((r) => r.json());
    assert.ok(!anonymous.data.relations.edges.some((e) => e.id === link), "readers still see the retracted link");
    const h = await gql(server.url, tokens.admin, `query($id: ID!) { history(id: $id) { edges { node { action actor note } } } }`, { id: link });
    assert.deepEqual(h.history.edges[0].node, { action: "RETRACT_LINK", actor: `bob-${run}`, note: "the paper is about the institute only" });
    await screenshot(page, "curation-flow"); // for people to look at
  });
});
