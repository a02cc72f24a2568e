// A server started with --read-auth token answers 401 without a viewer token: ask for one (kept for this
// browser session only, see api.ts) and try again.
import { setToken } from './api.ts';
import { byId } from './dom.ts';

export function askToken(retry: () => void): void {
  const dialog = byId<HTMLDialogElement>('token-dialog');
  if (dialog.open) return;
  dialog.showModal();
  byId<HTMLFormElement>('token-form').addEventListener('submit', () => {
    setToken(byId<HTMLInputElement>('token-input').value.trim());
    retry();
  }, { once: true });
}
