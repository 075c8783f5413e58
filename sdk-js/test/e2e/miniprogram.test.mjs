// The mini-program SDK (dist/dataeye-miniprogram.js, as shipped) in a simulated wx host, sending
// through wx.request to the real packaged server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { eventually, startServer } from './support/server.mjs';
import { createWxHost } from './support/wx-host.mjs';

const require = createRequire(import.meta.url);
const { init } = require('../../dist/miniprogram/dataeye-miniprogram.js');

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

/** An app as a developer writes it: init() at the top of app.js, then App() and the pages. */
function startApp(host, config = {}) {
  const de = init({ serverUrl: server.url, writeKey: server.writeKey, flushIntervalMs: 100, backoff: { baseMs: 100, maxMs: 1000 },
    ...config }, { wx: host.wx, App: host.App, Page: host.Page });
  de.App({ onLaunch() {}, onShow() {}, onHide() {} });
  host.definePage('pages/index/index', () => de.Page({ onShow() {} }));
  host.definePage('pages/course/course', () => de.Page({
    onShareAppMessage() {
      return { title: 'LUT course', path: '/pages/course/course?id=c-1' };
    },
  }));
  return de;
}

const byEvent = (events, name) => events.filter((e) => e.event === name);

test('lifecycleAutocaptureAndSharesWithTheirSourceAreStored', async () => {
  const host = createWxHost();
  const de = startApp(host);
  const sharer = `mp-sharer-${Date.now()}`;
  host.launch({ path: 'pages/index/index', query: { share_source: sharer }, scene: 1007 });
  host.open('pages/course/course', { id: 'c-1' });
  de.login(`mp-user-${Date.now()}`);
  de.track('course_view', { product_id: 'c-1' });
  const shared = host.share('button');
  host.hide();
  await eventually(() => de.pending() === 0, { what: 'queue drained' });
  const user = de.loginId;
  const events = await eventually(async () => {
    const ev = await server.events({ person: user });
    return ev.length >= 8 && ev;
  }, { what: 'the app events stored' });

  const launch = byEvent(events, '$MPLaunch')[0];
  assert.equal(launch.properties.$scene, '1007');
  assert.equal(launch.path, 'pages/index/index');
  assert.equal(launch.properties.share_source, sharer);
  assert.equal(launch.channel, 'wechat', 'a visit from a WeChat share is credited to the wechat channel');
  assert.equal(launch.lib, 'dataeye-miniprogram');
  assert.equal(byEvent(events, '$MPShow').length, 1);
  assert.deepEqual(byEvent(events, '$MPViewScreen').map((e) => e.path).sort(), ['pages/course/course', 'pages/index/index']);
  const view = byEvent(events, 'course_view')[0];
  assert.equal(view.product_id, 'c-1');
  assert.equal(view.properties.share_source, sharer, 'the sharer goes with every event of the visit');
  assert.equal(shared.path, `/pages/course/course?id=c-1&share_source=${encodeURIComponent(user)}`);
  const share = byEvent(events, '$MPShare')[0];
  assert.equal(share.properties.$share_method, 'button');
  assert.equal(share.properties.$share_path, shared.path);
  assert.ok(byEvent(events, '$MPHide')[0].properties.event_duration >= 0);
  assert.equal(byEvent(events, '$identify')[0].anonymous_id, de.anonymousId);
});

test('eventsQueuedOfflineSurviveAnAppRestartAndAreStoredOnce', async () => {
  const storage = new Map();
  const first = createWxHost({ storage });
  const de = startApp(first, { autocapture: false });
  const anonymousId = de.anonymousId;
  first.setConnected(false);
  for (let i = 0; i < 15; i++) de.track('mp_offline_probe', { n: i });
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(de.pending(), 15);
  de.queue.persist(true); // the app is killed in the background: what wx storage holds is what survives

  const second = createWxHost({ storage });
  const again = startApp(second, { autocapture: false });
  assert.equal(again.anonymousId, anonymousId, 'the same device');
  assert.equal(again.pending(), 15);
  await again.flush();
  const probes = await eventually(async () => {
    const ev = byEvent(await server.events({ person: anonymousId }), 'mp_offline_probe');
    return ev.length >= 15 && ev;
  }, { what: 'the offline events stored' });
  assert.deepEqual(probes.map((e) => e.properties.n).sort((a, b) => a - b), [...Array(15).keys()]);
  assert.equal(first.requests.length, 0, 'nothing was attempted while offline');
});
