'use client';

import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';

/** A link page with no conference running: it waits on the stream and loads the conference when one starts. */
export function RoomWaiting({ streamUrl }: { streamUrl: string }) {
  const t = useTranslations('live');
  const router = useRouter();
  const [revoked, setRevoked] = useState(false);
  useEffect(() => {
    const source = new EventSource(streamUrl);
    source.addEventListener('conference.started', () => {
      source.close();
      router.refresh();
    });
    source.addEventListener('link.revoked', () => {
      source.close();
      setRevoked(true);
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setRevoked(true);
    };
    return () => source.close();
  }, [streamUrl, router]);
  return (
    <p role="status" className={`rounded-md px-3 py-2 text-sm ${revoked ? 'bg-red-50 text-red-900' : 'bg-slate-100 text-slate-800'}`}>
      {revoked ? t('connection.revoked') : t('public.waiting')}
    </p>
  );
}
