import { z } from 'zod';
import * as directory from '@/server/directory/service';
import { defineAction } from './define';
import { formText, id, optionalText } from './form';

/** Admin pages: the tenant's extensions and external directory (T-2, M-1); the services check the role. */
export const createExtension = defineAction({
  schema: z.object({ number: formText, name: formText, email: optionalText }),
  run: async (actor, { number, name, email }) => {
    await directory.createExtension(actor, { number: number ?? '', name: name ?? '', email });
  },
});

export const deleteExtension = defineAction({
  schema: z.object({ id, onHeld: optionalText, reassignTo: optionalText }),
  run: (actor, { id, onHeld, reassignTo }) =>
    directory.deleteExtension(actor, id, { onHeld: (onHeld ?? undefined) as 'detach' | 'reassign' | undefined, reassignTo: reassignTo ?? undefined }),
});

export const createDirectoryEntry = defineAction({
  schema: z.object({ name: formText, number: optionalText, email: optionalText }),
  run: async (actor, { name, number, email }) => {
    await directory.createDirectoryEntry(actor, { name: name ?? '', number, email });
  },
});

export const deleteDirectoryEntry = defineAction({
  schema: z.object({ id }),
  run: (actor, input) => directory.deleteDirectoryEntry(actor, input.id),
});
