import { useCallback } from 'react';
import { create } from 'zustand';
import { type Locale, pickLocale, type Translate, translate } from './translate';

const STORAGE_KEY = 'switchboard.locale';

function initialLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  return pickLocale(stored, languages);
}

function applyToDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

type LocaleState = { locale: Locale; setLocale(locale: Locale): void };

export const useLocale = create<LocaleState>((set) => {
  const locale = initialLocale();
  applyToDocument(locale);
  return {
    locale,
    setLocale(next) {
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered, still switched.
      }
      applyToDocument(next);
      set({ locale: next });
    },
  };
});

/** The translate function for the current language; components re-render when it changes. */
export function useT(): Translate {
  const locale = useLocale((state) => state.locale);
  return useCallback<Translate>((key, params) => translate(locale, key, params), [locale]);
}
