// PRODUCT target: autocapture adds < 1 ms per click on a mid-size page, measured in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureAutocapture } from './support/autocapture-bench.mjs';

test('autocaptureAddsLessThanOneMillisecondPerClickOnAMidSizePage', async () => {
  const r = await measureAutocapture({ clicks: 500, rounds: 3 });
  assert.ok(r.elements > 3000, `a mid-size page, got ${r.elements} elements`);
  // warm-up and measured rounds, 500 single clicks, and the first-touch profile record
  assert.equal(r.captured, 2 * 3 * 500 + 500 + 1, 'every measured click was captured');
  assert.ok(r.overhead < 1, `autocapture costs ${r.overhead.toFixed(3)} ms per click`);
});
