// End-to-end tests of the explorer in a real browser, against the real binary and the real Neo4j
// with the demo graph: `make e2e` (part of `make test`). Screenshots of the main views go to
// test-artifacts/ (git-ignored).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { check, expectNoAxeViolations, runTests } from "./harness.mjs";

const SEED = "Developmental borderwork and the International Organization for Migration";
const OTHER = "The International Organization for Migration and the international government of borders";
const ASHUTOSH = "Migration management for the benefit of whom? Interrogating the work of the International Organization for Migration";
const SEED_NEIGHBOURS = ["Philippe M. Frowd", "Journal of Ethnic and Migration Studies", "International Organization for Migration", "Mauritania", "South Sudan"];

// ---------------------------------------------------------------------------------------------
// Helpers that read the canvas through the renderer the page exposes (window.relgraphCanvas).

/** Waits until the graph is loaded, laid out and the camera placed. */
async function settled(page) {
  await page.waitForSelector('.workspace[data-settled="true"] .graph-canvas[data-settled="true"]', { timeout: 20_000 });
}

/** Every node of the graph: id, label, kind, whether it is hidden, and where it is drawn (client px). */
function nodes(page) {
  return page.evaluate(() => {
    const sigma = window.relgraphCanvas.sigma();
    const rect = sigma.getContainer().getBoundingClientRect();
    return sigma.getGraph().mapNodes((id, attrs) => {
      const data = sigma.getNodeDisplayData(id);
      const p = data ? sigma.framedGraphToViewport(data) : { x: NaN, y: NaN };
      return {
        id,
        label: attrs.label,
        kind: attrs.kind,
        hidden: !data || !!data.hidden,
        color: data?.color,
        x: rect.left + p.x,
        y: rect.top + p.y,
        onScreen: p.x >= 0 && p.y >= 0 && p.x <= rect.width && p.y <= rect.height,
      };
    });
  });
}

async function node(page, label) {
  const found = (await nodes(page)).find((n) => n.label === label);
  check(found, `no node labelled “${label}” in the graph`);
  return found;
}

function seedPath(url) {
  return url;
}

/** Opens the seed article's page the way a reader does: from the home page's search. */
async function openSeedFromSearch(page, url) {
  await page.goto(url);
  const search = page.getByRole("combobox", { name: "Search the graph" });
  await search.fill("borderwork");
  await page.getByRole("option", { name: new RegExp(SEED) }).first().click();
  await page.waitForURL(/\/work\/w-/);
  await settled(page);
  return page.url();
}

let seedUrl = null;

