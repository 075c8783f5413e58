import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchProps, withShareSource } from '../../src/miniprogram/index.js';

test('launchFromAShareNamesSceneSharerAndCampaign', () => {
  assert.deepEqual(launchProps({ path: 'pages/course/course', scene: 1007, query: { id: 'c-1', share_source: 'u-7', utm_source: 'wechat' } }),
    { $scene: '1007', $url_path: 'pages/course/course', share_source: 'u-7', $utm_source: 'wechat' });
});

test('sharedPathCarriesTheSharerOnceReplacingAnEarlierOne', () => {
  assert.equal(withShareSource('/pages/course/course?id=c-1', 'u-42'), '/pages/course/course?id=c-1&share_source=u-42');
  assert.equal(withShareSource('/pages/course/course?share_source=u-7&id=c-1', 'u-42'), '/pages/course/course?id=c-1&share_source=u-42');
  assert.equal(withShareSource('/pages/index/index', 'a b'), '/pages/index/index?share_source=a%20b');
});
