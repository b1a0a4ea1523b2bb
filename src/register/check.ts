import type { ActorIndex } from '../actors/actors.repository';
import { breather } from '../core/chunks';
import type { Db } from '../db/store';
import { incidentIdsByRef } from '../incidents/incidents.repository';
import type { Normaliser } from '../reference/normalise';
import { countRecognitions, recognise, type Recognition } from '../reference/recognise';
import { identify } from '../samples/sample';
import type { Located, Parsed } from './parse';
import type { ImportReport } from './report';

/** Checks what a row names elsewhere (actors, incidents) and settles names to their canonical form. */
export async function checkReferences(
  db: Db,
  parsed: Parsed,
  storedActors: ActorIndex,
  normaliser: Normaliser,
  report: ImportReport,
) {
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
  for (const located of parsed.embargoes) {
    located.record.actors = located.record.actors.map((name) => actorName(located, 'actors', name) ?? name);
  }

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
    for (const p of problems)
      report.errors.push({ file: located.file, line: located.line, column: p.column, message: p.message });
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
    if (date === undefined) {
      report.errors.push({
        file: located.file,
        line: located.line,
        column: 'incident_ref',
        message: `no incident "${record.incident_ref}" in this import or the register`,
      });
    } else if (record.year !== null && record.year > Number(date.slice(0, 4))) {
      report.errors.push({
        file: located.file,
        line: located.line,
        column: 'year',
        message: `produced in ${record.year}, after the incident (${date.slice(0, 4)})`,
      });
    }
  }
}
