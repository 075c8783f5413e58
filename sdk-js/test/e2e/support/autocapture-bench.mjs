// Autocapture cost per click in Debian's headless Chromium, on a mid-size page (a catalogue of 300
// product cards, ~3,000 elements, targets 8 levels deep). Clicks are dispatched with element.click();
// the baseline is the same clicks before the SDK starts, measured in the same page. Prints a table;
// `npm run bench` (after `npm run build`). Used by the e2e test too, which asserts < 1 ms.
import { launch } from './browser.mjs';
import { startStatic } from './static.mjs';

export async function measureAutocapture({ clicks = 2000, rounds = 5 } = {}) {
  const browser = await launch();
  // the collector is never reached: flushes are pushed out of the measured loop, and requests fail fast
  const shop = await startStatic({ collector: 'http://127.0.0.1:9', writeKey: 'wk_bench' });
  try {
    const page = await browser.newPage();
    await page.goto(shop.url + '/bench.html');
    return await page.evaluate(async ({ clicks, rounds }) => {
      const main = document.getElementById('catalogue');
      const html = [];
      for (let s = 0; s < 10; s++) {
        html.push(`<section class="shelf"><h2>Shelf ${s}</h2><ul class="grid">`);
        for (let i = 0; i < 30; i++) {
          const id = `p-${s}-${i}`;
          html.push(`<li class="card"><div class="body"><div class="media"><img alt="" width="10" height="10"></div>
            <div class="info"><a class="title" href="#${id}"><span>Product ${id} — a longer title for the card</span></a>
            <p class="desc">Six LUTs for cinematic colour, works with Premiere and DaVinci.</p><span class="price">¥${i}.90</span>
            <div class="actions"><button class="add" data-dataeye-prop-product_id="${id}"><span class="icon">+</span> Add to cart</button>
            <button class="fav">♡</button></div></div></div></li>`);
        }
        html.push('</ul></section>');
      }
      main.innerHTML = html.join('');
      main.addEventListener('click', (e) => e.preventDefault()); // stay on the page
      const targets = [...document.querySelectorAll('button.add span.icon, a.title span, button.fav')];
      const elements = document.getElementsByTagName('*').length;

      const perClick = () => {
        const samples = [];
        for (let r = 0; r < rounds; r++) {
          const t0 = performance.now();
          for (let i = 0; i < clicks; i++) targets[(i * 7919) % targets.length].click();
          samples.push((performance.now() - t0) / clicks);
        }
        samples.sort((a, b) => a - b);
        return samples[Math.floor(samples.length / 2)];
      };
      const worst = () => {
        const each = [];
        for (let i = 0; i < 500; i++) {
          const t0 = performance.now();
          targets[(i * 104729) % targets.length].click();
          each.push(performance.now() - t0);
        }
        each.sort((a, b) => a - b);
        return { p99: each[Math.floor(each.length * 0.99)], max: each[each.length - 1] };
      };
      perClick(); // warm up the JIT
      const baseline = perClick();
      const baselineWorst = worst();
      const de = DataEye.init({ serverUrl: 'http://127.0.0.1:9', writeKey: 'wk_bench', flushIntervalMs: 3600000,
        batchSize: 1e9, maxQueue: 1e6, autocapture: { pageview: false, stay: false, exposure: false } });
      perClick();
      const withSdk = perClick();
      let captured = de.pending();
      de.queue.items = []; // single clicks as on a real page: the queue holds a batch at most
      const sdkWorst = worst();
      captured += de.pending();
      const t0 = performance.now();
      de.queue.items = de.queue.items.slice(-20);
      de.queue.persist();
      const persist20 = performance.now() - t0;
      return { elements, targets: targets.length, clicks: clicks * rounds, baseline, withSdk, overhead: withSdk - baseline,
        baselineP99: baselineWorst.p99, sdkP99: sdkWorst.p99, sdkMax: sdkWorst.max, captured, persist20 };
    }, { clicks, rounds });
  } finally {
    await browser.close();
    await shop.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureAutocapture();
  const f = (ms) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`page: ${r.elements} elements, ${r.targets} click targets; ${r.clicks} clicks per variant (median of 5 rounds)`);
  console.log('| measure | per click |');
  console.log('|---|---|');
  console.log(`| element.click() without the SDK (baseline) | ${f(r.baseline)} |`);
  console.log(`| element.click() with autocapture | ${f(r.withSdk)} |`);
  console.log(`| **autocapture overhead** | **${f(r.overhead)}** |`);
  console.log(`| p99 / max of single clicks with autocapture (timer resolution ~100 µs) | ${f(r.sdkP99)} / ${f(r.sdkMax)} |`);
  console.log(`| writing a 20-event queue to localStorage (once per 50 ms at most, off the click) | ${f(r.persist20)} |`);
}
