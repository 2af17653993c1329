/** Every screen of the web client, by path. The first matching route wins. */
import type { ReactNode } from 'react';
import { RequireAuth } from './components/RequireAuth';
import { AccountSettings } from './pages/AccountSettings';
import { AdminAccounts } from './pages/admin/AdminAccounts';
import { AdminAuditLog } from './pages/admin/AdminAuditLog';
import { AdminBusiness } from './pages/admin/AdminBusiness';
import { AdminMarket } from './pages/admin/AdminMarket';
import { AdminOverview } from './pages/admin/AdminOverview';
import { AdminQueue } from './pages/admin/AdminQueue';
import { AdminAnalytics } from './pages/admin/AdminAnalytics';
import { BusinessAnalytics } from './pages/BusinessAnalytics';
import { DataSettings } from './pages/DataSettings';
import { PlansSettings } from './pages/PlansSettings';
import { AgentBuilder } from './pages/AgentBuilder';
import { AgentChatPage } from './pages/AgentChatPage';
import { AgentDashboard } from './pages/AgentDashboard';
import { AgentEdit } from './pages/AgentEdit';
import { AgentMemory } from './pages/AgentMemory';
import { ChatRoomPage } from './pages/ChatRoomPage';
import { Chats } from './pages/Chats';
import { COMING_SOON, ComingSoon } from './pages/ComingSoon';
import { CreatorDashboard } from './pages/CreatorDashboard';
import { DevMailbox } from './pages/DevMailbox';
import { Explore } from './pages/Explore';
import { ForgotPassword } from './pages/ForgotPassword';
import { HashtagPage } from './pages/HashtagPage';
import { Home } from './pages/Home';
import { Live } from './pages/Live';
import { LiveStreamPage } from './pages/LiveStreamPage';
import { ListingPage } from './pages/ListingPage';
import { Login } from './pages/Login';
import { MarketCompare } from './pages/MarketCompare';
import { Marketplace } from './pages/Marketplace';
import { MyAgents } from './pages/MyAgents';
import { MyPurchases } from './pages/MyPurchases';
import { NotFound } from './pages/NotFound';
import { NotificationSettings } from './pages/NotificationSettings';
import { Notifications } from './pages/Notifications';
import { OAuthAuthorize } from './pages/OAuthAuthorize';
import { OAuthNative } from './pages/OAuthNative';
import { PrivacySettings } from './pages/PrivacySettings';
import { Profile } from './pages/Profile';
import { ProfileEdit } from './pages/ProfileEdit';
import { ResetPassword } from './pages/ResetPassword';
import { SignUp } from './pages/SignUp';
import { StatusPage } from './pages/StatusPage';
import { SocialComplete } from './pages/SocialComplete';
import { VerifyEmail } from './pages/VerifyEmail';
import { matchPath, type Params } from './router';

interface Route {
  path: string;
  render(params: Params): ReactNode;
}

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

export const ROUTES: Route[] = [
  { path: '/', render: () => <Home /> },
  ...Object.keys(COMING_SOON).map((path) => ({ path, render: () => <ComingSoon path={path} /> })),
  { path: '/explore', render: () => <Explore /> },
  { path: '/marketplace', render: () => <Marketplace /> },
  { path: '/marketplace/compare', render: () => <MarketCompare /> },
  { path: '/marketplace/:id', render: ({ id }) => <ListingPage key={id} id={id!} /> },
  { path: '/purchases', render: () => signedIn(<MyPurchases />) },
  { path: '/chats', render: () => signedIn(<Chats />) },
  { path: '/chats/:id', render: ({ id }) => signedIn(<ChatRoomPage key={id} id={id!} />) },
  { path: '/live', render: () => signedIn(<Live />) },
  { path: '/live/:id', render: ({ id }) => <LiveStreamPage key={id} id={id!} /> },
  { path: '/creator', render: () => signedIn(<CreatorDashboard />) },
  { path: '/business/analytics', render: () => signedIn(<BusinessAnalytics />) },
  { path: '/admin/analytics', render: () => signedIn(<AdminAnalytics />) },
  { path: '/agents', render: () => signedIn(<MyAgents />) },
  { path: '/agents/new', render: () => signedIn(<AgentBuilder />) },
  { path: '/agents/:id/edit', render: ({ id }) => signedIn(<AgentEdit key={id} id={id!} />) },
  { path: '/agents/:id/chat', render: ({ id }) => signedIn(<AgentChatPage key={id} id={id!} />) },
  { path: '/agents/:id/memory', render: ({ id }) => signedIn(<AgentMemory key={id} id={id!} />) },
  { path: '/agents/:id/dashboard', render: ({ id }) => signedIn(<AgentDashboard key={id} id={id!} />) },
  { path: '/tags/:tag', render: ({ tag }) => <HashtagPage key={tag} tag={tag!} /> },
  { path: '/notifications', render: () => signedIn(<Notifications />) },
  { path: '/login', render: () => <Login /> },
  { path: '/signup', render: () => <SignUp /> },
  { path: '/auth/sign_up', render: () => <SignUp /> },
  { path: '/auth/forgot-password', render: () => <ForgotPassword /> },
  { path: '/auth/reset-password', render: () => <ResetPassword /> },
  { path: '/auth/verify-email', render: () => <VerifyEmail /> },
  { path: '/auth/social/complete', render: () => <SocialComplete /> },
  { path: '/oauth/authorize', render: () => <OAuthAuthorize /> },
  { path: '/oauth/authorize/native', render: () => <OAuthNative /> },
  { path: '/@:username/:id', render: ({ id }) => <StatusPage key={id} id={id!} /> },
  { path: '/@:username', render: ({ username }) => <Profile key={username} username={username!} /> },
  { path: '/settings', render: () => signedIn(<ProfileEdit />) },
  { path: '/settings/profile', render: () => signedIn(<ProfileEdit />) },
  { path: '/settings/privacy', render: () => signedIn(<PrivacySettings />) },
  { path: '/settings/notifications', render: () => signedIn(<NotificationSettings />) },
  { path: '/settings/account', render: () => signedIn(<AccountSettings />) },
  { path: '/settings/data', render: () => signedIn(<DataSettings />) },
  { path: '/settings/plans', render: () => signedIn(<PlansSettings />) },
  { path: '/admin', render: () => signedIn(<AdminOverview />) },
  { path: '/admin/queue', render: () => signedIn(<AdminQueue />) },
  { path: '/admin/accounts', render: () => signedIn(<AdminAccounts />) },
  { path: '/admin/business', render: () => signedIn(<AdminBusiness />) },
  { path: '/admin/market', render: () => signedIn(<AdminMarket />) },
  { path: '/admin/audit', render: () => signedIn(<AdminAuditLog />) },
  { path: '/dev/mailbox', render: () => <DevMailbox /> },
];

export function renderRoute(pathname: string): ReactNode {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return route.render(params);
  }
  return <NotFound />;
}
