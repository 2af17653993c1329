/** Reminds a signed-in person to confirm their e-mail address, with a resend button. */
import { useState } from 'react';
import { resendConfirmation } from '../api/auth';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { Icon } from './Icon';

export function EmailBanner() {
  const { account } = useSession();
  const action = useAction();
  const [sent, setSent] = useState(false);
  if (!account || account.smile.email_verified || !account.smile.email) return null;

  const resend = async () => {
    if (await action.run(() => resendConfirmation().then(() => true))) setSent(true);
  };

  return (
    <div className="banner" role="region" aria-label="Confirm your e-mail">
      <Icon name="mail" />
      <div className="banner-text">
        <strong>Confirm your e-mail address.</strong> We sent a link to {account.smile.email}.
        {sent && <span role="status"> A new link is on its way.</span>}
        {action.error && <span role="alert"> {action.error.message}</span>}
      </div>
      <button type="button" className="button button-small" onClick={resend} disabled={action.busy || sent}>
        {action.busy ? 'Sending…' : 'Resend e-mail'}
      </button>
    </div>
  );
}
