import type { Message } from '../message';

/**
 * A call as the timeline shows it, and the screen pop's offers for a caller
 * the hub made a provisional customer for. Keys start with `callLog.`.
 */
export const callLogEn = {
  'callLog.outcome.answered': 'Answered',
  'callLog.outcome.missed': 'Missed',
  'callLog.outcome.abandoned': 'Abandoned',
  'callLog.outcome.released': 'Released to a callback',
  'callLog.outcome.declined': 'Declined',
  'callLog.outcome': 'Outcome',
  'callLog.queue': 'Queue',
  'callLog.agent': 'Agent',
  'callLog.wait': 'Wait',
  'callLog.talk': 'Talk',
  'callLog.hold': 'Hold',
  'callLog.notes': 'Wrap-up notes',
  'callLog.callId': 'SIP Call-ID',
  'callLog.summary.wait': 'waited {time}',
  'callLog.summary.hold': 'on hold {time}',
  'callLog.pop.provisional': 'New caller — saved as provisional customer {number}.',
  'callLog.pop.saveNew': 'Save as new customer',
  'callLog.pop.link': 'Link to existing customer',
  'callLog.pop.linkSearch': 'Name, number or customer number',
  'callLog.pop.linkTo': 'Link to {name}',
  'callLog.pop.linkNone': 'No other customer matches.',
  'callLog.pop.linked': 'Linked to {name}: the call is on their timeline.',
  'callLog.pop.cancel': 'Cancel',
} as const satisfies Record<`callLog.${string}`, Message>;

export const callLogZhCN = {
  'callLog.outcome.answered': '已接听',
  'callLog.outcome.missed': '未接',
  'callLog.outcome.abandoned': '放弃（来电方挂断）',
  'callLog.outcome.released': '转为回呼',
  'callLog.outcome.declined': '已拒接',
  'callLog.outcome': '结果',
  'callLog.queue': '队列',
  'callLog.agent': '坐席',
  'callLog.wait': '等待',
  'callLog.talk': '通话',
  'callLog.hold': '保持',
  'callLog.notes': '话后备注',
  'callLog.callId': 'SIP Call-ID',
  'callLog.summary.wait': '等待 {time}',
  'callLog.summary.hold': '保持 {time}',
  'callLog.pop.provisional': '新来电号码，已保存为临时客户 {number}。',
  'callLog.pop.saveNew': '保存为新客户',
  'callLog.pop.link': '关联到已有客户',
  'callLog.pop.linkSearch': '姓名、电话或客户编号',
  'callLog.pop.linkTo': '关联到 {name}',
  'callLog.pop.linkNone': '没有其他匹配的客户。',
  'callLog.pop.linked': '已关联到 {name}，这通电话已移到其时间线。',
  'callLog.pop.cancel': '取消',
} as const satisfies { readonly [K in keyof typeof callLogEn]: Message };
