// The browser SDK in Debian's headless Chromium against the real packaged server: a sample shop,
// autocapture and explicit calls end up as the expected stored events.
import { after, before, describe, test } from 'node:test';
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

/** A fresh visitor (own storage), recording every request body the page sends to the collector. */
async function visitor(overrides) {
  const context = await browser.newContext();
  if (overrides) await context.addInitScript((o) => { window.SDK_OVERRIDES = o; }, overrides);
  const sent = [];
  context.on('request', (r) => {
    if (r.url().startsWith(server.url)) sent.push(r.postData() || r.url());
  });
  const page = await context.newPage();
  return { context, page, sent };
}

const settled = (page) => eventually(() => page.evaluate(() => window.de.pending() === 0), { what: 'queue drained' });
const byEvent = (events, name) => events.filter((e) => e.event === name);

describe('sample shop', () => {
  test('clicksAndNavigationBecomeTheExpectedStoredEvents', async () => {
    const { context, page, sent } = await visitor();
    await page.goto(`${shop.url}/?utm_source=douyin&utm_medium=video`, { referer: 'https://www.douyin.com/video/7311' });
    const anonymousId = await page.evaluate(() => window.de.anonymousId);
    await page.click('li.card:nth-of-type(2) button.add');
    await page.fill('#username', 'user-42');
    await page.fill('#password', 'S3cret-Passw0rd-9876');
    await page.click('#login-button');
    await page.click('#private-button');
    await page.click('#card-hint');
    await settled(page);
    await Promise.all([page.waitForURL('**/product.html?id=lut-pack-v2'), page.click('text=Cinematic LUT pack v2')]);
    await page.click('#buy');
    await Promise.all([page.waitForURL('**/app/'), page.goto(`${shop.url}/app/`)]);
    await page.click('text=Courses');
    await page.click('text=Memberships');
    await page.goBack();
    await settled(page);

    const events = await eventually(async () => {
      const ev = await server.events({ person: 'user-42' });
      return byEvent(ev, '$pageview').length >= 6 && byEvent(ev, 'order_paid').length === 1 && ev;
    }, { what: 'the journey stored' });

    // first landing: campaign and referrer
    const views = byEvent(events, '$pageview').reverse();
    assert.deepEqual(views.map((e) => e.path), ['/', '/product.html', '/app/', '/app/courses', '/app/memberships', '/app/courses']);
    assert.equal(views[0].utm_source, 'douyin');
    assert.equal(views[0].utm_medium, 'video');
    assert.equal(views[0].referrer, 'https://www.douyin.com/video/7311');
    assert.equal(views[0].title, 'LUT 小铺 — 首页');
    assert.equal(views[0].lib, 'dataeye-js');
    assert.equal(views[3].referrer, `${shop.url}/app/`, 'an SPA page view names the route it came from');
    assert.equal(views[3].title, 'Courses', 'the title the router set after the URL changed');
    assert.equal(views[1].utm_source, 'douyin', 'later pages keep the latest campaign');

    // the add-to-cart click
    const clicks = byEvent(events, '$WebClick').reverse();
    const add = clicks[0];
    assert.equal(add.element_selector, 'body > ul:nth-of-type(1) > li:nth-of-type(2) > button:nth-of-type(1)');
    assert.equal(add.element_path, 'body > ul.products > li.card > button.add');
    assert.equal(add.element_text, 'Add to cart');
    assert.equal(add.product_id, 'lut-pack-v2');
    assert.equal(add.anonymous_id, anonymousId);
    assert.equal(add.person_id, 'user-42', 'browsing before the login belongs to the person');
    const link = clicks.find((e) => e.properties.$element_target_url);
    assert.equal(link.properties.$element_target_url, `${shop.url}/product.html?id=lut-pack-v2`);
    assert.equal(link.element_text, 'Cinematic LUT pack v2');
    const login = clicks.find((e) => e.properties.$element_id === 'login-button');
    assert.equal(login.element_text, 'Log in');
    assert.ok(!clicks.some((e) => e.properties.$element_id === 'private-button'), 'the opt-out class keeps a click out');
    const hint = clicks.find((e) => e.properties.$element_id === 'card-hint');
    assert.equal(hint.element_text, undefined, 'card-like text is never sent');

    // explicit events and identity
    const paid = byEvent(events, 'order_paid')[0];
    assert.equal(paid.order_id, 'o-lut-pack-v2');
    assert.equal(paid.amount, 39.9);
    assert.equal(paid.login_id, 'user-42');
    const leave = byEvent(events, '$WebPageLeave').find((e) => e.path === '/');
    assert.ok(leave.properties.event_duration > 0, 'stay time of the first page');
    const exposure = byEvent(events, '$WebExposure')[0];
    assert.equal(exposure.properties.banner_id, 'd11-sale');

    // the password never left the page, in any request
    assert.ok(sent.length > 0);
    for (const body of sent) assert.ok(!body.includes('S3cret-Passw0rd-9876') && !body.includes('4111'), body.slice(0, 300));
    assert.ok(!JSON.stringify(await server.events({ limit: 1000 })).includes('S3cret-Passw0rd-9876'));
    await context.close();
  });

  test('networkKilledThenRestoredLosesNothingAndDuplicatesNothing', async () => {
    const { context, page } = await visitor();
    await page.goto(shop.url + '/');
    await settled(page);
    const anonymousId = await page.evaluate(() => window.de.anonymousId);
    await context.setOffline(true);
    for (let i = 0; i < 30; i++) {
      await page.click(`li.card:nth-of-type(${(i % 3) + 1}) button.add`);
      await page.evaluate((n) => window.de.track('offline_probe', { n }), i);
    }
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.de.pending()), 60, 'nothing sent, nothing lost while offline');
    await context.setOffline(false);
    await settled(page);
    const events = await eventually(async () => {
      const ev = await server.events({ person: anonymousId });
      return byEvent(ev, 'offline_probe').length >= 30 && ev;
    }, { what: 'the offline events stored' });
    const probes = byEvent(events, 'offline_probe');
    assert.deepEqual(probes.map((e) => e.properties.n).sort((a, b) => a - b), [...Array(30).keys()]);
    assert.equal(byEvent(events, '$WebClick').length, 30);
    assert.equal(new Set(events.map((e) => e.event_id)).size, events.length);
    await context.close();
  });

  test('answersLostInTransitAndReloadsWhileTheServerIsUnreachableStoreEachEventOnce', async () => {
    const { context, page } = await visitor();
    let lostAnswers = 0;
    let refused = 0;
    await page.route(server.url + '/**', async (route) => {
      if (refused < 2) {
        refused++;
        await route.fulfill({ status: 503, headers: { 'Access-Control-Allow-Origin': '*' }, body: '{}' });
      } else if (lostAnswers < 2) {
        lostAnswers++;
        await route.fetch(); // the server stores the batch, then the connection drops before the answer
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.goto(shop.url + '/');
    const anonymousId = await page.evaluate(() => window.de.anonymousId);
    for (let i = 0; i < 10; i++) await page.evaluate((n) => window.de.track('retry_probe', { n }), i);
    await settled(page);
    assert.equal(lostAnswers, 2);

    // collector unreachable: events queued, page reloaded, then the network comes back
    await page.unroute(server.url + '/**');
    await page.route(server.url + '/**', (route) => route.abort('connectionrefused'));
    for (let i = 10; i < 20; i++) await page.evaluate((n) => window.de.track('retry_probe', { n }), i);
    await page.reload();
    assert.ok(await page.evaluate(() => window.de.pending()) >= 10, 'the queue survived the reload');
    await page.unroute(server.url + '/**');
    await page.evaluate(() => window.de.flush());
    await settled(page);
    const probes = await eventually(async () => {
      const ev = byEvent(await server.events({ person: anonymousId }), 'retry_probe');
      return ev.length >= 20 && ev;
    }, { what: 'the retried events stored' });
    assert.equal(probes.length, 20);
    assert.deepEqual(probes.map((e) => e.properties.n).sort((a, b) => a - b), [...Array(20).keys()]);
    await context.close();
  });

  test('withdrawingConsentStopsCollectionImmediately', async () => {
    const { context, page, sent } = await visitor({ flushIntervalMs: 5000 });
    await page.goto(shop.url + '/');
    await page.click('li.card:nth-of-type(1) button.add');
    const before = sent.length;
    await page.evaluate(() => window.de.setConsent({ analytics: false }));
    await page.click('li.card:nth-of-type(2) button.add');
    await page.evaluate(() => window.de.track('after_withdrawal'));
    assert.equal(await page.evaluate(() => window.de.pending()), 0, 'the queue is forgotten');
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':q:')).length), 0);
    await page.waitForTimeout(6000);
    assert.equal(sent.length, before, 'nothing sent after the withdrawal');
    await context.close();
  });

  test('denyPatternsAndSamplingKeepAutocaptureOffButExplicitEventsFlow', async () => {
    const { context, page, sent } = await visitor({ urls: { deny: ['*/private.html*'] } });
    await page.goto(shop.url + '/private.html');
    await page.click('#account-button');
    await page.evaluate(() => window.de.track('email_changed'));
    await settled(page);
    const bodies = sent.map((b) => JSON.parse(b).batch).flat();
    assert.deepEqual(bodies.filter((e) => e.type === 'track').map((e) => e.event), ['email_changed']);
    await context.close();

    const sampledOut = await visitor({ sampling: 0 });
    await sampledOut.page.goto(shop.url + '/');
    await sampledOut.page.click('li.card:nth-of-type(1) button.add');
    await sampledOut.page.evaluate(() => window.de.track('explicit'));
    await settled(sampledOut.page);
    const tracked = sampledOut.sent.map((b) => JSON.parse(b).batch).flat().filter((e) => e.type === 'track');
    assert.deepEqual(tracked.map((e) => e.event), ['explicit']);
    await sampledOut.context.close();
  });

  test('selectorsFindTheClickedElementAgainAndInputValuesAreNeverRead', async () => {
    const { context, page } = await visitor({ autocapture: false });
    await page.goto(shop.url + '/');
    await page.fill('#username', 'typed-value-123');
    const result = await page.evaluate(async () => {
      const { selectorOf } = await import('/src/dom.js');
      const { elementProps } = await import('/src/autocapture.js');
      const all = [...document.body.querySelectorAll('*')];
      const wrong = all.filter((el) => document.querySelector(selectorOf(el)) !== el).map((el) => el.outerHTML.slice(0, 80));
      return { checked: all.length, wrong, input: elementProps(document.getElementById('username')),
        password: elementProps(document.getElementById('password')) };
    });
    assert.ok(result.checked > 20);
    assert.deepEqual(result.wrong, []);
    assert.ok(!JSON.stringify(result.input).includes('typed-value-123'));
    assert.equal(result.password.$element_content, undefined);
    await context.close();
  });
});
