// The unmodified official Sensors mini-program SDK (sa-sdk-miniprogram 1.17.9, Apache-2.0) in the
// simulated wx host, sending to the real server. The SDK patches the global App/Page and keeps module
// state, so it has this file (one process) to itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { eventually, startServer } from './support/server.mjs';
import { createWxHost } from './support/wx-host.mjs';

const require = createRequire(import.meta.url);
let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

test('sensorsMiniProgramSdkLifecycleAndExplicitCallsAreStoredFieldByField', async () => {
  const opened = { path: 'pages/index/index', query: { utm_source: 'wechat' }, scene: 1007 };
  const host = createWxHost({ launchOptions: opened });
  host.installGlobals();
  const sa = require('sa-sdk-miniprogram');
  sa.setPara({ name: 'sensors', server_url: `${server.url}/sa?project=${server.writeKey}`,
    autoTrack: { appLaunch: true, appShow: true, appHide: true, pageShow: true, pageShare: true }, show_log: false });
  sa.init();
  globalThis.App({ onLaunch() {}, onShow() {}, onHide() {} });
  host.definePage('pages/index/index', () => globalThis.Page({ onShow() {} }));
  host.definePage('pages/course/course', () => globalThis.Page({
    onShow() {},
    onShareAppMessage() {
      return { title: 'LUT course', path: '/pages/course/course?id=c-1' };
    },
  }));
  const user = `samp-${Date.now()}`;
  host.launch(opened);
  const anonymousId = sa.store.getDistinctId();
  host.open('pages/course/course', { id: 'c-1' });
  sa.track('CourseView', { product_id: 'c-1' });
  sa.login(user);
  sa.setProfile({ vip: true });
  host.share('button');
  host.hide();

  const events = await eventually(async () => {
    const ev = await server.events({ person: user });
    return ev.some((e) => e.event === '$MPHide') && ev.length >= 8 && ev;
  }, { what: 'the mini-program SDK records stored', timeoutMs: 30000 });
  const one = (name) => {
    const found = events.filter((e) => e.event === name);
    assert.equal(found.length, 1, `${name} stored once, got ${found.length}`);
    return found[0];
  };
  const launch = one('$MPLaunch');
  assert.equal(launch.anonymous_id, anonymousId);
  assert.equal(launch.person_id, user, 'the launch before the login belongs to the person');
  assert.equal(launch.lib, 'MiniProgram');
  assert.equal(launch.lib_version, '1.17.9');
  assert.equal(launch.properties.$scene, 'wx-1007');
  const views = events.filter((e) => e.event === '$MPViewScreen').map((e) => e.path).sort();
  assert.deepEqual(views, ['pages/course/course', 'pages/index/index']);
  const course = one('CourseView');
  assert.equal(course.product_id, 'c-1');
  assert.equal(one('$SignUp').anonymous_id, anonymousId);
  assert.deepEqual(one('$profile_set').properties, { vip: true });
  const share = one('$MPShare');
  assert.equal(share.login_id, user);
  assert.ok(one('$MPHide').properties.event_duration >= 0);
  assert.deepEqual(await server.quarantine(), []);
});
