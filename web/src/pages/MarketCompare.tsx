/** Up to 3 listings side by side at /marketplace/compare?ids=a,b,c. */
import { compareListings } from '../api/market';
import { priceText, ratingText } from '../components/ListingCard';
import { Loaded } from '../components/Loaded';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { Link, useQueryParam } from '../router';

export function MarketCompare() {
  useDocumentTitle('Compare agents');
  const ids = (useQueryParam('ids') ?? '').split(',').filter(Boolean);
  const [rows] = useResource(() => compareListings(ids), [ids.join(',')]);
  return (
    <section className="market-compare">
      <h1>Compare agents</h1>
      <Loaded resource={rows}>
        {(list) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                {list.map((l) => (
                  <th key={l.id} scope="col">
                    <Link to={`/marketplace/${l.id}`}>{l.title}</Link>
                    {l.sponsored && <span className="badge sponsored-label">Sponsored</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Pricing', priceText],
                  ['Rating', ratingText],
                  ['Template', (l) => l.agent_details.template],
                  ['Style', (l) => l.agent_details.style],
                  ['Capabilities', (l) => l.agent_details.capabilities.join(', ')],
                  ['Users', (l) => String(l.entitlements_count)],
                ] as const satisfies readonly (readonly [string, (l: (typeof list)[number]) => string])[]
              ).map(([label, cell]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {list.map((l) => (
                    <td key={l.id}>{cell(l)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  );
}
