/**
 * What the hub writes into a mail's `problems` and a quarantine entry's
 * reason. They are stored with the mail and shown as written to agents and
 * administrators of either language, so each says it in English and Chinese
 * (as the hub's other stored texts do: dispositions, widget greetings).
 */
const both = (english: string, chinese: string): string => `${english} / ${chinese}`;

export const notes = {
  unknownCharset: (label: string) => both(`Unknown charset "${label}": that text was read as best it could be.`, `未知字符集“${label}”：该部分文字已尽量读取。`),
  badBytes: () => both('Some text was not valid in the charset it was labelled with; unreadable characters are shown as �.', '部分文字与标注的字符集不符，无法读取的字符显示为 �。'),
  missingBoundary: (boundary: string) => both(`The MIME boundary "${boundary}" never appears: the body is kept as raw text.`, `MIME 分隔符“${boundary}”未出现：正文按原文保留。`),
  unclosedPart: (boundary: string) => both(`The MIME part "${boundary}" is never closed: the mail may have been cut short.`, `MIME 部分“${boundary}”没有结束：邮件可能不完整。`),
  htmlToText: () => both('The HTML body could not be turned into plain text.', 'HTML 正文无法转换为纯文本。'),
  cut: (what: 'text' | 'html' | 'subject', max: number) =>
    both(`The ${what === 'html' ? 'HTML body' : what === 'text' ? 'text body' : 'subject'} was longer than ${max} characters and was cut.`, `${what === 'html' ? 'HTML 正文' : what === 'text' ? '正文' : '主题'}超过 ${max} 个字符，已截断。`),
  tooManyRecipients: (max: number) => both(`Only the first ${max} recipients of each list are kept.`, `每个收件人列表只保留前 ${max} 个。`),
  tooManyAttachments: (count: number, max: number) => both(`The mail has ${count} attachments; only the first ${max} are kept.`, `邮件有 ${count} 个附件，只保留前 ${max} 个。`),
  noMessageId: () => both('The mail had no Message-ID; the hub made one.', '邮件没有 Message-ID，系统已生成一个。'),
  reusedMessageId: (id: string) => both(`The mail reused the Message-ID <${id}> of another mail; the hub gave it its own.`, `邮件重复使用了另一封邮件的 Message-ID <${id}>，系统已另行编号。`),
  attachmentOverLimit: (name: string, size: number, max: number) =>
    both(`The attachment "${name}" (${size} bytes) is over the ${max}-byte limit and was not kept.`, `附件“${name}”（${size} 字节）超过 ${max} 字节上限，未保存。`),
  emptyAttachment: (name: string) => both(`The attachment "${name}" is empty.`, `附件“${name}”是空文件。`),
  // Quarantine reasons.
  unreadable: (detail: string) => both(`The mail's MIME structure could not be read: ${detail}.`, `邮件的 MIME 结构无法读取：${detail}。`),
  overMessageLimit: (max: number) => both(`Larger than the ${max}-byte message limit.`, `超过 ${max} 字节的邮件大小上限。`),
  noMailbox: () => both('No configured mailbox is among its recipients.', '收件人中没有已配置的邮箱。'),
  noSender: () => both('It has no readable sender address to answer.', '没有可回复的发件人地址。'),
  customerGone: () => both("The sender's address belongs to a customer that no longer exists.", '发件人地址所属的客户已不存在。'),
};
