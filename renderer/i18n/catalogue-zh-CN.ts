import type { Catalogue } from './catalogue-en';
import { adminZhCN } from './sections/admin';
import { attachmentZhCN } from './sections/attachment';
import { callLogZhCN } from './sections/call-log';
import { chatZhCN } from './sections/chat';
import { crmTimelineZhCN } from './sections/crm-timeline';
// ── complaints section import ──
import { complaintsZhCN } from './sections/complaints';
// ── follow-ups section import ──
import { followUpsZhCN } from './sections/follow-ups';
// ── surveys section import ──
import { surveysZhCN } from './sections/surveys';
// ── customer value section import ──
import { customerValueZhCN } from './sections/customer-value';
import { customerAnalysisZhCN } from './sections/customer-analysis';
// ── campaigns section import ──
import { campaignsZhCN } from './sections/campaigns';
// ── accounts and audit section import ──
import { auditZhCN } from './sections/audit';
// ── data protection section import ──
import { privacyZhCN } from './sections/privacy';
import { customerMergeZhCN } from './sections/customer-merge';
import { emailZhCN } from './sections/email';
import { emailAdminZhCN } from './sections/email-admin';
import { dialLinkZhCN } from './sections/dial-link';
import { phoneZhCN } from './sections/phone';
import { recordingZhCN } from './sections/recording';
import { smsZhCN } from './sections/sms';
import { monitorZhCN } from './sections/monitor';
import { reportsZhCN } from './sections/reports';
import { supervisorZhCN } from './sections/supervisor';

