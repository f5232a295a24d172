// The search page in a real browser: Debian's headless Chromium, driven by
// playwright-core, against dateline-search serve on a free loopback port.
//
//   node tests/browser/search_page.test.mjs --index BIN --search BIN --corpus DIR --artifacts DIR
//
// A user types a query, sees highlighted results, clicks a person facet, a
// histogram bar and page 2, follows a "Did you mean" suggestion, opens a
// story's timeline and an article's related articles, and reads the page on a
// phone. Screenshots go to the artifacts folder.

import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: { index: { type: "string" }, search: { type: "string" }, corpus: { type: "string" }, artifacts: { type: "string" } },
});
for (const name of ["index", "search", "corpus", "artifacts"]) assert.ok(options[name], `--${name} is required`);

const PEOPLE = ["Mara Lindqvist", "Tomas Berg", "Ines Okafor", "Pavel Novak"];
const PLACES = ["Norway", "Ghana", "Chile", "Japan"];
const YEARS = [1986, 1987, 1988, 1989, 1990, 1991];

// 48 harbour stories over six years, so a search has pages, facets and a histogram.
function harbourArticles() {
  const lines = [];
  for (let n = 0; n < 48; ++n) {
    const person = PEOPLE[n % PEOPLE.length];
    const year = YEARS[n % YEARS.length];
    lines.push(JSON.stringify({
      id: `harbour-${n}`,
      title: `Harbour dues revised at port ${n}`,
      body: `${person} said the harbour authority would revise dues for container ships. ` +
            `Shipping lines welcomed the harbour plan, which takes effect next season.`,
      date: `${year}-0${1 + (n % 9)}-1${n % 10}`,
      source: "Harbour Wire",
      people: [person],
      places: [PLACES[n % PLACES.length]],
    }));
  }
  return lines.join("\n") + "\n";
}

// One typhoon told three times (two wire copies and another outlet's rewrite, one day) and a
// later typhoon elsewhere: a story of three articles and a related article.
function typhoonArticles() {
  const report = (place, dead) => `Typhoon Marisol struck ${place} on Tuesday, killing ${dead} people, flooding ` +
    "the waterfront district and grounding two container ships, the coast guard said. Ferries stayed in port " +
    "and the airport closed until the storm passed.";
  const articles = [
    { id: "typhoon-1", title: "Typhoon Marisol kills 12 in Cebu", body: report("Cebu", 12), source: "Pacific Wire" },
    { id: "typhoon-2", title: "Typhoon Marisol toll rises to 15", body: report("Cebu", 15), source: "Pacific Wire" },
    { id: "typhoon-3", title: "Marisol grounds ships in Cebu", body: report("Cebu", 15), source: "Island Post" },
  ].map((article) => Object.assign(article, { date: "1992-08-04", places: ["Philippines"] }));
  articles.push({ id: "typhoon-later", title: "Typhoon Dalia floods Manila waterfront", date: "1993-07-20",
    body: "Typhoon Dalia flooded the waterfront district of Manila, grounding container ships; ferries stayed in port.",
    source: "Island Post", places: ["Philippines"] });
  articles.push({ id: "ferry-undated", title: "Ferries resume after the storm", source: "Island Post",
    body: "Ferries resumed their crossings once the storm had passed, the port authority said." });
  return articles.map((article) => JSON.stringify(article)).join("\n") + "\n";
}

function startServer(database) {
  const server = spawn(options.search, ["serve", "--db", database, "--listen", "127.0.0.1:0", "--quiet"],
                       { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) resolve({ server, origin: match[1] });
    });
    server.on("exit", (code) => reject(new Error(`dateline-search serve exited with ${code}: ${output}`)));
  });
}

async function hits(page) {
  return page.$$eval("li.hit", (items) => items.map((item) => ({
    id: item.dataset.id,
    meta: item.querySelector(".meta").textContent,
    marks: [...item.querySelectorAll(".snippet mark")].map((mark) => mark.textContent.toLowerCase()),
  })));
}

async function waitForResults(page) {
  await page.waitForFunction(() => /^Results|^Stories|^No /.test(document.getElementById("status").textContent));
}

async function step(name, body) {
  process.stdout.write(`- ${name}: `);
  await body();
  process.stdout.write("ok\n");
}

