import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataEyeClient } from '../../src/client.js';
import { PersistentQueue } from '../../src/queue.js';
import { memoryStorage } from '../../src/storage.js';

/** Timers under the test's control: run() fires what is due at the fake clock. */
function fakeTime(start = 1_764_000_000_000) {
  let now = start;
  let seq = 0;
  const pending = new Map();
  return {
    now: () => now,
    timers: {
      setTimeout: (fn, ms) => { pending.set(++seq, { fn, at: now + ms }); return seq; },
      clearTimeout: (id) => pending.delete(id),
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
    },
  };
}

/** A transport that answers with the given statuses in turn and records what it was sent. */
function scriptedTransport(...statuses) {
  const sent = [];
  return {
    sent,
    events: () => sent.flatMap((b) => JSON.parse(b).batch),
    async send(text) {
      sent.push(text);
      return { status: statuses.length > 1 ? statuses.shift() : statuses[0], retryAfterMs: 0 };
    },
    beacon(text) { sent.push(text); return true; },
  };
}

function client(transport, time, config = {}, storage = memoryStorage()) {
  return new DataEyeClient({ serverUrl: 'http://collector.test', writeKey: 'wk_test', batchSize: 5, flushIntervalMs: 1000,
    backoff: { baseMs: 1000, maxMs: 8000 }, ...config },
  { window: null, storage, transport, timers: time.timers, now: time.now, random: () => 1, tabId: 'tab-1' });
}

test('batchesEventsWithIdsTimestampsAndTheWriteKey', async () => {
  const time = fakeTime();
  const t = scriptedTransport(200);
  const de = client(t, time);
  de.track('product_view', { product_id: 'lut-pack-v2' });
  de.track('add_to_cart', { product_id: 'lut-pack-v2', amount: 39.9 });
  assert.equal(t.sent.length, 0, 'waits for the flush interval');
  await time.advance(1000);
  assert.equal(t.sent.length, 1);
  const body = JSON.parse(t.sent[0]);
  assert.equal(body.write_key, 'wk_test');
  assert.equal(body.batch.length, 2);
  assert.equal(body.batch[0].event, 'product_view');
  assert.equal(body.batch[0].anonymous_id, de.anonymousId);
  assert.equal(body.batch[0].timestamp, time.now() - 1000);
  assert.notEqual(body.batch[0].event_id, body.batch[1].event_id);
  assert.equal(de.pending(), 0);
});

test('aFullBatchIsSentWithoutWaiting', async () => {
  const time = fakeTime();
  const t = scriptedTransport(200);
  const de = client(t, time);
  for (let i = 0; i < 5; i++) de.track('e' + i);
  await time.advance(0);
  assert.equal(t.events().length, 5);
});

test('retriesWithBackoffAndResendsTheSameEventIds', async () => {
  const time = fakeTime();
  const t = scriptedTransport(0, 503, 200);
  const de = client(t, time);
  de.track('order_paid', { order_id: 'o-1' });
  await time.advance(1000);
  assert.equal(t.sent.length, 1);
  await time.advance(999);
  assert.equal(t.sent.length, 1, 'first retry after 1 s');
  await time.advance(1);
  assert.equal(t.sent.length, 2);
  await time.advance(1999);
  assert.equal(t.sent.length, 2, 'second retry after 2 s');
  await time.advance(1);
  assert.equal(t.sent.length, 3);
  const ids = t.sent.map((b) => JSON.parse(b).batch[0].event_id);
  assert.equal(new Set(ids).size, 1);
  assert.equal(de.pending(), 0);
});

test('givesABatchUpOnA4xxWithoutRetrying', async () => {
  const time = fakeTime();
  const t = scriptedTransport(400);
  const errors = [];
  const de = client(t, time, { onError: (e) => errors.push(e) });
  de.track('bad');
  await time.advance(60000);
  assert.equal(t.sent.length, 1);
  assert.equal(de.pending(), 0);
  assert.deepEqual(errors, [{ code: 'dropped', status: 400, events: 1 }]);
});

test('aReloadFindsTheEventsItCouldNotSend', async () => {
  const time = fakeTime();
  const storage = memoryStorage();
  const down = scriptedTransport(0);
  const first = client(down, time, {}, storage);
  first.track('a');
  first.track('b');
  await time.advance(1000);
  assert.equal(first.pending(), 2);
  const up = scriptedTransport(200);
  const second = client(up, time, {}, storage);
  assert.equal(second.pending(), 2);
  await time.advance(1000);
  assert.deepEqual(up.events().map((e) => e.event), ['a', 'b']);
  assert.equal(second.anonymousId, first.anonymousId);
});

