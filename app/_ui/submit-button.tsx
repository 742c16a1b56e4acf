'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonClass } from './styles';

export function SubmitButton({ children, className = '', variant }: { children: ReactNode; className?: string; variant?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={`${variant ?? buttonClass} ${className}`}>
      {children}
    </button>
  );
}
