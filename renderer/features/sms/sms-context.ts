import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SmsClient } from './sms-client';
import type { SmsRoom, SmsState, SmsStore } from './sms-store';

export type SmsServices = { store: SmsStore; client: SmsClient; hubUrl: string };

export const SmsContext = createContext<SmsServices | null>(null);

export function useSmsServices(): SmsServices {
  const services = useContext(SmsContext);
  if (!services) throw new Error('useSms outside a signed-in session');
  return services;
}

export const useSms = <T>(selector: (state: SmsState) => T): T => useStore(useSmsServices().store, selector);

export const useSmsRoom = (taskId: string): SmsRoom | undefined => useSms((state) => state.rooms[taskId]);