test('adoptsTheQueueOfAClosedTabButNotOfAnOpenOne', () => {
  const storage = memoryStorage();
  const now = () => 1000;
  const open = new PersistentQueue(storage, 'q:', 'open', { now });
  open.push({ event_id: 'x' });
  open.persist();
  const closed = new PersistentQueue(storage, 'q:', 'closed', { now });
  closed.push({ event_id: 'y' });
  closed.persist(true);
  const mine = new PersistentQueue(storage, 'q:', 'mine', { now });
  mine.load();
  assert.deepEqual(mine.items.map((e) => e.event_id), ['y']);
  const later = new PersistentQueue(storage, 'q:', 'later', { now: () => 1000 + 60001 });
  later.load();
  assert.deepEqual(later.items.map((e) => e.event_id).sort(), ['x', 'y'], 'tabs silent for a minute have crashed');
});

test('identifyLinksTheAnonymousIdAndLaterEventsCarryBoth', async () => {
  const time = fakeTime();
  const t = scriptedTransport(200);
  const de = client(t, time);
  de.identify('user-42');
  de.identify('user-42');
  de.track('order_paid');
  de.logout();
  de.track('after_logout');
  await time.advance(1000);
  const [link, paid, after] = t.events();
  assert.equal(t.events().length, 3, 'a repeated identify sends nothing');
  assert.equal(link.type, 'identify');
  assert.equal(link.login_id, 'user-42');
  assert.equal(link.anonymous_id, de.anonymousId);
  assert.equal(paid.login_id, 'user-42');
  assert.equal(after.login_id, undefined);
  assert.equal(after.anonymous_id, de.anonymousId);
});

test('superPropertiesGoWithEveryEventAndSurviveAReload', async () => {
  const time = fakeTime();
  const storage = memoryStorage();
  const t = scriptedTransport(200);
  const de = client(t, time, {}, storage);
  de.register({ shop: 'lut', plan: 'free' });
  de.registerOnce({ plan: 'pro', first_shop: 'lut' });
  de.unregister('shop');
  const again = client(t, time, {}, storage);
  again.track('x', { plan: 'override' });
  await time.advance(1000);
  assert.deepEqual(t.events()[0].properties, { plan: 'override', first_shop: 'lut' });
});

test('profileOperationsUseTheirRecordTypes', async () => {
  const time = fakeTime();
  const t = scriptedTransport(200);
  const de = client(t, time);
  de.profile.set({ vip: true });
  de.profile.setOnce({ first_seen: '2026-11-25' });
  de.profile.increment({ orders: 1 });
  de.profile.append({ tags: ['lut'] });
  de.profile.unset(['vip', 'coupon']);
  de.profile.delete();
  await time.advance(1000);
  await time.advance(1000);
  assert.deepEqual(t.events().map((e) => e.type),
    ['profile_set', 'profile_set_once', 'profile_increment', 'profile_append', 'profile_unset', 'profile_delete']);
  assert.deepEqual(t.events()[4].properties, { vip: true, coupon: true });
});

test('withdrawingAnalyticsConsentStopsAtOnceAndForgetsTheQueue', async () => {
  const time = fakeTime();
  const storage = memoryStorage();
  const t = scriptedTransport(200);
  const de = client(t, time, {}, storage);
  de.track('before');
  de.setConsent({ analytics: false });
  de.track('after');
  await time.advance(5000);
  assert.equal(t.sent.length, 0);
  assert.equal(de.pending(), 0);
  assert.equal([...Array(storage.length).keys()].map((i) => storage.key(i)).filter((k) => k.includes(':q:')).length, 0);
  de.setConsent({ analytics: true });
  de.track('granted');
  await time.advance(1000);
  assert.deepEqual(t.events().map((e) => e.event), ['granted']);
});

test('requiredConsentCollectsNothingUntilGranted', async () => {
  const time = fakeTime();
  const t = scriptedTransport(200);
  const de = client(t, time, { consent: { required: true } });
  de.track('x');
  await time.advance(2000);
  assert.equal(t.sent.length, 0);
  assert.deepEqual(de.getConsent(), { analytics: false, personalisation: false, marketing: false });
  de.setConsent({ analytics: true });
  de.track('y');
  de.profile.set({ a: 1 });
  await time.advance(1000);
  assert.deepEqual(t.events().map((e) => e.event ?? e.type), ['y'], 'profiles need personalisation consent');
});
