// ECharts, loaded once and only when a page first draws a chart, so tables and tiles paint first.
const ECHARTS = '/webjars/echarts/dist/echarts.esm.min.js';
let lib;
const live = new Set();

export function loadECharts() {
  lib = lib || import(ECHARTS);
  return lib;
}

/** Draws (or redraws) an option into an element; charts follow the element's size. */
export async function chart(el, option) {
  const echarts = await loadECharts();
  if (!el.isConnected) return null;
  const c = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({ animation: false, ...option }, true);
  if (!live.has(c)) {
    live.add(c);
    new ResizeObserver(() => c.resize()).observe(el);
  }
  el.dataset.drawn = 'true';
  performance.mark('dataeye:chart');
  return c;
}

/** Frees the charts of a page being left. */
export function disposeAll() {
  for (const c of live) c.dispose();
  live.clear();
}

export const PALETTE = ['#2f6fde', '#f08a24', '#2ca58d', '#d64550', '#8e6ccf', '#6b7a8f', '#e0b000', '#1fa3c6', '#b05f9e', '#7a9c2a'];
