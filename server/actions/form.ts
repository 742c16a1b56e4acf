import { z } from 'zod';

/**
 * Form fields arrive as strings (or arrays when repeated); these turn them into what the
 * services expect, so the same action works from a <form> and from a test with plain objects.
 */
export const formText = z.preprocess((v) => (typeof v === 'string' ? v : undefined), z.string().optional());

/** An empty optional field means "none". */
export const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().nullish());

/** An unchecked checkbox is absent; a checked one sends "on". */
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

/** A list from repeated fields (checkbox groups) or one per line (textarea). */
export const list = z.preprocess((v) => {
  if (Array.isArray(v)) return v.filter((item) => typeof item === 'string' && item.trim() !== '');
  if (typeof v === 'string') return v.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  return [];
}, z.array(z.string()));

export const id = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());
