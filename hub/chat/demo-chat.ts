import { demoUlid } from '../../shared/demo/demo-ulid';
import { createRandom } from '../../shared/demo/prng';
import type { CannedResponse, ChatWidget } from '../../shared/domain/chat';
import type { SeedConfig } from '../config';
import { listWidgets, saveCanned, saveWidget } from '../db/chat-queries';
import type { Queryable } from '../db/schema';
import type { Logger } from '../log';
import { demoQueues } from '../routing/demo-routing';

/** The demo shop's widget, chatting into the General queue. */
export function demoWidget(): ChatWidget {
  const [general] = demoQueues();
  if (!general) throw new Error('the demo has no queues');
  return {
    id: 'demo',
    name: 'Blue Harbour Tea / 蓝港茶业',
    queueId: general.id,
    askName: 'optional',
    askEmail: 'optional',
    greeting: 'Hello! How can we help you today? / 您好！请问有什么可以帮您？',
    closedMessage: 'We are closed right now. Leave a message and we will get back to you. / 现在是非营业时间，请留言，我们会尽快回复。',
    maxWaitMessage:
      'Sorry, all our agents are busy. We have noted your question and will contact you soon. / 抱歉，客服繁忙。我们已记录您的问题，会尽快联系您。',
    followUpQueueId: null,
    allowedOrigins: [],
    // The demo shop shows "Call us" and "Video call" (they ring the General queue's number, sip:support).
    calls: true,
  };
}

const REPLIES: [string, string, string][] = [
  ['hello', 'Greeting / 问候', 'Hello, this is Blue Harbour Tea customer service. How can I help? / 您好，这里是蓝港茶业客服，请问有什么可以帮您？'],
  ['wait', 'Please wait / 请稍候', 'Let me check that for you, one moment please. / 我帮您查一下，请稍候。'],
  ['order', 'Order number / 订单号', 'Could you tell me your order number? / 请提供您的订单号。'],
  ['bye', 'Goodbye / 结束语', 'Thank you for contacting us. Have a nice day! / 感谢您的咨询，祝您生活愉快！'],
];

/** Shared replies every demo agent can insert with /hello, /wait, /order, /bye. */
export function demoReplies(now: number): CannedResponse[] {
  const random = createRandom(20_240_303);
  const since = Date.UTC(2024, 2, 3);
  return REPLIES.map(([shortcut, title, text], index) => ({ id: demoUlid(since + index, random.next), ownerId: null, shortcut, title, text, updatedAt: now }));
}

/** The demo widget and shared replies, only into a store that has no widget yet. */
export async function seedChatIfEmpty(db: Queryable, settings: SeedConfig, now: number, log: Logger): Promise<void> {
  if (!settings.enabled || (await listWidgets(db)).length > 0) return;
  await saveWidget(db, demoWidget());
  for (const reply of demoReplies(now)) await saveCanned(db, reply);
  log.info('demo chat widget and shared replies seeded');
}
