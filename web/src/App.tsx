import { SessionProvider } from './auth/SessionProvider';
import { AppShell } from './components/AppShell';
import { renderRoute } from './routes';
import { useLocation } from './router';

function CurrentPage() {
  const { pathname } = useLocation();
  return <>{renderRoute(pathname)}</>;
}

export function App() {
  return (
    <SessionProvider>
      <AppShell>
        <CurrentPage />
      </AppShell>
    </SessionProvider>
  );
}
