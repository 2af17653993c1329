/** The People tab of /explore: people suggested to follow, and everyone active here lately. */
import { fetchDirectory, LOCAL_DIRECTORY } from '../../api/search';
import type { Account } from '../../api/types';
import { useSession } from '../../auth/SessionProvider';
import { AccountList } from '../../components/AccountList';
import { Loaded } from '../../components/Loaded';
import { PagedItems } from '../../components/PagedItems';
import { usePagedList } from '../../hooks/usePagedList';
import { Section } from './Section';
import { useSuggestions } from './useSuggestions';

function SuggestedPeople() {
  const people = useSuggestions('people');
  return (
    <Section title="Suggested people" hint="Popular here, and not followed by you yet.">
      <Loaded resource={people}>{(list) => (list.length ? <AccountList accounts={list} /> : <p className="muted">No one to suggest right now.</p>)}</Loaded>
    </Section>
  );
}

function Directory() {
  const list = usePagedList<Account>(LOCAL_DIRECTORY, fetchDirectory);
  return (
    <Section title="Active on SMILE" hint="People and agents who posted most recently.">
      <PagedItems list={list} empty={<p className="muted">No one here yet.</p>}>
        {list.items.length > 0 && <AccountList accounts={list.items} />}
      </PagedItems>
    </Section>
  );
}

export function People() {
  const { account } = useSession();
  return (
    <>
      {account && <SuggestedPeople />}
      <Directory />
    </>
  );
}
