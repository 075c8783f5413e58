-- wrk script: realistic shop events (~20 properties, ~600 bytes each), unique event ids per request.
-- args: <path> <write key> <events per request> <run id>
local tid = 0
local threads = {}

function setup(thread)
  thread:set("tid", tid)
  tid = tid + 1
  table.insert(threads, thread)
end

local products = {"lut-cinematic-v2.5", "ps-brush-pack-hd", "wechat-layout-tpl-88", "hd-image-pack-200", "copy-template-618", "video-course-pr"}
local events = {"product_view", "add_to_cart", "checkout_start", "payment_confirm_view", "order_paid", "$pageview", "$WebClick"}
local channels = {"douyin", "zsxq", "wechat", "baidu", "kuaishou"}

function init(args)
  path = args[1]
  key = args[2]
  per_request = tonumber(args[3])
  prefix = args[4] .. "-" .. tid .. "-"
  counter = 0
  headers = {["Content-Type"] = "application/json", ["X-Write-Key"] = key,
             ["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44"}
end

local function event(n)
  local p = products[(n % #products) + 1]
  local e = events[(n % #events) + 1]
  local c = channels[(n % #channels) + 1]
  return string.format('{"event":"%s","event_id":"%s%d","anonymous_id":"dev-%d","properties":{'
    .. '"$url":"https://shop.example.cn/p/%s?utm_source=%s","$title":"%s - 链动小铺","$referrer":"https://www.baidu.com/s?wd=lut",'
    .. '"utm_source":"%s","utm_medium":"social","utm_campaign":"double11","product_id":"%s","product_name":"LUT 调色预设 V2.5",'
    .. '"category":"design_assets","price":39.9,"amount":39.9,"quantity":1,"currency":"CNY","payment_method":"wechat_pay",'
    .. '"$screen_width":390,"$screen_height":844,"is_member":false,"coupon":"NEW10","$lib":"js","$lib_version":"1.0.0"}}',
    e, prefix, n, n % 50000, p, c, p, c, p)
end

request = function()
  local parts = {}
  for i = 1, per_request do
    counter = counter + 1
    parts[i] = event(counter)
  end
  local body
  if per_request == 1 then body = parts[1] else body = "[" .. table.concat(parts, ",") .. "]" end
  return wrk.format("POST", path, headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("BENCH_RESULT requests=%d duration_us=%d errors_status=%d errors_other=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
