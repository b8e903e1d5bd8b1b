import type { VisitorLine } from '../../../shared/protocol/visitor';
import { type ChatView, type PendingLine, type Tick, tickFor } from './chat-state';

/** What the conversation shows, top to bottom. */
export type TranscriptItem = { kind: 'line'; line: VisitorLine; tick: Tick | null } | { kind: 'pending'; line: PendingLine };

/**
 * Stored lines in order, the visitor's own with their tick, then the lines
 * still on their way. "<agent> joined" and the like are the hub's system
 * lines, written in the visitor's language, so a reload shows the same.
 */
export const buildTranscript = (view: ChatView): TranscriptItem[] => [
  ...view.lines.map((line): TranscriptItem => ({ kind: 'line', line, tick: line.from === 'visitor' ? tickFor(line, view.receipts) : null })),
  ...view.pending.map((line): TranscriptItem => ({ kind: 'pending', line })),
];
