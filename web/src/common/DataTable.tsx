import type { AriaAttributes, Key, ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  /** The header as plain text, when it is not: it names each cell of a stacked row. */
  label?: string;
  cell(row: T, index: number): ReactNode;
  /** Figures: right-aligned, header and cells alike. */
  numeric?: boolean;
  /** Further classes of the column's cells (not its header). */
  className?: string;
  /** The cell names its row (`<th scope="row">`), as a chart's category does. */
  rowHeader?: boolean;
  /** How the rows are sorted by this column, when the header sorts them. */
  sort?: AriaAttributes['aria-sort'];
}

interface Props<T> {
  /** A column left out (`false`, `undefined`) is one the reader may not see, or that does not apply. */
  columns: readonly (Column<T> | false | undefined)[];
  rows: readonly T[];
  rowKey(row: T, index: number): Key;
  className?: string;
  caption?: ReactNode;
  /** The caption is for screen readers; the page's heading already says it. */
  captionHidden?: boolean;
  /**
   * On a narrow screen, each row is a card of its cells, each named by its column, rather than
   * a line that runs off the screen: every column stays in view. On unless a table says not.
   */
  stacked?: boolean;
  /** Said instead of the table when there are no rows. */
  empty?: ReactNode;
  /**
   * The id of what names a wide table: its scrolling area becomes a named region that the
   * keyboard can reach and scroll.
   */
  labelledBy?: string;
}

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ') || undefined;

/** A table in its scrolling area, one header row of columns and a row per item. */
export function DataTable<T>(props: Props<T>) {
  const {
    rows,
    rowKey,
    className,
    caption,
    captionHidden = false,
    empty,
    labelledBy,
    stacked = true,
  } = props;
  if (empty !== undefined && rows.length === 0) return <p className="muted">{empty}</p>;
  const columns = props.columns.filter((c): c is Column<T> => Boolean(c));
  // A table that may scroll sideways (a phone, a long caption) is a region the keyboard reaches.
  const region = labelledBy
    ? { role: 'region', 'aria-labelledby': labelledBy, tabIndex: 0 }
    : typeof caption === 'string'
      ? { role: 'region', 'aria-label': caption, tabIndex: 0 }
      : {};
  return (
    <div className="table-scroll" {...region}>
      <table className={classes(className, stacked && 'stacked')}>
        {caption !== undefined && (
          <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        )}
        <thead>
          <tr>
            {columns.map((c, n) => (
              <th key={n} scope="col" className={classes(c.numeric && 'num')} aria-sort={c.sort}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((c, n) => {
                const className = classes(c.numeric && 'num', c.className);
                const label = stacked
                  ? (c.label ?? (typeof c.header === 'string' ? c.header : undefined))
                  : undefined;
                // A stacked cell is its column's name beside one block of content.
                const content = stacked ? (
                  <div className="cell">{c.cell(row, index)}</div>
                ) : (
                  c.cell(row, index)
                );
                return c.rowHeader ? (
                  <th key={n} scope="row" className={className} data-label={label}>
                    {content}
                  </th>
                ) : (
                  <td key={n} className={className} data-label={label}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
