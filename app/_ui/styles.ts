/** Shared class lists, so every form looks and behaves alike. */
export const labelClass = 'mb-1 block text-sm font-medium text-slate-800';
export const inputClass =
  'block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600/30 aria-[invalid=true]:border-red-700';
export const buttonClass =
  'inline-flex items-center justify-center gap-2 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-800 disabled:opacity-60';
export const secondaryButtonClass =
  'inline-flex items-center justify-center gap-2 rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-100';
export const dangerButtonClass =
  'inline-flex items-center justify-center gap-2 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800';
export const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline';
export const cardClass = 'rounded-lg border border-slate-200 bg-white shadow-sm';
/** A modal dialog: at most 448 px, and always a margin narrower than the screen (a 390 px phone, issue 12.4). */
export const dialogClass = 'm-auto w-[calc(100%-2rem)] max-w-md rounded-lg p-0 text-left shadow-xl';
