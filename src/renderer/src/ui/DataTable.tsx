import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export interface DataColumn<Row> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** A CSS grid track, e.g. `minmax(12rem, 2fr)`. */
  width: string;
  sortable?: boolean;
  /** Columns that cannot be hidden (the one that names the row). */
  fixed?: boolean;
}

export interface TableSort {
  column: string;
  desc: boolean;
}

export interface DataTableProps<Row> {
  /** The grid's accessible name. */
  label: string;
  columns: DataColumn<Row>[];
  /** Rows matching the filter, and all rows, for the count people always see. */
  matching: number;
  total: number;
  /** The rows main sent, starting at `offset`; the others are fetched as they scroll into view. */
  offset: number;
  rows: Row[];
  rowId: (row: Row) => string;
  /** Asks for the rows from `start` (inclusive) to `end` (exclusive) to be loaded. */
  onRange: (start: number, end: number) => void;
  sort: TableSort;
  onSort: (sort: TableSort) => void;
  hidden: readonly string[];
  onHiddenChange: (hidden: string[]) => void;
  /** Enter, or a double click, on a row. */
  onOpen: (row: Row) => void;
  /** The row whose details are open. */
  openId?: string | undefined;
  onExport?: () => void;
  exporting?: boolean;
  /** What to say when nothing matches. */
  empty: ReactNode;
  /** The grid's id, for a page that gives the focus back to it (when a details panel closes). */
  gridId?: string;
  /**
   * The rows chosen with their checkboxes, by `rowId`. With `onSelectedChange`,
   * the table gets a column of checkboxes, Space chooses the active row and
   * Shift-click a run of rows; without, it has no selection at all.
   */
  selectedIds?: ReadonlySet<string>;
  /** Rows chosen (`selected`) or let go: one row, a run of them, or every loaded row. */
  onSelectedChange?: (ids: string[], selected: boolean) => void;
}

const rowHeight = 40;
/** The checkbox column, when rows can be chosen. */
const selectWidth = '2.75rem';