/** 简体中文。客户等级等用语取自本产品服务的 CRM 教材（见 DESIGN.md）。 */
export const zhCN = {
  ...callLogZhCN,
  ...chatZhCN,
  ...crmTimelineZhCN,
  // ── complaints section ──
  ...complaintsZhCN,
  // ── follow-ups section ──
  ...followUpsZhCN,
  // ── surveys section ──
  ...surveysZhCN,
  // ── customer value section ──
  ...customerValueZhCN,
  ...customerAnalysisZhCN,
  // ── campaigns section ──
  ...campaignsZhCN,
  // ── data protection section ──
  ...privacyZhCN,
  // ── accounts and audit section ──
  ...auditZhCN,
  ...customerMergeZhCN,
  ...emailZhCN,
  ...emailAdminZhCN,
  ...dialLinkZhCN,
  ...adminZhCN,
  ...attachmentZhCN,
  ...phoneZhCN,
  ...recordingZhCN,
  ...smsZhCN,
  ...monitorZhCN,
  ...reportsZhCN,
  ...supervisorZhCN,
  'app.name': 'Switchboard',
  'app.tagline': '坐席工作台',
  'app.loading': '加载中…',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.required': '请输入用户名和密码。',
  'login.expired': '登录已失效，请重新登录。',
  'login.hubUrl': '服务器地址',
  'login.hubUrlInvalid': '请输入以 http:// 或 https:// 开头的地址。',
  'login.hubChanged': '已连接到新的服务器。请重新输入密码登录。',
  'login.form': '登录表单',

  'error.bad-credentials': '用户名或密码错误。',
  'error.rate-limited': '尝试次数过多，请 {seconds} 秒后再试。',
  'error.rate-limited.minutes': '尝试次数过多，请 {minutes} 分钟后再试。',
  'error.rate-limited.later': '尝试次数过多，请稍后再试。',
  'error.token-expired': '会话已过期。',
  'error.token-invalid': '会话已失效，请重新登录。',
  'error.forbidden': '您没有执行此操作的权限。',
  'error.unknown-event': '服务器无法识别此请求（版本可能不一致）。',
  'error.invalid-payload': '服务器认为提交的数据无效。',
  'error.not-found': '该记录在服务器上已不存在。',
  'error.cursor-ahead': '本地缓存来自另一台服务器，正在重建。',
  'error.conflict': '与服务器上的现有数据冲突。',
  'error.too-large': '超出服务器允许的大小。',
  'error.unsupported-type': '不支持此文件类型。',
  'error.gone': '该文件已按保留策略或应客户要求删除。',
  'error.internal': '服务器内部错误。',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.bad-answer': '服务器返回了本机无法识别的应答。',
  'error.out-of-sync': '同步无法继续。',

  'header.agent': '当前用户：{name}',
  'header.logout': '退出登录',
  'header.language': '语言',
  'header.logoutPending': '还有 {count} 项修改尚未发送到服务器，将在您下次在本机登录时发送。仍要退出吗？',

  'role.agent': '坐席',
  'role.supervisor': '班长',
  'role.admin': '管理员',

  'status.label': '连接状态',
  'status.connecting': '正在连接…',
  'status.syncing': '正在同步… {percent}%',
  'status.online': '在线',
  'status.onlinePending': '在线 — 正在发送 {count} 项修改',
  'status.offline': '离线',
  'status.offlinePending': '离线 — {count} 项修改等待发送',

  'search.label': '搜索客户',
  'search.placeholder': '姓名、客户编号、电话或邮箱',
  'search.results': '搜索结果',
  'search.count': '{count} 位客户',
  'search.countCapped': '显示前 {count} 位',
  'search.none': '没有与“{query}”匹配的客户。',

  'recent.title': '最近查看',
  'recent.empty': '您打开过的客户会显示在这里。',

  'workspace.empty': '请搜索客户，或从最近查看中选择。',
  'workspace.missing': '本地缓存中没有该客户。',
  'workspace.main': '客户档案',
  'workspace.sidebar': '客户搜索',

  'customer.archive': '客户档案',
  'customer.number': '客户编号',
  'customer.company': '公司',
  'customer.noCompany': '无公司',
  'customer.tags': '标签',
  'customer.noTags': '暂无标签',
  'customer.tier': '客户等级',
  'customer.since': '建档日期：{date}',
  'customer.identities': '联系方式',
  'customer.noIdentities': '暂无电话或邮箱。',

  'tier.vip': '重要客户',
  'tier.key': '次要客户',
  'tier.ordinary': '普通客户',
  'tier.small': '小客户',

  'identity.phone': '电话',
  'identity.email': '邮箱',
  'identity.visitor': '访客',
  'identity.remove': '删除 {value}',
  'identity.add': '添加',
  'identity.addTitle': '添加联系方式',
  'identity.kind': '类型',
  'identity.value': '电话号码或邮箱地址',
  'identity.invalid.phone': '这不是可拨打的电话号码。',
  'identity.invalid.email': '这不是有效的邮箱地址。',
  'identity.invalid.visitor': '请输入访客编号。',
  'identity.duplicate': '该客户已有此联系方式。',

  'profile.edit': '编辑档案',
  'profile.editTitle': '编辑客户档案',
  'profile.save': '保存',
  'profile.cancel': '取消',
  'profile.name': '姓名',
  'profile.company': '公司',
  'profile.tags': '标签（用逗号分隔）',
  'profile.nameRequired': '请输入姓名。',
  'profile.noChange': '没有修改。',
  'profile.invalid': '请检查以下内容：{detail}',

  'note.label': '新备注',
  'note.placeholder': '为时间线添加一条备注…',
  'note.submit': '添加备注',
  'note.empty': '请先填写备注内容。',

  'timeline.title': '互动时间线',
  'timeline.count': '{count} 条互动记录',
  'timeline.empty': '暂无互动记录。',
  'timeline.loading': '加载中…',
  'timeline.loadingOlder': '正在加载更早的记录…',
  'timeline.olderOffline': '联网后可加载更早的记录。',
  'timeline.olderError': '未能加载更早的记录。',
  'timeline.retry': '重试',
  'timeline.end': '已到最早的记录',
  'timeline.expand': '展开详情',
  'timeline.collapse': '收起详情',
  'timeline.pending': '等待发送',

  'channel.call': '电话',
  'channel.email': '邮件',
  'channel.chat': '在线咨询',
  'channel.sms': '短信',
  'channel.video': '视频通话',
  'channel.note': '备注',
  'channel.order': '订单',

  'direction.voice.inbound': '呼入',
  'direction.voice.outbound': '呼出',
  'direction.message.inbound': '收到',
  'direction.message.outbound': '发出',

  'disposition.resolved': '已解决',
  'disposition.info-given': '已答复咨询',
  'disposition.callback-requested': '需回电',
  'disposition.escalated': '已升级处理',
  'disposition.sale': '已成交',
  'disposition.complaint-logged': '已登记投诉',
  'disposition.no-answer': '未接通',
  'disposition.voicemail': '语音留言',

  'detail.from': '发自',
  'detail.to': '发往',
  'detail.subject': '主题',
  'detail.noSubject': '（无主题）',
  'detail.duration': '通话时长',
  'detail.disposition': '处理结果',
  'detail.noDisposition': '未填写处理结果',
  'detail.attachments': '附件',
  'detail.orderNo': '订单号',
  'detail.amount': '金额',
  'detail.items': '商品',
  'detail.messages': '{count} 条消息',
  'detail.speaker.customer': '客户',
  'detail.speaker.agent': '坐席',
  'detail.speaker.system': '系统消息',

  'notice.region': '通知',
  'notice.dismiss': '关闭',
  'notice.rejected': '服务器拒绝了{what}：{reason}',
  'notice.rejectedTitle': '修改被拒绝',
  'notice.hubSaid': '服务器说明：{message}',
  'notice.syncError': '同步出现问题：{reason}',

  'mutation.interaction.addNote': '您的备注',
  'mutation.customer.update': '档案修改',
  'mutation.customer.addIdentity': '新增的联系方式',
  'mutation.customer.removeIdentity': '删除联系方式的操作',
  'agentState.label': '接单状态',
  'agentState.available': '就绪',
  'agentState.away': '离开 — {reason}',
  'agentState.offline': '下线',
  'agentState.wrapUp': '话后处理',
  'agentState.unknown': '未加载',
  'agentState.timeInState': '已持续 {time}',
  'away.break': '小休',
  'away.lunch': '午餐',
  'away.training': '培训',
  'away.meeting': '会议',
  'away.missed-offers': '未接任务过多',

  'routing.paused': '派单已暂停：未连接服务器，不会收到新任务。收件箱显示的是最后已知的情况。',
  'routing.needsHub': '需要连接服务器',
  'routing.refusedTitle': '操作被拒绝',
  'routing.refused': '{what}未完成：{reason}',
  'routingAction.accept': '接受任务',
  'routingAction.decline': '拒绝任务',
  'routingAction.complete': '结束任务',
  'routingAction.wrapup': '完成话后处理',
  'routingAction.transfer': '转接任务',
  'routingAction.directory': '加载同事和队列',
  'routingAction.setState': '切换状态',
  'routingAction.desk': '加载任务',

  'inbox.title': '我的任务',
  'inbox.empty': '暂无任务，新任务会在这里提醒。',
  'inbox.count': { one: '{count} 个任务', other: '{count} 个任务' },
  'inbox.unknownCustomer': '未识别客户',
  'inbox.wait': '等待 {time}',
  'inbox.handle': '处理 {time}',
  'inbox.wrapTime': '话后 {time}',
  'taskStatus.offered': '振铃中',
  'taskStatus.assigned': '处理中',
  'taskStatus.wrap-up': '话后处理',
  'sla.ok': '服务水平内',
  'sla.warn': '超出服务水平',
  'sla.breach': '超过最长等待时间',
  'task.complete': '结束',
  'task.completeHint': '结束沟通并进入话后处理',
  'task.transfer': '转接',
  'task.transferHint': '将此任务转给队列或同事',

  'transfer.title': '转接',
  'transfer.toQueue': '转接到队列',
  'transfer.toAgent': '转接给同事',
  'transfer.queue': '队列',
  'transfer.currentQueue': '{name}（当前）',
  'transfer.agent': '同事',
  'transfer.agentUnavailable': '{name} — {state}',
  'transfer.away': '离开',
  'transfer.loadFailed': '无法加载同事和队列。',
  'transfer.cancel': '取消',
  'transfer.submit': '确认转接',

  'wrapup.title': '话后处理',
  'wrapup.disposition': '处理结果',
  'wrapup.choose': '请选择…',
  'wrapup.note': '备注（可选）',
  'wrapup.submit': '完成话后处理',
  'wrapup.required': '请选择处理结果。',

  'offer.region': '新任务',
  'offer.title': '新任务 · {channel}',
  'offer.accept': '接受',
  'offer.decline': '拒绝',
  'offer.expiresIn': '{time} 后过期',
  'offer.notifyTitle': '您有新{channel}',
  'offer.endedTitle': '任务已结束振铃',
  'offer.ended.expired': '任务“{subject}”未及时接听，已退回队列。',
  'offer.ended.withdrawn': '任务“{subject}”已被撤回。',
} as const satisfies Catalogue;
