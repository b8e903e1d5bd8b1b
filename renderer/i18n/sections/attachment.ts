import type { Message } from '../message';

/** Files on the timeline (any channel's attachments from the hub's store). Keys start with `attachment.`. */
export const attachmentEn = {
  'attachment.loading': 'Loading {name}…',
  'attachment.failed': '{name} could not be loaded from the hub.',
  'attachment.image': 'Picture {name}',
  'attachment.download': 'Download',
  'attachment.downloadName': 'Download {name} ({size})',
} as const satisfies Record<string, Message>;

export const attachmentZhCN = {
  'attachment.loading': '正在加载 {name}…',
  'attachment.failed': '无法从服务器加载 {name}。',
  'attachment.image': '图片 {name}',
  'attachment.download': '下载',
  'attachment.downloadName': '下载 {name}（{size}）',
} as const satisfies { readonly [K in keyof typeof attachmentEn]: Message };
