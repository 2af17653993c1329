import { BusinessVerificationSection } from '../components/BusinessVerificationForm';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { SecuritySection } from '../components/SecuritySection';
import { SettingsNav } from '../components/SettingsNav';
import { useSession } from '../auth/SessionProvider';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function AccountSettings() {
  useDocumentTitle('Account settings');
  const { account } = useSession();
  return (
    <section className="settings">
      <h1>Settings</h1>
      <SettingsNav />
      <section className="form">
        <h2>E-mail</h2>
        <p>
          {account?.smile.email ?? 'No e-mail address'}{' '}
          {account?.smile.email_verified ? <span className="chip chip-ok">Confirmed</span> : <span className="chip chip-warn">Not confirmed yet</span>}
        </p>
      </section>
      <ChangePasswordForm />
      <SecuritySection />
      <BusinessVerificationSection />
    </section>
  );
}
