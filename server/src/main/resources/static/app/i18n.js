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
    'page.channels': 'Channels & LTV', 'page.associations': 'Bought together', 'page.segments': 'Segments', 'page.nps': 'NPS',
    'ch.community': 'Community', 'ch.short_video': 'Short video', 'ch.wechat': 'WeChat', 'ch.invite': 'Invites', 'ch.search': 'Search',
    'ch.social': 'Social', 'ch.paid': 'Paid ads', 'ch.email': 'Email', 'ch.referral': 'Referral sites', 'ch.direct': 'Direct',
    'attr.model': 'Attribution model', 'attr.first_touch': 'First touch', 'attr.last_touch': 'Last touch', 'attr.linear': 'Linear',
    'attr.by': 'Credit to', 'attr.by.channel': 'Channel', 'attr.by.source': 'Source', 'attr.by.campaign': 'Campaign',
    'attr.lookback': 'Lookback (days)', 'attr.orders': 'Orders', 'attr.share': 'Revenue share', 'attr.title': 'Attribution · {model}',
    'ltv.dayAxis': 'days after acquisition', 'ltv.persons': 'Persons acquired', 'ltv.buyers': 'Buyers', 'ltv.revenue': 'Net revenue',
    'ltv.day': 'LTV day {n}', 'ltv.matured': 'n: the {n} persons acquired long enough ago to count', 'ltv.title': 'LTV by acquisition channel (net revenue per person by day 7, 30, 90)',
    'ltv.caption': 'Revenue counted before {date}; persons acquired in the chosen range.', 'ltv.curves': 'LTV curves: cumulative net revenue per person by day after acquisition',
    'roi.title': 'ROI, CAC and payback', 'roi.spend': 'Spend', 'roi.cac': 'CAC (per buyer)', 'roi.cpp': 'Cost per person', 'roi.roi': 'ROI',
    'roi.payback': 'Payback', 'roi.notYet': 'not yet', 'roi.days': 'day {n}', 'roi.sameDay': 'same day',
    'roi.none': 'No spend entered for this range.', 'roi.noneHint': 'Upload the channels’ spend as CSV or enter it below; ROI, CAC and payback appear here.',
    'spend.title': 'Channel spend', 'spend.hint': 'CSV with a header row: day,channel,amount (e.g. 2026-11-01,paid,1200.00). A day’s spend for a channel replaces what was there.',
    'spend.upload': 'Upload spend CSV', 'spend.file': 'CSV file', 'spend.uploadButton': 'Upload', 'spend.manual': 'Enter spend',
    'spend.day': 'Day', 'spend.amount': 'Amount (CNY)', 'spend.save': 'Save spend', 'spend.saved': '{n} rows saved.',
    'assoc.item': 'Item', 'assoc.scope': 'Bought together in', 'assoc.scope.order': 'the same order', 'assoc.scope.person': 'by the same person',
    'assoc.window': 'Within days (per person)', 'assoc.windowAny': 'any time', 'assoc.minSupport': 'Min. support (0–1)', 'assoc.minCount': 'Min. count',
    'assoc.maxSize': 'Itemsets', 'assoc.pairs': 'Pairs', 'assoc.triples': 'Pairs and triples', 'assoc.limit': 'Rows',
    'assoc.summaryOrder': '{n} orders; itemsets counted when in at least {min} orders.',
    'assoc.summaryPerson': '{n} buying persons; itemsets counted when bought by at least {min} persons.',
    'assoc.none': 'Nothing is bought together often enough.', 'assoc.noneHint': 'Lower the minimum support or count, widen the date range, or count per person.',
    'assoc.statements': 'What sells together (lift above 1)', 'assoc.liftNote': '(lift {lift})', 'assoc.and': ' and ',
    'assoc.within': ' within {d} days',
    'assoc.stmtOrder': '{pct} of orders with {x} also contain {y} ({c} of {n})',
    'assoc.stmtPerson': '{pct} of buyers of {x} also buy {y}{within} ({c} of {n})',
    'assoc.rules': 'Rules (strongest lift first)', 'assoc.rule': 'Rule', 'assoc.count': 'Count', 'assoc.support': 'Support',
    'assoc.confidence': 'Confidence', 'assoc.lift': 'Lift', 'assoc.bundles': 'Bundle suggestions', 'assoc.bundle': 'Bundle',
    'assoc.score': 'Score (lift × count)', 'assoc.bundlesCaption': 'Bought together more often than chance (lift above 1), best first.',
    'assoc.items': 'Items',
    'nps.score': 'NPS', 'nps.scoreSub': '−100 … 100', 'nps.ci': 'Confidence interval', 'nps.ciSub': '{level} level', 'nps.ciCol': 'Interval ({level})',
    'nps.ciLow': 'lower bound', 'nps.ciHigh': 'upper bound',
    'nps.responses': 'Responses', 'nps.promoters': 'Promoters', 'nps.passives': 'Passives', 'nps.detractors': 'Detractors',
    'nps.ignored': '{n} ignored (no score 0–10)', 'nps.trend': 'NPS per week', 'nps.byChannel': 'NPS by first-touch channel',
    'nps.bySegment': 'NPS by segment', 'nps.segments': 'Segments to compare', 'nps.pickSegments': 'Tick segments above and press Run to compare their NPS.', 'nps.none': 'No NPS responses in this range.',
    'nps.noneHint': 'Widen the date range; responses are nps_response events with a score 0–10.',
    'seg.list': 'Segments', 'seg.name': 'Name', 'seg.kind': 'Kind', 'seg.kind.builtin': 'Built-in', 'seg.kind.dynamic': 'Saved rule',
    'seg.kind.static': 'Saved list', 'seg.tuned': 'tuned', 'seg.size': 'Persons ({date})', 'seg.members': 'Members',
    'seg.sizeStored': 'Persons', 'seg.sizeAsOf': 'end of {date}', 'seg.sizeToday': 'today, live', 'seg.countNow': 'Count now',
    'seg.exportMembers': 'Export CSV', 'seg.description': 'Description', 'seg.sizesTitle': 'Size over time: {name}',
    'seg.sizesChart': 'Daily size: {name}', 'seg.date': 'Date',
    'seg.noSizes': 'No stored sizes for these days yet.', 'seg.noSizesHint': 'Sizes are stored every night; “Compute the sizes of these days” fills them now.',
    'seg.compute': 'Compute the sizes of these days', 'seg.builder': 'New segment', 'seg.builderHint': 'Pick conditions; the definition below follows them and may be edited directly (docs/api/segments.md). Preview shows the size today.',
    'seg.conditions': 'Conditions', 'seg.condition': 'Condition', 'seg.add': 'Add condition', 'seg.combine': 'Persons who match',
    'seg.all': 'all conditions', 'seg.any': 'any condition', 'seg.type': 'Type', 'seg.type.event': 'did an event', 'seg.type.spend': 'spent (net, CNY)',
    'seg.type.property': 'has a property', 'seg.type.segment': 'is in segment', 'seg.not': 'not', 'seg.compare': 'comparison',
    'seg.times': 'times', 'seg.lastDays': 'in the last … days', 'seg.cny': 'CNY', 'seg.remove': 'Remove condition {n}',
    'seg.json': 'Definition (JSON)', 'seg.namePlaceholder': 'e.g. Browsers who did not buy', 'seg.preview': 'Preview', 'seg.save': 'Save segment',
    'seg.previewSize': '{n} persons as of {date}.', 'seg.sample': 'For example:', 'seg.badJson': 'The definition is not valid JSON:',
    'seg.lookup': 'Which segments is a person in?', 'seg.lookupButton': 'Look up', 'seg.member': 'Member', 'seg.why': 'Why (conditions, the person’s values)',
    'seg.lookupTitle': 'Segments of {person} as of {date}', yes: 'yes', no: 'no',
    'op.gte': '≥', 'op.lte': '≤', 'op.eq': '=', 'op.gt': '>', 'op.lt': '<', 'op.neq': '≠', 'op.contains': 'contains', 'op.is_set': 'is set',
    'op.is_not_set': 'is not set',
    'hint.invalid_segment': 'Fix the highlighted part of the definition and try again.', 'hint.bad_json': 'Check the brackets, quotes and commas of the definition.',
    'hint.unknown_segment': 'This segment no longer exists. Pick one from the list.',
    saveAsSegment: 'Save as segment', segmentName: 'Segment name', savedAsSegment: 'Saved as segment:',
    droppedSegmentName: 'Dropped at step {step} ({event}), {from} – {to}',
    'page.virtual-events': 'Virtual events',
    've.lead': 'Name autocaptured clicks and page views after the fact (or a union of events) and analyse them over all history — nothing is re-sent.',
    've.list': 'Virtual events', 've.new': 'New virtual event', 've.none': 'No virtual events yet.',
    've.noneHint': 'Define one below: e.g. clicks ($WebClick) whose element selector equals button.btn-add-cart.',
    've.archiveConfirm': 'Archive {name}? Analyses will no longer know it; its history stays.', 've.archive': 'Archive',
    've.name': 'Name', 've.displayName': 'Display name', 've.rules': 'Rules', 've.version': 'Version', 've.savedAt': 'Saved at',
    've.savedBy': 'Saved by', 've.actions': 'Actions', 've.analyse': 'Analyse', 've.and': 'and', 've.or': 'or',
    've.op.equals': 'equals', 've.op.not_equals': 'does not equal', 've.op.contains': 'contains', 've.op.not_contains': 'does not contain',
    've.op.starts_with': 'starts with', 've.op.ends_with': 'ends with', 've.op.glob': 'matches pattern (*)', 've.op.regex': 'matches regex',
    've.field.element_selector': 'Element selector', 've.field.element_text': 'Element text', 've.field.path': 'Page path',
    've.field.url': 'Page URL', 've.field.title': 'Page title', 've.field.element_path': 'Element path',
    've.field': 'field', 've.op': 'operator', 've.value': 'value',
    've.rule': 'Rule {n}', 've.removeRule': 'Remove rule {n}', 've.removeRuleShort': 'Remove rule', 've.ruleEvent': 'Rule {n}: event {j}',
    've.condPart': 'Rule {n}, condition {k}: {part}', 've.removeCond': 'Remove condition {k} of rule {n}', 've.removeCondTitle': 'Remove condition',
    've.events': 'Events', 've.addEvent': 'Event', 've.where': 'Where', 've.addCond': 'Condition', 've.addRule': 'Add rule',
    've.builder': 'New virtual event', 've.displayZh': 'Display name (Chinese)', 've.displayEn': 'Display name (English)',
    've.description': 'Description', 've.rulesLegend': 'Rules — an event counts when any rule holds',
    've.rulesHint': 'A rule holds for an event it names when all its conditions hold; a rule without conditions takes every event it names (a union). Values are case-sensitive.',
    've.preview': 'Preview', 've.save': 'Save', 've.saveVersion': 'Save as new version',
    've.editing': '{name} · version {v}', 've.saved': 'Saved {name} version {v}.',
    've.oldVersion': 'You are looking at version {v}; the current one is {cur}. Saving makes this definition the next version.',
    've.changesAnswers': 'Saving makes a new version: analyses that use this event change their answers (over all history) and name the version they used.',
    've.builderHint': 'Pick the events and conditions, preview what they match, then save. The name cannot be changed later.',
    've.previewCount': '{events} events by {persons} persons in the last {days} days.',
    've.noMatch': 'Nothing matches these rules in the preview period.',
    've.noMatchHint': 'Check the selector or path against the sample of recent clicks in Live events; values are case-sensitive.',
    've.previewDaily': 'Matches per day, last {days} days', 've.samples': 'Latest matches',
    've.versions': 'Version history: {name}', 've.state': 'State', 've.archived': 'archived', 've.current': 'current',
    've.uses': 'Uses virtual event', 've.savedOn': '(saved {at})',
    'hint.invalid_definition': 'Fix the highlighted field of the definition and try again.',
    'hint.unknown_virtual_event': 'This virtual event no longer exists (or is archived). Pick one from the list.',
    'hint.virtual_event_exists': 'A virtual event of this name exists: open it from the list to save a new version.',
    'hint.name_taken': 'Real events already use this name: choose another.',
    'hint.concurrent_update': 'Someone saved this event at the same moment. Reload and try again.',
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
    'page.channels': '渠道与 LTV', 'page.associations': '关联购买', 'page.segments': '用户分群', 'page.nps': 'NPS 净推荐值',
    'ch.community': '社群', 'ch.short_video': '短视频', 'ch.wechat': '微信', 'ch.invite': '邀请', 'ch.search': '搜索',
    'ch.social': '社交媒体', 'ch.paid': '付费广告', 'ch.email': '邮件', 'ch.referral': '外部推荐', 'ch.direct': '直接访问',
    'attr.model': '归因模型', 'attr.first_touch': '首次触点', 'attr.last_touch': '末次触点', 'attr.linear': '线性归因',
    'attr.by': '归因到', 'attr.by.channel': '渠道', 'attr.by.source': '来源', 'attr.by.campaign': '活动',
    'attr.lookback': '回溯天数', 'attr.orders': '订单数', 'attr.share': '收入占比', 'attr.title': '渠道归因 · {model}',
    'ltv.dayAxis': '获客后天数', 'ltv.persons': '获客人数', 'ltv.buyers': '付费人数', 'ltv.revenue': '净收入',
    'ltv.day': '{n} 日 LTV', 'ltv.matured': 'n：获客时间足够早、计入的 {n} 位用户', 'ltv.title': '各获客渠道 LTV（第 7、30、90 天人均累计净收入）',
    'ltv.caption': '收入统计到 {date} 之前；用户为所选日期范围内获客。', 'ltv.curves': 'LTV 曲线：获客后每天的人均累计净收入',
    'roi.title': 'ROI、获客成本与回本', 'roi.spend': '投放花费', 'roi.cac': '获客成本（每付费用户）', 'roi.cpp': '每用户成本', 'roi.roi': 'ROI',
    'roi.payback': '回本', 'roi.notYet': '尚未回本', 'roi.days': '第 {n} 天', 'roi.sameDay': '当天',
    'roi.none': '该日期范围没有录入投放花费。', 'roi.noneHint': '上传各渠道花费 CSV 或在下方录入，这里就会显示 ROI、获客成本和回本天数。',
    'spend.title': '渠道投放花费', 'spend.hint': 'CSV 需有表头：day,channel,amount（例如 2026-11-01,paid,1200.00）。同一渠道同一天的花费会被替换。',
    'spend.upload': '上传花费 CSV', 'spend.file': 'CSV 文件', 'spend.uploadButton': '上传', 'spend.manual': '录入花费',
    'spend.day': '日期', 'spend.amount': '金额（元）', 'spend.save': '保存花费', 'spend.saved': '已保存 {n} 行。',
    'assoc.item': '商品维度', 'assoc.scope': '一起购买的范围', 'assoc.scope.order': '同一订单', 'assoc.scope.person': '同一用户',
    'assoc.window': '间隔天数内（按用户）', 'assoc.windowAny': '不限', 'assoc.minSupport': '最小支持度（0–1）', 'assoc.minCount': '最小次数',
    'assoc.maxSize': '组合大小', 'assoc.pairs': '两件', 'assoc.triples': '两件和三件', 'assoc.limit': '行数',
    'assoc.summaryOrder': '共 {n} 个订单；组合至少出现在 {min} 个订单中才计入。',
    'assoc.summaryPerson': '共 {n} 位购买用户；组合至少被 {min} 位用户购买才计入。',
    'assoc.none': '没有经常一起购买的商品。', 'assoc.noneHint': '降低最小支持度或次数、扩大日期范围，或按用户统计。',
    'assoc.statements': '哪些商品一起卖（提升度大于 1）', 'assoc.liftNote': '（提升度 {lift}）', 'assoc.and': '和',
    'assoc.within': '（{d} 天内）',
    'assoc.stmtOrder': '包含 {x} 的订单中，{pct} 也包含 {y}（{n} 单中的 {c} 单）',
    'assoc.stmtPerson': '购买 {x} 的用户中，{pct} 也购买了 {y}{within}（{n} 人中的 {c} 人）',
    'assoc.rules': '关联规则（按提升度排序）', 'assoc.rule': '规则', 'assoc.count': '次数', 'assoc.support': '支持度',
    'assoc.confidence': '置信度', 'assoc.lift': '提升度', 'assoc.bundles': '组合推荐', 'assoc.bundle': '组合',
    'assoc.score': '得分（提升度 × 次数）', 'assoc.bundlesCaption': '一起购买的频率高于随机（提升度大于 1），最好的在前。',
    'assoc.items': '商品',
    'nps.score': 'NPS 净推荐值', 'nps.scoreSub': '−100 … 100', 'nps.ci': '置信区间', 'nps.ciSub': '置信水平 {level}', 'nps.ciCol': '区间（{level}）',
    'nps.ciLow': '下限', 'nps.ciHigh': '上限',
    'nps.responses': '回答数', 'nps.promoters': '推荐者', 'nps.passives': '被动者', 'nps.detractors': '贬损者',
    'nps.ignored': '忽略 {n} 条（无 0–10 分）', 'nps.trend': '每周 NPS', 'nps.byChannel': '按首次触点渠道的 NPS',
    'nps.bySegment': '按分群的 NPS', 'nps.segments': '对比的分群', 'nps.pickSegments': '勾选上方的分群并点击「查询」，即可对比各分群的 NPS。', 'nps.none': '该日期范围没有 NPS 回答。',
    'nps.noneHint': '扩大日期范围；回答是带 0–10 分 score 属性的 nps_response 事件。',
    'seg.list': '分群列表', 'seg.name': '名称', 'seg.kind': '类型', 'seg.kind.builtin': '内置', 'seg.kind.dynamic': '规则分群',
    'seg.kind.static': '名单分群', 'seg.tuned': '已调整', 'seg.size': '人数（{date}）', 'seg.members': '成员',
    'seg.sizeStored': '人数', 'seg.sizeAsOf': '截至 {date}', 'seg.sizeToday': '今日实时', 'seg.countNow': '立即统计',
    'seg.exportMembers': '导出 CSV', 'seg.description': '说明', 'seg.sizesTitle': '人数变化：{name}',
    'seg.sizesChart': '每日人数：{name}', 'seg.date': '日期',
    'seg.noSizes': '这些日期还没有保存的人数。', 'seg.noSizesHint': '人数每晚保存一次；点击“计算这些日期的人数”可立即补上。',
    'seg.compute': '计算这些日期的人数', 'seg.builder': '新建分群', 'seg.builderHint': '选择条件；下方的定义随之更新，也可以直接编辑（见 docs/api/segments.md）。预览显示今天的人数。',
    'seg.conditions': '条件', 'seg.condition': '条件', 'seg.add': '添加条件', 'seg.combine': '用户满足',
    'seg.all': '全部条件', 'seg.any': '任一条件', 'seg.type': '类型', 'seg.type.event': '做过事件', 'seg.type.spend': '消费金额（净额，元）',
    'seg.type.property': '用户属性', 'seg.type.segment': '属于分群', 'seg.not': '非', 'seg.compare': '比较',
    'seg.times': '次', 'seg.lastDays': '最近天数', 'seg.cny': '元', 'seg.remove': '删除条件 {n}',
    'seg.json': '定义（JSON）', 'seg.namePlaceholder': '例如：浏览未购买用户', 'seg.preview': '预览', 'seg.save': '保存分群',
    'seg.previewSize': '截至 {date} 共 {n} 人。', 'seg.sample': '例如：', 'seg.badJson': '定义不是有效的 JSON：',
    'seg.lookup': '查询用户所属分群', 'seg.lookupButton': '查询', 'seg.member': '是否属于', 'seg.why': '原因（条件与该用户的数值）',
    'seg.lookupTitle': '{person} 截至 {date} 的分群', yes: '是', no: '否',
    'op.gte': '≥', 'op.lte': '≤', 'op.eq': '=', 'op.gt': '>', 'op.lt': '<', 'op.neq': '≠', 'op.contains': '包含', 'op.is_set': '有值',
    'op.is_not_set': '无值',
    'hint.invalid_segment': '请修改定义中标出的部分后重试。', 'hint.bad_json': '请检查定义的括号、引号和逗号。',
    'hint.unknown_segment': '该分群已不存在，请从列表中选择。',
    saveAsSegment: '保存为分群', segmentName: '分群名称', savedAsSegment: '已保存为分群：',
    droppedSegmentName: '第 {step} 步（{event}）流失用户，{from} – {to}',
    'page.virtual-events': '虚拟事件',
    've.lead': '事后给全埋点采集的点击和页面浏览命名（或合并多个事件），并对全部历史数据进行分析——无需重新上报。',
    've.list': '虚拟事件', 've.new': '新建虚拟事件', 've.none': '还没有虚拟事件。',
    've.noneHint': '在下方定义一个：例如元素选择器等于 button.btn-add-cart 的点击（$WebClick）。',
    've.archiveConfirm': '归档 {name}？分析将不再识别它；历史版本会保留。', 've.archive': '归档',
    've.name': '名称', 've.displayName': '显示名', 've.rules': '规则', 've.version': '版本', 've.savedAt': '保存时间',
    've.savedBy': '保存人', 've.actions': '操作', 've.analyse': '分析', 've.and': '且', 've.or': '或',
    've.op.equals': '等于', 've.op.not_equals': '不等于', 've.op.contains': '包含', 've.op.not_contains': '不包含',
    've.op.starts_with': '开头是', 've.op.ends_with': '结尾是', 've.op.glob': '匹配通配符 (*)', 've.op.regex': '匹配正则',
    've.field.element_selector': '元素选择器', 've.field.element_text': '元素内容', 've.field.path': '页面路径',
    've.field.url': '页面地址', 've.field.title': '页面标题', 've.field.element_path': '元素路径',
    've.field': '字段', 've.op': '运算符', 've.value': '值',
    've.rule': '规则 {n}', 've.removeRule': '删除规则 {n}', 've.removeRuleShort': '删除规则', 've.ruleEvent': '规则 {n}：事件 {j}',
    've.condPart': '规则 {n} 条件 {k}：{part}', 've.removeCond': '删除规则 {n} 的条件 {k}', 've.removeCondTitle': '删除条件',
    've.events': '事件', 've.addEvent': '事件', 've.where': '条件', 've.addCond': '条件', 've.addRule': '添加规则',
    've.builder': '新建虚拟事件', 've.displayZh': '显示名（中文）', 've.displayEn': '显示名（英文）',
    've.description': '说明', 've.rulesLegend': '规则——满足任一规则的事件即计入',
    've.rulesHint': '事件属于规则所列事件且满足其全部条件时，规则成立；没有条件的规则包含所列事件的全部（合并事件）。值区分大小写。',
    've.preview': '预览', 've.save': '保存', 've.saveVersion': '保存为新版本',
    've.editing': '{name} · 版本 {v}', 've.saved': '已保存 {name} 版本 {v}。',
    've.oldVersion': '当前查看的是版本 {v}，最新版本为 {cur}。保存会把此定义存为下一个版本。',
    've.changesAnswers': '保存会生成新版本：使用该事件的分析结果会随之改变（覆盖全部历史），并注明所用版本。',
    've.builderHint': '选择事件和条件，先预览匹配结果，再保存。名称保存后不能修改。',
    've.previewCount': '最近 {days} 天共 {events} 次，{persons} 人。',
    've.noMatch': '预览期间没有匹配这些规则的事件。',
    've.noMatchHint': '在实时事件流中对照最近的点击检查选择器或路径；值区分大小写。',
    've.previewDaily': '每日匹配数（最近 {days} 天）', 've.samples': '最近匹配的事件',
    've.versions': '版本历史：{name}', 've.state': '状态', 've.archived': '已归档', 've.current': '当前版本',
    've.uses': '使用虚拟事件', 've.savedOn': '（保存于 {at}）',
    'hint.invalid_definition': '请修改定义中标出的字段后重试。',
    'hint.unknown_virtual_event': '该虚拟事件已不存在（或已归档），请从列表中选择。',
    'hint.virtual_event_exists': '已有同名虚拟事件：请从列表打开它并保存为新版本。',
    'hint.name_taken': '已有真实事件使用该名称，请换一个。',
    'hint.concurrent_update': '有人同时保存了该事件。请刷新后重试。',
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
  // narrowSymbol: ¥ in both languages (English would otherwise write CN¥)
  cny: (x) => (x == null ? '–' : nf({ style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(x)),
  /** A ratio with two decimals (lift, ROI as a multiple). */
  dec: (x) => (x == null ? '–' : nf({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x)),
  /** One decimal (NPS). */
  one: (x) => (x == null ? '–' : nf({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x)),
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
