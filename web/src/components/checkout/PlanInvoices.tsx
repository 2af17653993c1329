/** Settings → Plans: the plan's invoices, newest first, each paid month and upgrade (none until the first is issued). */
import { formatPrice } from '../../../../shared/market/catalog';
import { getPlanInvoices } from '../../api/tiers';
import { useResource } from '../../hooks/useResource';
import { InvoiceLink } from './InvoiceLink';

const day = (iso: string) => new Date(iso).toLocaleDateString();

export function PlanInvoices({ version }: { version: number }) {
  const [invoices] = useResource(getPlanInvoices, [version]);
  if (invoices.state !== 'ready' || invoices.data.length === 0) return null;
  return (
    <section aria-label="Invoices" className="form">
      <h2>Invoices</h2>
      <ul className="invoice-list">
        {invoices.data.map((i) => (
          <li key={i.id}>
            <InvoiceLink invoice={i} /> · {i.description} · {formatPrice(i.amount, i.currency)} · {day(i.period_start)} – {day(i.period_end)}
          </li>
        ))}
      </ul>
    </section>
  );
}
