import { systemViewer } from '../access/policy';
import type { Db } from '../db/store';
import type { EntityKind, RawRow } from '../records/entity';
import { setRelease } from '../releases/releases.service';
import { importFiles } from '../transfer/import';
import { actorRow, baselineRow, incidentRow, itemRow, registerFiles } from './fixtures';

// A register to search materiel in: one incident a partner is not given (Ménaka), materiel
// typed as field teams type it (a comma in the calibre, a maker by its headstamp code, by a trade
// name, serials with and without a dash), and an incident with no materiel at all.

export const MENAKA = '190312 Small arms fire, Ménaka';
export const GAO = '200105 Seizure, Gao';
export const KIDAL_CACHE = '210814 Arms cache, Kidal';
export const TESSALIT = '210220 IED find, Tessalit';
/** What the partner of the tests is given. */
export const RELEASED = [GAO, KIDAL_CACHE];

export function materielRegister(): Record<EntityKind, RawRow[]> {
  return {
    actors: [actorRow()],
    incidents: [
      incidentRow({
        ref: MENAKA,
        date: '2019-03-12',
        type: 'Small arms fire',
        admin1: 'Ménaka',
        place: 'Ménaka',
        target: 'FAMa checkpoint',
        summary: 'Attaque d’un poste de contrôle',
      }),
      incidentRow({ ref: GAO, date: '2020-01-05', type: 'Seizure', admin1: 'Gao', place: 'Gao' }),
      incidentRow({ ref: KIDAL_CACHE, type: 'Arms cache' }),
      incidentRow({
        ref: TESSALIT,
        date: '2021-02-20',
        type: 'IED find',
        admin1: 'Kidal',
        place: 'Tessalit',
        summary: 'Patrouille de reconnaissance, 100% sécurisée',
      }),
    ],
    items: [
      itemRow({
        ref: 'M-1',
        incident_ref: MENAKA,
        calibre: '7,62 x 39',
        manufacturer: '539',
        country_of_manufacture: 'SU',
        year: '1975',
        lot: '17-75',
        markings: '539 75',
      }),
      itemRow({
        ref: 'M-2',
        incident_ref: GAO,
        category: 'weapon',
        type: 'assault rifle',
        model: 'Type 56',
        calibre: '7.62x39',
        manufacturer: 'Norinco',
        country_of_manufacture: 'CN',
        year: '1982',
        serial: 'PW1457',
        markings: '',
        quantity: '1',
        condition: 'serviceable',
      }),
      itemRow({
        ref: 'M-3',
        incident_ref: KIDAL_CACHE,
        category: 'weapon',
        type: 'assault rifle',
        model: 'AKMS',
        calibre: '7.62x39',
        manufacturer: 'Tula Arms Plant',
        country_of_manufacture: 'SU',
        year: '1979',
        serial: 'KA 2210',
        markings: '',
        quantity: '1',
        condition: 'serviceable',
      }),
      itemRow({
        ref: 'M-4',
        incident_ref: KIDAL_CACHE,
        calibre: '7.62x54R',
        manufacturer: '27',
        country_of_manufacture: 'EG',
        year: '2015',
        markings: '27 15',
        condition: 'live',
      }),
      itemRow({
        ref: 'M-5',
        incident_ref: KIDAL_CACHE,
        category: 'weapon',
        type: 'machine gun',
        model: 'PKM',
        calibre: '7.62x54R',
        manufacturer: 'Izhmash',
        country_of_manufacture: 'SU',
        year: '1980',
        markings: '',
        quantity: '1',
        condition: 'serviceable',
      }),
    ],
    baselines: [baselineRow()],
    embargoes: [],
  };
}

/** Imports the register and releases `RELEASED` to the "Panel of Experts". */
export async function importMaterielRegister(db: Db): Promise<void> {
  const report = await importFiles(db, registerFiles(materielRegister()), { user: 'test' });
  if (report.errors.length > 0)
    throw new Error(`the register did not import: ${JSON.stringify(report.errors)}`);
  for (const ref of RELEASED) await setRelease(db, systemViewer, ref, 'Panel of Experts', true);
}
