import type { ReactNode } from 'react';
import { cardClass } from './styles';

/** The list half of an admin page: a captioned table, or a sentence when there is nothing yet. */
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
  if (rows.length === 0) return <p className={`${cardClass} px-6 py-6 text-sm text-slate-600`}>{empty}</p>;
  return (
    // relative: the screen-reader-only header text is positioned absolutely; held here, it cannot widen a 390 px page.
    <div className={`${cardClass} relative overflow-x-auto`}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
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
                <td key={i} className={`px-4 py-3 ${i === cells.length - 1 ? 'text-right' : ''}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
