import type { ReactNode } from 'react';
import { AFTER_ACTION } from './after-action';
import { cardClass } from './styles';

/**
 * The list half of an admin page: a captioned table, or a sentence when there is nothing yet.
 * On a phone each row is a card whose cells carry their column's name (.stack-table, globals.css).
 */
export function AdminTable({
  caption,
  columns,
  actionsLabel,
  rows,
  empty,
}: {
  caption: string;
  columns: string[];
  /** Names the last column, whose cells hold buttons; read by screen readers only. */
  actionsLabel: string;
  rows: { key: string; cells: ReactNode[] }[];
  empty: string;
}) {
  // One wrapper whether rows remain or not: after a row's removal the focus lands on it (AFTER_ACTION).
  return (
    <div {...AFTER_ACTION} className={`${cardClass} relative overflow-x-auto`}>
      {rows.length === 0 ? (
        <p className="px-6 py-6 text-sm text-slate-600">{empty}</p>
      ) : (
        <table className="stack-table min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col" className="px-4 py-3">
                  {c}
                </th>
              ))}
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">{actionsLabel}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(({ key, cells }) => (
              <tr key={key}>
                {cells.map((cell, i) => (
                  <td key={i} data-label={columns[i]} className={`px-4 py-3 ${i === cells.length - 1 ? 'text-right' : ''}`}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
