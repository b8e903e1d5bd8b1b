import { useT } from '../../i18n/locale-store';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Twelve keys: digits for the dial box when idle, DTMF tones during a call. */
export function Keypad({ onKey }: { onKey: (key: string) => void }) {
  const t = useT();
  return (
    <fieldset className="phone-keypad" aria-label={t('phone.keypad')} data-testid="phone-keypad">
      {KEYS.map((key) => (
        <button key={key} type="button" className="phone-key" onClick={() => onKey(key)} data-testid={`phone-key-${key}`}>
          {key}
        </button>
      ))}
    </fieldset>
  );
}
