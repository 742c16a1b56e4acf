'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Marks the section the user is in, for sight (underline) and for screen readers (aria-current). */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`rounded px-3 py-2 text-sm font-medium text-slate-100 hover:bg-slate-700 ${current ? 'bg-slate-700 underline decoration-2 underline-offset-4' : ''}`}
    >
      {children}
    </Link>
  );
}
