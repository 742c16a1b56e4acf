import { z } from 'zod';
import { replaceMember as replace } from '@/server/members/replace';
import * as members from '@/server/members/service';
import { defineAction } from './define';
import { checkbox, formText, id, optionalText } from './form';

/** M-1: the form sends the source picked in the name search, or none for a free name. */
export const addMember = defineAction({
  schema: z.object({
    roomId: id,
    source: z.preprocess((v) => (v === 'extension' || v === 'directory' ? v : 'name'), z.enum(['extension', 'directory', 'name'])),
    ref: formText,
    name: formText,
    email: optionalText,
    sendEmail: checkbox,
  }),
  run(actor, { roomId, source, ref, name, email, sendEmail }) {
    const named = name?.trim() ? name : undefined;
    if (source === 'extension') return members.addMember(actor, roomId, { source, extension: ref ?? '', name: named, email, sendEmail });
    if (source === 'directory') return members.addMember(actor, roomId, { source, directoryEntryId: ref ?? '', name: named, email, sendEmail });
    return members.addMember(actor, roomId, { source, name: name ?? '', email, sendEmail });
  },
});

/** M-2: the edit shortcut, a delete and an add of the same member in one go. */
export const replaceMember = defineAction({
  schema: z.object({ roomId: id, memberId: id, name: formText, email: optionalText, sendEmail: checkbox }),
  run: (actor, { roomId, memberId, name, email, sendEmail }) => replace(actor, roomId, memberId, { name: name ?? '', email, sendEmail }),
});

export const removeMember = defineAction({
  schema: z.object({ roomId: id, memberId: id }),
  run: (actor, { roomId, memberId }) => members.removeMember(actor, roomId, memberId),
});

/** M-1: what the name search of the member form offers. */
export const searchMemberCandidates = defineAction({
  schema: z.object({ q: formText }),
  run: (actor, { q }) => members.searchMemberCandidates(actor, q ?? ''),
});
