import { create } from 'zustand';

/**
 * "Open this customer with their profile in edit": the screen pop's "save as
 * new customer" asks, the customer's profile panel answers (it may already
 * be on screen, so this is a signal rather than an initial state). `since`
 * holds the editor back until the panel shows the customer as changed at or
 * after that moment, so a change made just before (the provisional tag
 * dropped) is in the draft and not put back by the save.
 */
export type ProfileEditRequest = { customerId: string; since: number };

type ProfileEditRequests = { request: ProfileEditRequest | null; ask(request: ProfileEditRequest): void; clear(): void };

export const useProfileEditRequest = create<ProfileEditRequests>((set) => ({
  request: null,
  ask: (request) => set({ request }),
  clear: () => set({ request: null }),
}));

/** Whether the panel showing `customer` should open its editor now. Pure. */
export const editRequested = (request: ProfileEditRequest | null, customer: { id: string; updatedAt: number }): boolean =>
  request !== null && request.customerId === customer.id && customer.updatedAt >= request.since;
