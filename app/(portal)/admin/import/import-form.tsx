'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { FieldError, FormError } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '@/app/_ui/styles';
import type { ImportKind, ImportPreview, ImportResult } from '@/server/imports/service';
import { previewImport, runImport } from '../actions';

const FIELDS: Record<ImportKind, string[]> = { directory: ['name', 'number', 'email'], users: ['email', 'name', 'role', 'extension'] };

/**
 * Issue 12: choose a file (or paste lines), see every line checked, then write: every line when
 * all are right, or only the valid lines when the admin says so. Nothing is written before.
 */
export function ImportForm({ initialKind }: { initialKind: ImportKind }) {
  const t = useTranslations('imports');
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [csv, setCsv] = useState('');
  const [previewState, previewAction] = useActionState(previewImport, null);
  // The text that was previewed is the text written, whatever is typed afterwards; a new preview starts a new round.
  const [previewed, setPreviewed] = useState({ csv: '', round: 0 });
  const result = useRef<HTMLDivElement>(null);
  const preview = previewState?.ok ? (previewState.data as ImportPreview) : null;
  // After the preview, focus goes to what it produced, not to the top of the page.
  useEffect(() => {
    if (previewState) result.current?.focus();
  }, [previewState]);
  const csvError = previewState && !previewState.ok ? previewState.fieldErrors.csv : undefined;

  return (
    <div className="space-y-6">
      <form
        action={previewAction}
        onSubmit={() => setPreviewed((p) => ({ csv, round: p.round + 1 }))}
        noValidate
        className={`${cardClass} space-y-4 p-4 sm:p-6`}
      >
        <fieldset>
          <legend className={labelClass}>{t('kind')}</legend>
          <div className="flex flex-wrap gap-4">
            {(['directory', 'users'] as const).map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {t(`kinds.${k}`)}
              </label>
            ))}
          </div>
          <p className="mt-2 text-sm text-slate-600">{t(`columns.${kind}`)}</p>
        </fieldset>
        <div>
          <label htmlFor="import-file" className={labelClass}>
            {t('file')}
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            className="block w-full text-sm"
            onChange={async (event) => setCsv((await event.target.files?.[0]?.text()) ?? '')}
          />
        </div>
        <div>
          <label htmlFor="import-csv" className={labelClass}>
            {t('text')}
          </label>
          <textarea
            id="import-csv"
            name="csv"
            rows={6}
            value={csv}
            onChange={(event) => setCsv(event.target.value)}
            aria-invalid={csvError ? true : undefined}
            aria-describedby={`import-csv-hint${csvError ? ' import-csv-error' : ''}`}
            className={`${inputClass} font-mono`}
          />
          <p id="import-csv-hint" className="mt-1 text-xs text-slate-600">
            {t('textHint')}
          </p>
          <FieldError id="import-csv-error" code={csvError} />
        </div>
        <SubmitButton>{t('preview')}</SubmitButton>
      </form>

      <div ref={result} tabIndex={-1} className="space-y-4 outline-none" aria-live="polite">
        {previewState && !previewState.ok && !csvError && <FormError state={previewState} withFieldMessages />}
        {preview && <PreviewResult key={previewed.round} preview={preview} csv={previewed.csv} />}
      </div>
    </div>
  );
}

/** The checked lines and the button that writes them; its state starts afresh with each preview. */
function PreviewResult({ preview, csv }: { preview: ImportPreview; csv: string }) {
  const t = useTranslations('imports');
  const [runState, runAction] = useActionState(runImport, null);
  const done = runState?.ok ? (runState.data as ImportResult) : null;
  const status = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (runState) status.current?.focus();
  }, [runState]);
  return (
    <div ref={status} tabIndex={-1} className="space-y-4 outline-none">
      {done && (
        <div role="status" className="rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>{t('done', { imported: done.imported, skipped: done.skipped })}</p>
          {done.linksSent !== undefined && <p>{t('linksSent', { count: done.linksSent })}</p>}
        </div>
      )}
      {runState && !runState.ok && <FormError state={runState} withFieldMessages />}
      {!done && (
        <>
          <p className="text-sm font-medium">{t('summary', { valid: preview.valid, invalid: preview.invalid })}</p>
          {/* A phone reads one card per line; a wider screen, the table. */}
          <ul className="space-y-3 sm:hidden" aria-label={t('title')}>
            {preview.lines.map((line) => (
              <li key={line.line} className={`${cardClass} p-3 text-sm ${line.errors.length ? 'border-red-200 bg-red-50' : ''}`}>
                <p className="font-medium">
                  {t('line')} {line.line}
                </p>
                <dl className="mt-1 space-y-1">
                  {FIELDS[preview.kind].map((f) => (
                    <div key={f} className="flex gap-2">
                      <dt className="shrink-0 text-slate-600">{t(`fields.${f}`)}</dt>
                      <dd className="min-w-0 break-words">{line.values[f] ?? ''}</dd>
                    </div>
                  ))}
                </dl>
                <div className="mt-2">
                  <LineCheck issues={line.errors} />
                </div>
              </li>
            ))}
          </ul>
          <div className={`${cardClass} relative hidden overflow-x-auto sm:block`}>
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t('title')}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t('line')}
                  </th>
                  {FIELDS[preview.kind].map((f) => (
                    <th key={f} scope="col" className="px-3 py-2">
                      {t(`fields.${f}`)}
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2">
                    {t('status')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.lines.map((line) => (
                  <tr key={line.line} className={line.errors.length ? 'bg-red-50' : undefined}>
                    <th scope="row" className="px-3 py-2 font-mono font-normal">
                      {line.line}
                    </th>
                    {FIELDS[preview.kind].map((f) => (
                      <td key={f} className="break-words px-3 py-2">
                        {line.values[f] ?? ''}
                      </td>
                    ))}
                    <td className="px-3 py-2">
                      <LineCheck issues={line.errors} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.invalid > 0 && <p className="text-sm text-slate-700">{t('nothingWritten')}</p>}
          {preview.valid > 0 && (
            <form action={runAction}>
              <input type="hidden" name="kind" value={preview.kind} />
              <input type="hidden" name="csv" value={csv} />
              <input type="hidden" name="mode" value={preview.invalid === 0 ? 'all' : 'valid'} />
              <SubmitButton variant={preview.invalid === 0 ? undefined : secondaryButtonClass}>
                {preview.invalid === 0 ? t('importAll', { count: preview.valid }) : t('importValid', { count: preview.valid })}
              </SubmitButton>
            </form>
          )}
        </>
      )}
    </div>
  );
}

/** "OK", or each error of the line under its field's name. */
function LineCheck({ issues }: { issues: ImportPreview['lines'][number]['errors'] }) {
  const t = useTranslations('imports');
  const errors = useTranslations('errors');
  if (issues.length === 0) return <span className="text-emerald-800">{t('ok')}</span>;
  return (
    <ul className="text-red-800">
      {issues.map((e) => (
        <li key={`${e.field}-${e.code}`}>
          {t.has(`fields.${e.field}`) && <span className="font-medium">{t(`fields.${e.field}`)} — </span>}
          {errors.has(e.code) ? errors(e.code) : errors('field.invalid')}
        </li>
      ))}
    </ul>
  );
}
