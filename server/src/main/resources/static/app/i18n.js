// Two languages, one dictionary each. zh-CN is the default when the browser prefers Chinese;
// the choice is kept in localStorage. Numbers, dates and CNY go through Intl with the locale,
// times through Intl with the project's time zone.

const DICT = {
  en: {
    skip: 'Skip to content', brand: 'DataEye', language: 'Language', langOther: '中文', project: 'Project',
    logout: 'Log out', loginTitle: 'Log in to DataEye', username: 'User name', password: 'Password', login: 'Log in',
    loginHint: 'The admin password is printed when the server starts (./dataeye start) and kept in the data directory as initial-admin-password.',
    badCredentials: 'Wrong user name or password.',
    nav: 'Pages', 'page.overview': 'Overview', 'page.events': 'Event analysis', 'page.funnel': 'Funnels',
    'page.retention': 'Retention', 'page.paths': 'Paths', 'page.live': 'Live events',
    run: 'Run', from: 'From', to: 'To', event: 'Event', measure: 'Measure', property: 'Property', interval: 'Interval',
    breakdown: 'Break down by', none: '(none)', compare: 'Compare with previous period', window: 'Conversion window',
    'measure.count': 'Events', 'measure.persons': 'Persons', 'measure.per_person': 'Events per person',
    'measure.sum': 'Sum of', 'measure.avg': 'Average of', 'measure.p50': 'Median of', 'measure.p90': '90th percentile of',
    'interval.hour': 'Hour', 'interval.day': 'Day', 'interval.week': 'Week', 'interval.month': 'Month',
    chart: 'Chart', table: 'Table', csv: 'Export CSV', loading: 'Loading…', total: 'Total', previous: 'previous period',
    empty: 'No data for this query.', emptyHint: 'Widen the date range, pick another event, or send events (README: “Send your first events”).',
    noEvents: 'This project has no events yet.', noEventsHint: 'Send events with the write key, or load the simulated shop: see the README.',
    errorTitle: 'Something went wrong', retry: 'Try again',
    'hint.network': 'The server did not answer. Is DataEye running? Start it with ./dataeye start.',
    'hint.unauthorized': 'Your session has ended. Log in again.',
    'hint.forbidden': 'Your account may not read this project. Pick another project.',
    'hint.unknown_project': 'This project does not exist. Pick one from the project list.',
    'hint.invalid_query': 'Fix the highlighted field and run again.',
    'hint.invalid_parameter': 'Fix the highlighted field and run again.',
    'hint.query_timeout': 'The query took too long. Shorten the date range or remove a breakdown.',
    'hint.other': 'Try again; if it keeps failing, the server log says more.',
    step: 'Step', steps: 'Steps', addStep: 'Add step', removeStep: 'Remove step {n}', filter: 'Filter',
    value: 'Value', persons: 'Persons', conversion: 'Conversion', stepConversion: 'From previous step',
    droppedHere: 'Dropped here', medianTime: 'Median time', whoDropped: 'Who dropped', droppedTitle: 'Persons who reached step {a} but not step {b}',
    droppedCsv: 'Download all as CSV', needTwoSteps: 'Choose at least two steps, then run.', group: 'Group', entered: 'Entered',
    overall: 'Overall conversion',
    initialEvent: 'Cohort event (first time)', returnEvent: 'Returning event', periods: 'Periods',
    'rmeasure.persons': 'Persons', 'rmeasure.revenue': 'Revenue', cohort: 'Cohort', size: 'Size', average: 'Average',
    period: '{unit} {n}', 'unit.day': 'Day', 'unit.week': 'Week', curve: 'Retention curve', heatmap: 'Cohorts',
    startEvent: 'Start event', direction: 'Direction', 'dir.after': 'After', 'dir.before': 'Before', depth: 'Steps',
    maxNodes: 'Events per step', source: 'From', target: 'To', pathsTitle: 'Paths',
    liveTitle: 'What is arriving right now', time: 'Time', person: 'Person', channel: 'Channel', os: 'OS', url: 'URL',
    refresh: 'Refresh', newest: 'Newest {n} events, newest first (times in {tz}).', amount: 'Amount',
    allEvents: 'All events', timesIn: 'Times in {tz}',
    'ov.events': 'Events today', 'ov.pv': 'Page views', 'ov.uv': 'Visitors (UV)', 'ov.dau': 'Active persons',
    'ov.new_users': 'New users', 'ov.orders': 'Orders', 'ov.gmv': 'GMV', 'ov.aov': 'Average order value',
    'ov.paying_conversion': 'Paying conversion', 'ov.yesterday': 'Yesterday same time:', 'ov.connecting': 'Connecting…',
    'ov.live': 'Live · updated {time} ({tz})', 'ov.reconnecting': 'Connection lost — reconnecting…',
    'ov.closed': 'The live connection was closed', 'ov.window': 'Per-minute charts over', 'ov.hours': '{n} h',
    'ov.minute': 'Minute', 'ov.traffic': 'Traffic per minute', 'ov.sales': 'GMV per minute',
    'live.stream': 'Arriving now (pushed by the server as events become durable)', 'live.skipped': '{n} events skipped (too many per second)',
    'live.pause': 'Pause', 'live.resume': 'Resume', 'live.waiting': 'Waiting for events… send one and it appears here within a second.',
  },
  'zh-CN': {
    skip: '跳到正文', brand: '数据之眼', language: '语言', langOther: 'English', project: '项目',
    logout: '退出登录', loginTitle: '登录数据之眼', username: '用户名', password: '密码', login: '登录',
    loginHint: '管理员密码在服务器启动时打印（./dataeye start），并保存在数据目录的 initial-admin-password 文件中。',
    badCredentials: '用户名或密码错误。',
    nav: '页面', 'page.overview': '实时概览', 'page.events': '事件分析', 'page.funnel': '漏斗分析',
    'page.retention': '留存分析', 'page.paths': '路径分析', 'page.live': '实时事件流',
    run: '查询', from: '开始日期', to: '结束日期', event: '事件', measure: '指标', property: '属性', interval: '时间粒度',
    breakdown: '分组', none: '（无）', compare: '对比上一周期', window: '转化窗口期',
    'measure.count': '总次数', 'measure.persons': '触发人数', 'measure.per_person': '人均次数',
    'measure.sum': '总和', 'measure.avg': '平均值', 'measure.p50': '中位数', 'measure.p90': '90 分位数',
    'interval.hour': '按小时', 'interval.day': '按天', 'interval.week': '按周', 'interval.month': '按月',
    chart: '图表', table: '表格', csv: '导出 CSV', loading: '加载中…', total: '合计', previous: '上一周期',
    empty: '该查询没有数据。', emptyHint: '扩大日期范围、换一个事件，或先发送事件（见 README“发送第一个事件”）。',
    noEvents: '该项目还没有事件。', noEventsHint: '用写入密钥发送事件，或导入模拟店铺数据：见 README。',
    errorTitle: '出错了', retry: '重试',
    'hint.network': '服务器没有响应。数据之眼是否在运行？用 ./dataeye start 启动。',
    'hint.unauthorized': '登录已过期，请重新登录。',
    'hint.forbidden': '你的账号无权读取该项目，请选择其他项目。',
    'hint.unknown_project': '该项目不存在，请从项目列表中选择。',
    'hint.invalid_query': '请修改标出的字段后重新查询。',
    'hint.invalid_parameter': '请修改标出的字段后重新查询。',
    'hint.query_timeout': '查询耗时过长。请缩短日期范围或去掉分组。',
    'hint.other': '请重试；如果一直失败，请查看服务器日志。',
    step: '步骤', steps: '步骤', addStep: '添加步骤', removeStep: '删除步骤 {n}', filter: '筛选',
    value: '值', persons: '人数', conversion: '总转化率', stepConversion: '步骤转化率',
    droppedHere: '本步流失', medianTime: '耗时中位数', whoDropped: '流失用户', droppedTitle: '到达第 {a} 步但未到达第 {b} 步的用户',
    droppedCsv: '全部导出为 CSV', needTwoSteps: '请至少选择两个步骤，然后查询。', group: '分组', entered: '进入人数',
    overall: '整体转化率',
    initialEvent: '初始事件（首次）', returnEvent: '回访事件', periods: '周期数',
    'rmeasure.persons': '人数', 'rmeasure.revenue': '收入', cohort: '同期群', size: '人数', average: '平均',
    period: '第 {n} {unit}', 'unit.day': '天', 'unit.week': '周', curve: '留存曲线', heatmap: '同期群',
    startEvent: '起始事件', direction: '方向', 'dir.after': '之后', 'dir.before': '之前', depth: '步数',
    maxNodes: '每步事件数', source: '从', target: '到', pathsTitle: '路径',
    liveTitle: '正在到达的事件', time: '时间', person: '用户', channel: '渠道', os: '操作系统', url: '网址',
    refresh: '刷新', newest: '最新 {n} 个事件，最新的在前（时间为 {tz}）。', amount: '金额',
    allEvents: '全部事件', timesIn: '时间为 {tz}',
    'ov.events': '今日事件数', 'ov.pv': '浏览量 (PV)', 'ov.uv': '访客数 (UV)', 'ov.dau': '活跃用户',
    'ov.new_users': '新增用户', 'ov.orders': '订单数', 'ov.gmv': '成交额 (GMV)', 'ov.aov': '客单价',
    'ov.paying_conversion': '付费转化率', 'ov.yesterday': '昨日同时段：', 'ov.connecting': '连接中…',
    'ov.live': '实时 · 更新于 {time}（{tz}）', 'ov.reconnecting': '连接中断，正在重连…',
    'ov.closed': '实时连接已关闭', 'ov.window': '分钟级图表范围', 'ov.hours': '{n} 小时',
    'ov.minute': '分钟', 'ov.traffic': '每分钟流量', 'ov.sales': '每分钟成交额',
    'live.stream': '正在到达（事件持久化后由服务器推送）', 'live.skipped': '跳过了 {n} 个事件（每秒太多）',
    'live.pause': '暂停', 'live.resume': '继续', 'live.waiting': '等待事件中… 发送一个事件，一秒内会出现在这里。',
  },
};