const tests = [
  [
    "home page: search and entry points, no accessibility violation",
    async (page, { url, shot }) => {
      await page.goto(url);
      await page.getByRole("heading", { level: 1, name: "Explore how scholarly work connects" }).waitFor();
      await page.getByRole("link", { name: new RegExp(SEED) }).first().waitFor();
      await shot(page, "home");
      await expectNoAxeViolations(page, "the home page");
    },
  ],
  [
    "seed article: Frowd, the journal, the IOM, Mauritania and South Sudan in the graph and in the list view",
    async (page, { url, shot, notes }) => {
      seedUrl = seedPath(await openSeedFromSearch(page, url));
      const all = await nodes(page);
      for (const label of SEED_NEIGHBOURS) {
        const n = all.find((x) => x.label === label);
        check(n, `${label} is not in the graph`);
        check(!n.hidden && n.onScreen, `${label} is not drawn on screen: ${JSON.stringify(n)}`);
      }
      // The labels of the page's neighbours are drawn (the label layer never overlaps them).
      const drawn = await page.evaluate(() => window.relgraphCanvas.sigma().getNodeDisplayedLabels().size);
      check(drawn >= SEED_NEIGHBOURS.length, `only ${drawn} labels proposed`);
      await shot(page, "seed-graph");
      await expectNoAxeViolations(page, "the seed article's page (graph)");

      await page.getByRole("button", { name: "List", exact: true }).click();
      const list = page.getByRole("region", { name: "Entities in the graph, as a list" });
      for (const label of SEED_NEIGHBOURS) await list.getByRole("button", { name: new RegExp(`^${label}`) }).waitFor();
      check(page.url().includes("view=list"), `the list view is not in the URL: ${page.url()}`);
      await shot(page, "seed-list");
      await expectNoAxeViolations(page, "the list view");

      await page.getByRole("button", { name: "Table", exact: true }).click();
      const table = page.getByRole("region", { name: "Relations in the graph, as a table" });
      await table.getByRole("row", { name: /Philippe M\. Frowd.*authored/ }).waitFor();
      await table.getByRole("row", { name: /case country.*Mauritania/ }).waitFor();
      await shot(page, "seed-table");
      await expectNoAxeViolations(page, "the table view");
      notes["seed article URL"] = seedUrl;
    },
  ],
  [
    "seed article: the graph is on screen within 1 s of navigation",
    async (page, { notes }) => {
      const times = [];
      for (let i = 0; i < 5; i++) {
        await page.goto("about:blank");
        await page.goto(seedUrl);
        await page.waitForSelector(".graph-canvas[data-painted]");
        times.push(await page.evaluate(() => Number(document.querySelector(".graph-canvas").dataset.painted)));
      }
      times.sort((a, b) => a - b);
      notes["first paint of the seed article's graph (ms after navigation start, 5 loads)"] = times.join(", ");
      check(times[2] <= 1000, `the median first paint took ${times[2]} ms`);
    },
  ],
  [
    "expand a node: double-click the IOM, its other works appear with “N of M shown”",
    async (page, { shot }) => {
      await page.goto(seedUrl);
      await settled(page);
      const iom = await node(page, "International Organization for Migration");
      await page.mouse.dblclick(iom.x, iom.y);
      await page.waitForFunction(() => window.relgraphCanvas.sigma().getGraph().order > 13);
      await settled(page);
      const labels = (await nodes(page)).map((n) => n.label);
      check(labels.includes(OTHER) && labels.includes(ASHUTOSH), `the IOM's works are missing: ${labels.join(" | ")}`);
      check(/[?&]x=o-/.test(page.url()), `the expansion is not in the URL: ${page.url()}`);
      const panel = page.getByRole("complementary", { name: "Details and filters" });
      await panel.getByText(/\d+ of \d+ shown/).first().waitFor();
      await shot(page, "expanded");
      // Enter on the keyboard expands too: the cursor starts on the selection.
      await page.keyboard.press("Escape");
    },
  ],
  [
    "load more: a node with many relations expands to 12 of N, and pages through the rest",
    async (page, { url, shot }) => {
      const res = await page.request.post(`${url}/graphql`, {
        data: { query: `{ search(query: "The Ohio State University", kinds: [ORGANISATION], first: 1) { edges { node { id } } } }` },
      });
      const id = (await res.json()).data.search.edges[0]?.node.id;
      check(id, "The Ohio State University is not in the demo graph");
      await page.goto(`${url}/organisation/${id}`);
      await settled(page);
      const us = await node(page, "United States");
      await page.mouse.dblclick(us.x, us.y);
      await page.waitForURL(/[?&]x=c-us/);
      await settled(page);
      const panel = page.getByRole("complementary", { name: "Details and filters" });
      await panel.getByRole("heading", { level: 2, name: "United States" }).waitFor();
      const group = panel.locator(".group-counts li", { hasText: "located in" });
      const counts = async () => {
        const m = /(\d+) of (\d+) shown/.exec(await group.innerText());
        check(m, `no “N of M shown” in: ${await group.innerText()}`);
        return [Number(m[1]), Number(m[2])];
      };
      const [shown, total] = await counts();
      check(shown >= 12 && shown < total, `${shown} of ${total} shown after expanding`);
      await shot(page, "load-more-before");
      await group.getByRole("button", { name: /Load more/ }).click();
      await page.waitForURL(/more=LOCATED_IN\.in\.1\.c-us/);
      await page.waitForFunction(
        ([before]) => {
          const li = [...document.querySelectorAll(".group-counts li")].find((l) => l.textContent.includes("located in"));
          const m = li && /(\d+) of (\d+) shown/.exec(li.textContent);
          return m && Number(m[1]) >= Math.min(before + 12, Number(m[2]));
        },
        [shown],
      );
      await settled(page);
      await shot(page, "load-more-after");
    },
  ],
  [
    "filter by kind and by year, without rebuilding the graph",
    async (page, { shot }) => {
      await page.goto(seedUrl);
      await settled(page);
      const iom = await node(page, "International Organization for Migration");
      await page.mouse.dblclick(iom.x, iom.y);
      await page.waitForFunction(() => window.relgraphCanvas.sigma().getGraph().order > 13);
      await settled(page);
      const graphBefore = await page.evaluate(() => (window.__graphBefore = window.relgraphCanvas.sigma().getGraph(), true));
      check(graphBefore, "no graph");

      const filters = page.getByRole("group", { name: "Kinds" });
      await filters.getByRole("checkbox", { name: /Countries/ }).uncheck();
      await page.waitForFunction(() => {
        const s = window.relgraphCanvas.sigma();
        const id = s.getGraph().findNode((_n, a) => a.label === "Mauritania");
        return s.getNodeDisplayData(id)?.hidden === true;
      });
      check(page.url().includes("hide=COUNTRY"), `the kind filter is not in the URL: ${page.url()}`);
      check(!(await nodes(page)).find((n) => n.label === "South Sudan" && !n.hidden), "South Sudan is still drawn");
      await page.getByRole("button", { name: "List", exact: true }).click();
      check((await page.getByRole("region", { name: /as a list/ }).getByText("Mauritania").count()) === 0, "Mauritania is still in the list");
      await page.getByRole("button", { name: "Graph", exact: true }).click();
      await filters.getByRole("checkbox", { name: /Countries/ }).check();

      // Years: from 2011 hides the 2010 article and keeps the 2011 one and the page's own.
      const from = page.getByRole("slider", { name: "From" });
      await from.fill("2011");
      await page.waitForURL(/years=2011-2018/);
      await page.waitForFunction((other) => {
        const s = window.relgraphCanvas.sigma();
        const id = s.getGraph().findNode((_n, a) => a.label === other);
        return s.getNodeDisplayData(id)?.hidden === true;
      }, OTHER);
      const after = await nodes(page);
      check(!after.find((n) => n.label === ASHUTOSH).hidden, "the 2011 article was hidden");
      check(!after.find((n) => n.label === SEED).hidden, "the page's own article was hidden");
      const same = await page.evaluate(() => window.__graphBefore === window.relgraphCanvas.sigma().getGraph());
      check(same, "the filters rebuilt the graph");
      await shot(page, "filtered");
    },
  ],
  [
    "how is it connected: the path from the seed article to another IOM article",
    async (page, { shot }) => {
      await page.goto(seedUrl);
      await settled(page);
      const panel = page.getByRole("complementary", { name: "Details and filters" });
      await panel.getByText("How is it connected?").click();
      const search = panel.getByRole("combobox", { name: "Find the entity to connect to" });
      await search.fill("international government of borders");
      await page.getByRole("option", { name: new RegExp(OTHER) }).click();
      await page.waitForURL(/[?&]path=w-/);
      const paths = panel.getByRole("list", { name: /shortest path/ });
      await paths.waitFor();
      const text = await paths.innerText();
      check(/studies/.test(text) && text.includes("International Organization for Migration") && text.includes(OTHER), `the path reads: ${text}`);
      await settled(page);
      const highlighted = await page.evaluate(() => {
        const s = window.relgraphCanvas.sigma();
        return s.getGraph().filterEdges((e) => s.getEdgeDisplayData(e)?.label === "STUDIES" && s.getEdgeDisplayData(e)?.size === 3).length;
      });
      check(highlighted >= 2, `${highlighted} path edges are highlighted and labelled`);
      await shot(page, "path");
      await expectNoAxeViolations(page, "the page with paths");
    },
  ],
  [
    "export GraphML (it parses) and every other format",
    async (page) => {
      await page.goto(seedUrl);
      await settled(page);
      const exportAs = async (format) => {
        await page.getByText("Export", { exact: true }).click();
        const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`button[data-format="${format}"]`).click()]);
        const path = await download.path();
        const { readFileSync } = await import("node:fs");
        return { name: download.suggestedFilename(), body: readFileSync(path) };
      };
      const graphml = await exportAs("graphml");
      check(graphml.name.endsWith(".graphml"), `file name ${graphml.name}`);
      const parsed = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        if (doc.querySelector("parsererror")) return { error: doc.querySelector("parsererror").textContent };
        const labels = [...doc.querySelectorAll('node data[key="label"]')].map((d) => d.textContent);
        return { nodes: doc.getElementsByTagName("node").length, edges: doc.getElementsByTagName("edge").length, labels };
      }, graphml.body.toString("utf8"));
      check(!parsed.error, `GraphML does not parse: ${parsed.error}`);
      const order = await page.evaluate(() => window.relgraphCanvas.sigma().getGraph().order);
      check(parsed.nodes === order && parsed.edges > 0, `GraphML has ${parsed.nodes} nodes and ${parsed.edges} edges, the graph ${order}`);
      for (const label of SEED_NEIGHBOURS) check(parsed.labels.includes(label), `${label} missing from GraphML`);

      const gexf = await exportAs("gexf");
      const gexfOk = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        return !doc.querySelector("parsererror") && doc.getElementsByTagName("node").length;
      }, gexf.body.toString("utf8"));
      check(gexfOk === order, `GEXF: ${gexfOk}`);
      const nodesCsv = (await exportAs("nodes")).body.toString("utf8").trim().split("\r\n");
      check(nodesCsv.length === order + 1 && nodesCsv[0].startsWith("id,label,kind"), `nodes CSV: ${nodesCsv.length} lines`);
      const edgesCsv = (await exportAs("edges")).body.toString("utf8");
      check(edgesCsv.includes(",AUTHORED,"), "edges CSV lacks the authorship");
      const json = JSON.parse((await exportAs("json")).body.toString("utf8"));
      check(json.nodes.length === order, `JSON: ${json.nodes.length} nodes`);
      const png = (await exportAs("png")).body;
      check(png.subarray(1, 4).toString() === "PNG" && png.length > 2000, `PNG: ${png.length} bytes`);
      const svg = (await exportAs("svg")).body.toString("utf8");
      const svgOk = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "image/svg+xml");
        return !doc.querySelector("parsererror") && doc.querySelectorAll("circle, polygon").length;
      }, svg);
      check(svgOk === order, `SVG has ${svgOk} shapes`);
    },
  ],
  [
    "copy the URL, open it fresh: the same view",
    async (page, { browser, shot }) => {
      await page.goto(seedUrl);
      await settled(page);
      const iom = await node(page, "International Organization for Migration");
      await page.mouse.dblclick(iom.x, iom.y);
      await page.waitForFunction(() => window.relgraphCanvas.sigma().getGraph().order > 13);
      await settled(page);
      await page.getByRole("checkbox", { name: /Topics/ }).uncheck();
      await page.getByLabel("Layout").selectOption("radial");
      await page.getByLabel("Colour").selectOption("community");
      await settled(page);
      // Zoom in with the wheel, then wait for the camera to reach the URL.
      const box = await page.locator(".graph-canvas").boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -300);
      await page.waitForURL(/cam=/);
      await page.mouse.move(5, 5); // away from the canvas, so that nothing is pointed at
      await page.waitForTimeout(700);
      const url = page.url();
      for (const part of ["x=o-", "hide=TOPIC", "layout=radial", "color=community", "cam="]) check(url.includes(part), `${part} missing from ${url}`);
      const before = (await nodes(page)).map(({ id, hidden, x, y, color }) => ({ id, hidden, x, y, color }));
      await shot(page, "view-before-copy");

      const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const other = await fresh.newPage();
      await other.goto(url);
      await settled(other);
      await other.waitForTimeout(300);
      const after = (await nodes(other)).map(({ id, hidden, x, y, color }) => ({ id, hidden, x, y, color }));
      await other.screenshot({ path: join(process.env.ARTIFACTS, "view-opened-fresh.png") });
      check(after.length === before.length, `${after.length} nodes instead of ${before.length}`);
      for (const b of before) {
        const a = after.find((n) => n.id === b.id);
        check(a, `${b.id} is missing from the reopened view`);
        check(a.hidden === b.hidden && a.color === b.color, `${b.id} looks different: ${JSON.stringify([b, a])}`);
        check(Math.abs(a.x - b.x) < 2 && Math.abs(a.y - b.y) < 2, `${b.id} moved: ${JSON.stringify([b, a])}`);
      }
      check((await other.getByLabel("Layout").inputValue()) === "radial", "the layout is not restored");
      await fresh.close();
    },
  ],
  [
    "layouts and appearance: radial, timeline with its axis, communities and centrality",
    async (page, { shot }) => {
      await page.goto(`${seedUrl}?depth=2`);
      await settled(page);
      await page.getByLabel("Layout").selectOption("timeline");
      await settled(page);
      await page.locator(".timeline-axis span", { hasText: "2018" }).waitFor();
      const x = Object.fromEntries((await nodes(page)).map((n) => [n.label, n.x]));
      check(x[OTHER] < x[SEED], "the 2010 article is not left of the 2018 one on the timeline");
      await shot(page, "timeline");
      await page.getByLabel("Layout").selectOption("radial");
      await page.getByLabel("Size").selectOption("centrality");
      await page.getByLabel("Colour").selectOption("centrality");
      await settled(page);
      await page.getByText("Size: centrality (PageRank)").waitFor();
      await shot(page, "radial-centrality");
      await expectNoAxeViolations(page, "the radial layout coloured by centrality");
    },
  ],
  [
    "hover: a work's abstract, an edge's type; the search adds an entity to the graph",
    async (page, { shot }) => {
      await page.goto(seedUrl);
      await settled(page);
      const seed = await node(page, SEED);
      await page.mouse.move(seed.x, seed.y);
      await page.locator(".hover-card .hover-abstract", { hasText: "global governance of borders" }).waitFor();
      await shot(page, "hover-abstract");
      await page.mouse.move(5, 5);
      const iom = await node(page, "International Organization for Migration");
      await page.mouse.move((seed.x + iom.x) / 2 - 20, (seed.y + iom.y) / 2);
      await page.mouse.move((seed.x + iom.x) / 2, (seed.y + iom.y) / 2, { steps: 8 });
      await page.locator(".edge-tooltip", { hasText: "STUDIES" }).waitFor();
      await page.locator(".edge-tooltip", { hasText: "Source: seed" }).waitFor();
      await page.mouse.move(5, 5);
      const find = page.getByRole("combobox", { name: "Find or add an entity in the graph" });
      await find.fill("Andrijasevic");
      await page.getByRole("option", { name: /Rutvica Andrijasevic/ }).click();
      await page.waitForURL(/[?&]add=p-/);
      await page.waitForFunction(() => window.relgraphCanvas.sigma().getGraph().someNode((_n, a) => a.label === "Rutvica Andrijasevic"));
      check(/[?&]sel=p-/.test(page.url()), "the added entity is not selected");
      await page.getByRole("heading", { level: 2, name: "Rutvica Andrijasevic" }).waitFor();
    },
  ],
  [
    "history: open a neighbour's page, breadcrumbs, then back",
    async (page) => {
      await page.goto(seedUrl);
      await settled(page);
      const panel = page.getByRole("complementary", { name: "Details and filters" });
      await panel.getByRole("button", { name: /^International Organization for Migration/ }).first().click();
      await panel.getByRole("link", { name: /Open its page/ }).click();
      await page.waitForURL(/\/organisation\/o-/);
      await settled(page);
      const crumbs = page.getByRole("navigation", { name: "Breadcrumbs" });
      await crumbs.getByRole("link", { name: /Developmental borderwork/ }).waitFor();
      await page.goBack();
      await page.waitForURL(/\/work\/w-/);
      await settled(page);
      await page.getByRole("heading", { level: 1, name: SEED }).waitFor();
    },
  ],
  [
    "keyboard: move between nodes and along relations, expand with Enter, announced",
    async (page) => {
      await page.goto(seedUrl);
      await settled(page);
      await page.locator(".graph-canvas").focus();
      const announcer = page.getByTestId("announcer");
      await page.waitForFunction(() => document.querySelector('[data-testid="announcer"]').textContent.includes("relations shown"));
      await page.keyboard.press("]");
      await page.waitForFunction(() => /Relation 1 of \d+/.test(document.querySelector('[data-testid="announcer"]').textContent));
      const first = await announcer.textContent();
      await page.keyboard.press("]");
      await page.waitForFunction((t) => document.querySelector('[data-testid="announcer"]').textContent !== t, first);
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowUp");
      const cursor = await page.locator(".graph-canvas").getAttribute("data-cursor");
      check(cursor, "no keyboard cursor");
      const order = await page.evaluate(() => window.relgraphCanvas.sigma().getGraph().order);
      await page.keyboard.press("Enter");
      await page.waitForURL(/[?&]x=/);
      await page.waitForFunction((n) => window.relgraphCanvas.sigma().getGraph().order >= n, order);
    },
  ],
  [
    "a page for every kind, each without accessibility violations",
    async (page, { url, shot }) => {
      const searches = [
        ["PERSON", "Frowd", "person"],
        ["JOURNAL", "Journal of Ethnic and Migration Studies", "journal"],
        ["ORGANISATION", "International Organization for Migration", "organisation"],
        ["COUNTRY", "Mauritania", "country"],
        ["TOPIC", "Humanitarianism", "topic"],
        ["PROJECT", "project", "project"],
      ];
      for (const [kind, query, slug] of searches) {
        const res = await page.request.post(`${url}/graphql`, {
          data: { query: `query($q: String!, $k: [Kind!]) { search(query: $q, kinds: $k, first: 1) { edges { node { id } } } }`, variables: { q: query, k: [kind] } },
        });
        const id = (await res.json()).data.search.edges[0]?.node.id;
        if (!id) {
          // The demo has no project yet: the page still answers, as "not found", accessibly.
          check(kind === "PROJECT", `no ${kind} found for “${query}”`);
          await page.goto(`${url}/project/r-0000000000000000`);
          await page.getByRole("heading", { level: 1, name: "Not found" }).waitFor();
          await expectNoAxeViolations(page, "a project page that does not exist");
          continue;
        }
        await page.goto(`${url}/${slug}/${id}`);
        await settled(page);
        await page.getByRole("heading", { level: 2, name: "Details" }).waitFor();
        await page.getByRole("heading", { level: 2, name: /Related/ }).waitFor();
        await shot(page, `page-${slug}`);
        await expectNoAxeViolations(page, `the ${slug} page`);
      }
    },
  ],
  [
    "embed mode: the graph alone with a link back, accessible",
    async (page, { shot }) => {
      const embed = seedUrl.replace("/work/", "/embed/work/");
      await page.goto(embed);
      await settled(page);
      check((await page.locator(".toolbar").count()) === 0, "the embed shows the toolbar");
      const link = page.getByRole("link", { name: /Open in relgraph/ });
      check((await link.getAttribute("href")).startsWith("/work/"), "the link back does not lead to the entity page");
      await shot(page, "embed");
      await expectNoAxeViolations(page, "the embed page");
    },
  ],
  [
    "375 pixels wide with touch: tap selects, pinch zooms, long press opens the menu",
    async (_page, { browser, shot }) => {
      const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
      const page = await phone.newPage();
      try {
        await page.goto(seedUrl);
        await settled(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        check(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
        await page.locator(".graph-canvas").scrollIntoViewIfNeeded();
        await page.evaluate(() => document.querySelector(".graph-canvas").scrollIntoView({ block: "end" }));
        await page.waitForTimeout(200);
        const frowd = await node(page, "Philippe M. Frowd");
        await page.touchscreen.tap(frowd.x, frowd.y);
        await page.waitForURL(/sel=p-/);
        const cdp = await phone.newCDPSession(page);
        const ratio = () => page.evaluate(() => window.relgraphCanvas.sigma().getCamera().ratio);
        const before = await ratio();
        const box = await page.locator(".graph-canvas").boundingBox();
        await cdp.send("Input.synthesizePinchGesture", { x: box.x + box.width / 2, y: box.y + box.height / 2, scaleFactor: 2, relativeSpeed: 800, gestureSourceType: "touch" });
        await page.waitForTimeout(400);
        const after = await ratio();
        check(after < before * 0.9, `pinching did not zoom in: ratio ${before} → ${after}`);
        await page.getByRole("button", { name: "Fit the graph" }).click();
        await page.waitForTimeout(400);
        const iom = await node(page, "International Organization for Migration");
        await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: iom.x, y: iom.y }] });
        await page.waitForTimeout(800);
        await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
        await page.getByRole("menu", { name: /International Organization for Migration/ }).waitFor();
        await shot(page, "phone-menu");
        await page.getByRole("menuitem", { name: "Expand" }).click();
        await page.waitForURL(/[?&]x=o-/);
        await settled(page);
        await shot(page, "phone");
        await expectNoAxeViolations(page, "the seed article's page at 375 px");
      } finally {
        await phone.close();
      }
    },
  ],
];

await runTests(tests, { artifacts: process.env.ARTIFACTS ?? fileURLToPath(new URL("../../test-artifacts", import.meta.url)) });
