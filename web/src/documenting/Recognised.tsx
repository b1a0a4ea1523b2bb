import { useEffect, useState, type ReactNode } from 'react';
import { problemText } from '@headstamp/core/problems';
import { api } from '../api/client';
import type { Recognition } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { ItemDraft } from './record';

/** The columns the server reads to recognise an item. */
const READ = [
  'category',
  'model',
  'calibre',
  'manufacturer',
  'country_of_manufacture',
  'year',
  'lot',
  'markings',
] as const;

/** Wait for typing to pause before asking: one request per pause, not per key. */
const PAUSE_MS = 400;

interface Props {
  item: ItemDraft;
  incidentDate: string;
  /** Pick a producer among ambiguous candidates: the form's producer cell gets its name. */
  onPick(patch: Partial<ItemDraft>): void;
}

/**
 * Beside each item, what the register will make of it: the headstamp read, the producer
 * recognised (or not, or several to choose from), the columns the headstamp fills and those it
 * contradicts. Asked of the server, which holds the reference lists; nothing is written.
 */
export function Recognised({ item, incidentDate, onPick }: Props) {
  const { t, country, language } = useI18n();
  const [recognition, setRecognition] = useState<Recognition | null>(null);
  const fields = Object.fromEntries(READ.map((c) => [c, item[c]])) as Record<(typeof READ)[number], string>;
  const asked = JSON.stringify([fields, incidentDate]);
  const worthAsking = Boolean(fields.manufacturer.trim() || fields.markings.trim() || fields.model.trim());

  useEffect(() => {
    // Nothing to read: the render shows nothing, whatever was recognised before.
    if (!worthAsking) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const date = /^\d{4}(-\d{2}){0,2}$/.test(incidentDate) ? incidentDate : null;
      api
        .recognise({ incidentDate: date, items: [fields] }, controller.signal)
        .then(({ items }) => setRecognition(items[0] ?? null))
        // A preview that fails says nothing rather than something wrong; saving still checks.
        .catch(() => setRecognition(null));
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `asked` stands for every field read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked, worthAsking]);

  if (!worthAsking || !recognition) return null;
  const { maker, headstamp } = recognition;
  const part = (name: 'code' | 'year' | 'country' | 'lot', value: string | number | null) =>
    value === null || value === '' ? [] : [t(`recognition.part.${name}`, { value: String(value) })];
  const lines: ReactNode[] = [];

  if (maker?.status === 'recognised') {
    const extra = [
      ...(maker.code ? [t('recognition.code', { code: maker.code })] : []),
      ...(recognition.year ? [String(recognition.year)] : []),
    ];
    lines.push(
      <p key="maker" className="recognised">
        {[t('recognition.recognised', { name: maker.name, country: country(maker.country) }), ...extra].join(
          ', ',
        )}
      </p>,
    );
  } else if (maker?.status === 'ambiguous') {
    lines.push(
      <div key="maker" className="ambiguous">
        <p>{t('recognition.ambiguous', { code: maker.code ?? item.manufacturer })}</p>
        <ul className="choices">
          {maker.candidates.map((c) => (
            <li key={c.key}>
              <button type="button" onClick={() => onPick({ manufacturer: c.name })}>
                {t('recognition.choose', { name: c.name, country: country(c.country) })}
              </button>
            </li>
          ))}
        </ul>
      </div>,
    );
  } else if (maker?.status === 'unrecognised') {
    lines.push(
      <p key="maker" className="unrecognised">
        {t('recognition.notRecognised', { text: maker.text })}
        {maker.reason ? ` (${maker.reason})` : ''}
      </p>,
    );
  }
  if (headstamp) {
    const parts = [
      ...part('code', headstamp.code),
      ...part('year', headstamp.year),
      ...part('country', headstamp.country && country(headstamp.country)),
      ...part('lot', headstamp.lot),
    ];
    if (parts.length)
      lines.push(<p key="headstamp">{t('recognition.headstamp', { parts: parts.join(', ') })}</p>);
    const filled = recognition.filled.filter((f) => f.column !== 'markings' && !item[f.column].trim());
    if (filled.length)
      lines.push(
        <p key="filled" className="muted">
          {t('recognition.filled', {
            parts: filled
              .map((f) => `${t(`recognition.column.${f.column}` as MessageKey)} ${f.value}`)
              .join(', '),
          })}
        </p>,
      );
  } else if (recognition.headstampUnread && item.markings.trim()) {
    lines.push(
      <p key="unread" className="muted">
        {t('recognition.headstampUnread', { reason: problemText(recognition.headstampUnread, language) })}
      </p>,
    );
  }
  for (const c of recognition.conflicts)
    lines.push(
      <p key={`conflict-${c.column}`} className="conflict">
        {t('recognition.conflict', {
          read: c.read,
          given: c.given,
          column: t(`recognition.column.${c.column}` as MessageKey),
        })}
      </p>,
    );
  if (recognition.model && !recognition.model.known && item.model.trim())
    lines.push(<p key="model">{t('recognition.modelUnknown', { model: item.model })}</p>);
  if (recognition.calibre && !recognition.calibre.known && item.calibre.trim())
    lines.push(<p key="calibre">{t('recognition.calibreUnknown', { calibre: item.calibre })}</p>);

  if (lines.length === 0) return null;
  return (
    <section className="recognition" aria-live="polite" aria-label={t('recognition.title')}>
      {lines}
    </section>
  );
}
