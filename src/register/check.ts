import type { ActorIndex } from '../actors/actors.repository';
import { breather } from '../core/chunks';
import type { Db } from '../db/store';
import { deletedIncidents, deletedProblem, incidentIdsByRef } from '../incidents/incidents.repository';
import { deletedItems } from '../items/items.repository';
import type { Normaliser } from '../reference/normalise';
import { countRecognitions, recognise, type Recognition } from '../reference/recognise';
import { identify, unreadableCalibre } from '../samples/sample';
import { cleanCell } from '../core/text';
import type { Located, Parsed, Refused } from './parse';
import type { ImportReport } from './report';

/**
 * Checks what a row names elsewhere (actors, incidents) and settles names to their canonical form.
 * Rows `refused` by their own checks are checked too, for what their cells name (an actor, a
 * calibre), so that a form or a file learns all it must correct at once; an item naming a refused
 * incident is not reported as naming nothing: its incident's problems say what to correct.
 */
export async function checkReferences(
  db: Db,
  parsed: Parsed,
  knownActors: ActorIndex,
  normaliser: Normaliser,
  report: ImportReport,
  refused: Refused = { incidents: [], items: [] },
) {
  // The actors of the rows are known too; the index given may be shared (lists.ts): not changed.
  const storedActors = parsed.actors.length > 0 ? knownActors.copy() : knownActors;
  for (const { record } of parsed.actors) storedActors.add(null, record.name, record.aliases);
  const actorName = (located: Located<unknown>, column: string, name: string): string | undefined => {
    const found = storedActors.resolve(name);
    if (found) return found.name;
    const suggestion = storedActors.suggest(name);
    report.errors.push({
      file: located.file,
      line: located.line,
      column,
      message: `unknown actor "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: add it to actors first`,
      code: 'unknown_actor',
      params: suggestion ? { name, suggestion } : { name },
    });
    return undefined;
  };
  for (const located of parsed.actors) {
    if (located.record.parent !== null)
      located.record.parent = actorName(located, 'parent', located.record.parent) ?? null;
  }
  for (const located of parsed.incidents) {
    if (located.record.actor !== null)
      located.record.actor = actorName(located, 'actor', located.record.actor) ?? null;
  }
  for (const located of refused.incidents) {
    const actor = cleanCell(located.record.actor);
    if (actor !== null) actorName(located, 'actor', actor);
  }
  for (const located of refused.items) {
    const problem = unreadableCalibre(cleanCell(located.record.calibre), normaliser);
    if (problem) report.errors.push({ file: located.file, line: located.line, ...problem });
  }
  const refusedIncidents = new Set(refused.incidents.map((l) => (l.record.ref ?? '').trim()));
  for (const located of parsed.embargoes) {
    located.record.actors = located.record.actors.map((name) => actorName(located, 'actors', name) ?? name);
  }

  await refuseDeleted(db, parsed, report);

  const incomingDates = new Map(parsed.incidents.map(({ record }) => [record.ref, record.date.date]));
  const missingRefs = parsed.items.map((i) => i.record.incident_ref).filter((ref) => !incomingDates.has(ref));
  const stored = await incidentIdsByRef(db, missingRefs);
  const incidentDate = (ref: string) => incomingDates.get(ref) ?? stored.get(ref)?.date;
  // One warning per unlisted name, not per row: a shipment of one unknown headstamp fills a file.
  const unlisted = new Map<string, { first: Located<unknown>; column: string; count: number }>();
  const note = (located: Located<unknown>, column: string, message: string) => {
    const seen = unlisted.get(message) ?? { first: located, column, count: 0 };
    seen.count++;
    unlisted.set(message, seen);
  };
  // The headstamp is read before the keys are derived: what it fills makes the sample.
  const recognitions: Recognition[] = [];
  // Reading every headstamp of a large import takes seconds: other requests pass in between.
  const breathe = breather();
  for (const located of parsed.items) {
    await breathe();
    const { record } = located;
    const { completed, recognition } = recognise(
      record,
      normaliser,
      incidentDate(record.incident_ref) ?? null,
    );
    Object.assign(record, completed);
    recognitions.push(recognition);
    for (const c of recognition.conflicts) {
      report.warnings.push({
        file: located.file,
        line: located.line,
        column: c.column,
        message: `${c.column} is "${c.given}" but the headstamp reads "${c.read}": kept as given; check the item`,
      });
    }
    if (recognition.headstamp && recognition.filled.length > 0) {
      const filled = recognition.filled.filter((f) => f.column !== 'markings');
      if (filled.length > 0)
        note(
          located,
          'markings',
          `headstamp "${recognition.headstamp.raw}" read: ${filled.map((f) => `${f.column} ${f.value}`).join(', ')}`,
        );
    }
  }
  if (recognitions.length > 0) report.recognition = countRecognitions(recognitions);
  for (const located of [...parsed.items, ...parsed.baselines]) {
    await breathe();
    const { problems, unlisted: notes } = identify(located.record, normaliser);
    for (const p of problems) report.errors.push({ file: located.file, line: located.line, ...p });
    for (const n of notes) note(located, n.column, n.message);
  }
  for (const [message, { first, column, count }] of unlisted) {
    report.warnings.push({
      file: first.file,
      line: first.line,
      column,
      message: count > 1 ? `${message} (${count} rows)` : message,
    });
  }
  for (const located of parsed.items) {
    const { record } = located;
    const date = incidentDate(record.incident_ref);
    if (date === undefined && refusedIncidents.has(record.incident_ref)) continue;
    if (date === undefined) {
      report.errors.push({
        file: located.file,
        line: located.line,
        column: 'incident_ref',
        message: `no incident "${record.incident_ref}" in this import or the register`,
        code: 'incident_unknown',
        params: { ref: record.incident_ref },
      });
    } else if (record.year !== null && record.year > Number(date.slice(0, 4))) {
      report.errors.push({
        file: located.file,
        line: located.line,
        column: 'year',
        message: `produced in ${record.year}, after the incident (${date.slice(0, 4)})`,
        code: 'year_after_incident',
        params: { year: record.year, incidentYear: Number(date.slice(0, 4)) },
      });
    }
  }
}

/**
 * A deleted record stays deleted until an administrator restores it: a row that would change it,
 * or add an item to a deleted incident, is refused rather than written out of sight.
 */
async function refuseDeleted(db: Db, parsed: Parsed, report: ImportReport) {
  const incidents = await deletedIncidents(db, [
    ...parsed.incidents.map((l) => l.record.ref),
    ...parsed.items.map((l) => l.record.incident_ref),
  ]);
  const items = await deletedItems(
    db,
    parsed.items.map((l) => l.record.ref),
  );
  const refuse = (
    located: Located<unknown>,
    column: string,
    kind: 'incident' | 'item',
    ref: string,
    reason: string | null | undefined,
  ) =>
    report.errors.push({
      file: located.file,
      line: located.line,
      column,
      ...deletedProblem(kind, ref, reason ?? null),
    });
  for (const located of parsed.incidents) {
    const { ref } = located.record;
    if (incidents.has(ref)) refuse(located, 'ref', 'incident', ref, incidents.get(ref));
  }
  for (const located of parsed.items) {
    const { ref, incident_ref } = located.record;
    if (items.has(ref)) refuse(located, 'ref', 'item', ref, items.get(ref));
    else if (incidents.has(incident_ref))
      refuse(located, 'incident_ref', 'incident', incident_ref, incidents.get(incident_ref));
  }
}
