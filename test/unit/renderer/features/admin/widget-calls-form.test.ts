import { describe, expect, it } from 'vitest';
import { draftFromWidget, newWidgetDraft, widgetFromDraft } from '../../../../../renderer/features/admin/widget-form';
import type { ChatWidget } from '../../../../../shared/domain/chat';
import { emailQueue, GENERAL, generalQueue } from './fixtures';

const widget: ChatWidget = {
  id: 'shop-cn',
  name: 'Shop (China)',
  queueId: GENERAL,
  askName: 'optional',
  askEmail: 'optional',
  greeting: '',
  closedMessage: '',
  maxWaitMessage: '',
  followUpQueueId: null,
  allowedOrigins: [],
};
const context = { isNew: false, takenIds: ['shop-cn'], queues: [generalQueue, emailQueue] };

describe('the widget form’s "offer calls" box', () => {
  it('is off for a new widget and for one saved before calls existed', () => {
    expect(newWidgetDraft().calls).toBe(false);
    expect(draftFromWidget(widget).calls).toBe(false);
  });

  it('round-trips a widget that offers calls', () => {
    const offering = { ...widget, calls: true };
    expect(draftFromWidget(offering).calls).toBe(true);
    expect(widgetFromDraft(draftFromWidget(offering), context)).toEqual({ ok: true, value: offering });
  });

  it('saves "off" by leaving the setting out, as older widgets have it', () => {
    const saved = widgetFromDraft({ ...draftFromWidget({ ...widget, calls: true }), calls: false }, context);
    expect(saved).toEqual({ ok: true, value: widget });
  });
});
