/**
 * Every leg of an ad-hoc call leaves through the tenant's outbound route (its SBC or PBX), so
 * the operator's own routing and billing apply; without one, the tenant's SIP domain is used.
 */
export function outboundUri(number: string, tenant: { outboundRoute: string | null; sipDomain: string }): string {
  const route = (tenant.outboundRoute ?? tenant.sipDomain).replace(/^sips?:/, '');
  return `sip:${number}@${route}`;
}