const work = mkdtempSync(join(tmpdir(), "dateline-browser-"));
const database = join(work, "db");
const articles = join(work, "harbour.jsonl");
const typhoons = join(work, "typhoons.jsonl");
writeFileSync(articles, harbourArticles());
writeFileSync(typhoons, typhoonArticles());
execFileSync(options.index, ["--db", database, options.corpus, articles, typhoons], { stdio: "ignore" });
mkdirSync(options.artifacts, { recursive: true });

const { server, origin } = await startServer(database);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const foreign = [];
  const errors = [];
  page.on("request", (request) => { if (!request.url().startsWith(origin)) foreign.push(request.url()); });
  page.on("pageerror", (error) => errors.push(error.message));
  // The bad-query step gets its 400 on purpose; any other failed load or script error is a defect.
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 400/.test(message.text())) errors.push(message.text());
  });

  await step("the page opens with the archive size", async () => {
    await page.goto(origin + "/");
    await page.waitForFunction(() => /Search [\d,]+ articles/.test(document.getElementById("status").textContent));
  });

  let firstPage;
  await step("typing a query shows highlighted results", async () => {
    await page.fill("#q", "harbour dues");
    await page.press("#q", "Enter");
    await waitForResults(page);
    firstPage = await hits(page);
    assert.equal(firstPage.length, 10);
    for (const hit of firstPage) {
      assert.ok(hit.marks.some((mark) => mark.startsWith("harbour")), `no highlighted "harbour" in ${hit.id}`);
    }
    assert.match(await page.textContent("#status"), /Results 1–10 of 48/);
    assert.equal(new URL(page.url()).searchParams.get("q"), "harbour dues");
    await page.screenshot({ path: join(options.artifacts, "search-page-results.png"), fullPage: true });
  });

  await step("page 2 shows the next ten, none repeated", async () => {
    await page.click("nav.pages button[aria-label='Page 2']");
    await page.waitForFunction(() => /^Results 11–20/.test(document.getElementById("status").textContent));
    const secondPage = await hits(page);
    assert.equal(secondPage.length, 10);
    const firstIds = new Set(firstPage.map((hit) => hit.id));
    assert.ok(secondPage.every((hit) => !firstIds.has(hit.id)), "page 2 repeats a hit of page 1");
    assert.equal(new URL(page.url()).searchParams.get("offset"), "10");
  });

  await step("the back button returns to page 1", async () => {
    await page.goBack();
    await page.waitForFunction(() => /^Results 1–10/.test(document.getElementById("status").textContent));
  });

  const person = PEOPLE[1];
  await step("clicking a person facet keeps only that person's articles", async () => {
    const facet = page.locator(`aside button[data-facet='person'][data-value='${person}']`);
    const expected = Number((await facet.locator(".count").textContent()).replace(/,/g, ""));
    assert.equal(expected, 12);
    await facet.click();
    await page.waitForFunction(() => / of 12\b/.test(document.getElementById("status").textContent));
    assert.deepEqual(new URL(page.url()).searchParams.getAll("person"), [person]);
    await page.click("nav.pages button[aria-label='Page 2']");
    await page.waitForFunction(() => /^Results 11–12 of 12/.test(document.getElementById("status").textContent));
    await page.goBack();
    await waitForResults(page);
    for (const hit of await hits(page)) assert.ok(hit.meta.includes(person), `${hit.id} is not about ${person}: ${hit.meta}`);
    assert.match(await page.textContent("#filters"), new RegExp(`Person: ${person}`));
  });

  await step("the histogram is a true time axis, and a bar narrows to its period", async () => {
    // Tomas Berg's 12 articles fall in 9 months from February 1987 to September 1991: by month, every month shown.
    const periods = await page.$$eval("aside .histogram button", (bars) => bars.map((bar) => bar.dataset.period));
    assert.equal(periods[0], "1987-02");
    assert.equal(periods[periods.length - 1], "1991-09");
    assert.equal(periods.length, 56);
    assert.equal(await page.locator("aside .histogram button.empty").count(), 56 - 9);
    assert.match(await page.textContent("aside .axis"), /Feb 1987.*by month.*Sep 1991/);
    const bar = page.locator("aside .histogram button:not(.empty)").first();
    await bar.hover();
    assert.match(await page.textContent("aside .hover"), /^Feb 1987: 2 articles$/);
    const period = await bar.getAttribute("data-period");
    await bar.click();
    await page.waitForFunction((month) => new URL(location.href).searchParams.get("from") === month, period);
    assert.equal(new URL(page.url()).searchParams.get("to"), period);
    await waitForResults(page);
    const narrowed = await hits(page);
    assert.ok(narrowed.length > 0);
    for (const hit of narrowed) {
      assert.ok(hit.meta.startsWith(period), `${hit.id} is not from ${period}: ${hit.meta}`);
      assert.ok(hit.meta.includes(person), `${hit.id} lost the person filter`);
    }
    await page.screenshot({ path: join(options.artifacts, "search-page-filtered.png"), fullPage: true });
  });

  await step("removing a filter chip widens the search again", async () => {
    await page.click(`#filters button[aria-label='Remove Person: ${person}']`);
    await waitForResults(page);
    assert.deepEqual(new URL(page.url()).searchParams.getAll("person"), []);
  });

  await step("a misspelled query offers 'Did you mean', and following it finds articles", async () => {
    await page.goto(origin + "/?q=harbuor");
    await page.waitForSelector(".suggestion a");
    assert.equal(await page.textContent(".suggestion a"), "harbour");
    await page.click(".suggestion a");
    await page.waitForFunction(() => /^Results 1–10 of 48/.test(document.getElementById("status").textContent));
  });

  await step("a bookmarked search opens as it was left", async () => {
    const bookmark = `${origin}/?q=harbour&place=Ghana&sort=oldest`;
    await page.goto(bookmark);
    await waitForResults(page);
    assert.equal(await page.inputValue("#sort"), "oldest");
    const dated = await hits(page);
    assert.equal(dated.length, 10);
    const dates = dated.map((hit) => hit.meta.slice(0, 10));
    assert.deepEqual(dates, [...dates].sort());
  });

  await step("the from/to form takes any date range", async () => {
    await page.fill("aside form.range input[name=from]", "1988-01-01");
    await page.fill("aside form.range input[name=to]", "1988-12-31");
    await page.click("aside form.range button[type=submit]");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("to") === "1988-12-31");
    await waitForResults(page);
    for (const hit of await hits(page)) assert.ok(hit.meta.startsWith("1988-"), `${hit.id} is not from 1988: ${hit.meta}`);
    assert.match(await page.textContent("#filters"), /Date: 1988-01-01 – 1988-12-31/);
  });

  let permalink;
  await step("clicking a title opens the whole article, the query marked, its facets as filters", async () => {
    await page.goto(origin + "/?q=" + encodeURIComponent("container ships") + "&place=Ghana");
    await waitForResults(page);
    await page.click("li.hit h2 button");
    await page.waitForSelector("li.hit .article dl");
    const article = page.locator("li.hit .article").first();
    const marks = await article.locator("p mark").allTextContents();
    assert.ok(marks.some((mark) => /^container$/i.test(mark)), `no marked "container" in ${marks}`);
    assert.match(await article.locator("dl").textContent(), /Published\d{4}-\d{2}-\d{2}SourceHarbour WirePeople.+Places.*Ghana/);
    await page.screenshot({ path: join(options.artifacts, "search-page-article.png") });
    permalink = await article.locator("a.permalink").getAttribute("href");
    assert.match(permalink, /^\?article=harbour-\d+&q=container\+ships$/);
    await article.locator("dd button[data-facet='person']").first().click();
    await waitForResults(page);
    assert.equal(new URL(page.url()).searchParams.getAll("person").length, 1);
  });

  await step("a permalink opens the article alone, and leads back to the search", async () => {
    await page.goto(origin + "/" + permalink);
    await page.waitForSelector("li.standalone .article p mark");
    assert.match(await page.textContent("li.standalone h2"), /^Harbour dues revised at port \d+$/);
    await page.click("#status a");
    await waitForResults(page);
    assert.equal(new URL(page.url()).searchParams.get("article"), null);
    assert.equal(new URL(page.url()).searchParams.get("q"), "container ships");
  });

  await step("the keyboard moves between results: /, the arrows, j and k", async () => {
    const focusedHit = () => page.evaluate(() => document.activeElement.closest("li.hit")?.dataset.id);
    const listed = (await hits(page)).map((hit) => hit.id);
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement.id), "q");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focusedHit(), listed[0]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("j");
    assert.equal(await focusedHit(), listed[2]);
    await page.keyboard.press("k");
    assert.equal(await focusedHit(), listed[1]);
  });

  await step("the export links download every match", async () => {
    const href = await page.getAttribute("#export a[download$='.jsonl']", "href");
    const response = await page.request.get(origin + href);
    assert.equal(response.status(), 200);
    const lines = (await response.text()).trim().split("\n").map((line) => JSON.parse(line));
    const search = await (await page.request.get(origin + href.replace("/api/export", "/api/search").replace("format=jsonl", "limit=0"))).json();
    assert.equal(lines.length, search.total);
    assert.ok(search.total > 10, "the export holds more than a page");
    assert.match(await page.getAttribute("#export a[download$='.csv']", "href"), /format=csv/);
  });

  await step("undated matches are counted beside the chart, and come last when sorted by date", async () => {
    await page.goto(origin + "/?q=ferries&sort=newest");
    await waitForResults(page);
    assert.match(await page.textContent("aside .undated"), /^1 undated article is not on the chart\.$/);
    assert.match(await page.textContent("#status"), /Undated articles come last\./);
    const found = await hits(page);
    assert.equal(found[found.length - 1].id, "ferry-undated");
  });

  await step("a story is one hit, and its other articles are a click away", async () => {
    await page.goto(origin + "/?q=" + encodeURIComponent("typhoon marisol cebu"));
    await waitForResults(page);
    assert.match(await page.textContent("#status"), /^Stories 1–3 of 3 \(5 articles with any of the words/);
    const found = await hits(page);
    assert.equal(found.filter((hit) => hit.id.startsWith("typhoon-") && hit.id !== "typhoon-later").length, 1);
    const toggle = page.locator("li.hit").first().locator(".story-more");
    assert.equal(await toggle.textContent(), "+2 more in this story: Pacific Wire, Island Post");
    await toggle.click();
    await page.waitForSelector("li.hit ol.timeline li[data-id]");
    const timeline = await page.$$eval("li.hit ol.timeline li", (items) => items.map((item) => item.dataset.id).sort());
    assert.deepEqual(timeline, ["typhoon-1", "typhoon-2", "typhoon-3"]);
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await page.screenshot({ path: join(options.artifacts, "search-page-story.png"), fullPage: true });
  });

  await step("the whole article lists related articles from other stories", async () => {
    await page.click("li.hit h2 button");
    await page.waitForSelector("li.hit .article ol.related li[data-id]");
    const related = await page.$$eval("li.hit .article ol.related li[data-id]", (items) => items.map((item) => item.dataset.id));
    assert.equal(related[0], "typhoon-later");
    for (const id of related) assert.ok(!/^typhoon-\d$/.test(id), `${id} is in the article's own story`);
  });

  await step("a bad query shows the server's message", async () => {
    await page.goto(origin + "/?q=" + encodeURIComponent("harbour AND"));
    await page.waitForSelector("#status .error");
    assert.match(await page.textContent("#status .error"), /AND/);
  });

  await step("on a phone the page fits the screen, the facets folded above the results", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(origin + "/?q=harbour");
    await waitForResults(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    const box = await page.locator("#q").boundingBox();
    assert.ok(box.width >= 300, `the search box is ${box.width}px wide`);
    const refine = await page.locator("details.refine summary").boundingBox();
    const firstHit = await page.locator("li.hit").first().boundingBox();
    assert.ok(refine.y < firstHit.y && refine.y < 400, `the facets start at ${refine.y}px, the first hit at ${firstHit.y}px`);
    assert.equal(await page.locator("details.refine").getAttribute("open"), null);
    await page.click("details.refine summary");
    assert.ok(await page.locator("aside button[data-facet='person']").first().isVisible());
    await page.screenshot({ path: join(options.artifacts, "search-page-phone.png") });
  });

  assert.deepEqual(foreign, [], "the page made requests outside the server");
  assert.deepEqual(errors, [], "the page logged errors");
  console.log(`screenshots: ${options.artifacts}/search-page-{results,filtered,article,story,phone}.png`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
