import { create } from 'zustand';

/** The agent's desk (inbox, search, customer), or the supervision or administration area, for those who may open them. */
export type WorkspaceView = 'desk' | 'supervisor' | 'admin';

/** What the agent is looking at: shared by search, the recent list and the customer view. */
type WorkspaceState = {
  view: WorkspaceView;
  query: string;
  openCustomerId: string | null;
  showView(view: WorkspaceView): void;
  setQuery(query: string): void;
  openCustomer(id: string | null): void;
  reset(): void;
};

export const useWorkspace = create<WorkspaceState>((set) => ({
  view: 'desk',
  query: '',
  openCustomerId: null,
  showView: (view) => set({ view }),
  setQuery: (query) => set({ query }),
  // Opening a customer (from an offer, say) always brings the desk back into view.
  openCustomer: (openCustomerId) => set(openCustomerId ? { openCustomerId, view: 'desk' } : { openCustomerId }),
  reset: () => set({ view: 'desk', query: '', openCustomerId: null }),
}));
