// Debian's Chromium, headless, driven by playwright-core (no browser download).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch() {
  if (!existsSync(EXECUTABLE)) {
    throw new Error(`Chromium is missing at ${EXECUTABLE}: install Debian's 'chromium' and 'chromium-driver' `
      + `(apt-get install chromium chromium-driver; .ci/run does this)`);
  }
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
