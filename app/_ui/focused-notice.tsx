'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The message a page shows after an action that brought the user here (a room saved,
 * duplicated): it takes the focus, so the next Tab and the screen reader start from the result
 * rather than from the top of the page (issue 12.7).
 */
export function FocusedNotice({ children, className }: { children: ReactNode; className?: string }) {
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    notice.current?.focus();
  }, []);
  return (
    <p ref={notice} tabIndex={-1} role="status" className={className}>
      {children}
    </p>
  );
}
