import type { Message } from '../message';

/** Possible duplicates on the customer profile, the merge dialog, and the merge's audit note. Keys start with `merge.` (and the outbox's `mutation.customer.merge`). */
export const customerMergeEn = {
  'mutation.customer.merge': 'the customer merge',
  'merge.title': 'Possible duplicates',
  'merge.none': 'No likely duplicates among the customers on this desktop.',
  'merge.score': '{score}% alike',
  'merge.reason.same-phone': 'Same phone {value}',
  'merge.reason.same-email': 'Same email {value}',
  'merge.reason.same-name': 'Same name',
  'merge.reason.similar-name': 'Similar name',
  'merge.open': 'Open',
  'merge.merge': 'Merge…',
  'merge.dialogTitle': 'Merge two customers',
  'merge.keep': 'Keep this one',
  'merge.explain':
    'Everything of the other customer — contact details, timeline, open tasks, chats, emails and texts — moves to the one you keep, and the other record is removed. A note on the timeline records the merge.',
  'merge.offline': 'You are offline: the merge is queued and is sent when the hub can be reached.',
  'merge.cancel': 'Cancel',
  'merge.confirm': 'Merge into {number}',
  'merge.pending': {
    one: 'Merging 1 customer into this one: their history appears here once the hub has it.',
    other: 'Merging {count} customers into this one: their history appears here once the hub has it.',
  },
  'merge.audit': 'Merged customer {number} {name} into this customer',
} as const satisfies Record<string, Message>;

export const customerMergeZhCN = {
  'mutation.customer.merge': '客户合并',
  'merge.title': '可能重复的客户',
  'merge.none': '本机缓存的客户中没有疑似重复的客户。',
  'merge.score': '相似度 {score}%',
  'merge.reason.same-phone': '电话相同 {value}',
  'merge.reason.same-email': '邮箱相同 {value}',
  'merge.reason.same-name': '姓名相同',
  'merge.reason.similar-name': '姓名相近',
  'merge.open': '打开',
  'merge.merge': '合并…',
  'merge.dialogTitle': '合并两位客户',
  'merge.keep': '保留此客户',
  'merge.explain': '另一位客户的全部信息——联系方式、时间线、未完成的任务、在线会话、邮件和短信——都会移到保留的客户名下，另一条记录将被删除。时间线上会留下一条合并记录。',
  'merge.offline': '当前离线：合并已排队，连接到服务器后发送。',
  'merge.cancel': '取消',
  'merge.confirm': '合并到 {number}',
  'merge.pending': {
    one: '正在将 1 位客户合并到此客户：服务器处理后，其历史记录会显示在这里。',
    other: '正在将 {count} 位客户合并到此客户：服务器处理后，其历史记录会显示在这里。',
  },
  'merge.audit': '已将客户 {number} {name} 合并到此客户',
} as const satisfies { readonly [K in keyof typeof customerMergeEn]: Message };
