import { create } from 'zustand';
import type { ComplaintEscalationNotice } from '../../../shared/protocol/complaints';
import type { ErrorCode } from '../../../shared/protocol/errors';
import type { RefusalCode } from './complaint-logic';

/** What the complaint screens show: the form being filled in, the complaint opened, refusals, escalations not yet dismissed. */
type ComplaintUiState = {
  /** The customer whose log-complaint form is open (one at a time). */
  loggingFor: string | null;
  openComplaintId: string | null;
  /** The hub's last refusal per complaint, shown in its view until the next step. */
  refusals: Record<string, { code: RefusalCode | null; hubCode: ErrorCode; step: string }>;
  escalations: ComplaintEscalationNotice[];
  startLogging(customerId: string | null): void;
  openComplaint(id: string | null): void;
  refused(complaintId: string, refusal: { code: RefusalCode | null; hubCode: ErrorCode; step: string }): void;
  clearRefusal(complaintId: string): void;
  escalated(notice: ComplaintEscalationNotice): void;
  dismissEscalation(key: string): void;
};

const MAX_ESCALATIONS = 5;

export const useComplaintUi = create<ComplaintUiState>((set) => ({
  loggingFor: null,
  openComplaintId: null,
  refusals: {},
  escalations: [],
  startLogging: (loggingFor) => set({ loggingFor }),
  openComplaint: (openComplaintId) => set({ openComplaintId }),
  refused: (complaintId, refusal) => set((state) => ({ refusals: { ...state.refusals, [complaintId]: refusal } })),
  clearRefusal: (complaintId) =>
    set((state) => {
      const { [complaintId]: _, ...rest } = state.refusals;
      return { refusals: rest };
    }),
  // The same notice (same key) is shown once however often the hub sends it.
  escalated: (notice) =>
    set((state) => (state.escalations.some((e) => e.key === notice.key) ? state : { escalations: [...state.escalations, notice].slice(-MAX_ESCALATIONS) })),
  dismissEscalation: (key) => set((state) => ({ escalations: state.escalations.filter((e) => e.key !== key) })),
}));
