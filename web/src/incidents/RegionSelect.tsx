import { useMemo } from 'react';
import type { Region } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { regionsByCountry } from './filters';

interface Props {
  id: string;
  regions: Region[];
  country: string | undefined;
  admin1: string | undefined;
  onChange(place: { country: string; admin1: string }): void;
}

/** A whole country or one of its regions (admin1), grouped by country, in one select. */
export function RegionSelect({ id, regions, country: code, admin1, onChange }: Props) {
  const { t, country } = useI18n();
  const byCountry = useMemo(() => regionsByCountry(regions), [regions]);
  return (
    <div className="field">
      <label htmlFor={id}>{t('filters.region')}</label>
      <select
        id={id}
        // Values are "country|admin1"; "country|" is the whole country.
        value={code ? `${code}|${admin1 ?? ''}` : ''}
        onChange={(e) => {
          const [country = '', admin1 = ''] = e.target.value.split('|');
          onChange({ country, admin1 });
        }}
      >
        <option value="">{t('filters.any')}</option>
        {byCountry.map(([c, admin1s]) => (
          <optgroup key={c} label={country(c)}>
            <option value={`${c}|`}>{t('filters.wholeCountry', { country: country(c) })}</option>
            {admin1s.map((a) => (
              <option key={a} value={`${c}|${a}`}>
                {a}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
