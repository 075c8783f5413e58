import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePatterns, urlAllowed } from '../../src/urls.js';
import { hash32, sampled, uuid } from '../../src/ids.js';
import { backoffDelay, outcome } from '../../src/backoff.js';
import { landing, utmOf } from '../../src/campaign.js';

test('denyPatternWinsOverAllow', () => {
  const allow = compilePatterns(['https://shop.example/*']);
  const deny = compilePatterns(['*/checkout*', /\/admin\//]);
  assert.ok(urlAllowed('https://shop.example/p/lut', allow, deny));
  assert.ok(!urlAllowed('https://shop.example/checkout?step=2', allow, deny));
  assert.ok(!urlAllowed('https://shop.example/admin/x', allow, deny));
  assert.ok(!urlAllowed('https://other.example/p', allow, deny));
  assert.ok(urlAllowed('https://other.example/p', [], deny), 'no allow list allows every other page');
});

test('samplingKeepsOrDropsAWholePerson', () => {
  const ids = Array.from({ length: 10000 }, (_, i) => `anon-${i}`);
  const kept = ids.filter((id) => sampled(id, 0.25)).length;
  assert.ok(kept > 2300 && kept < 2700, `about a quarter kept, got ${kept}`);
  for (const id of ids.slice(0, 100)) assert.equal(sampled(id, 0.25), sampled(id, 0.25));
  assert.ok(ids.every((id) => sampled(id, 1)) && !ids.some((id) => sampled(id, 0)));
  assert.equal(hash32('a'), 0xe40c292c);
});

test('eventIdsAreUuidsV4AndUnique', () => {
  const seen = new Set(Array.from({ length: 5000 }, () => uuid()));
  assert.equal(seen.size, 5000);
  for (const id of [...seen].slice(0, 10)) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('retriesServerErrorsAndThrottlingButNotOther4xx', () => {
  assert.equal(outcome(200), 'ok');
  assert.equal(outcome(0), 'retry');
  assert.equal(outcome(503), 'retry');
  assert.equal(outcome(429), 'retry');
  assert.equal(outcome(408), 'retry');
  assert.equal(outcome(400), 'drop');
  assert.equal(outcome(401), 'drop');
  assert.equal(outcome(413), 'drop');
});

test('backoffDoublesWithJitterUpToTheCap', () => {
  const cfg = { baseMs: 1000, maxMs: 30000 };
  assert.equal(backoffDelay(1, cfg, () => 1), 1000);
  assert.equal(backoffDelay(1, cfg, () => 0), 500);
  assert.equal(backoffDelay(4, cfg, () => 1), 8000);
  assert.equal(backoffDelay(20, cfg, () => 1), 30000);
  assert.equal(backoffDelay(1, cfg, () => 0, 5000), 5000, 'Retry-After is a floor');
  const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(3, cfg)));
  assert.ok(spread.size > 10, 'jitter spreads retries of many browsers');
});

test('readsUtmFromTheLandingUrl', () => {
  assert.deepEqual(utmOf('https://shop.example/?utm_source=douyin&utm_medium=video&x=1'),
    { $utm_source: 'douyin', $utm_medium: 'video' });
});

test('firstTouchIsKeptOnceLatestCampaignIsReplaced', () => {
  const t = Date.UTC(2026, 10, 25);
  const a = landing({}, 'https://shop.example/?utm_source=douyin&utm_campaign=d11', 'https://www.douyin.com/v/1', t);
  assert.equal(a.firstTouch.$first_utm_source, 'douyin');
  assert.equal(a.firstTouch.$first_referrer_host, 'www.douyin.com');
  assert.deepEqual(a.latest, { $latest_utm_source: 'douyin', $latest_utm_campaign: 'd11',
    $latest_referrer: 'https://www.douyin.com/v/1', $latest_referrer_host: 'www.douyin.com' });
  const b = landing(a.stored, 'https://shop.example/p?utm_source=wechat', 'https://shop.example/', t + 1);
  assert.equal(b.firstTouch, null);
  assert.equal(b.stored.first.$first_utm_source, 'douyin');
  assert.equal(b.latest.$latest_utm_source, 'wechat');
  assert.equal(b.latest.$latest_utm_campaign, undefined, 'a new campaign replaces the whole latest campaign');
  assert.equal(b.latest.$latest_referrer_host, 'www.douyin.com', 'internal referrers do not replace the latest external one');
});
