import { paths } from '../api/client';
import type { CalibreRef, ManufacturerRef, ModelRef } from '../api/types';
import { useApi } from '../api/useApi';
import { LISTS } from './ItemFields';

/** The reference lists the item fields suggest from (`LISTS`), rendered once per page. */
export function ReferenceLists() {
  const calibres = useApi<CalibreRef[]>(paths.calibres);
  const manufacturers = useApi<ManufacturerRef[]>(paths.manufacturers);
  const models = useApi<ModelRef[]>(paths.models);
  return (
    <>
      <datalist id={LISTS.calibres}>
        {(calibres.data ?? []).map((c) => (
          <option key={c.key} value={c.label} />
        ))}
      </datalist>
      <datalist id={LISTS.manufacturers}>
        {(manufacturers.data ?? []).map((m) => (
          <option key={m.key} value={m.name}>
            {m.headstampCodes.join(', ')}
          </option>
        ))}
      </datalist>
      <datalist id={LISTS.models}>
        {(models.data ?? []).map((m) => (
          <option key={m.key} value={m.label}>
            {m.type ?? ''}
          </option>
        ))}
      </datalist>
    </>
  );
}
