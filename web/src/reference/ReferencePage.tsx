import { useState, type ReactNode } from 'react';
import { itemCategories, itemTypes } from '@headstamp/items/vocabulary';
import { foldKey } from '@headstamp/core/text';
import { api, paths, toQuery } from '../api/client';
import type {
  Actor,
  BaselineRef,
  CalibreRef,
  EmbargoRef,
  ManufacturerRef,
  ModelRef,
  ReferenceMapping,
  RegionBoundaryEntry,
} from '../api/types';
import { useApi } from '../api/useApi';
import { Link, navigate, useLocation } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { DataTable } from '../common/DataTable';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import type { Formatter } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ReferenceMappingForm } from './ReferenceMappings';
import { AddManufacturerForm } from './AddManufacturer';
import { RegionBoundariesForm } from './RegionBoundaries';

const LISTS = [
  'actors',
  'calibres',
  'manufacturers',
  'models',
  'mappings',
  'baselines',
  'embargoes',
  'regions',
] as const;
type List = (typeof LISTS)[number];
const isList = (name: string): name is List => (LISTS as readonly string[]).includes(name);

/** More rows than this are not drawn: a search narrows them, and the page stays quick on a tablet. */
const MAX_SHOWN = 300;

interface Column<T> {
  header: MessageKey;
  /** What the cell says, and what the search box looks in. */
  text(row: T): string;
  /** A richer rendering of the same text, when plain text is not enough. */
  cell?(row: T): ReactNode;
  numeric?: boolean;
  className?: string;
}

const joined = (values: readonly (string | null | undefined)[]) => values.filter(Boolean).join(', ');
const codes = (values: string[]) => values.map((v) => <code key={v}>{v}</code>);

function period(f: Formatter, from: string | null, to: string | null): string {
  if (from && to) return `${f.date(from)} – ${f.date(to)}`;
  if (from) return f.since(from);
  return to ? `– ${f.date(to)}` : '';
}

