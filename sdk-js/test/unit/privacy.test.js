import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksSensitive, luhn, safeText } from '../../src/privacy.js';

test('recognisesBankCardNumbersByLuhn', () => {
  assert.ok(luhn('4111111111111111'));
  assert.ok(!luhn('4111111111111112'));
  assert.ok(looksSensitive('pay with 4111 1111 1111 1111 now'));
  assert.ok(looksSensitive('卡号 5500-0000-0000-0004'), 'dashes do not hide a card number');
});

test('recognisesChineseIdNumbers', () => {
  assert.ok(looksSensitive('身份证 11010519491231002X'));
  assert.ok(!looksSensitive('order 2026112500001')); // 13 digits failing Luhn: an order number stays
});

test('keepsOrdinaryButtonText', () => {
  assert.equal(safeText('  Add   to\n cart  '), 'Add to cart');
  assert.equal(safeText('¥39.90 · buy now'), '¥39.90 · buy now');
});

test('dropsTextThatHoldsACardNumber', () => {
  assert.equal(safeText('Card 4111 1111 1111 1111'), '');
});

test('cutsLongTextTo255Characters', () => {
  assert.equal(safeText('x'.repeat(1000)).length, 255);
});
