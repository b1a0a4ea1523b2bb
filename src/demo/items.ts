import type { ItemCondition } from '../items/vocabulary';
import type { Random } from './random';
import {
  CARTRIDGES,
  COMPONENTS,
  EXPLOSIVES,
  HEAVY,
  VEHICLES,
  WEAPONS,
  type Sample,
} from './theatre/materiel';
import type { Zone } from './theatre/places';
import { yearOf, type When } from './when';

// Item rows drawn from the samples of the theatre.

export type ItemRow = {
  ref: string;
  incident_ref: string;
  category: string;
  type: string;
  model: string;
  calibre: string;
  manufacturer: string;
  country_of_manufacture: string;
  year: string;
  lot: string;
  serial: string;
  markings: string;
  quantity: string;
  condition: string;
  notes: string;
};

export type ItemDraft = Omit<ItemRow, 'ref' | 'incident_ref'>;

/** Fills a pattern: `#` a digit, `@` a letter (no I or O, as on stamps). */
function fill(rng: Random, pattern: string): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return pattern.replace(/[#@]/g, (c) =>
    c === '#' ? String(rng.int(0, 9)) : letters.charAt(rng.int(0, letters.length - 1)),
  );
}

const stamp = (template: string, year: number | undefined) =>
  year === undefined
    ? template.replace(/\s*\{yyyy\}|\s*\{yy\}/g, '')
    : template.replace('{yyyy}', String(year)).replace('{yy}', String(year % 100).padStart(2, '0'));

function available(sample: Sample, at: When, zone: Zone): boolean {
  if (sample.years && sample.years[0] > yearOf(at)) return false;
  if (sample.window && (at.date < sample.window[0] || at.date > sample.window[1])) return false;
  return !sample.zones || sample.zones.includes(zone);
}

/** One row of a sample as a field team would write it; the year is never after the incident's. */
export function describe(rng: Random, sample: Sample, at: When, background = true): ItemDraft {
  const year = sample.years ? rng.int(sample.years[0], Math.min(sample.years[1], yearOf(at))) : undefined;
  // Now and then a field team writes the headstamp's two digits rather than four.
  const yearText =
    year === undefined
      ? ''
      : background && rng.chance(0.03)
        ? String(year % 100).padStart(2, '0')
        : String(year);
  return {
    category: sample.category,
    type: sample.type,
    model: sample.models ? rng.pick(sample.models) : '',
    calibre: sample.calibres ? rng.pick(sample.calibres) : '',
    manufacturer: sample.makers ? rng.pick(sample.makers) : '',
    country_of_manufacture: sample.country ?? '',
    year: yearText,
    lot: '',
    serial: sample.serial ? fill(rng, sample.serial) : '',
    markings: sample.marking ? stamp(sample.marking, year) : '',
    quantity: '1',
    condition: '',
    notes: '',
  };
}

export const lotFor = (rng: Random, item: ItemDraft) =>
  item.year ? `${rng.int(1, 60)}-${item.year.slice(-2)}` : fill(rng, '@##-###');

/** Background materiel typical of an incident type, drawn from the sample tables. */
export class Kit {
  readonly items: ItemDraft[] = [];
  constructor(
    private readonly rng: Random,
    private readonly at: When,
    private readonly zone: Zone,
  ) {}

  #draw(table: readonly Sample[]): ItemDraft | undefined {
    const open = table.filter((s) => available(s, this.at, this.zone));
    if (open.length === 0) return undefined;
    return describe(
      this.rng,
      this.rng.weighted(open, (s) => s.weight ?? 1),
      this.at,
    );
  }

  #add(table: readonly Sample[], n: number, finish: (item: ItemDraft) => void) {
    for (let i = 0; i < n; i++) {
      const item = this.#draw(table);
      if (!item) continue;
      finish(item);
      this.items.push(item);
    }
  }

  /** Spent casings: one row per sample with the count collected. */
  casings(n: number) {
    this.#add(CARTRIDGES, n, (item) => {
      item.type = 'cartridge case';
      item.condition = 'fired';
      item.quantity = String(this.rng.skewed(1, 60));
    });
  }

  liveAmmo(n: number) {
    this.#add(CARTRIDGES, n, (item) => {
      item.condition = 'live';
      item.quantity = String(this.rng.pick([20, 30, 60, 120, 250, 440, 880]));
      if (this.rng.chance(0.5)) item.lot = lotFor(this.rng, item);
    });
  }

  weapons(n: number, table: readonly Sample[] = WEAPONS) {
    this.#add(table, n, (item) => {
      item.condition = this.rng.weightedKey({ serviceable: 6, damaged: 2, unserviceable: 1 });
      if (this.rng.chance(0.08)) item.year = '';
      if (this.rng.chance(0.12) && item.type.includes('rifle'))
        item.markings = `${item.markings}; secondary mark FAMa`.replace(/^; /, '');
    });
  }

  heavy(n: number, condition: ItemCondition, table: readonly Sample[] = HEAVY) {
    this.#add(table, n, (item) => {
      item.condition = condition;
      item.quantity = String(condition === 'live' ? this.rng.skewed(1, 12) : this.rng.skewed(1, 6));
      if (condition === 'live' && this.rng.chance(0.4)) item.lot = lotFor(this.rng, item);
    });
  }

  explosives(n: number) {
    this.#add(EXPLOSIVES, n, (item) => {
      item.condition = this.rng.chance(0.8) ? 'live' : 'destroyed';
      item.quantity = String(this.rng.skewed(1, 4));
      if (item.type.includes('nitrate') || item.type === 'ANFO')
        item.notes = `about ${this.rng.int(5, 40)} kg`;
    });
  }

  components(n: number, condition: ItemCondition) {
    this.#add(COMPONENTS, n, (item) => {
      item.condition = condition;
      item.quantity = String(this.rng.skewed(1, 3));
    });
  }

  vehicle(condition: ItemCondition) {
    this.#add(VEHICLES, 1, (item) => {
      item.condition = condition;
    });
  }
}
