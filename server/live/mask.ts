/**
 * L-3: public live pages show caller numbers with every digit but the last 4 hidden, unless the
 * tenant turned masking off (tenants.maskCallerNumbers). A hidden number stays null (the page
 * says "hidden number"). Pure, so the rule is tested on its own.
 */
export function maskNumber(number: string | null, mask: boolean): string | null {
  if (number === null || !mask) return number;
  const digits = [...number].filter((c) => /\d/.test(c)).length;
  let toHide = Math.max(0, digits - 4);
  return [...number]
    .map((c) => {
      if (!/\d/.test(c) || toHide === 0) return c;
      toHide -= 1;
      return '•';
    })
    .join('');
}
