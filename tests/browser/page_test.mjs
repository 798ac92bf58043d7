// The clinician's page in a real browser: Debian's chromium driven by playwright-core against the real
// `rehab serve` on a loopback port. Fills the form for several profiles, checks the programme shown is
// the service's, a why-not, the handout tab, the downloads, keyboard-only use and axe-core at 1280 and
// 768 px; screenshots go to ARTIFACTS. Fails (never skips) when chromium or node_modules is missing.
//   node page_test.mjs REHAB_BINARY NODE_MODULES_PARENT ARTIFACTS
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { PROFILES, canonical } from "./profiles.mjs";

const [rehab, modulesParent, artifacts] = process.argv.slice(2);
const failures = [];
const check = (ok, what) => { if (!ok) { failures.push(what); console.error(`FAIL: ${what}`); } return ok; };
const started = Date.now();

function die(text) {
  console.error(`page_test: ${text}`);
  process.exit(1);
}
if (!rehab || !modulesParent || !artifacts) die("usage: page_test.mjs REHAB_BINARY NODE_MODULES_PARENT ARTIFACTS");
const require = createRequire(path.join(path.resolve(modulesParent), "package.json"));
let playwright, axePath;
try {
  playwright = require("playwright-core");
  axePath = require.resolve("axe-core/axe.min.js");
} catch (e) {
  die(`playwright-core or axe-core not installed under ${modulesParent}/node_modules (tests/browser/npm_ci.sh): ${e.message}`);
}
// REHAB_CHROMIUM, when set, is the only browser tried.
const candidates = process.env.REHAB_CHROMIUM ? [process.env.REHAB_CHROMIUM] : ["/usr/lib/chromium/chromium", "/usr/bin/chromium"];
const chromium = candidates.find((p) => fs.existsSync(p));
if (!chromium) die(`chromium not found at ${candidates.join(" or ")} (Debian: apt-get install chromium; scripts/install-deps.sh test)`);
fs.mkdirSync(artifacts, { recursive: true });

// The real service on an ephemeral loopback port.
async function startServer() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "rehab-page-test-"));
  const portFile = path.join(work, "port");
  const proc = spawn(rehab, ["serve", "--port", "0", "--port-file", portFile, "--access-log", "off"], { stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + 30000;
  while (!fs.existsSync(portFile) || !fs.readFileSync(portFile, "utf8").trim()) {
    if (proc.exitCode !== null) die(`rehab serve exited ${proc.exitCode}`);
    if (Date.now() > deadline) die("rehab serve did not start in 30 s");
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, work, base: `http://127.0.0.1:${fs.readFileSync(portFile, "utf8").trim()}` };
}

const server = await startServer();
const base = server.base;
const post = async (url, body) => {
  const res = await fetch(base + url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
};

// The files: media type, ETag and 304, no-cache, the CSP.
async function checkHeaders() {
  for (const [url, type] of [["/", "text/html"], ["/app/main.js", "text/javascript"], ["/app/style.css", "text/css"], ["/app/handout.html", "text/html"]]) {
    const res = await fetch(base + url);
    const h = res.headers;
    check(res.status === 200 && h.get("content-type").startsWith(type), `${url}: ${res.status} ${h.get("content-type")}`);
    check(/^"[0-9a-f]{20}"$/.test(h.get("etag") || ""), `${url}: ETag ${h.get("etag")}`);
    check(h.get("cache-control") === "no-cache", `${url}: Cache-Control ${h.get("cache-control")}`);
    const csp = h.get("content-security-policy") || "";
    check(csp.includes("script-src 'self'") && csp.includes("default-src 'none'") && !/script-src[^;]*unsafe/.test(csp), `${url}: CSP ${csp}`);
    check(h.get("x-content-type-options") === "nosniff", `${url}: no nosniff`);
    const again = await fetch(base + url, { headers: { "If-None-Match": h.get("etag") } });
    check(again.status === 304 && (await again.text()) === "", `${url}: If-None-Match gave ${again.status}`);
  }
  const res = await fetch(base + "/app/mainjs");
  const doc = await res.json();
  check(res.status === 404 && doc.error[0].code === "SV404" && /main\.js/.test(doc.error[0].hint || ""), `/app/mainjs: ${res.status}`);
}

const browser = await playwright.chromium.launch({ executablePath: chromium, headless: true, args: ["--disable-gpu", "--no-sandbox"] });
const axeSource = fs.readFileSync(axePath, "utf8");

async function axe(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `axe, ${what}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`).join("; ")}`);
}

// Any console error fails the test (a CSP refusal among them), but for the 400 the diagnostics step
// asks for on purpose.
let expect400 = false;
function watch(page, what) {
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (expect400 && /status of 400/.test(m.text()) && m.location().url.includes("/v1/recommend")) return;
    check(false, `${what}: console error: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => check(false, `${what}: page error: ${e.message}`));
}

