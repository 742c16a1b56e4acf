import type { DialOutClass } from '@/server/db/schema/tenants';

/**
 * A-5, French numbering plan: 01-05 and 09 national, 06/07 mobile, 08 special/premium,
 * 00 or + international, short numbers are extensions. +33 / 0033 are French numbers, so they
 * are classed by their national form: calling Paris in E.164 must not need the international right.
 */
export type NumberClass = DialOutClass | 'unknown';

const FRANCE = /^(?:\+|00)33(\d{9})$/;
const MAX_EXTENSION_DIGITS = 6;

export function classifyNumber(number: string): NumberClass {
  const french = FRANCE.exec(number);
  if (french) return classifyNational(`0${french[1]}`);
  if (number.startsWith('+') || number.startsWith('00')) return 'international';
  if (number.startsWith('0')) return classifyNational(number);
  return number.length <= MAX_EXTENSION_DIGITS ? 'extension' : 'unknown';
}

function classifyNational(number: string): NumberClass {
  if (!/^0\d{9}$/.test(number)) return 'unknown';
  const prefix = number[1];
  if ('123459'.includes(prefix)) return 'national';
  if (prefix === '6' || prefix === '7') return 'mobile';
  if (prefix === '8') return 'premium';
  return 'unknown';
}

export interface PolicyDecision {
  number: string;
  numberClass: NumberClass;
  allowed: boolean;
}

/**
 * The tenant's allowed classes decide; an extension must also exist in the tenant, so that
 * short premium codes (36xx…) cannot pass as extensions.
 */
export function applyDialOutPolicy(
  numbers: readonly string[],
  allowedClasses: readonly DialOutClass[],
  tenantExtensions: ReadonlySet<string>,
): PolicyDecision[] {
  return numbers.map((number) => {
    const numberClass = classifyNumber(number);
    const permitted = numberClass !== 'unknown' && allowedClasses.includes(numberClass);
    const known = numberClass !== 'extension' || tenantExtensions.has(number);
    return { number, numberClass, allowed: permitted && known };
  });
}
