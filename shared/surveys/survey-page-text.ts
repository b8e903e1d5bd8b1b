import type { SurveyLocale } from './survey-rules';

/**
 * The words of the survey page the hub serves to customers (who have no
 * desktop and no catalogue) and of the mail's subject, in both languages.
 */
export type SurveyPageText = {
  lang: string;
  title: string;
  intro: string;
  csatLegend: string;
  csatLabels: readonly [string, string, string, string, string];
  npsLegend: string;
  npsLow: string;
  npsHigh: string;
  commentLabel: string;
  submit: string;
  thanksTitle: string;
  thanks: string;
  answeredTitle: string;
  answered: string;
  expiredTitle: string;
  expired: string;
  invalidTitle: string;
  invalid: string;
  badAnswerTitle: string;
  badAnswer: string;
  rateLimited: string;
  mailSubject: string;
};

const EN: SurveyPageText = {
  lang: 'en',
  title: 'How did we do?',
  intro: 'Thank you for contacting us. Your answer helps us serve you better.',
  csatLegend: 'How satisfied are you with the help you received?',
  csatLabels: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  npsLegend: 'How likely are you to recommend us to a friend or colleague?',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  commentLabel: 'Anything you would like to tell us? (optional)',
  submit: 'Send',
  thanksTitle: 'Thank you!',
  thanks: 'Your answer has been received.',
  answeredTitle: 'Already answered',
  answered: 'This survey has already been answered — thank you.',
  expiredTitle: 'This survey has closed',
  expired: 'This survey link has expired. Thank you all the same.',
  invalidTitle: 'Not a valid survey link',
  invalid: 'This is not a valid survey link. Please check that the whole link was copied.',
  badAnswerTitle: 'Please check your answer',
  badAnswer: 'Please choose a score from 1 to 5 (and 0 to 10 for the second question).',
  rateLimited: 'Too many attempts from this address; please try again in a minute.',
  mailSubject: 'How did we do? A one-minute survey',
};

const ZH: SurveyPageText = {
  lang: 'zh-CN',
  title: '满意度调查',
  intro: '感谢您联系我们，您的评价将帮助我们改进服务。',
  csatLegend: '您对本次服务的满意程度如何？',
  csatLabels: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  npsLegend: '您有多大可能向朋友或同事推荐我们？',
  npsLow: '完全不可能',
  npsHigh: '非常可能',
  commentLabel: '还有什么想告诉我们的吗？（选填）',
  submit: '提交',
  thanksTitle: '谢谢！',
  thanks: '我们已收到您的评价。',
  answeredTitle: '已评价',
  answered: '此调查已经提交过了，谢谢您。',
  expiredTitle: '调查已结束',
  expired: '此调查链接已过期，仍然感谢您的支持。',
  invalidTitle: '无效的调查链接',
  invalid: '这不是有效的调查链接，请确认链接是否完整。',
  badAnswerTitle: '请检查您的评价',
  badAnswer: '请选择 1 到 5 分（第二题为 0 到 10 分）。',
  rateLimited: '此地址尝试次数过多，请一分钟后再试。',
  mailSubject: '满意度调查：请为本次服务评分',
};

export const surveyPageText = (locale: SurveyLocale): SurveyPageText => (locale === 'zh-CN' ? ZH : EN);
