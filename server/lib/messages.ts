import enErrors from '@/messages/en/errors.json';
import frErrors from '@/messages/fr/errors.json';

type Catalogue = Record<string, unknown>;
const errorCatalogues: Record<string, Catalogue> = { en: enErrors, fr: frErrors };

/** The sentence for an errors-catalogue key; English for locales without a catalogue. */
export function errorMessage(code: string, locale = 'en'): string {
  const lookup = (catalogue: Catalogue) =>
    code.split('.').reduce<unknown>((node, part) => (node as Catalogue | undefined)?.[part], catalogue);
  const found = lookup(errorCatalogues[locale] ?? enErrors) ?? lookup(enErrors);
  return typeof found === 'string' ? found : code;
}
