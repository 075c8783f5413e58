// The unmodified official server SDKs from npm, pointed at DataEye: sa-sdk-node (Sensors, gzip'd
// data_list batches) and @segment/analytics-node (Segment /v1/batch). Stored events field by field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { eventually, startServer } from './support/server.mjs';

const require = createRequire(import.meta.url);
const SensorsAnalytics = require('sa-sdk-node');
const { Analytics } = require('@segment/analytics-node');

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

const one = (events, name) => {
  const found = events.filter((e) => e.event === name);
  assert.equal(found.length, 1, `${name} stored once, got ${found.length}`);
  return found[0];
};

test('sensorsNodeSdkRecordsAreStoredFieldByField', async () => {
  const user = `san-${Date.now()}`;
  const anon = `anon-${user}`;
  const sa = new SensorsAnalytics();
  // sa-sdk-node allows one submitTo per process (global.isRunSubmitTo), hence one test here
  const submitter = sa.submitTo({ url: `${server.url}/sa?project=${server.writeKey}`, gzip: true }, { count: 4, timeSpan: 300 });
  const errors = [];
  submitter.subscribe(() => {}, (e) => errors.push(e));
  sa.track(anon, 'ViewProduct', { product_id: 'lut-v2', $url: 'https://shop.example.cn/p/lut?utm_source=douyin' });
  sa.trackSignup(user, anon, { signup_channel: 'douyin' });
  sa.track(user, 'PayOrder', { order_id: `o-${user}`, amount: 39.9, $is_login_id: true });
  sa.profileSet(user, { vip: true });
  sa.profileSetOnce(user, { first_order: 'o-1' });
  sa.profileIncrement(user, { orders: 1 });
  sa.profileAppend(user, { tags: ['lut'] });
  sa.profileUnset(user, ['coupon']);
  sa.itemSet('course', `c-${user}`, { price: 9.9 });
  sa.itemDelete('course', `c-${user}`);

  const events = await eventually(async () => {
    const ev = await server.events({ person: user });
    return ev.length >= 9 && ev;
  }, { what: 'the Node SDK records stored' });
  assert.deepEqual(errors, []);
  const view = one(events, 'ViewProduct');
  assert.equal(view.anonymous_id, anon);
  assert.equal(view.product_id, 'lut-v2');
  assert.equal(view.url, 'https://shop.example.cn/p/lut?utm_source=douyin');
  assert.equal(view.lib, 'Node');
  assert.equal(view.lib_version, '1.2.6');
  assert.equal(view.person_id, user, 'track_signup merged the anonymous history');
  const signup = one(events, '$SignUp');
  assert.equal(signup.login_id, user);
  assert.equal(signup.anonymous_id, anon);
  assert.equal(signup.properties.signup_channel, 'douyin');
  assert.equal(one(events, '$identify').anonymous_id, anon);
  const paid = one(events, 'PayOrder');
  assert.equal(paid.login_id, user);
  assert.equal(paid.order_id, `o-${user}`);
  assert.equal(paid.amount, 39.9);
  assert.deepEqual(one(events, '$profile_set').properties, { vip: true });
  assert.deepEqual(one(events, '$profile_set_once').properties, { first_order: 'o-1' });
  assert.deepEqual(one(events, '$profile_increment').properties, { orders: 1 });
  assert.deepEqual(one(events, '$profile_append').properties, { tags: ['lut'] });
  assert.deepEqual(one(events, '$profile_unset').properties, { coupon: true });

  const items = await eventually(async () => {
    const ev = await server.events({ person: `item:c-${user}` });
    return ev.length >= 2 && ev;
  }, { what: 'the item records stored' });
  const deleted = items.find((e) => e.properties.$is_deleted);
  const set = items.find((e) => !e.properties.$is_deleted);
  assert.equal(set.type, 'item_set');
  assert.equal(set.product_id, `c-${user}`);
  assert.deepEqual(set.properties, { price: 9.9, item_type: 'course' });
  assert.equal(deleted.properties.$is_deleted, true);
  sa.onCompleted(); // close() also closes a logging consumer this setup does not have
});

test('segmentNodeSdkCallsAreStoredFieldByField', async () => {
  const user = `segn-${Date.now()}`;
  const anon = `anon-${user}`;
  const analytics = new Analytics({ writeKey: server.writeKey, host: server.url, flushAt: 10, flushInterval: 200 });
  const errors = [];
  analytics.on('error', (e) => errors.push(e));
  analytics.identify({ anonymousId: anon, userId: user, traits: { plan: 'pro' } });
  analytics.track({ userId: user, messageId: `m-${user}`, event: 'Order Completed',
    properties: { order_id: `o-${user}`, revenue: 39.9, products: [{ product_id: 'lut-v2' }] },
    context: { campaign: { source: 'douyin', medium: 'social' }, page: { url: 'https://shop.example.cn/checkout' } } });
  analytics.page({ userId: user, name: 'Home', properties: { url: 'https://shop.example.cn/' } });
  analytics.screen({ userId: user, name: 'Cart' });
  analytics.group({ userId: user, groupId: 'studio-1', traits: { name: 'Studio' } });
  analytics.alias({ previousId: `${anon}-2`, userId: user });
  await analytics.closeAndFlush({ timeout: 15000 });
  assert.deepEqual(errors, []);

  const events = await eventually(async () => {
    const ev = await server.events({ person: user });
    return ev.length >= 7 && ev;
  }, { what: 'the Segment calls stored' });
  const order = one(events, 'order_paid'); // Segment's spec order is ours
  assert.equal(order.properties.segment_event, 'Order Completed');
  assert.equal(order.product_id, 'lut-v2');
  assert.equal(order.event_id, `m-${user}`);
  assert.equal(order.login_id, user);
  assert.equal(order.order_id, `o-${user}`);
  assert.equal(order.url, 'https://shop.example.cn/checkout');
  assert.equal(order.utm_source, 'douyin');
  assert.equal(order.utm_medium, 'social');
  assert.equal(order.lib, '@segment/analytics-node');
  assert.deepEqual(order.properties.products, [{ product_id: 'lut-v2' }]);
  assert.equal(order.properties.revenue, 39.9);
  assert.equal(one(events, '$profile_set').properties.plan, 'pro');
  assert.equal(one(events, '$pageview').url, 'https://shop.example.cn/');
  assert.equal(one(events, '$screen').properties.name, 'Cart');
  assert.equal(one(events, '$group').properties.group_id, 'studio-1');
  const links = events.filter((e) => e.event === '$identify').map((e) => e.anonymous_id).sort();
  assert.deepEqual(links, [anon, `${anon}-2`]);
});
