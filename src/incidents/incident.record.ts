import { z } from 'zod';
import {
  country,
  required,
  decimal,
  optionalText,
  partialDate,
  requiredTerm,
  requiredText,
  term,
  wholeNumber,
} from '../records/cells';
import { formatPartialDate } from '../core/dates';
import { checkLatLon, distanceMetres, parseMgrs, round6 } from '../core/geo';
import { cellText, defineEntity } from '../records/entity';
import { attributionStatuses, classifications, incidentTypes } from './vocabulary';

const incidentRow = z
  .object({
    ref: requiredText('ref'),
    date: required('date', partialDate()),
    type: requiredTerm(incidentTypes),
    country: required('country', country()),
    admin1: optionalText(),
    place: optionalText(),
    lat: decimal(),
    lon: decimal(),
    mgrs: optionalText(),
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
  .transform((row, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    let { lat, lon } = row;
    let mgrs: string | null = null;
    if ((lat === null) !== (lon === null))
      issue(lat === null ? 'lat' : 'lon', 'give both lat and lon, or neither');
    else if (lat !== null && lon !== null) {
      const problem = checkLatLon(lat, lon);
      // checkLatLon names the latitude first; a valid latitude means the longitude is at fault.
      if (problem) issue(lat < -90 || lat > 90 ? 'lat' : 'lon', problem);
    }
    if (row.mgrs !== null) {
      const grid = parseMgrs(row.mgrs);
      if ('error' in grid) issue('mgrs', grid.error);
      else {
        mgrs = grid.canonical;
        if (lat === null || lon === null) [lat, lon] = [grid.lat, grid.lon];
        else {
          const apart = distanceMetres({ lat, lon }, grid);
          // Under 1 km, kilometres would round to a contradictory "0 km".
          const distance = apart < 1000 ? `${Math.round(apart)} m` : `${Math.round(apart / 1000)} km`;
          if (apart > grid.squareMetres + 100)
            issue('mgrs', `${grid.canonical} is ${distance} from lat/lon ${lat}, ${lon}`);
        }
      }
    }
    // A known actor without a status is a presumption; a claim or confirmation needs an actor.
    let attribution = row.attribution;
    if (row.actor === null && attribution !== null && attribution !== 'unknown') {
      issue('actor', `attribution is "${attribution}" but no actor is named`);
    }
    if (attribution === null) attribution = row.actor === null ? 'unknown' : 'presumed';
    if (row.killed !== null && row.peacekeepers_killed !== null && row.peacekeepers_killed > row.killed) {
      issue('peacekeepers_killed', 'peacekeepers killed cannot exceed the total killed');
    }
    if (row.injured !== null && row.peacekeepers_injured !== null && row.peacekeepers_injured > row.injured) {
      issue('peacekeepers_injured', 'peacekeepers injured cannot exceed the total injured');
    }
    if (row.date.date > new Date().toISOString().slice(0, 10)) issue('date', 'date is in the future');
    return {
      ...row,
      lat: lat === null ? null : round6(lat),
      lon: lon === null ? null : round6(lon),
      mgrs,
      attribution,
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
