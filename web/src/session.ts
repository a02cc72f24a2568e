// Who is using the dashboard: the holder and role of the token in this browser session, as GET /me tells.
// The review actions are offered to analysts (and admins) only; the server checks again on every write, so
// this decides what is shown, never what is allowed.
import type { Me } from '../../src/server/routes/review.ts';
import { getJson, hasToken, onTokenChange, setToken } from './api.ts';
import { byId } from './dom.ts';
import { askToken } from './token.ts';

export const SIGNED_OUT: Me = { signed_in: false, name: null, role: null, can_review: false };

export const SIGN_IN_WHY = 'Sign in with your token to review events (an analyst token: faultline token create --role analyst).';

export class Session {
  private me: Me = SIGNED_OUT;
  private seq = 0;
  private readonly who = byId('who');
  private readonly signIn = byId<HTMLButtonElement>('sign-in');
  private readonly signOut = byId<HTMLButtonElement>('sign-out');

  constructor(private readonly onChange: (me: Me) => void) {
    this.signIn.addEventListener('click', () => this.askToSignIn());
    this.signOut.addEventListener('click', () => setToken(null));
    onTokenChange(() => void this.refresh());
    this.show();
  }

  get current(): Me {
    return this.me;
  }

  askToSignIn(): void {
    askToken(() => {}, SIGN_IN_WHY);
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    let me = SIGNED_OUT;
    if (hasToken()) {
      try {
        me = await getJson<Me>('me');
      } catch {
        // The server could not say: treat as signed out; every write is checked by the server anyway.
      }
    }
    if (seq !== this.seq) return; // the token changed again meanwhile
    this.me = me;
    this.show();
    this.onChange(me);
  }

  private show(): void {
    const me = this.me;
    this.who.textContent = me.signed_in ? `${me.name ?? ''} (${me.role ?? ''})` : '';
    this.who.hidden = !me.signed_in;
    this.signIn.hidden = me.signed_in;
    this.signOut.hidden = !me.signed_in;
    document.body.dataset['role'] = me.role ?? 'none';
  }
}
