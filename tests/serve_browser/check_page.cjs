// Drives the reference editor page of a running `rolint serve` in headless Chromium:
// types an article, waits for underlines, applies a fix from the hover card, dismisses a
// finding, and reports what the page showed at each step as one JSON line.
// Usage: node check_page.cjs URL SCREENSHOT.png   (NODE_PATH must reach playwright-core)
"use strict";
const { chromium } = require("playwright-core");

const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function verdictIs(page, want) {
  await page.waitForFunction((v) => document.getElementById("verdict").dataset.verdict === v,
    want, { timeout: 20000 });
}

async function hover(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  // hover() may be covered by the editable text layer: move the mouse onto the box instead
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector("#tip:not([hidden])", { timeout: 5000 });
}

async function main() {
  const [url, shot] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: FLAGS });
  const report = { steps: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on("pageerror", (err) => report.steps.push({ pageerror: String(err) }));
    await page.goto(url);
    await page.click("#title");
    await page.keyboard.type("Primarul a vizitat şcoala din comună");
    await page.click("#body");
    await page.keyboard.type("Elevii sînt mulțumiți de noua sală de sport.");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Consiliul local s-a întrunit marți seara.");
    await page.waitForSelector("#title .issue.blocking", { timeout: 20000 });
    await page.waitForSelector("#body .issue", { timeout: 20000 });
    await verdictIs(page, "block");
    report.steps.push({
      step: "typed",
      verdict: await page.getAttribute("#verdict", "data-verdict"),
      underlined: await page.locator(".issue").allTextContents(),
      body: await page.locator("#body").innerText(),
    });
    await hover(page, "#title .issue.blocking");
    report.steps.push({ step: "hover", tip: await page.locator("#tip").innerText() });
    await page.screenshot({ path: shot, fullPage: true }); // underlines, hover card, "block"
    report.screenshot = shot;
    await page.locator("#tip button.apply").first().click();
    await verdictIs(page, "warn");
    report.steps.push({
      step: "fixed",
      verdict: await page.getAttribute("#verdict", "data-verdict"),
      title: await page.locator("#title").innerText(),
    });
    await hover(page, "#body .issue");
    await page.locator("#tip button.dismiss").click();
    await verdictIs(page, "publish");
    report.steps.push({
      step: "dismissed",
      verdict: await page.getAttribute("#verdict", "data-verdict"),
      underlined: await page.locator(".issue").allTextContents(),
    });
    report.final_screenshot = shot.replace(/\.png$/, "-final.png");
    await page.screenshot({ path: report.final_screenshot, fullPage: true });
    report.ok = true;
  } catch (err) {
    report.error = String(err);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
  process.exit(report.ok ? 0 : 1);
}

main();
