import { useState } from 'react';
import { api, paths } from '../api/client';
import type { Actor, IncidentDetail, Region } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, navigate } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { fieldErrors } from '../common/fieldErrors';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';
import { draftOf, EditForm } from './EditForm';
import { IncidentFields } from './IncidentFields';
import { INCIDENT_COLUMNS, type IncidentDraft } from './record';

/** An incident corrected in place, with the documenting form's fields and its history beside them. */
export function EditIncidentPage({ reference }: { reference: string }) {
  const { t } = useI18n();
  const me = useMe();
  const detail = useApi<IncidentDetail>(paths.incident(reference));
  const regions = useApi<Region[]>(paths.regions);
  const actors = useApi<Actor[]>(paths.actors);
  const [changes, setChanges] = useState<Partial<IncidentDraft>>({});
  const { busy, errors, run } = useSubmit(fieldErrors);
  const stored = detail.data && draftOf(INCIDENT_COLUMNS, detail.data.incident.record);
  const value = stored && { ...stored, ...changes, ref: reference };
  const save = () =>
    value &&
    run(async () => {
      await api.updateRecord('incident', reference, value);
      navigate(incidentPath(reference));
    });
  return (
    <EditForm
      title={t('edit.incidentTitle', { ref: reference })}
      incident={reference}
      ready={Boolean(detail.data?.can.change)}
      loading={detail.loading && !detail.data}
      error={detail.error}
      forbidden={detail.data?.can.change === false}
      errors={errors}
      controlOf={(column) => `incident-${column || 'ref'}`}
      busy={busy}
      onSubmit={() => void save()}
      deletion={{
        hint: t('edit.deleteIncidentHint'),
        open: t('edit.deleteIncident'),
        async onDelete(reason) {
          await api.deleteRecord('incident', reference, reason);
          navigate('/incidents');
        },
      }}
    >
      {value && (
        <IncidentFields
          value={value}
          errors={errors}
          onChange={(patch) => setChanges((before) => ({ ...before, ...patch }))}
          regions={regions.data ?? []}
          actors={actors.data ?? []}
          saved={false}
          refFixed
          sourceHidden={!abilities(me).seeSources}
        />
      )}
    </EditForm>
  );
}
