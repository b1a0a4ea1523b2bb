import { useState } from 'react';
import { api, paths } from '../api/client';
import type { IncidentDetail, ItemView } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, navigate } from '../app/router';
import { fieldErrors } from '../common/fieldErrors';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';
import { draftOf, EditForm } from './EditForm';
import { ItemFields } from './ItemFields';
import { ITEM_COLUMNS, type ItemDraft } from './record';
import { ReferenceLists } from './ReferenceLists';

/** An item corrected in place, with the documenting form's fields and its history beside them. */
export function EditItemPage({ reference }: { reference: string }) {
  const { t } = useI18n();
  const item = useApi<ItemView>(paths.item(reference));
  const incidentRef = item.data?.record.incident_ref;
  // Who may change the incident may change its items; its date bounds a headstamp's year.
  const incident = useApi<IncidentDetail>(incidentRef ? paths.incident(incidentRef) : null);
  const [changes, setChanges] = useState<Partial<ItemDraft>>({});
  const { busy, errors, run } = useSubmit(fieldErrors);
  const stored = item.data && draftOf(ITEM_COLUMNS, item.data.record);
  const value = stored && { ...stored, ...changes, ref: reference };
  const back = () => navigate(incidentPath(incidentRef ?? ''));
  const save = () =>
    value &&
    run(async () => {
      await api.updateRecord('item', reference, value);
      back();
    });
  return (
    <EditForm
      title={t('edit.itemTitle', { ref: reference })}
      incident={incidentRef ?? ''}
      item={reference}
      ready={Boolean(value && incident.data?.can.change)}
      loading={(item.loading && !item.data) || (incident.loading && !incident.data)}
      error={item.error ?? incident.error}
      forbidden={incident.data?.can.change === false}
      errors={errors}
      controlOf={(column) => `item-0-${column || 'ref'}`}
      busy={busy}
      onSubmit={() => void save()}
      deletion={{
        hint: t('edit.deleteItemHint'),
        open: t('edit.deleteItem'),
        async onDelete(reason) {
          await api.deleteRecord('item', reference, reason);
          back();
        },
      }}
    >
      {value && (
        <>
          <ItemFields
            index={0}
            value={value}
            errors={errors}
            saved={false}
            incidentDate={incident.data?.incident.record.date ?? ''}
            onChange={(patch) => setChanges((before) => ({ ...before, ...patch }))}
            stored={{ legend: t('edit.itemLegend') }}
          />
          <ReferenceLists />
        </>
      )}
    </EditForm>
  );
}
