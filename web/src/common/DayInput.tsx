import { useState, type InputHTMLAttributes } from 'react';
import { parseDay } from '@headstamp/core/dates';
import type { Language } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** The day, YYYY-MM-DD, or what was typed when it is not a day (empty for none). */
  value: string;
  onChange(value: string): void;
};

/** A day as the reader writes it: `14/03/2024` in French, `2024-03-14` in English. */
function written(value: string, language: Language): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!day || language === 'en') return value;
  return `${day[3]}/${day[2]}/${day[1]}`;
}

/**
 * A day typed the reader's way, whatever the browser's own language: a French page says
 * JJ/MM/AAAA where a date input would say mm/dd/yyyy. Either form is read, and any form the
 * register reads (`14/03/2024`, `2024-03-14`); the day goes out as YYYY-MM-DD, anything else as
 * typed, for the form's check to name.
 */
export function DayInput({ value, onChange, ...props }: Props) {
  const { t, language } = useI18n();
  // What is shown follows the value from outside (a cleared form, a change of language) and
  // keeps what the reader types as typed.
  const [shown, setShown] = useState({ value, language, text: written(value, language) });
  if (shown.value !== value || shown.language !== language) {
    setShown({ value, language, text: written(value, language) });
  }
  return (
    <input
      {...props}
      type="text"
      autoComplete="off"
      placeholder={t('date.placeholder')}
      value={shown.text}
      onChange={(e) => {
        const text = e.target.value;
        const day = text.trim() === '' ? '' : parseDay(text);
        const next = typeof day === 'string' ? day : text;
        setShown({ value: next, language, text });
        onChange(next);
      }}
    />
  );
}
