// The token dialog. A server started with --read-auth token answers 401 without a viewer token: ask for one
// and try again. An analyst opens the same dialog to sign in for the review actions. The token is kept for
// this browser session only (see api.ts).
import { setToken } from './api.ts';
import { byId } from './dom.ts';

export const READ_TOKEN_WHY = 'This server needs a token to read. Paste a viewer token (faultline token create --role viewer).';

/** What to do once a token is given: the last caller's (a newer request for a token replaces an older one). */
let pending: (() => void) | null = null;
let wired = false;

function wire(dialog: HTMLDialogElement): void {
  if (wired) return;
  wired = true;
  // The form is method="dialog": submitting it closes the dialog; the token is taken here, before that.
  byId<HTMLFormElement>('token-form').addEventListener('submit', () => {
    const value = byId<HTMLInputElement>('token-input').value.trim();
    if (value === '') return;
    const then = pending;
    pending = null;
    setToken(value);
    byId<HTMLInputElement>('token-input').value = '';
    then?.();
  });
  byId<HTMLButtonElement>('token-cancel').addEventListener('click', () => dialog.close());
  // Escape or Cancel: nothing to retry, and a later token must not run this request's retry.
  dialog.addEventListener('close', () => { pending = null; });
}

export function askToken(retry: () => void, why: string = READ_TOKEN_WHY): void {
  const dialog = byId<HTMLDialogElement>('token-dialog');
  wire(dialog);
  byId('token-why').textContent = why;
  pending = retry;
  if (!dialog.open) dialog.showModal();
}