async function openPage(context, what) {
  const page = await context.newPage();
  watch(page, what);
  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  return page;
}

const slug = (s) => s.replace(/[^A-Za-z0-9_-]/g, "-");

async function fill(page, p, how) {
  await page.click("#reset");
  await page.waitForFunction(() => document.getElementById("condition").value === "");
  if (how.code) {
    await page.fill("#condition-search", how.code);
    check(await page.inputValue("#condition") === p.condition, `search by code ${how.code} picked ${await page.inputValue("#condition")}`);
  } else {
    await page.selectOption("#condition", p.condition);
  }
  if (p.side) await page.check(`#side-${p.side}`);
  if (p.age !== undefined) await page.fill("#age", String(p.age));
  if (p.days_since_onset !== undefined) await page.fill("#days", String(p.days_since_onset));
  if (p.stage) await page.selectOption("#stage", p.stage);
  for (const f of p.red_flags || []) await page.check(`#red-flag-${slug(f)}`);
  if (p.pain?.rest !== undefined) await page.selectOption("#pain-rest", String(p.pain.rest));
  if (p.pain?.walking !== undefined) await page.selectOption("#pain-walking", String(p.pain.walking));
  for (const kind of ["resisted", "stretch"])
    for (const [m, v] of Object.entries(p.pain?.[kind] || {})) await page.selectOption(`#pain-${kind}-${slug(m)}`, String(v));
  if (p.capabilities?.weight_bearing) await page.selectOption("#weight-bearing", p.capabilities.weight_bearing);
  if (p.capabilities?.single_leg_stance_s !== undefined) await page.fill("#stance", String(p.capabilities.single_leg_stance_s));
  if (p.capabilities?.squeeze_ratio !== undefined) await page.fill("#squeeze", String(p.capabilities.squeeze_ratio));
  for (const pos of Object.keys(p.capabilities?.positions || {})) await page.check(`#position-${slug(pos)}`);
  if (p.pain?.lasts_next_day !== undefined) await page.selectOption("#lasts", String(p.pain.lasts_next_day));
  for (const e of p.equipment || []) await page.check(`#equipment-${slug(e)}`);
  if (p.therapist_present) await page.check("#therapist");
  if (p.on_pain_medication !== undefined) await page.selectOption("#medication", String(p.on_pain_medication));
}

async function submit(page) {
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith("/v1/recommend?view=full") && r.method() === "POST"),
    page.click("#submit"),
  ]);
  await page.waitForSelector("body[data-state]:not([data-state=''])");
  await page.waitForFunction(() => ["programme", "referral", "invalid", "error"].includes(document.body.dataset.state));
  return JSON.parse(req.postData());
}

