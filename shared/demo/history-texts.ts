/**
 * What customers and agents say, in the customer's language. Short pools are
 * enough: the demo is about volume and shape, not prose.
 */
export type Locale = 'zh' | 'en';

export type EmailTopic = { subject: string; ask: string; reply: string };

export const EMAIL_TOPICS: Record<Locale, readonly EmailTopic[]> = {
  zh: [
    { subject: '订单发货咨询', ask: '请问我上周下的订单什么时候可以发货？', reply: '您的订单已于今日发出，预计两到三天送达。' },
    { subject: '发票申请', ask: '麻烦帮我开具上个月订单的增值税专用发票。', reply: '发票已开具，将通过快递寄出，请注意查收。' },
    { subject: '退换货申请', ask: '收到的商品有破损，想申请换货。', reply: '非常抱歉，已为您安排换货，快递员明天上门取件。' },
    { subject: '账户信息变更', ask: '我的收货地址变了，请帮我更新一下。', reply: '您的收货地址已更新。' },
    { subject: '关于上次通话的跟进', ask: '上次电话里说会回复我，现在有结果了吗？', reply: '经核实，问题已解决，感谢您的耐心等待。' },
    { subject: '投诉：配送延迟', ask: '订单已经延迟一周还没有收到，非常不满意。', reply: '对此深表歉意，我们已加急处理并为您补偿积分。' },
  ],
  en: [
    { subject: 'Where is my order?', ask: 'I placed an order last week and have not heard anything since.', reply: 'Your order left our warehouse today and should arrive within 2–3 days.' },
    { subject: 'Invoice request', ask: 'Could you send me a VAT invoice for last month’s order?', reply: 'The invoice is attached to this email.' },
    { subject: 'Return request', ask: 'The item arrived damaged. I would like a replacement.', reply: 'Sorry about that — a courier will collect it tomorrow and a replacement is on its way.' },
    { subject: 'Change of address', ask: 'I have moved; please update my delivery address.', reply: 'Your delivery address has been updated.' },
    { subject: 'Following up on our call', ask: 'You said you would get back to me — any news?', reply: 'We have looked into it and the issue is now resolved. Thank you for your patience.' },
    { subject: 'Complaint: late delivery', ask: 'My order is a week late. This is not acceptable.', reply: 'We apologise. The order has been expedited and loyalty points added to your account.' },
  ],
};

export const GREETING: Record<Locale, (name: string) => string> = {
  zh: (name) => `${name}，您好：`,
  en: (name) => `Dear ${name},`,
};

export const SIGN_OFF: Record<Locale, string> = {
  zh: '祝好！\n客户服务中心',
  en: 'Kind regards,\nCustomer Service',
};

export const CHAT_LINES: Record<Locale, { customer: readonly string[]; agent: readonly string[] }> = {
  zh: {
    customer: ['你好，在吗？', '我想查一下订单状态。', '订单号我发给你了。', '大概什么时候能到？', '好的，谢谢！', '可以开发票吗？', '积分怎么用？'],
    agent: ['您好，很高兴为您服务。', '请提供一下订单号。', '稍等，我帮您查询。', '已经发货了，预计明天送达。', '还有其他可以帮您的吗？', '可以的，已为您登记。'],
  },
  en: {
    customer: ['Hi, is anyone there?', 'I’d like to check my order status.', 'Here is my order number.', 'When will it arrive?', 'Great, thanks!', 'Can I get an invoice?', 'How do I use my points?'],
    agent: ['Hello, happy to help.', 'Could you share your order number?', 'One moment while I check.', 'It has shipped and should arrive tomorrow.', 'Is there anything else I can help with?', 'Done — I have noted that for you.'],
  },
};

export const SMS_OUTBOUND: Record<Locale, readonly string[]> = {
  zh: ['【客服中心】您的订单已发货，请注意查收。', '【客服中心】您预约的回访时间为明天上午10点。', '【客服中心】感谢您的来电，请对本次服务进行评价：回复1-5。', '【客服中心】您有积分即将到期，请及时使用。'],
  en: ['Your order has shipped. Track it in your account.', 'Reminder: we will call you back tomorrow at 10:00.', 'Thanks for calling. How did we do? Reply 1–5.', 'Some of your loyalty points expire soon.'],
};

export const SMS_INBOUND: Record<Locale, readonly string[]> = {
  zh: ['好的，谢谢', '5', '请给我回个电话', '收到', '明天上午不方便，改到下午可以吗？'],
  en: ['Thanks!', '5', 'Please call me back', 'OK', 'Tomorrow morning doesn’t suit, can we do the afternoon?'],
};

export const NOTES: Record<Locale, readonly string[]> = {
  zh: ['客户来电询问发票，已告知三个工作日内寄出。', '客户偏好下午六点后联系。', '已登记投诉，转交物流部门处理。', '回访：客户对处理结果满意。', '客户希望升级为会员。', '重要客户，优先处理。'],
  en: ['Asked about an invoice; told them it goes out within three working days.', 'Prefers to be called after 6pm.', 'Complaint logged and passed to logistics.', 'Return visit: customer happy with the outcome.', 'Interested in the membership programme.', 'Key account — handle with priority.'],
};

export const ORDER_ITEMS: Record<Locale, readonly string[]> = {
  zh: ['办公椅', '台灯', '打印纸', '墨盒', '显示器', '机械键盘', '无线鼠标', '路由器', '茶叶礼盒', '保温杯'],
  en: ['Office chair', 'Desk lamp', 'Printer paper', 'Ink cartridge', 'Monitor', 'Keyboard', 'Wireless mouse', 'Router', 'Tea gift box', 'Travel mug'],
};

export const ANSWERED_DISPOSITIONS = ['resolved', 'info-given', 'callback-requested', 'escalated', 'sale', 'complaint-logged'] as const;
export const MISSED_DISPOSITIONS = ['no-answer', 'voicemail'] as const;

export const ATTACHMENTS = [
  { name: 'invoice.pdf', mimeType: 'application/pdf' },
  { name: 'photo.jpg', mimeType: 'image/jpeg' },
  { name: 'receipt.png', mimeType: 'image/png' },
] as const;

export const TAGS: Record<Locale, readonly string[]> = {
  zh: ['回头客', '批发', '会员', '生日关怀', '投诉跟进', '偏好电话', '企业客户', '积分活跃'],
  en: ['repeat-buyer', 'wholesale', 'member', 'newsletter', 'prefers-email', 'prefers-phone', 'b2b', 'late-payer'],
};
