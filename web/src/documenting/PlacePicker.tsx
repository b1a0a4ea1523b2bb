import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { ApiError, get, paths } from '../api/client';
import type { Place } from '../api/types';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** The input's id and its description, as `Field` gives them. */
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  value: string;
  /** The incident's country, if it is a code: its places come first. */
  country: string;
  onText(text: string): void;
  onPick(place: Place): void;
}

type Status = 'idle' | 'searching' | 'found' | 'none' | 'offline';

/** Letters typed before the gazetteer is asked. */
const MIN_LETTERS = 2;
const DELAY_MS = 200;

/**
 * The place field with a type-ahead list of the gazetteer's places (GET /places): choosing one
 * fills the coordinates and region. A combobox as WAI-ARIA describes it: arrows move through
 * the list, Enter chooses, Escape closes. Offline it stays a plain text field and says so.
 */
export function PlacePicker({ id, value, country, onText, onPick, ...described }: Props) {
  const { t, number, country: countryName } = useI18n();
  const listId = useId();
  const [typed, setTyped] = useState(false);
  const [open, setOpen] = useState(false);
  const [places, setPlaces] = useState<Place[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [active, setActive] = useState(-1);
  const query = value.trim();
  const code = /^[A-Za-z]{2}$/.test(country.trim()) ? country.trim().toUpperCase() : undefined;

  useEffect(() => {
    if (!typed || query.length < MIN_LETTERS) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus('searching');
      get<Place[]>(paths.places(query, code), controller.signal).then(
        (found) => {
          setPlaces(found);
          setActive(-1);
          setStatus(found.length ? 'found' : 'none');
        },
        (error: unknown) => {
          if ((error as Error).name === 'AbortError') return;
          setPlaces([]);
          // No answer at all (no network, server down): say so, and the field stays usable.
          setStatus(error instanceof ApiError && error.status < 500 ? 'none' : 'offline');
        },
      );
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [typed, query, code]);

  const expanded = open && typed && query.length >= MIN_LETTERS && status === 'found' && places.length > 0;

  const choose = (place: Place) => {
    onPick(place);
    setOpen(false);
    setTyped(false);
    setStatus('idle');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!places.length) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + places.length) % places.length);
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault();
      choose(places[active]!);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const message =
    typed && query.length >= MIN_LETTERS
      ? status === 'none'
        ? t('places.none')
        : status === 'offline'
          ? t('places.offline')
          : status === 'searching'
            ? t('places.searching')
            : ''
      : '';

  return (
    <div className="place-picker">
      <input
        id={id}
        {...described}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={value}
        onChange={(e) => {
          onText(e.target.value);
          setTyped(true);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      <ul
        id={listId}
        role="listbox"
        className="place-options"
        hidden={!expanded}
        aria-label={t('places.list')}
      >
        {places.map((place, index) => (
          <li
            key={place.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            // Before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(place);
            }}
          >
            <span className="place-name">
              {place.name}
              {place.alias && <span className="place-alias"> ({place.alias})</span>}
            </span>
            <span className="place-where">
              {[place.region, countryName(place.country)].filter(Boolean).join(', ')}
              {place.population > 0 && ` · ${t('places.population', { count: number(place.population) })}`}
            </span>
          </li>
        ))}
      </ul>
      <span className="place-status hint" role="status">
        {message}
      </span>
    </div>
  );
}
