import type { Message } from '../message';

/**
 * The words complaints, follow-ups and surveys share between the timeline and
 * their own screens: channel names, complaint statuses and steps, follow-up
 * kinds and outcomes, survey answers.
 */
export const crmTimelineEn = {
  'channel.complaint': 'Complaint',
  'channel.follow-up': 'Follow-up',
  'channel.survey': 'Survey',

  'complaint.status.new': 'New',
  'complaint.status.acknowledged': 'Acknowledged',
  'complaint.status.investigating': 'Investigating',
  'complaint.status.resolved': 'Resolved',
  'complaint.status.closed': 'Closed',

  'complaint.step.logged': 'Complaint logged',
  'complaint.step.acknowledge': 'Acknowledged',
  'complaint.step.investigate': 'Investigation started',
  'complaint.step.await-customer': 'Waiting on the customer',
  'complaint.step.customer-replied': 'Customer replied',
  'complaint.step.resolve': 'Resolved',
  'complaint.step.close': 'Closed',
  'complaint.step.reopen': 'Reopened',
  'complaint.step.assign': 'Reassigned',
  'complaint.step.escalated': 'Escalated',
  'complaint.step.customer-told': 'Customer informed',
  'complaint.openRecord': 'Open the complaint',

  'followUp.kind.callback': 'Callback',
  'followUp.kind.return-visit': 'Return visit',
  'followUp.kind.renewal': 'Renewal',
  'followUp.kind.survey': 'Satisfaction check',
  'followUp.kind.complaint-check': 'After-complaint check',
  'followUp.kind.welcome': 'Welcome call',
  'followUp.kind.retention': 'Retention call',

  'followUp.outcome.scheduled': 'Scheduled',
  'followUp.outcome.reached': 'Reached',
  'followUp.outcome.no-answer': 'No answer',
  'followUp.outcome.rescheduled': 'Rescheduled',
  'followUp.outcome.cancelled': 'Cancelled',
  'followUp.due': 'Due',

  'survey.csat': 'Satisfaction {score}/5',
  'survey.nps': 'Would recommend {score}/10',
  'survey.comment': 'Comment',
  'survey.about.task': 'About a contact',
  'survey.about.complaint': 'About a complaint',
} as const satisfies Record<string, Message>;

export const crmTimelineZhCN = {
  'channel.complaint': '投诉',
  'channel.follow-up': '回访',
  'channel.survey': '满意度调查',

  'complaint.status.new': '新建',
  'complaint.status.acknowledged': '已受理',
  'complaint.status.investigating': '调查中',
  'complaint.status.resolved': '已解决',
  'complaint.status.closed': '已关闭',

  'complaint.step.logged': '登记投诉',
  'complaint.step.acknowledge': '已受理',
  'complaint.step.investigate': '开始调查',
  'complaint.step.await-customer': '等待客户答复',
  'complaint.step.customer-replied': '客户已答复',
  'complaint.step.resolve': '已解决',
  'complaint.step.close': '已关闭',
  'complaint.step.reopen': '重新打开',
  'complaint.step.assign': '改派',
  'complaint.step.escalated': '已升级',
  'complaint.step.customer-told': '已通知客户',
  'complaint.openRecord': '查看投诉',

  'followUp.kind.callback': '回电',
  'followUp.kind.return-visit': '回访',
  'followUp.kind.renewal': '续约提醒',
  'followUp.kind.survey': '满意度回访',
  'followUp.kind.complaint-check': '投诉后回访',
  'followUp.kind.welcome': '欢迎来电',
  'followUp.kind.retention': '挽留来电',

  'followUp.outcome.scheduled': '已安排',
  'followUp.outcome.reached': '已联系上',
  'followUp.outcome.no-answer': '无人接听',
  'followUp.outcome.rescheduled': '已改期',
  'followUp.outcome.cancelled': '已取消',
  'followUp.due': '到期时间',

  'survey.csat': '满意度 {score}/5',
  'survey.nps': '推荐意愿 {score}/10',
  'survey.comment': '评价',
  'survey.about.task': '针对一次联系',
  'survey.about.complaint': '针对一次投诉',
} as const satisfies { readonly [K in keyof typeof crmTimelineEn]: Message };
