import type { ChatLine, ChatReceipts } from '../../../shared/domain/chat';
import type { MessageKey } from '../../i18n/translate';
import type { ChatFailureCode } from '../../store/chat';
import type { ChatProblem } from '../../sync/chat-client';

/** The ticks on one of my lines, as the visitor's side has acknowledged it. */
export type LineMark = 'sent' | 'delivered' | 'read';

export function lineMark(line: Pick<ChatLine, 'seq'>, receipts: ChatReceipts | null): LineMark {
  if (receipts && receipts.visitorRead >= line.seq) return 'read';
  if (receipts && receipts.visitorDelivered >= line.seq) return 'delivered';
  return 'sent';
}

/** Attachment links are paths on the hub; in Electron the page is not served by the hub, so they are made absolute. */
export const hubHref = (hubUrl: string, path: string): string => new URL(path, hubUrl).href;

export const isImage = (mimeType: string): boolean => mimeType.startsWith('image/');

/** What to tell the agent about a line the hub would not take, or a file refused here or there. */
export function problemKey(problem: ChatProblem): MessageKey {
  switch (problem) {
    case 'conflict':
      return 'chat.problem.conflict';
    case 'forbidden':
    case 'not-found':
      return 'chat.problem.notMine';
    case 'rate-limited':
      return 'chat.problem.rate-limited';
    case 'too-large':
      return 'chat.problem.too-large';
    case 'unsupported-type':
      return 'chat.problem.unsupported-type';
    case 'empty':
      return 'chat.problem.empty';
    default:
      return `error.${problem}`;
  }
}

/** A refused line is worth sending again only when the refusal was about the moment, not the line or the chat. */
export const isWorthRetrying = (failure: ChatFailureCode): boolean => failure === 'rate-limited' || failure === 'internal' || failure === 'bad-answer';

/** Whole seconds between two instants, never negative: the header's wait and handle timers. */
export const elapsedSec = (from: number, to: number): number => Math.max(0, Math.floor((to - from) / 1000));

/** "830 B", "12 KB", "2.4 MB": file sizes as people read them. */
export const formatBytes = (size: number): string =>
  size < 1024 ? `${size} B` : size < 1_048_576 ? `${Math.round(size / 1024)} KB` : `${(size / 1_048_576).toFixed(1)} MB`;
