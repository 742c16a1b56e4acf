/**
 * Marks the element that takes the focus when a row inside it goes away (ConfirmAction, issue 12.7):
 * the list stays where the user was instead of the focus falling back to the top of the page.
 * Apart from focus-result.ts because server components spread it.
 */
export const AFTER_ACTION = { 'data-after-action': '', tabIndex: -1 } as const;
