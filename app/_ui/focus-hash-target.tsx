'use client';

import { useEffect } from 'react';

/**
 * Moves the focus to the element the address's #fragment names, once the page shows it: a link
 * such as "show more rooms" lands the keyboard there, not only the scroll (issue 12.7). Keyed by
 * the page so that each such navigation runs it again.
 */
export function FocusHashTarget() {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.focus();
  }, []);
  return null;
}
