import { createStore, type StoreApi } from 'zustand/vanilla';
import { INITIAL_PHONE_STATE, type PhoneEvent, type PhoneState, reducePhone } from '../softphone/call-state';

/** The softphone's state for the header chip and the call card; changed only through `reducePhone`. */
export type PhoneStore = StoreApi<PhoneState> & { dispatch(event: PhoneEvent): void };

export function createPhoneStore(): PhoneStore {
  const store = createStore<PhoneState>(() => INITIAL_PHONE_STATE);
  return { ...store, dispatch: (event) => store.setState(reducePhone(store.getState(), event), true) };
}
