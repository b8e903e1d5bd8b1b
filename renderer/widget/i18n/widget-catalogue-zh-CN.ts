import type { Message } from '../../i18n/message';
import type { WidgetTextKey } from './widget-catalogue-en';

/** 简体中文. Typed against the English keys, so a missing or extra key does not compile. */
export const widgetZhCN: Record<WidgetTextKey, Message> = {
  'launcher.open': '在线咨询',
  'launcher.close': '关闭聊天',
  'launcher.unread': { one: '{count} 条新消息', other: '{count} 条新消息' },
  'frame.title': '在线咨询',

  'header.title': '在线咨询',
  'header.waiting': '客服马上就来',
  'header.active': '{agent} 正在为您服务',
  'header.ended': '本次对话已结束',
  'header.minimise': '最小化',
  'header.leave': '结束对话',
  'leave.confirm': '确定结束本次对话吗？',
  'leave.yes': '结束对话',
  'leave.no': '继续聊天',

  'form.intro': '请留下您的信息，我们将为您接通下一位空闲的客服。',
  'form.name': '您的称呼',
  'form.email': '电子邮箱',
  'form.optional': '（选填）',
  'form.start': '开始对话',
  'form.starting': '正在连接…',
  'form.nameRequired': '请填写您的称呼。',
  'form.emailRequired': '请填写电子邮箱。',
  'form.emailInvalid': '电子邮箱格式不正确。',

  'closed.title': '当前为非工作时间',
  'closed.nextOpen': '我们将于 {when} 恢复服务。',
  'closed.dayTime': '{day} {time}',
  'closed.later': '请在工作时间再来咨询。',

  'queue.position': '您当前排在第 {position} 位。',
  'queue.positionClosed': '当前为非工作时间。您排在第 {position} 位，我们上班后会第一时间回复您。',
  'chat.typing': '{agent} 正在输入…',
  'chat.typingAnonymous': '对方正在输入…',
  'chat.you': '我',
  'chat.log': '对话记录',

  'tick.sending': '发送中…',
  'tick.sent': '已发送',
  'tick.delivered': '已送达',
  'tick.read': '已读',
  'line.failed': '未发送。',
  'line.retry': '重试',

  'composer.label': '您的消息',
  'composer.placeholder': '请输入消息…',
  'composer.send': '发送',
  'composer.attach': '发送图片或文件',
  'composer.uploading': '正在上传 {name}…',

  'upload.tooLarge': '“{name}”超过 {limit}，请发送较小的文件。',
  'upload.unsupported': '无法发送“{name}”：只能发送图片（PNG、JPEG、GIF、WebP）、PDF 和文本文件。',
  'upload.empty': '“{name}”是空文件。',

  'ended.visitor-left': '您已结束本次对话，感谢您的咨询！',
  'ended.agent-ended': '本次对话已结束，感谢您的咨询！',
  'ended.agent-ended.named': '{agent} 已结束本次对话，感谢您的咨询！',
  'ended.max-wait': '抱歉，客服仍然繁忙。请留下电子邮箱或电话，我们会尽快联系您。',
  'ended.closed': '我们今天已下班。请留下电子邮箱或电话，我们会尽快联系您。',
  'ended.newChat': '开始新的对话',

  'contact.email': '电子邮箱',
  'contact.phone': '电话',
  'contact.send': '提交',
  'contact.needOne': '请填写电子邮箱或电话。',
  'contact.thanks': '谢谢！我们会尽快与您联系。',

  'status.loading': '加载中…',
  'status.reconnecting': '连接中断，正在重新连接…',
  'status.previousEnded': '您之前的对话已过期，可以开始新的对话。',
  'status.retry': '重试',

  'error.rate-limited': '您发送得太快了，请等待 {seconds} 秒。',
  'error.rate-limited.later': '您发送得太快了，请稍候。',
  'error.too-large': '内容过大，无法发送。',
  'error.unsupported-type': '不支持发送此类文件。',
  'error.forbidden': '此网站不能使用本聊天服务。',
  'error.not-found': '此聊天服务暂不可用。',
  'error.conflict': '本次对话已结束。',
  'error.invalid-payload': '请检查您填写的内容。',
  'error.session': '您的聊天会话已过期。',
  'error.network': '无法连接客服系统，请检查网络后重试。',
  'error.internal': '系统出了点问题，请重试。',
};
