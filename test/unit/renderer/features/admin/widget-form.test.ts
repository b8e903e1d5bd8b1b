import { describe, expect, it } from 'vitest';
import {
  chatQueues,
  demoPageUrl,
  draftFromWidget,
  embedSnippet,
  newWidgetDraft,
  originsFromText,
  widgetFromDraft,
} from '../../../../../renderer/features/admin/widget-form';
import type { ChatWidget } from '../../../../../shared/domain/chat';
import { EMAIL_ONLY, emailQueue, GENERAL, generalQueue } from './fixtures';

const widget: ChatWidget = {
  id: 'shop-cn',
  name: 'Shop (China)',
  queueId: GENERAL,
  askName: 'required',
  askEmail: 'optional',
  greeting: '您好！请问有什么可以帮您？',
  closedMessage: 'We are closed.',
  maxWaitMessage: 'We will email you.',
  followUpQueueId: EMAIL_ONLY,
  allowedOrigins: ['https://shop.example.cn', 'http://localhost:8080'],
};
const queues = [generalQueue, emailQueue];
const existing = { isNew: false, takenIds: ['shop-cn'], queues };
const errorsOf = (result: ReturnType<typeof widgetFromDraft>) => {
  if (result.ok) throw new Error('expected problems');
  return result.errors;
};

describe('widget form', () => {
  it('gives back the widget it was opened with', () => {
    const draft = draftFromWidget(widget);
    expect(draft.allowedOrigins).toBe('https://shop.example.cn\nhttp://localhost:8080');
    expect(widgetFromDraft(draft, existing)).toEqual({ ok: true, value: widget });
  });

  it('reads origins one per line, skipping blank lines and tidying pasted addresses', () => {
    expect(originsFromText('\nhttps://Shop.Example.com/\n  \n http://localhost:3000 \n')).toEqual({
      origins: ['https://shop.example.com', 'http://localhost:3000'],
      lines: [2, 4],
    });
  });

  it('names the line of a bad origin', () => {
    const draft = { ...draftFromWidget(widget), allowedOrigins: 'https://shop.example.cn\n\nshop.example.com/path' };
    expect(errorsOf(widgetFromDraft(draft, existing)).get('allowedOrigins')).toEqual({ kind: 'origin-line', line: 3 });
  });

  it('refuses a new widget with an id already in use; an existing one keeps its id', () => {
    const draft = draftFromWidget(widget);
    expect(errorsOf(widgetFromDraft(draft, { ...existing, isNew: true })).get('id')).toEqual({ kind: 'taken' });
    expect(widgetFromDraft(draft, existing).ok).toBe(true);
  });

  it('asks for a queue that takes chat', () => {
    const draft = draftFromWidget(widget);
    expect(errorsOf(widgetFromDraft({ ...draft, queueId: EMAIL_ONLY }, existing)).get('queueId')).toEqual({ kind: 'no-chat' });
    expect(errorsOf(widgetFromDraft({ ...draft, queueId: '' }, existing)).get('queueId')).toEqual({ kind: 'choose' });
    expect(chatQueues(queues).map((queue) => queue.id)).toEqual([GENERAL]);
  });

  it('starts a new widget with optional name and email, and asks for an id, a name and a queue', () => {
    const errors = errorsOf(widgetFromDraft(newWidgetDraft(), { isNew: true, takenIds: [], queues }));
    expect(errors.get('id')).toEqual({ kind: 'required' });
    expect(errors.get('name')).toEqual({ kind: 'required' });
    expect(errors.get('queueId')).toEqual({ kind: 'choose' });
    expect(newWidgetDraft()).toMatchObject({ askName: 'optional', askEmail: 'optional' });
    expect(errorsOf(widgetFromDraft({ ...newWidgetDraft(), id: 'Shop_CN' }, { isNew: true, takenIds: [], queues })).get('id')).toEqual({
      kind: 'format',
      hint: 'widget-id',
    });
  });

  it('writes the embed tag and the demo page address for the hub', () => {
    expect(embedSnippet('http://127.0.0.1:4310/', 'shop-cn')).toBe('<script src="http://127.0.0.1:4310/widget.js" data-widget="shop-cn" async></script>');
    expect(demoPageUrl('https://hub.example.com')).toBe('https://hub.example.com/widget-demo.html');
  });
});
