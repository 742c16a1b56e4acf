'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { conferenceAction } from '@/app/(portal)/live/actions';
import type { ActionResult } from '@/server/actions/define';
import type { ActionLineView, LiveConference, LiveParticipant } from '@/server/live/view';
import { RoomWaiting } from './room-waiting';
import { buttonClass, cardClass, dangerButtonClass, inputClass, labelClass, secondaryButtonClass } from '../styles';

/**
 * The live view of one conference (L-1, L-2), for the portal page and the public link pages: it
 * starts from the server's snapshot and follows the conference's event stream (EventSource, which
 * resumes by itself after a network cut with Last-Event-ID). Actions go to the server action
 * (portal) or to the link's action route (control link); their effect comes back on the stream.
 */
export interface LivePanelProps {
  initial: LiveConference;
  lastEventId: number;
  actions: ActionLineView[];
  ended: boolean;
  canAct: boolean;
  /** The page's own stream (portal session or link token). */
  streamUrl: string;
  /** Set on a control link's page: actions are posted there instead of the portal's server action. */
  linkActionUrl?: string;
  /** A public page: a dead link says so. */
  isLink?: boolean;
  /** A link page: once this conference ends, wait on this stream for the room's next one. */
  waitUrl?: string;
  timeZone: string;
  locale: string;
  /** Portal: who the user ids of the action log are. */
  userNames?: Record<string, string>;
}

type Connection = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'revoked' | 'closed';
interface DialLine {
  number: string | null;
  state: string;
  participantId: string | null;
}
type Result = ActionResult<{ result: string; message?: string }>;

