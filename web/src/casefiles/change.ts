import type { CaseFileChange } from '../api/types';
import type { Formatter } from '../i18n/format';

type Counts = CaseFileChange['added'];

/** "2 incidents, 3 items, 1 photo, 1 finding": the kinds counted, those with none left out. */
export function countsText(counts: Counts, { t }: Pick<Formatter, 't'>): string {
  return [
    counts.incidents && t('casefiles.nIncidents', { count: counts.incidents }),
    counts.items && t('casefiles.nItems', { count: counts.items }),
    counts.photos && t('casefiles.nPhotos', { count: counts.photos }),
    counts.leads && t('casefiles.nFindings', { count: counts.leads }),
  ]
    .filter(Boolean)
    .join(', ');
}

/** What an addition brought, and which copies it brought up to date, in a sentence or two. */
export function changeText(change: CaseFileChange, i18n: Pick<Formatter, 't'>): string {
  const added = countsText(change.added, i18n);
  const refreshed = countsText(change.refreshed, i18n);
  return [
    i18n.t('casefiles.brought', { list: added || i18n.t('casefiles.nothingNew') }),
    refreshed && i18n.t('casefiles.refreshed', { list: refreshed }),
  ]
    .filter(Boolean)
    .join(' ');
}
