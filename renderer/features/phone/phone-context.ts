import { createContext, useContext } from 'react';
import { create, useStore } from 'zustand';
import type { PhoneState } from '../../softphone/call-state';
import type { PhoneServices } from './phone-services';

export const PhoneContext = createContext<PhoneServices | null>(null);

/** The phone of this session, or null where there is none (administrators). */
export const useOptionalPhone = (): PhoneServices | null => useContext(PhoneContext);

export function usePhoneServices(): PhoneServices {
  const services = useContext(PhoneContext);
  if (!services) throw new Error('usePhoneServices outside a signed-in session');
  return services;
}

export function usePhone<T>(selector: (state: PhoneState) => T): T {
  return useStore(usePhoneServices().store, selector);
}

/** Whether the phone panel (keypad, settings) is open, and what is typed in its dial box. */
type PhonePanelState = { open: boolean; dialText: string; setOpen(open: boolean): void; setDialText(text: string): void };

export const usePhonePanel = create<PhonePanelState>((set) => ({
  open: false,
  dialText: '',
  setOpen: (open) => set({ open }),
  setDialText: (dialText) => set({ dialText }),
}));
