import { create } from 'zustand';

/** What the agent is looking at: shared by search, the recent list and the customer view. */
type WorkspaceState = {
  query: string;
  openCustomerId: string | null;
  setQuery(query: string): void;
  openCustomer(id: string | null): void;
  reset(): void;
};

export const useWorkspace = create<WorkspaceState>((set) => ({
  query: '',
  openCustomerId: null,
  setQuery: (query) => set({ query }),
  openCustomer: (openCustomerId) => set({ openCustomerId }),
  reset: () => set({ query: '', openCustomerId: null }),
}));
