/**
 * Renders the toolbar icons (public/icon/{16,32,48,128}.png) from the SVG below, in the system
 * Chromium. Run after changing the design: npx tsx tests/tools/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { browserPath } from '../harness/browsers';

/** A tooth outline over a dotted underline: "a code, explained". */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="#0b5cad"/>
  <path d="M40 26c-12 0-20 10-19 24 1 12 6 20 9 31 3 11 4 24 12 24 7 0 8-10 10-19 1-6 3-10 12-10s11 4 12 10c2 9 3 19 10 19 8 0 9-13 12-24 3-11 8-19 9-31 1-14-7-24-19-24-9 0-15 5-24 5s-15-5-24-5z" fill="#fff"/>
</svg>`;

const out = resolve(import.meta.dirname, '../../public/icon');
const browser = await puppeteer.launch({
  executablePath: browserPath('chromium'),
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewport({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img width="${size}" height="${size}" src="data:image/svg+xml,${encodeURIComponent(SVG)}">`,
  );
  writeFileSync(`${out}/${size}.png`, await page.screenshot({ omitBackground: true }));
}
await browser.close();
