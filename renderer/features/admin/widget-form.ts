import { type AskField, type ChatWidget, ChatWidgetSchema } from '../../../shared/domain/chat';
import type { Queue } from '../../../shared/domain/routing';
import { errorsFromZod, type FieldErrors, type FieldProblem, type FormResult, NO_ERRORS } from './field-errors';

/** A chat widget as its form holds it; allowed origins are typed one per line. */
export type WidgetDraft = {
  id: string;
  name: string;
  queueId: string;
  askName: AskField;
  askEmail: AskField;
  greeting: string;
  closedMessage: string;
  maxWaitMessage: string;
  /** '' = the chat queue's overflow, else the chat queue. */
  followUpQueueId: string;
  allowedOrigins: string;
  /** "Call us" and "Video call" in the widget. */
  calls: boolean;
};

export function newWidgetDraft(): WidgetDraft {
  return {
    id: '',
    name: '',
    queueId: '',
    askName: 'optional',
    askEmail: 'optional',
    greeting: '',
    closedMessage: '',
    maxWaitMessage: '',
    followUpQueueId: '',
    allowedOrigins: '',
    calls: false,
  };
}

export function draftFromWidget(widget: ChatWidget): WidgetDraft {
  return { ...widget, followUpQueueId: widget.followUpQueueId ?? '', allowedOrigins: widget.allowedOrigins.join('\n'), calls: widget.calls === true };
}

/**
 * The typed lines as origins: blank lines skipped; a pasted address loses its
 * trailing slash and capitals, which a browser never sends in an Origin.
 * `lines` keeps each origin's line number (from 1) for the error message.
 */
export function originsFromText(text: string): { origins: string[]; lines: number[] } {
  const origins: string[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const origin = raw.trim().replace(/\/$/, '').toLowerCase();
    if (origin === '') return;
    origins.push(origin);
    lines.push(index + 1);
  });
  return { origins, lines };
}

/** The queues a widget can send chats to. */
export const chatQueues = (queues: readonly Queue[]): Queue[] => queues.filter((queue) => queue.channels.includes('chat'));

/** Problems on `allowedOrigins.<n>` become one message on the text box, naming the line. */
function onOriginLines(errors: FieldErrors, lines: readonly number[]): FieldErrors {
  const mapped = new Map<string, FieldProblem>();
  for (const [path, problem] of errors) {
    const match = /^allowedOrigins\.(\d+)$/.exec(path);
    const line = match ? lines[Number(match[1])] : undefined;
    if (line === undefined) mapped.set(path, problem);
    else if (!mapped.has('allowedOrigins')) mapped.set('allowedOrigins', { kind: 'origin-line', line });
  }
  return mapped;
}

/**
 * The widget to send. A new widget's id must not be one already in use (an
 * upsert would quietly replace that widget), and its queue must take chat.
 */
export function widgetFromDraft(
  draft: WidgetDraft,
  context: { isNew: boolean; takenIds: readonly string[]; queues: readonly Queue[] },
): FormResult<ChatWidget> {
  const { origins, lines } = originsFromText(draft.allowedOrigins);
  const own = new Map<string, FieldProblem>();
  const id = draft.id.trim();
  if (context.isNew && context.takenIds.includes(id)) own.set('id', { kind: 'taken' });
  const queue = context.queues.find((candidate) => candidate.id === draft.queueId);
  if (queue && !queue.channels.includes('chat')) own.set('queueId', { kind: 'no-chat' });
  const parsed = ChatWidgetSchema.safeParse({
    id,
    name: draft.name,
    queueId: draft.queueId,
    askName: draft.askName,
    askEmail: draft.askEmail,
    greeting: draft.greeting,
    closedMessage: draft.closedMessage,
    maxWaitMessage: draft.maxWaitMessage,
    followUpQueueId: draft.followUpQueueId || null,
    allowedOrigins: origins,
    // Off is left out, as in widgets saved before calls existed.
    ...(draft.calls ? { calls: true } : {}),
  });
  if (parsed.success && own.size === 0) return { ok: true, value: parsed.data };
  const schemaErrors = parsed.success ? NO_ERRORS : onOriginLines(errorsFromZod(parsed.error), lines);
  return { ok: false, errors: new Map([...schemaErrors, ...own]) };
}

/** The hub's address without a trailing slash, as pasted into a site's HTML. */
const origin = (hubUrl: string) => hubUrl.replace(/\/+$/, '');

/** What a site pastes into its pages to show this widget. */
export const embedSnippet = (hubUrl: string, widgetId: string): string =>
  `<script src="${origin(hubUrl)}/widget.js" data-widget="${widgetId}" async></script>`;

export const demoPageUrl = (hubUrl: string): string => `${origin(hubUrl)}/widget-demo.html`;