// One profile through the form: the profile sent is the one meant, and what the page shows is the service's.
async function runProfile(page, name, width) {
  const { profile, how } = PROFILES[name];
  await page.evaluate(() => { document.body.dataset.state = ""; });
  await fill(page, profile, how);
  const sent = await submit(page);
  check(JSON.stringify(canonical(sent)) === JSON.stringify(canonical(profile)), `${name}: the form sent ${JSON.stringify(sent)}, meant ${JSON.stringify(profile)}`);
  const answer = await post("/v1/recommend", sent);
  const prog = JSON.parse(answer.text);
  const state = await page.evaluate(() => document.body.dataset.state);
  if (how.referral) {
    check(state === "referral" && prog.referral && prog.exercises.length === 0, `${name}: state ${state}, service referral ${!!prog.referral}`);
    const alert = page.locator(".referral[role=alert]");
    check(await alert.count() === 1 && await alert.isVisible(), `${name}: no visible role=alert referral`);
    const flags = await page.$$eval(".referral li", (els) => els.map((e) => e.dataset.redFlag));
    check(JSON.stringify(flags) === JSON.stringify(prog.referral.reasons.map((r) => r.red_flag)), `${name}: referral reasons ${flags}`);
    check(await page.locator("#exercises li").count() === 0, `${name}: exercises shown with a referral`);
  } else {
    check(state === "programme", `${name}: state ${state}`);
    const shown = await page.$$eval("#exercises > li", (els) => els.map((e) => e.dataset.exerciseId));
    const want = prog.exercises.map((e) => e.id);
    check(want.length > 0 && JSON.stringify(shown) === JSON.stringify(want), `${name}: shown ${shown}, service ${want}`);
    check(await page.textContent("#stage-value") === prog.stage.value, `${name}: stage ${await page.textContent("#stage-value")} vs ${prog.stage.value}`);
    check(await page.locator("#unmet tbody tr").count() === (prog.stage.unmet || []).length, `${name}: unmet rows`);
    check(await page.locator("#excluded .why-not").count() === prog.excluded.length &&
      await page.locator("#not-chosen .why-not").count() === prog.not_chosen.length, `${name}: why-not counts`);
    if (how.whyNot) await whyNot(page, name, sent, prog);
    if (how.downloads) await downloads(page, name, sent, answer.text);
    if (how.handout) await handout(page, name);
  }
  await page.screenshot({ path: path.join(artifacts, `${name}-${width}.png`), fullPage: true });
  await page.locator("#results").screenshot({ path: path.join(artifacts, `${name}-${width}-results.png`) });
  await axe(page, `${name} at ${width} px`);
  return sent;
}

async function whyNot(page, name, sent, prog) {
  const id = prog.excluded[0].id;
  const det = page.locator(`#excluded .why-not[data-exercise-id="${id}"]`);
  await det.locator("summary").focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector(`#excluded .why-not[data-exercise-id="${id}"][data-loaded=true]`, { timeout: 10000 });
  const x = JSON.parse((await post("/v1/explain", { profile: sent, exercise: id })).text);
  check((await det.locator(".explain-text").textContent()) === x.text, `${name}: why not ${id}: the text is not the service's`);
}

async function downloads(page, name, sent, programmeText) {
  for (const [button, want] of [["#download-profile", JSON.stringify(sent, null, 2) + "\n"], ["#download-programme", programmeText]]) {
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    const got = fs.readFileSync(await dl.path(), "utf8");
    check(got === want, `${name}: ${button} (${dl.suggestedFilename()}) is not the expected JSON`);
  }
}

async function handout(page, name) {
  const [tab] = await Promise.all([page.context().waitForEvent("page"), page.click("#print-handout")]);
  watch(tab, `${name} handout`);
  await tab.waitForSelector("html[data-handout-ready=true]", { timeout: 15000 });
  check(await tab.title() === "Your exercise programme", `${name}: handout title ${await tab.title()}`);
  const size = await tab.evaluate(() => getComputedStyle(document.body).fontSize);
  check(size !== "16px", `${name}: the handout's own style is not applied (body font ${size})`);
  await tab.screenshot({ path: path.join(artifacts, `${name}-handout.png`), fullPage: false });
  await tab.close();
}

