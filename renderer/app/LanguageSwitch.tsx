import { useLocale, useT } from '../i18n/locale-store';
import { LOCALE_NAMES, LOCALES } from '../i18n/translate';

/** 中文 | English — each named in its own language; the choice is remembered. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const setLocale = useLocale((state) => state.setLocale);
  return (
    <fieldset className="language-switch" aria-label={t('header.language')} data-testid="language-switch">
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          className={option === locale ? 'is-active' : undefined}
          onClick={() => setLocale(option)}
          data-testid={`language-${option}`}
        >
          {LOCALE_NAMES[option]}
        </button>
      ))}
    </fieldset>
  );
}
