import { z } from 'zod';
import {
  country,
  degrees,
  known,
  mgrsSquare,
  required,
  optionalText,
  partialDate,
  requiredTerm,
  requiredText,
  term,
  wholeNumber,
} from '../records/cells';
import { formatPartialDate } from '../core/dates';
import { distanceMetres, round6 } from '../core/geo';
import { issue } from '../core/problems';
import { cellText, defineEntity } from '../records/entity';
import { attributionStatuses, classifications, incidentTypes } from './vocabulary';

const incidentRow = z
  .object({
    ref: requiredText('ref'),
    date: required('date', partialDate({ past: true })),
    type: requiredTerm(incidentTypes),
    country: required('country', country()),
    admin1: optionalText(),
    place: optionalText(),
    lat: degrees('latitude'),
    lon: degrees('longitude'),
    mgrs: mgrsSquare(),
    target: optionalText(),
    actor: optionalText(),
    attribution: term(attributionStatuses),
    killed: wholeNumber(0),
    injured: wholeNumber(0),
    peacekeepers_killed: wholeNumber(0),
    peacekeepers_injured: wholeNumber(0),
    summary: optionalText(),
    source: optionalText(),
    classification: term(classifications, 'internal'),
  })
  // Checks across fields run even when another field was refused (`when`), each on the fields
  // it needs that were read: the whole row's problems are reported at once.
  .superRefine(
    (row, ctx) => {
      const at = (path: string, problem: ReturnType<typeof issue>) =>
        ctx.addIssue({ ...problem, path: [path] });
      const { lat, lon, mgrs } = row;
      if (known(lat) && known(lon) && (lat === null) !== (lon === null))
        at(
          lat === null ? 'lat' : 'lon',
          issue('coordinates_incomplete', {}, 'give both lat and lon, or neither'),
        );
      if (known(mgrs) && mgrs !== null && known(lat) && known(lon) && lat !== null && lon !== null) {
        const apart = distanceMetres({ lat, lon }, mgrs);
        // Under 1 km, kilometres would round to a contradictory "0 km".
        const distance = apart < 1000 ? `${Math.round(apart)} m` : `${Math.round(apart / 1000)} km`;
        if (apart > mgrs.squareMetres + 100)
          at(
            'mgrs',
            issue(
              'mgrs_far_from_coordinates',
              { mgrs: mgrs.canonical, distance: Math.round(apart) },
              `${mgrs.canonical} is ${distance} from lat/lon ${lat}, ${lon}`,
            ),
          );
      }
      // A claim or confirmation needs an actor; a known actor without a status is a presumption.
      const { actor, attribution } = row;
      if (
        known(actor) &&
        known(attribution) &&
        actor === null &&
        attribution !== null &&
        attribution !== 'unknown'
      )
        at(
          'actor',
          issue(
            'attribution_without_actor',
            { attribution },
            `attribution is "${attribution}" but no actor is named`,
          ),
        );
      for (const [part, total, what] of [
        ['peacekeepers_killed', 'killed', 'killed'],
        ['peacekeepers_injured', 'injured', 'injured'],
      ] as const) {
        const [some, all] = [row[part], row[total]];
        if (known(some) && known(all) && some !== null && all !== null && some > all)
          at(
            part,
            issue('exceeds_total', { max: all }, `peacekeepers ${what} cannot exceed the total ${what}`),
          );
      }
    },
    { when: () => true },
  )
  .transform((row) => {
    let { lat, lon } = row;
    if (row.mgrs !== null && (lat === null || lon === null)) [lat, lon] = [row.mgrs.lat, row.mgrs.lon];
    return {
      ...row,
      lat: lat === null ? null : round6(lat),
      lon: lon === null ? null : round6(lon),
      mgrs: row.mgrs?.canonical ?? null,
      attribution: row.attribution ?? (row.actor === null ? 'unknown' : 'presumed'),
    };
  });

export type IncidentRecord = z.output<typeof incidentRow>;

export const incidentSpec = defineEntity<IncidentRecord>({
  kind: 'incidents',
  fileNames: ['incident', 'événements', 'evenements'],
  columns: [
    {
      name: 'ref',
      required: true,
      aliases: ['reference', 'référence', 'case', 'case number', 'dossier', 'numéro'],
    },
    { name: 'date', required: true, aliases: ['incident date', 'date de l’incident'] },
    { name: 'type', required: true, aliases: ['incident type', 'type d’incident', 'type incident'] },
    { name: 'country', required: true, aliases: ['pays'] },
    { name: 'admin1', aliases: ['region', 'région', 'province'] },
    { name: 'place', aliases: ['locality', 'location', 'localité', 'lieu', 'commune'] },
    { name: 'lat', numeric: true, aliases: ['latitude'] },
    { name: 'lon', numeric: true, aliases: ['longitude', 'lng', 'long'] },
    { name: 'mgrs', aliases: ['grid', 'grid reference', 'carroyage'] },
    { name: 'target', aliases: ['cible'] },
    {
      name: 'actor',
      aliases: ['armed group', 'group', 'perpetrator', 'acteur', 'groupe', 'groupe armé', 'auteur'],
    },
    { name: 'attribution', aliases: ['attribution status', 'statut d’attribution'] },
    { name: 'killed', numeric: true, aliases: ['tués', 'morts', 'fatalities', 'deaths'] },
    { name: 'injured', numeric: true, aliases: ['blessés', 'wounded'] },
    { name: 'peacekeepers_killed', numeric: true, aliases: ['casques bleus tués', 'pk killed'] },
    { name: 'peacekeepers_injured', numeric: true, aliases: ['casques bleus blessés', 'pk injured'] },
    { name: 'summary', aliases: ['résumé', 'description', 'narrative'] },
    { name: 'source', aliases: [] },
    { name: 'classification', aliases: [] },
  ],
  schema: incidentRow,
  key: (r) => r.ref,
  format: (r) => ({
    ref: r.ref,
    date: formatPartialDate(r.date),
    type: r.type,
    country: r.country,
    admin1: cellText(r.admin1),
    place: cellText(r.place),
    lat: cellText(r.lat),
    lon: cellText(r.lon),
    mgrs: cellText(r.mgrs),
    target: cellText(r.target),
    actor: cellText(r.actor),
    attribution: r.attribution,
    killed: cellText(r.killed),
    injured: cellText(r.injured),
    peacekeepers_killed: cellText(r.peacekeepers_killed),
    peacekeepers_injured: cellText(r.peacekeepers_injured),
    summary: cellText(r.summary),
    source: cellText(r.source),
    classification: r.classification,
  }),
});