// The service's diagnostics next to the control their pointer names: the age left out past the
// browser's own check (required), and a stance over the limit written in behind the constraint.
async function diagnostics(page, width) {
  await page.click("#reset");
  await page.selectOption("#condition", "hamstring_strain");
  await page.check("#side-right");
  await page.evaluate(() => {
    document.getElementById("profile-form").noValidate = true;
    document.getElementById("stance").removeAttribute("max");
    document.body.dataset.state = "";
  });
  await page.fill("#stance", "601");
  expect400 = true;
  await submit(page);
  expect400 = false;
  check(await page.evaluate(() => document.body.dataset.state) === "invalid", "diagnostics: not shown as invalid");
  check(!(await page.isVisible("#results")), "diagnostics: an earlier programme is still shown");
  for (const [control, pointer] of [["#age", "/age"], ["#stance", "/capabilities/single_leg_stance_s"]]) {
    const err = page.locator(`.field-error[data-pointer="${pointer}"]`);
    check(await err.count() === 1 && await err.isVisible(), `diagnostics: nothing shown for ${pointer}`);
    const ids = (await page.getAttribute(control, "aria-describedby")) || "";
    const errId = await err.getAttribute("id");
    check(ids.split(" ").includes(errId) && await page.getAttribute(control, "aria-invalid") === "true", `diagnostics: ${control} not described by ${errId}`);
    const near = await err.evaluate((e, c) => e.closest("[data-field]") === document.querySelector(c).closest("[data-field]"), control);
    check(near, `diagnostics: the message for ${pointer} is not next to ${control}`);
  }
  check(await page.evaluate(() => document.activeElement.id) === "error-summary", "diagnostics: the summary does not take the focus");
  await page.screenshot({ path: path.join(artifacts, `diagnostics-${width}.png`), fullPage: false });
  await axe(page, `diagnostics at ${width} px`);
  await page.evaluate(() => { document.getElementById("profile-form").noValidate = false; });
}

// Keyboard only: Tab from the top, a code typed, a side and an age, Tab on to the submit button, Enter.
async function keyboard(context, width) {
  const page = await openPage(context, `keyboard ${width}`);
  const focusedId = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  const visibleFocus = () => page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  });
  await page.keyboard.press("Tab");
  check((await page.evaluate(() => document.activeElement.className)) === "skip", "keyboard: the first stop is not the skip link");
  const seen = [];
  while (seen.length < 400) {
    await page.keyboard.press("Tab");
    const id = await focusedId();
    seen.push(id);
    if (id === "condition-search") await page.keyboard.type("hamstring");
    if (id === "side-left") await page.keyboard.press("Space");
    if (id === "age") await page.keyboard.type("31");
    if (seen.length % 10 === 1) check(await visibleFocus(), `keyboard: no visible focus on ${id}`);
    if (id === "submit") break;
  }
  check(seen.at(-1) === "submit", `keyboard: Tab never reached the submit button (${seen.length} stops)`);
  check(await visibleFocus(), "keyboard: no visible focus on the submit button");
  check(seen.includes("pain-resisted-hip_extension") && seen.includes("equipment-step"), "keyboard: a control was skipped");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.body.dataset.state === "programme", null, { timeout: 15000 });
  check(await page.inputValue("#condition") === "hamstring_strain", "keyboard: typing 'hamstring' did not pick the condition");
  check(await focusedId() === "results-title", "keyboard: the focus does not move to the programme");
  console.log(`keyboard ${width} px: ${seen.length} Tab stops to the submit button`);
  await page.close();
}

try {
  await checkHeaders();
  for (const width of [1280, 768]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await openPage(context, `page ${width}`);
    await page.screenshot({ path: path.join(artifacts, `form-${width}.png`), fullPage: true });
    await axe(page, `empty form at ${width} px`);
    const names = width === 1280 ? Object.keys(PROFILES) : ["adductor", "referral"];
    for (const name of names) await runProfile(page, name, width);
    await diagnostics(page, width);
    await keyboard(context, width);
    await context.close();
  }
} catch (e) {
  check(false, `exception: ${e.stack || e}`);
} finally {
  await browser.close();
  server.proc.kill("SIGTERM");
  fs.rmSync(server.work, { recursive: true, force: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`page_test: ${failures.length} failure(s) in ${seconds} s; screenshots in ${artifacts}`);
process.exit(failures.length ? 1 : 0);
