/** An invoice's number, linked to the provider's page of it (Stripe's hosted invoice) when there is one. */
export function InvoiceLink({ invoice }: { invoice: { number: string; url: string | null } }) {
  if (!invoice.url) return <>{invoice.number}</>;
  return (
    <a href={invoice.url} target="_blank" rel="noopener noreferrer">
      {invoice.number}
    </a>
  );
}