/**
 * A table of any length that keeps only what is on screen: rows come from main
 * in windows as they scroll into view, sorting and filtering happen there too.
 * An ARIA grid: the arrow keys, Page Up/Down, Home and End move between rows,
 * Enter opens one; headers sort; columns can be hidden; what is shown exports
 * to CSV.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { t } = useTranslation();
  const { columns, rows, offset, matching, total, rowId, onRange, sort, onSort, hidden, onHiddenChange, onOpen, openId } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const base = useId();
  const [active, setActive] = useState(0);
  const { selectedIds, onSelectedChange } = props;
  const selection = selectedIds !== undefined && onSelectedChange !== undefined ? { ids: selectedIds, change: onSelectedChange } : null;
  /** Where the last checkbox click was, for Shift-click to choose the run of rows up to another. */
  const anchor = useRef<number | null>(null);
  const allBox = useRef<HTMLInputElement>(null);

  const columnDefs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        // Sorting happens in main; TanStack only offers it on a column with an accessor.
        accessorFn: () => null,
        // A first click sorts ascending, whatever the (absent) values look like to TanStack.
        sortDescFirst: false,
        cell: (context) => column.cell(context.row.original),
        enableSorting: column.sortable === true,
        enableHiding: column.fixed !== true,
      })),
    [columns],
  );
  const sorting: SortingState = [{ id: sort.column, desc: sort.desc }];
  const columnVisibility: VisibilityState = Object.fromEntries(hidden.map((id) => [id, false]));
  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: rowId,
    manualSorting: true,
    manualFiltering: true,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      onSort(first === undefined ? { column: sort.column, desc: !sort.desc } : { column: first.id, desc: first.desc });
    },
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === 'function' ? updater(columnVisibility) : updater;
      onHiddenChange(Object.entries(next).flatMap(([id, visible]) => (visible ? [] : [id])));
    },
  });
  const visible = table.getVisibleLeafColumns();
  const template = [...(selection === null ? [] : [selectWidth]), ...visible.map((column) => columns.find((candidate) => candidate.id === column.id)?.width ?? '1fr')].join(' ');
  const loaded = table.getRowModel().rows;
  const loadedIds = loaded.map((row) => row.id);
  const loadedChosen = selection === null ? 0 : loadedIds.filter((id) => selection.ids.has(id)).length;
  const allChosen = loadedIds.length > 0 && loadedChosen === loadedIds.length;

  useEffect(() => {
    if (allBox.current !== null) allBox.current.indeterminate = loadedChosen > 0 && !allChosen;
  }, [loadedChosen, allChosen]);

  const virtualizer = useVirtualizer({ count: matching, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (last >= first && (first < offset || last >= offset + rows.length)) onRange(first, last + 1);
  }, [first, last, offset, rows.length, onRange]);

  useEffect(() => {
    if (active >= matching) setActive(Math.max(0, matching - 1));
  }, [active, matching]);

  const rowAt = (index: number) => loaded[index - offset];

  /** Chooses or lets go of the row at `index`; with Shift, of every loaded row from the last one clicked. */
  const toggleAt = (index: number, range: boolean): void => {
    const row = rowAt(index);
    if (selection === null || row === undefined) return;
    const selected = !selection.ids.has(row.id);
    if (range && anchor.current !== null) {
      const [from, to] = anchor.current < index ? [anchor.current, index] : [index, anchor.current];
      const ids: string[] = [];
      for (let place = from; place <= to; place += 1) {
        const inRun = rowAt(place);
        if (inRun !== undefined) ids.push(inRun.id);
      }
      selection.change(ids, selected);
    } else {
      selection.change([row.id], selected);
    }
    anchor.current = index;
  };

  const move = (index: number): void => {
    const target = Math.max(0, Math.min(matching - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const moves: Record<string, () => number> = {
      ArrowDown: () => active + 1,
      ArrowUp: () => active - 1,
      PageDown: () => active + page,
      PageUp: () => active - page,
      Home: () => 0,
      End: () => matching - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      move(to());
    } else if (event.key === 'Enter') {
      const row = rowAt(active);
      if (row !== undefined) {
        event.preventDefault();
        onOpen(row.original);
      }
    } else if (event.key === ' ' && selection !== null && event.target === event.currentTarget) {
      event.preventDefault();
      toggleAt(active, event.shiftKey);
    }
  };

  const activeRow = rowAt(active);
  const activeId = matching === 0 ? undefined : `${base}-row-${active}`;
  const sortLabel = (desc: boolean) => (desc ? t('table.sortedDescending') : t('table.sortedAscending'));

  return (
    <div className="data-table">
      <div className="table-toolbar">
        <p className="table-count" aria-live="polite">
          {matching === total ? t('table.countAll', { total: formatNumber(total) }) : t('table.count', { matching: formatNumber(matching), total: formatNumber(total) })}
        </p>
        <details className="column-choice">
          <summary>{t('table.columns')}</summary>
          <fieldset>
            <legend className="visually-hidden">{t('table.columnsShown')}</legend>
            {table
              .getAllLeafColumns()
              .filter((column) => column.getCanHide())
              .map((column) => (
                <label key={column.id} className="choice">
                  <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
                  {columns.find((candidate) => candidate.id === column.id)?.header}
                </label>
              ))}
          </fieldset>
        </details>
        {props.onExport === undefined ? null : (
          <button type="button" onClick={props.onExport} disabled={props.exporting === true || matching === 0}>
            {props.exporting === true ? t('table.exporting') : t('common.exportCsv')}
          </button>
        )}
      </div>
      <div
        ref={scroller}
        id={props.gridId}
        className="table-scroller"
        role="grid"
        aria-label={props.label}
        aria-rowcount={matching + 1}
        aria-colcount={visible.length + (selection === null ? 0 : 1)}
        aria-multiselectable={selection === null ? undefined : true}
        aria-activedescendant={activeId}
        aria-describedby={`${base}-keys`}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="table-head" role="rowgroup">
          {table.getHeaderGroups().map((group) => (
            <div key={group.id} role="row" aria-rowindex={1} className="table-row table-header-row" style={{ gridTemplateColumns: template }}>
              {selection === null ? null : (
                <div role="columnheader" className="table-cell select-cell">
                  <input
                    ref={allBox}
                    type="checkbox"
                    aria-label={t('table.selectLoaded')}
                    checked={allChosen}
                    disabled={loadedIds.length === 0}
                    onChange={() => selection.change(loadedIds, !allChosen)}
                  />
                </div>
              )}
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <div key={header.id} role="columnheader" aria-sort={sorted === false ? undefined : sorted === 'desc' ? 'descending' : 'ascending'} className="table-cell">
                    {header.column.getCanSort() ? (
                      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true">{sorted === false ? ' ↕' : sorted === 'desc' ? ' ↓' : ' ↑'}</span>
                        {sorted === false ? null : <span className="visually-hidden">, {sortLabel(sorted === 'desc')}</span>}
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        {matching === 0 ? (
          <div className="table-empty">{props.empty}</div>
        ) : (
          <div role="rowgroup" className="table-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              const id = row === undefined ? undefined : rowId(row.original);
              const rowDomId = `${base}-row-${item.index}`;
              const open = id !== undefined && id === openId;
              const chosen = selection !== null && id !== undefined && selection.ids.has(id);
              return (
                <div
                  key={item.key}
                  id={rowDomId}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selection === null ? open : chosen}
                  data-open={selection === null ? undefined : open}
                  data-active={item.index === active}
                  className="table-row"
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: rowHeight }}
                  onClick={() => setActive(item.index)}
                  onDoubleClick={() => row !== undefined && onOpen(row.original)}
                >
                  {selection === null ? null : (
                    <div role="gridcell" className="table-cell select-cell" onDoubleClick={(event) => event.stopPropagation()}>
                      {row === undefined ? null : (
                        <input
                          type="checkbox"
                          tabIndex={-1}
                          aria-labelledby={`${base}-select ${rowDomId}-name`}
                          checked={chosen}
                          onChange={() => undefined}
                          onClick={(event: MouseEvent<HTMLInputElement>) => {
                            setActive(item.index);
                            toggleAt(item.index, event.shiftKey);
                          }}
                        />
                      )}
                    </div>
                  )}
                  {row === undefined
                    ? visible.map((column, index) => (
                        <div key={column.id} role="gridcell" className="table-cell placeholder">
                          {index === 0 ? t('app.loading') : ''}
                        </div>
                      ))
                    : row.getVisibleCells().map((cell, index) => (
                        <div key={cell.id} id={selection !== null && index === 0 ? `${rowDomId}-name` : undefined} role="gridcell" className="table-cell">
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </div>
                      ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
      <p id={`${base}-keys`} className="field-hint table-keys">
        {t('table.keys')}
        {selection === null ? null : ` ${t('table.keysSelect')}`}
      </p>
      {selection === null ? null : (
        <span id={`${base}-select`} hidden>
          {t('table.select')}
        </span>
      )}
      {activeRow === undefined ? null : (
        <p className="visually-hidden" aria-live="polite">
          {t('table.activeRow', { index: formatNumber(active + 1), count: formatNumber(matching) })}
        </p>
      )}
    </div>
  );
}
