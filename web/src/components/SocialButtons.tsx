/** One button per configured social login provider; nothing when the server has none. */
import { socialProviders } from '../api/auth';
import { useResource } from '../hooks/useResource';

export function SocialButtons({ verb }: { verb: 'Log in' | 'Sign up' }) {
  const [providers] = useResource(socialProviders, []);
  if (providers.state !== 'ready' || providers.data.length === 0) return null;
  return (
    <div className="social">
      <p className="divider">
        <span>or</span>
      </p>
      {providers.data.map((p) => (
        <a key={p.id} className={`button button-social button-${p.id}`} href={p.start_url}>
          {verb} with {p.name}
        </a>
      ))}
    </div>
  );
}