export const LOCALES = Object.keys(DICT);

function preferred() {
  const saved = localStorage.getItem('dataeye.lang');
  if (DICT[saved]) return saved;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

export let locale = preferred();

export function setLocale(l) {
  locale = DICT[l] ? l : 'en';
  localStorage.setItem('dataeye.lang', locale);
  document.documentElement.lang = locale;
}
document.documentElement.lang = locale;

export function t(key, vars) {
  let s = DICT[locale][key] ?? DICT.en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll('{' + k + '}', v);
  return s;
}

const cache = new Map();
function nf(opts) {
  const key = locale + JSON.stringify(opts);
  if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(locale, opts));
  return cache.get(key);
}

export const fmt = {
  int: (n) => (n == null ? '–' : nf({ maximumFractionDigits: 0 }).format(n)),
  num: (n) => (n == null ? '–' : nf({ maximumFractionDigits: 2 }).format(n)),
  pct: (x) => (x == null ? '–' : nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x)),
  cny: (x) => (x == null ? '–' : nf({ style: 'currency', currency: 'CNY' }).format(x)),
  /** A calendar day 'YYYY-MM-DD' (already cut in the project's time zone): shown as that day. */
  day(d) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(d + 'T00:00:00Z'));
  },
  /** An instant, shown in the project's time zone. */
  time(ts, zone) {
    return new Intl.DateTimeFormat(locale, {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      hour12: false,
    }).format(new Date(ts));
  },
  seconds(s) {
    if (s == null) return '–';
    if (s < 90) return nf({ maximumFractionDigits: 0 }).format(s) + (locale === 'zh-CN' ? ' 秒' : ' s');
    if (s < 5400) return nf({ maximumFractionDigits: 1 }).format(s / 60) + (locale === 'zh-CN' ? ' 分钟' : ' min');
    if (s < 172800) return nf({ maximumFractionDigits: 1 }).format(s / 3600) + (locale === 'zh-CN' ? ' 小时' : ' h');
    return nf({ maximumFractionDigits: 1 }).format(s / 86400) + (locale === 'zh-CN' ? ' 天' : ' d');
  },
};

/** Today's date 'YYYY-MM-DD' in a time zone, and a date n days before it. */
export function today(zone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
export function daysBefore(isoDay, n) {
  const d = new Date(isoDay + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}
