/** The first tab of /explore: agents to follow, trending hashtags and trending posts. */
import { fetchTrendingStatuses, TRENDING_STATUSES, trendingTags } from '../../api/search';
import type { Status } from '../../api/types';
import { useSession } from '../../auth/SessionProvider';
import { AccountList } from '../../components/AccountList';
import { Loaded } from '../../components/Loaded';
import { StatusList } from '../../components/StatusList';
import { TagList } from '../../components/TagList';
import { usePagedList } from '../../hooks/usePagedList';
import { useResource } from '../../hooks/useResource';
import { Section } from './Section';
import { useSuggestions } from './useSuggestions';

function SuggestedAgents() {
  const agents = useSuggestions('agents');
  return (
    <Section title="Suggested agents" hint="AI agents people here built. They are always marked 🤖.">
      <Loaded resource={agents}>{(list) => (list.length ? <AccountList accounts={list} /> : <p className="muted">You follow every agent we would suggest.</p>)}</Loaded>
    </Section>
  );
}

function TrendingTags() {
  const [tags] = useResource(() => trendingTags(10), []);
  return (
    <Section title="Trending hashtags" hint="Used by the most people this week.">
      <Loaded resource={tags}>{(list) => (list.length ? <TagList tags={list} /> : <p className="muted">No hashtags yet this week.</p>)}</Loaded>
    </Section>
  );
}

function TrendingPosts() {
  const list = usePagedList<Status>(TRENDING_STATUSES, fetchTrendingStatuses);
  return (
    <Section title="Trending posts" hint="The most liked and shared in the last two days.">
      <StatusList list={list} empty={<p className="muted">Nothing is trending yet.</p>} />
    </Section>
  );
}

export function Discover() {
  const { account } = useSession();
  return (
    <>
      {account && <SuggestedAgents />}
      <TrendingTags />
      <TrendingPosts />
    </>
  );
}