/** The reference lists every signed-in role reads, each a table with a search box. */
export function ReferencePage({ list = 'actors' }: { list?: string }) {
  const f = useI18n();
  const { t } = f;
  usePageTitle(isList(list) ? t(`ref.list.${list}`) : t('ref.title'));
  if (!isList(list))
    return (
      <section>
        <h1>{t('common.pageNotFound')}</h1>
      </section>
    );
  return (
    <section className="reference-page">
      <h1>{t('ref.title')}</h1>
      <p className="muted">{t('ref.intro')}</p>
      <nav className="tabs" aria-label={t('ref.lists')}>
        <ul>
          {LISTS.map((name) => (
            <li key={name}>
              <Link to={`/reference/${name}`} aria-current={name === list ? 'page' : undefined}>
                {t(`ref.list.${name}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 id="reference-list-title">{t(`ref.list.${list}`)}</h2>
      <ReferenceList key={list} list={list} f={f} />
    </section>
  );
}

function ReferenceList({ list, f }: { list: List; f: Formatter }) {
  const { t, term, country } = f;
  switch (list) {
    case 'actors':
      return (
        <ReferenceTable<Actor>
          path={paths.actors}
          columns={[
            { header: 'ref.name', text: (a) => a.name },
            { header: 'ref.aliases', text: (a) => joined(a.aliases) },
            { header: 'ref.parent', text: (a) => a.parent ?? '' },
            { header: 'ref.active', text: (a) => period(f, a.from, a.to), className: 'nowrap' },
          ]}
        />
      );
    case 'calibres':
      return (
        <ReferenceTable<CalibreRef>
          natural
          path={paths.calibres}
          columns={[
            { header: 'ref.calibre', text: (c) => c.label, className: 'nowrap' },
            { header: 'ref.kind', text: (c) => t(`ref.kind.${c.kind}` as MessageKey) },
            { header: 'ref.aliases', text: (c) => joined(c.aliases) },
            { header: 'ref.key', text: (c) => c.key, cell: (c) => <code>{c.key}</code> },
          ]}
        />
      );
    case 'manufacturers':
      return <ManufacturerList f={f} />;
    case 'models':
      return (
        <ReferenceTable<ModelRef>
          natural
          path={paths.models}
          columns={[
            { header: 'ref.model', text: (m) => m.label },
            { header: 'ref.category', text: (m) => term(itemCategories, m.category) },
            { header: 'ref.type', text: (m) => term(itemTypes, m.type) },
            { header: 'ref.calibre', text: (m) => m.calibre ?? '', className: 'nowrap' },
            { header: 'ref.aliases', text: (m) => joined(m.aliases) },
          ]}
        />
      );
    case 'baselines':
      return (
        <ReferenceTable<BaselineRef>
          path={paths.baselines}
          columns={[
            { header: 'ref.holder', text: (b) => b.holder },
            { header: 'ref.country', text: (b) => country(b.country) },
            { header: 'ref.category', text: (b) => term(itemCategories, b.category) },
            { header: 'ref.model', text: (b) => b.model ?? '' },
            { header: 'ref.calibre', text: (b) => b.calibre ?? '', className: 'nowrap' },
            { header: 'ref.manufacturer', text: (b) => b.manufacturer ?? '' },
            { header: 'ref.year', text: (b) => (b.year === null ? '' : String(b.year)), numeric: true },
            { header: 'ref.lot', text: (b) => b.lot ?? '' },
            { header: 'ref.source', text: (b) => b.source ?? '', className: 'small' },
          ]}
        />
      );
    case 'embargoes':
      return (
        <ReferenceTable<EmbargoRef>
          path={paths.embargoes}
          columns={[
            { header: 'ref.regime', text: (e) => e.regime },
            {
              header: 'ref.scope',
              // A territorial embargo covers a country; the others, the actors they list.
              text: (e) => (e.scope === 'territory' && e.country ? country(e.country) : joined(e.actors)),
            },
            { header: 'ref.period', text: (e) => period(f, e.start, e.end), className: 'nowrap' },
          ]}
        />
      );
    case 'mappings':
      return <MappingList />;
    case 'regions':
      return <RegionList f={f} />;
  }
}

/** Values analysts mapped to an entry; they may add and remove them below the list. */
function MappingList() {
  const { t } = useI18n();
  const me = useMe();
  const writer = abilities(me).writeRegister;
  // A change redraws the list (the table reads again when its key changes).
  const [changes, setChanges] = useState(0);
  const [removed, setRemoved] = useState('');
  const remove = async (mapping: ReferenceMapping) => {
    const report = await api.unmapReferenceValue({ field: mapping.field, written: mapping.written });
    setRemoved(t('mappings.removed', { items: report.items, baselines: report.baselines }));
    setChanges((n) => n + 1);
  };
  return (
    <>
      <p className="muted">{t('mappings.intro')}</p>
      <ReferenceTable<ReferenceMapping>
        key={changes}
        path={paths.referenceMappings}
        empty={t('mappings.none')}
        columns={[
          { header: 'mappings.field', text: (m) => t(`mappings.field.${m.field}`) },
          { header: 'mappings.written', text: (m) => m.written },
          { header: 'mappings.target', text: (m) => m.target, cell: (m) => <code>{m.target}</code> },
          ...(writer
            ? [
                {
                  header: 'mappings.actions' as const,
                  text: () => '',
                  cell: (m: ReferenceMapping) => (
                    <button type="button" onClick={() => void remove(m)}>
                      {t('mappings.remove')}
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {removed && (
        <p role="status" className="notice">
          {removed}
        </p>
      )}
      {writer && <ReferenceMappingForm onMapped={() => setChanges((n) => n + 1)} />}
    </>
  );
}

/** The producers of weapons, ammunition, explosives and vehicles; administrators add to them below. */
function ManufacturerList({ f }: { f: Formatter }) {
  const { t, country } = f;
  const me = useMe();
  // A new entry redraws the list (the table reads again when its key changes).
  const [added, setAdded] = useState(0);
  return (
    <>
      <ReferenceTable<ManufacturerRef>
        key={added}
        natural
        path={paths.manufacturers}
        columns={[
          { header: 'ref.name', text: (m) => m.name },
          { header: 'ref.country', text: (m) => (m.country ? country(m.country) : '') },
          {
            header: 'ref.headstampCodes',
            text: (m) => m.headstampCodes.join(' '),
            cell: (m) => <span className="codes">{codes(m.headstampCodes)}</span>,
          },
          { header: 'ref.makes', text: (m) => joined(m.makes.map((p) => t(`maker.makes.${p}`))) },
          { header: 'ref.aliases', text: (m) => joined(m.aliases) },
          { header: 'ref.confidence', text: (m) => t(`ref.confidence.${m.confidence}` as MessageKey) },
          { header: 'ref.source', text: (m) => m.source, className: 'small' },
        ]}
      />
      {abilities(me).editReference && <AddManufacturerForm onAdded={() => setAdded((n) => n + 1)} />}
    </>
  );
}

/** The regions whose boundaries the maps draw; analysts import more below the list. */
function RegionList({ f }: { f: Formatter }) {
  const { t, country } = f;
  const me = useMe();
  // A new import redraws the list (the table reads again when its key changes).
  const [imports, setImports] = useState(0);
  return (
    <>
      <p className="muted">{t('regions.intro')}</p>
      <ReferenceTable<RegionBoundaryEntry>
        key={imports}
        path={paths.regionList}
        empty={t('regions.none')}
        columns={[
          { header: 'ref.country', text: (r) => country(r.country) },
          { header: 'ref.region', text: (r) => r.admin1 },
          { header: 'ref.source', text: (r) => r.source, className: 'small' },
          {
            header: 'ref.imported',
            text: (r) => `${f.date(r.importedAt.slice(0, 10))}, ${r.importedBy}`,
            className: 'nowrap',
          },
        ]}
      />
      {abilities(me).importFiles && <RegionBoundariesForm onImported={() => setImports((n) => n + 1)} />}
    </>
  );
}

interface TableProps<T> {
  path: string;
  columns: Column<T>[];
  /** Sort by the first column as a reader would ("9×19 mm" before "100 mm"), not by the API's key. */
  natural?: boolean;
  /** What an empty list says, when it is worth more than "no entry". */
  empty?: string;
}

function ReferenceTable<T>({ path, columns, natural = false, empty }: TableProps<T>) {
  const { t, language } = useI18n();
  const { search } = useLocation();
  const query = search.get('q') ?? '';
  const rows = useApi<T[]>(path);
  // Accents, case and punctuation do not matter to the search; the words are what the reader sees.
  // Reference lists hold hundreds or a few thousand rows: folding them on each keystroke costs little.
  const indexed = (rows.data ?? []).map((row) => ({
    row,
    words: foldKey(columns.map((c) => c.text(row)).join(' ')),
  }));
  if (natural) {
    const collator = new Intl.Collator(language, { numeric: true });
    indexed.sort((a, b) => collator.compare(columns[0]!.text(a.row), columns[0]!.text(b.row)));
  }
  const needle = foldKey(query);
  const matching = needle ? indexed.filter((r) => r.words.includes(needle)) : indexed;
  const shown = matching.slice(0, MAX_SHOWN);
  const setQuery = (q: string) => navigate(`${window.location.pathname}${toQuery({ q })}`, { replace: true });

  return (
    <>
      <div className="filters reference-search">
        <div className="field grow">
          <label htmlFor="reference-search">{t('ref.search')}</label>
          <input
            id="reference-search"
            type="search"
            value={query}
            aria-describedby="reference-search-hint"
            onChange={(e) => setQuery(e.target.value)}
          />
          <span id="reference-search-hint" className="muted small">
            {t('ref.searchHint')}
          </span>
        </div>
        {rows.data && (
          <p className="reference-count" role="status" aria-live="polite">
            {t('ref.count', { shown: shown.length, count: indexed.length })}
          </p>
        )}
      </div>
      <Status loading={rows.loading && !rows.data} error={rows.error} />
      {rows.data && indexed.length === 0 && <p className="muted">{empty ?? t('ref.empty')}</p>}
      {rows.data && indexed.length > 0 && matching.length === 0 && <p className="muted">{t('ref.none')}</p>}
      {shown.length > 0 && (
        <DataTable
          className="reference"
          labelledBy="reference-list-title"
          rows={shown.map(({ row }) => row)}
          rowKey={(_, index) => index}
          columns={columns.map((c) => ({
            header: t(c.header),
            numeric: c.numeric,
            className: c.className,
            cell: (row: T) => (c.cell ? c.cell(row) : c.text(row)),
          }))}
        />
      )}
      {matching.length > MAX_SHOWN && <p className="muted">{t('ref.capped', { shown: MAX_SHOWN })}</p>}
    </>
  );
}