export function LivePanel(props: LivePanelProps) {
  const t = useTranslations('live');
  const tErrors = useTranslations('errors');
  const [participants, setParticipants] = useState<LiveParticipant[]>(props.initial.participants);
  const [flags, setFlags] = useState({ locked: props.initial.locked, paused: props.initial.paused, recording: props.initial.recording });
  const [log, setLog] = useState<ActionLineView[]>(props.actions);
  const [dials, setDials] = useState<DialLine[]>([]);
  const [connection, setConnection] = useState<Connection>(props.ended ? 'ended' : 'connecting');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<{ action: 'end' | 'kick'; participant?: LiveParticipant } | null>(null);
  const [dialNumber, setDialNumber] = useState('');
  const [dialError, setDialError] = useState<string | null>(null);
  const now = useNow();
  // The names seen so far, so that a log line about someone who left still names them.
  const known = useRef(new Map<string, LiveParticipant>(props.initial.participants.map((p) => [p.id, p])));

  useEffect(() => {
    if (props.ended) return;
    const url = `${props.streamUrl}${props.streamUrl.includes('?') ? '&' : '?'}lastEventId=${props.lastEventId}`;
    const source = new EventSource(url);
    const data = (e: Event) => JSON.parse((e as MessageEvent).data);
    const upsert = (p: LiveParticipant) => {
      known.current.set(p.id, p);
      setParticipants((list) => (list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...list, p]));
    };
    source.onopen = () => setConnection('live');
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? (props.isLink ? 'revoked' : 'closed') : 'reconnecting');
    source.addEventListener('participant.joined', (e) => upsert(data(e).participant));
    source.addEventListener('participant.updated', (e) => upsert(data(e).participant));
    source.addEventListener('participant.left', (e) => {
      const p: LiveParticipant = data(e).participant;
      known.current.set(p.id, p);
      setParticipants((list) => list.filter((x) => x.id !== p.id));
    });
    source.addEventListener('conference.updated', (e) => {
      const d = data(e);
      // Only the recording's own events carry `recording`; the others leave it as it is.
      setFlags((f) => ({ locked: Boolean(d.locked), paused: Boolean(d.paused), recording: typeof d.recording === 'boolean' ? d.recording : f.recording }));
    });
    source.addEventListener('conference.ended', () => {
      setConnection('ended');
      setParticipants([]);
      source.close();
    });
    source.addEventListener('action', (e) => {
      const { conferenceId: _c, ...line } = data(e);
      setLog((lines) => [...lines, line as ActionLineView]);
    });
    source.addEventListener('dial.progress', (e) => {
      const d = data(e);
      setDials((lines) => [...lines.filter((l) => l.number !== d.number), { number: d.number, state: d.state, participantId: d.participantId }]);
    });
    source.addEventListener('link.revoked', () => {
      setConnection('revoked');
      source.close();
    });
    return () => source.close();
  }, [props.streamUrl, props.lastEventId, props.ended, props.isLink]);

  const act = useCallback(
    async (input: { action: string; participantId?: string; number?: string }): Promise<Result | null> => {
      setBusy(true);
      setStatus({ text: t('working'), error: false });
      try {
        let result: Result;
        if (props.linkActionUrl) {
          const response = await fetch(props.linkActionUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conferenceId: props.initial.id, ...input }) });
          if (response.headers.get('content-type')?.startsWith('application/json')) result = await response.json();
          else {
            // A problem answer: the link itself is dead (404) or the server failed.
            if (response.status === 404) setConnection('revoked');
            result = { ok: false, status: response.status, code: response.status === 404 ? 'action.notFound' : 'action.failed', fieldErrors: {} };
          }
        } else {
          const form = new FormData();
          form.set('conferenceId', props.initial.id);
          for (const [k, v] of Object.entries(input)) if (v) form.set(k, v);
          result = (await conferenceAction(null, form)) as Result;
        }
        if (result?.ok) {
          const done = result.data.result === 'dialing' ? t('dialing', { number: input.number ?? '' }) : result.data.result === 'failed' ? t('failedWith', { message: result.data.message ?? '' }) : t('done');
          setStatus({ text: done, error: result.data.result === 'failed' });
        } else if (result) {
          const field = Object.values(result.fieldErrors ?? {})[0];
          const code = field ?? result.code;
          const message = tErrors.has(code) ? tErrors(code) : tErrors('action.failed');
          setStatus({ text: t('failedWith', { message }), error: true });
        }
        return result;
      } catch {
        setStatus({ text: t('failedWith', { message: tErrors('action.failed') }), error: true });
        return null;
      } finally {
        setBusy(false);
      }
    },
    [props.linkActionUrl, props.initial.id, props.isLink, t, tErrors],
  );

  const time = useMemo(() => new Intl.DateTimeFormat(props.locale, { timeZone: props.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit' }), [props.locale, props.timeZone]);
  const who = (p: Pick<LiveParticipant, 'number' | 'name'> | undefined) => (p ? (p.name ?? p.number ?? t('hiddenNumber')) : '');
  const durationOf = (from: string) => {
    const s = Math.max(0, Math.floor((now - new Date(from).getTime()) / 1000));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return `${h > 0 ? `${h}:` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  const byText = (line: ActionLineView) => {
    if (line.by.kind === 'user' && line.by.id && props.userNames?.[line.by.id]) return props.userNames[line.by.id];
    if (line.by.kind === 'keypad' && line.by.id && known.current.has(line.by.id)) return t('log.keypadOf', { who: who(known.current.get(line.by.id)) });
    return t(`log.by.${line.by.kind}`);
  };
  const live = connection !== 'ended' && connection !== 'revoked';
  const canAct = props.canAct && live;

  return (
    <div className="space-y-6">
      {connection === 'ended' && props.waitUrl && <RoomWaiting streamUrl={props.waitUrl} />}
      <p role="status" className={`rounded-md px-3 py-2 text-sm ${connection === 'live' ? 'bg-emerald-50 text-emerald-900' : connection === 'revoked' || connection === 'closed' ? 'bg-red-50 text-red-900' : 'bg-slate-100 text-slate-800'}`}>
        {t(`connection.${connection}`)}
      </p>

      {live && (
        <div className="flex flex-wrap gap-2 text-sm">
          <span className={`rounded-full px-3 py-1 font-medium ${flags.locked ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-800'}`}>{flags.locked ? t('lockedState') : t('openState')}</span>
          {flags.paused && <span className="rounded-full bg-amber-100 px-3 py-1 font-medium text-amber-900">{t('pausedState')}</span>}
          {props.initial.simulated && <span className="rounded-full bg-sky-100 px-3 py-1 font-medium text-sky-900">{t('simulated')}</span>}
        </div>
      )}

      <section aria-labelledby="participants-heading" className={`${cardClass} p-4`}>
        <h2 id="participants-heading" className="mb-3 text-lg font-semibold">
          {t('participants')} <span className="text-sm font-normal text-slate-600">({t('participantCount', { count: participants.length })})</span>
        </h2>
        {participants.length === 0 ? (
          <p className="text-sm text-slate-700">{t('noParticipants')}</p>
        ) : (
          <ul className="divide-y divide-slate-200" data-testid="participants">
            {participants.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="participant" data-participant-id={p.id}>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    <span
                      aria-hidden="true"
                      data-testid="talking"
                      data-talking={p.talking}
                      className={`inline-block h-3 w-3 shrink-0 rounded-full ${p.talking ? 'animate-pulse bg-emerald-600' : 'bg-slate-300'}`}
                    />
                    <span className="break-all">{p.number ?? t('hiddenNumber')}</span>
                    {p.name && <span className="text-slate-700">· {p.name}</span>}
                  </p>
                  <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-700">
                    <span className="rounded bg-slate-100 px-2 text-slate-800">{t(`role.${p.role}`)}</span>
                    <span>{t('joinedAt', { time: time.format(new Date(p.joinedAt)) })}</span>
                    <span>{t('for', { duration: durationOf(p.joinedAt) })}</span>
                    <span data-testid="muted" className={p.muted ? 'font-medium text-red-800' : ''}>
                      {p.muted ? t('muted') : t('microphoneOn')}
                    </span>
                    <span className={p.talking ? 'font-medium text-emerald-800' : 'sr-only'}>{p.talking ? t('talking') : t('notTalking')}</span>
                    {p.handRaised && <span className="font-medium text-amber-900">✋ {t('handRaised')}</span>}
                  </p>
                </div>
                {canAct && (
                  <div role="group" aria-label={t('participantActions', { who: who(p) })} className="flex flex-wrap gap-2">
                    <button type="button" disabled={busy} className={secondaryButtonClass} onClick={() => void act({ action: p.muted ? 'unmute' : 'mute', participantId: p.id })}>
                      {p.muted ? t('action.unmute') : t('action.mute')}
                    </button>
                    <button type="button" disabled={busy} className={secondaryButtonClass} onClick={() => void act({ action: p.role === 'participant' ? 'promote' : 'demote', participantId: p.id })}>
                      {p.role === 'participant' ? t('action.promote') : t('action.demote')}
                    </button>
                    <button type="button" disabled={busy} className={secondaryButtonClass} onClick={() => setConfirming({ action: 'kick', participant: p })}>
                      {t('action.kick')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {props.canAct && live && (
        <section aria-labelledby="controls-heading" className={`${cardClass} space-y-4 p-4`}>
          <h2 id="controls-heading" className="text-lg font-semibold">
            {t('controls')}
          </h2>
          <div className="flex flex-wrap gap-2">
            <button type="button" disabled={busy} className={secondaryButtonClass} onClick={() => void act({ action: 'muteAll' })}>
              {t('action.muteAll')}
            </button>
            <button type="button" disabled={busy} className={secondaryButtonClass} onClick={() => void act({ action: 'unmuteAll' })}>
              {t('action.unmuteAll')}
            </button>
            <button type="button" disabled={busy} className={secondaryButtonClass} onClick={() => void act({ action: flags.locked ? 'unlock' : 'lock' })}>
              {flags.locked ? t('action.unlock') : t('action.lock')}
            </button>
            <button type="button" disabled={busy} className={secondaryButtonClass} onClick={() => void act({ action: flags.recording ? 'stopRecord' : 'record' })}>
              {flags.recording ? t('action.stopRecord') : t('action.record')}
            </button>
            <button type="button" disabled={busy} className={dangerButtonClass} onClick={() => setConfirming({ action: 'end' })}>
              {t('action.end')}
            </button>
          </div>
          {flags.recording && (
            <p role="status" className="text-sm font-medium text-red-800">
              {t('recordingOn')}
            </p>
          )}

          <form
            className="space-y-2"
            onSubmit={async (e) => {
              e.preventDefault();
              setDialError(null);
              const result = await act({ action: 'dial', number: dialNumber.trim() });
              if (result && !result.ok && result.fieldErrors?.number) setDialError(tErrors.has(result.fieldErrors.number) ? tErrors(result.fieldErrors.number) : tErrors('field.invalid'));
              if (result?.ok) setDialNumber('');
            }}
          >
            <h3 className="font-semibold">{t('dial.heading')}</h3>
            <label htmlFor="dial-number" className={labelClass}>
              {t('dial.number')}
            </label>
            <div className="flex flex-wrap gap-2">
              <input
                id="dial-number"
                name="number"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                required
                value={dialNumber}
                onChange={(e) => setDialNumber(e.target.value)}
                aria-invalid={dialError ? true : undefined}
                aria-describedby={`dial-hint${dialError ? ' dial-error' : ''}`}
                className={`${inputClass} max-w-xs flex-1`}
              />
              <button type="submit" disabled={busy} className={buttonClass}>
                {t('action.dial')}
              </button>
            </div>
            <p id="dial-hint" className="text-xs text-slate-600">
              {t('dial.hint')}
            </p>
            {dialError && (
              <p id="dial-error" className="text-sm font-medium text-red-800">
                {dialError}
              </p>
            )}
          </form>
        </section>
      )}

      {dials.length > 0 && (
        <section aria-labelledby="dials-heading" className={`${cardClass} p-4`}>
          <h2 id="dials-heading" className="mb-2 text-lg font-semibold">
            {t('dial.progress')}
          </h2>
          <ul className="space-y-1 text-sm" data-testid="dials">
            {dials.map((d) => (
              <li key={d.number ?? ''}>
                <span className="font-medium">{d.number ?? t('hiddenNumber')}</span> · {t.has(`dial.state.${d.state}`) ? t(`dial.state.${d.state}`) : d.state}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div aria-live="polite" className="min-h-6 text-sm">
        {status && <p className={status.error ? 'font-medium text-red-800' : 'text-slate-800'}>{status.text}</p>}
      </div>

      <section aria-labelledby="log-heading" className={`${cardClass} p-4`}>
        <h2 id="log-heading" className="mb-3 text-lg font-semibold">
          {t('log.heading')}
        </h2>
        {log.length === 0 ? (
          <p className="text-sm text-slate-700">{t('log.empty')}</p>
        ) : (
          <ol className="divide-y divide-slate-200 text-sm" data-testid="action-log">
            {[...log].reverse().map((line, i) => (
              <li key={`${line.at}-${log.length - i}`} className="flex flex-wrap gap-x-3 py-2" data-testid="log-line">
                <time dateTime={line.at} className="tabular-nums text-slate-700">
                  {time.format(new Date(line.at))}
                </time>
                <span className="font-medium">{t.has(`log.names.${line.action}`) ? t(`log.names.${line.action}`) : line.action}</span>
                {line.participantId && known.current.has(line.participantId) && <span>{who(known.current.get(line.participantId))}</span>}
                <span className="text-slate-700">
                  {t('log.who')} {byText(line)}
                </span>
                <span className="text-slate-700">· {t.has(`log.results.${line.result}`) ? t(`log.results.${line.result}`) : line.result}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      {confirming && (
        <ConfirmDialog
          text={confirming.action === 'end' ? t('confirmEnd') : t('confirmKick', { who: who(confirming.participant) })}
          confirmLabel={confirming.action === 'end' ? t('action.end') : t('action.kick')}
          cancelLabel={t('cancel')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const c = confirming;
            setConfirming(null);
            void act(c.action === 'end' ? { action: 'end' } : { action: 'kick', participantId: c.participant!.id });
          }}
        />
      )}
    </div>
  );
}

/** A modal the browser manages (focus trapped, Escape closes), opened as it mounts. */
function ConfirmDialog(props: { text: string; confirmLabel: string; cancelLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="live-confirm-text" onClose={props.onCancel} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl">
      <div className="space-y-4 p-6">
        <p id="live-confirm-text" className="text-base font-medium text-slate-900">
          {props.text}
        </p>
        <div className="flex flex-wrap justify-end gap-3">
          <button type="button" className={secondaryButtonClass} onClick={props.onCancel}>
            {props.cancelLabel}
          </button>
          <button type="button" className={dangerButtonClass} onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}

/** The clock for running durations, ticking each second (display only; the state comes by push). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
