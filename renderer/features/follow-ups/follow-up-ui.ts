import { create } from 'zustand';

/** Which customer the schedule form is open for, and the reminders showing now (one per follow-up). */
type FollowUpUi = {
  schedulingFor: string | null;
  reminders: string[];
  startScheduling(customerId: string): void;
  stopScheduling(): void;
  remind(ids: readonly string[]): void;
  dismiss(id: string): void;
};

export const useFollowUpUi = create<FollowUpUi>((set) => ({
  schedulingFor: null,
  reminders: [],
  startScheduling: (customerId) => set({ schedulingFor: customerId }),
  stopScheduling: () => set({ schedulingFor: null }),
  remind: (ids) => set((state) => ({ reminders: [...state.reminders, ...ids.filter((id) => !state.reminders.includes(id))] })),
  dismiss: (id) => set((state) => ({ reminders: state.reminders.filter((r) => r !== id) })),
}));
