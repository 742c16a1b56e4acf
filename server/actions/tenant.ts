import { z } from 'zod';
import { DIAL_OUT_CLASSES } from '@/server/db/schema';
import { languageSchema } from '@/server/tenants/schemas';
import { updateTenantSettings as updateSettings } from '@/server/tenants/service';
import { defineAction } from './define';
import { checkbox, formText, list, optionalText } from './form';

/** T-2: the settings form, checked by the API's field rules (tenantSettingsSchema); portal numbers one per line, dial-out classes as checkboxes. */
export const updateTenantSettings = defineAction({
  schema: z.object({
    name: formText,
    timezone: formText,
    language: languageSchema,
    sipDomain: formText,
    portalNumbers: list,
    outboundRoute: optionalText,
    earlyJoinMinutes: formText,
    anonymousCallers: z.preprocess((v) => (v === 'reject' ? 'reject' : 'accept'), z.enum(['accept', 'reject'])),
    dialOutClasses: list.pipe(z.array(z.enum(DIAL_OUT_CLASSES, 'dialOutClasses.choice'))),
    maskCallerNumbers: checkbox,
    requirePin: checkbox,
  }),
  run: async (actor, { anonymousCallers, ...form }) => {
    await updateSettings(actor, {
      name: form.name ?? '',
      timezone: form.timezone ?? '',
      language: form.language,
      sipDomain: form.sipDomain ?? '',
      portalNumbers: form.portalNumbers,
      outboundRoute: form.outboundRoute,
      earlyJoinMinutes: form.earlyJoinMinutes ?? '',
      rejectAnonymous: anonymousCallers === 'reject',
      dialOutPolicy: form.dialOutClasses,
      maskCallerNumbers: form.maskCallerNumbers,
      requirePin: form.requirePin,
    });
  },
});
