// The unmodified official Sensors JS SDK (sa-sdk-javascript 1.26.17, Apache-2.0) in Debian's headless
// Chromium, pointed at DataEye by its server_url only: image beacons (GET /sa.gif with crc), sendBeacon
// (text/plain form POST) and batched ajax (data_list). Stored events are checked field by field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startServer } from './support/server.mjs';
import { launch } from './support/browser.mjs';
import { startStatic } from './support/static.mjs';

let server;
let shop;
let browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
  shop = await startStatic({ collector: server.url, writeKey: server.writeKey });
});

after(async () => {
  await browser?.close();
  await shop?.close();
  await server?.stop();
});

for (const mode of ['image', 'beacon', 'batch']) {
  test(`sensorsJsSdkIn${mode[0].toUpperCase() + mode.slice(1)}ModeIsStoredFieldByField`, async () => {
    const user = `sa-${mode}-${Date.now()}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const answers = [];
    page.on('response', (r) => {
      if (r.url().startsWith(server.url)) answers.push(r.status());
    });
    await page.goto(`${shop.url}/sensors.html?send_type=${mode}&utm_source=zsxq&utm_campaign=d11`);
    const cookieId = await page.evaluate(() => sensors.store.getDistinctId());
    await page.evaluate((u) => {
      sensors.track('ViewProduct', { product_id: 'lut-v2', price: 39.9 });
      sensors.login(u);
      sensors.setProfile({ vip: true });
      sensors.setOnceProfile({ first_channel: 'zsxq' });
      sensors.incrementProfile({ orders: 1 });
      sensors.appendProfile({ tags: ['lut'] });
      sensors.unsetProfile(['coupon']);
    }, user);
    await page.click('#buy');

    const events = await eventually(async () => {
      const ev = await server.events({ person: user });
      return ev.length >= 11 && ev;
    }, { what: `the ${mode} records stored` });
    const one = (name) => {
      const found = events.filter((e) => e.event === name);
      assert.equal(found.length, 1, `${name} stored once`);
      return found[0];
    };
    assert.ok(answers.every((s) => s === 200), `answers ${answers}`);

    const view = one('$pageview');
    assert.equal(view.anonymous_id, cookieId);
    assert.equal(view.person_id, user, 'the page view before the login belongs to the person');
    assert.equal(view.url, `${shop.url}/sensors.html?send_type=${mode}&utm_source=zsxq&utm_campaign=d11`);
    assert.equal(view.path, '/sensors.html');
    assert.equal(view.title, 'LUT 小铺 — Sensors SDK');
    assert.equal(view.utm_source, 'zsxq');
    assert.equal(view.utm_campaign, 'd11');
    assert.equal(view.channel, 'community');
    assert.equal(view.lib, 'js');
    assert.equal(view.lib_version, '1.26.17');
    assert.equal(view.browser, 'headlesschrome');
    assert.equal(view.properties.$screen_width, 1280);

    const product = one('ViewProduct');
    assert.equal(product.product_id, 'lut-v2');
    assert.equal(product.properties.price, 39.9);
    assert.equal(product.utm_source, 'zsxq', '$latest_utm_source fills the UTM column');

    const signup = one('$SignUp');
    assert.equal(signup.login_id, user);
    assert.equal(signup.anonymous_id, cookieId);
    const link = one('$identify');
    assert.equal(link.login_id, user);
    assert.equal(link.anonymous_id, cookieId);

    assert.deepEqual(one('$profile_set').properties, { vip: true });
    const setOnce = events.filter((e) => e.event === '$profile_set_once');
    assert.deepEqual(setOnce.find((e) => e.properties.first_channel).properties, { first_channel: 'zsxq' });
    assert.ok(setOnce.some((e) => e.properties.$first_visit_time), "the SDK's own first-visit profile");
    assert.deepEqual(one('$profile_increment').properties, { orders: 1 });
    assert.deepEqual(one('$profile_append').properties, { tags: ['lut'] });
    assert.deepEqual(one('$profile_unset').properties, { coupon: true });

    const click = one('$WebClick');
    assert.equal(click.login_id, user);
    assert.equal(click.element_selector, '#buy');
    assert.equal(click.element_path, 'button#buy');
    assert.equal(click.element_text, '立即购买');
    assert.equal(click.properties.$element_type, 'button');

    assert.equal(new Set(events.map((e) => e.event_id)).size, events.length);
    assert.deepEqual(await server.quarantine(), []);
    await context.close();
  });
}
