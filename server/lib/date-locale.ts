/**
 * the locale dates are written in. The language comes from the reader (UI language, or
 * the tenant's for emails); the style from the browser when it names an English variant, else from
 * the tenant's zone: English dates read day-first (en-GB) except in the Americas (en-US).
 * French is always `DD.MM.YYYY hh:mm` (formatLocalDateTime).
 */
export function dateLocale(language: string, zone: string, acceptLanguage?: string | null): string {
  if (!language.startsWith('en')) return language;
  const fromBrowser = englishVariantOf(acceptLanguage);
  if (fromBrowser) return fromBrowser;
  return /^(America|US|Canada)\//.test(zone) ? 'en-US' : 'en-GB';
}

/** The first English tag with a region in an Accept-Language header, by quality (`en-US`, `en-AU`…). */
function englishVariantOf(acceptLanguage: string | null | undefined): string | undefined {
  if (!acceptLanguage) return undefined;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const english = ranked.find((entry) => /^en-[A-Za-z]{2}$/.test(entry.tag));
  if (!english) return undefined;
  const [base, region] = english.tag.split('-');
  return `${base.toLowerCase()}-${region.toUpperCase()}`;
}
