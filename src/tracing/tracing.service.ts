import { sql } from 'kysely';
import type { Selectable, Updateable } from 'kysely';
import type { z } from 'zod';
import { may, requireThat, visibleItems, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { Conflict, Invalid, NotFound } from '../core/errors';
import type { TracingRequestTable } from '../db/schema';
import { retryOnUniqueViolation } from '../db/errors';
import type { Db, Tx } from '../db/store';
import { readTracingRequest } from './tracing.queries';
import {
  newTracingRequestSchema,
  tracingEventSchema,
  tracingOutcomeSchema,
  type TracingRequestView,
} from './tracing.schema';

/** Opens a tracing request (a draft until it is recorded as sent) for items the caller can see. */
export async function createTracingRequest(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof newTracingRequestSchema>,
): Promise<TracingRequestView> {
  requireThat(may.trace(viewer), 'request traces');
  const request = newTracingRequestSchema.parse(input);
  const refs = [...new Set(request.items)];
  const items = await visibleItems(db, viewer)
    .select(['items.id', 'items.ref'])
    .where('items.ref', 'in', refs)
    .execute();
  const missing = refs.filter((ref) => !items.some((i) => i.ref === ref));
  if (missing.length > 0) throw new Invalid(`no item ${missing.map((m) => `"${m}"`).join(', ')} you may see`);

  // Two requests opened at once draw the same number; the unique key refuses the second, which
  // then draws the next one, so both are opened.
  const ref = await retryOnUniqueViolation(() =>
    audited(db, viewer.username, async (trx, audit) => {
      const year = new Date().getUTCFullYear();
      // Numbered per year, as letters are filed.
      const { n } = await trx
        .selectFrom('tracing_requests')
        .select(sql<number>`count(*)::integer`.as('n'))
        .where('ref', 'like', `TR-${year}-%`)
        .executeTakeFirstOrThrow();
      const ref = `TR-${year}-${String(n + 1).padStart(4, '0')}`;
      const { id } = await trx
        .insertInto('tracing_requests')
        .values({
          ref,
          addressee_country: request.addresseeCountry,
          addressee: request.addressee,
          channel: request.channel,
          purpose: request.purpose,
          created_by: viewer.username,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('tracing_request_items')
        .values(items.map((item) => ({ request_id: id, item_id: item.id })))
        .execute();
      audit.record('tracing_request', ref, 'create', null, { ...request, items: refs });
      return ref;
    }),
  );
  return readTracingRequest(db, viewer, ref);
}

/** Records a step in a request's life; sending and answering move its status on. */
export async function recordTracingEvent(
  db: Db,
  viewer: Viewer,
  ref: string,
  input: z.input<typeof tracingEventSchema>,
): Promise<TracingRequestView> {
  const step = tracingEventSchema.parse(input);
  return changeRequest(db, viewer, ref, async (trx, request) => {
    const next = { status: request.status, sent_on: request.sent_on, answered_on: request.answered_on };
    if (step.event === 'sent') {
      if (request.status !== 'draft') throw new Conflict(`request ${ref} was already sent`);
      Object.assign(next, { status: 'sent', sent_on: step.on });
    } else if (step.event === 'reminder' || step.event === 'answer') {
      if (request.status === 'draft') throw new Conflict(`request ${ref} has not been sent yet`);
      if (request.sent_on && step.on < request.sent_on)
        throw new Invalid(`a ${step.event} cannot come before the request was sent (${request.sent_on})`);
      if (step.event === 'answer' && request.status !== 'closed')
        Object.assign(next, { status: 'answered', answered_on: step.on });
    }
    await trx
      .insertInto('tracing_events')
      .values({
        request_id: request.id,
        event: step.event,
        on_date: step.on,
        note: step.note ?? null,
        recorded_by: viewer.username,
      })
      .execute();
    return { before: { status: request.status }, after: next, entry: { ...next, ...step } };
  });
}

/** What the answer (or a competent authority) established about the items' origin. */
export async function recordTracingOutcome(
  db: Db,
  viewer: Viewer,
  ref: string,
  input: z.input<typeof tracingOutcomeSchema>,
): Promise<TracingRequestView> {
  const outcome = tracingOutcomeSchema.parse(input);
  return changeRequest(db, viewer, ref, async (_trx, request) => {
    // Intelligence can establish a diversion without an answer; a trace needs one.
    if (outcome.establishedBy === 'trace' && request.status !== 'answered' && request.status !== 'closed')
      throw new Conflict(`request ${ref} has no answer yet: record the answer first`);
    const after = {
      outcome: outcome.outcome,
      diversion_established: outcome.diversionEstablished,
      diversion_point: outcome.diversionEstablished ? (outcome.diversionPoint ?? null) : null,
      established_by: outcome.diversionEstablished ? (outcome.establishedBy ?? null) : null,
      status: outcome.close ? ('closed' as const) : request.status,
    };
    const before = {
      outcome: request.outcome,
      diversion_established: request.diversion_established,
      diversion_point: request.diversion_point,
      established_by: request.established_by,
      status: request.status,
    };
    return { before, after, entry: after };
  });
}

/**
 * Changes a request under a row lock: `change` checks it, writes what goes beside it and says
 * which columns change and what the audit entry records; the update and its audit entry share
 * the transaction. Returns the request as it now is.
 */
async function changeRequest(
  db: Db,
  viewer: Viewer,
  ref: string,
  change: (
    trx: Tx,
    request: Selectable<TracingRequestTable>,
  ) => Promise<{ before: object; after: Updateable<TracingRequestTable>; entry: object }>,
): Promise<TracingRequestView> {
  requireThat(may.trace(viewer), 'record tracing');
  await audited(db, viewer.username, async (trx, audit) => {
    const request = await trx
      .selectFrom('tracing_requests')
      .selectAll()
      .where('ref', '=', ref)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw new NotFound(`tracing request "${ref}"`);
    const { before, after, entry } = await change(trx, request);
    await trx
      .updateTable('tracing_requests')
      .set({ ...after, updated_at: new Date() })
      .where('id', '=', request.id)
      .execute();
    audit.record('tracing_request', ref, 'update', before, entry);
  });
  return readTracingRequest(db, viewer, ref);
}
