/**
 * Stripe.js, loaded the only way Stripe allows: a script from https://js.stripe.com/v3 (never
 * bundled or self-hosted, so Stripe's PCI scope and fraud signals stay Stripe's). One script tag,
 * added on first use; one `Stripe(key)` per publishable key. Only the part of Stripe's documented
 * API that the card form and 3-D Secure use is typed here (docs.stripe.com/js).
 */
export const STRIPE_JS_URL = 'https://js.stripe.com/v3';

/** Stripe.js's error object (`error.type`, `error.code`, `error.message`, the last written for the buyer). */
export interface StripeJsError {
  type?: string;
  code?: string;
  message?: string;
}

/** The `change` event of a card Element. */
export interface CardElementChange {
  empty: boolean;
  complete: boolean;
  error?: StripeJsError;
}

/** A card Element: an iframe of Stripe's in which the number, expiry and CVC are typed. */
export interface StripeCardElement {
  mount(domElement: HTMLElement): void;
  on(event: 'change', handler: (event: CardElementChange) => void): void;
  destroy(): void;
}

export type PaymentMethodResult = { paymentMethod: { id: string }; error?: undefined } | { paymentMethod?: undefined; error: StripeJsError };

export type NextActionResult = { paymentIntent: { id: string; status: string }; error?: undefined } | { paymentIntent?: undefined; error: StripeJsError };

export interface StripeJs {
  elements(): { create(type: 'card', options?: { hidePostalCode?: boolean }): StripeCardElement };
  createPaymentMethod(data: { type: 'card'; card: StripeCardElement }): Promise<PaymentMethodResult>;
  /** Finishes a PaymentIntent the server confirmed that needs the buyer (3-D Secure): Stripe shows the bank's challenge. */
  handleNextAction(options: { clientSecret: string }): Promise<NextActionResult>;
}

declare global {
  interface Window {
    Stripe?: (publishableKey: string) => StripeJs;
  }
}

let script: Promise<NonNullable<Window['Stripe']>> | undefined;
const instances = new Map<string, StripeJs>();

function loadScript(): Promise<NonNullable<Window['Stripe']>> {
  script ??= new Promise<NonNullable<Window['Stripe']>>((resolve, reject) => {
    if (window.Stripe) return resolve(window.Stripe);
    const tag = document.createElement('script');
    tag.src = STRIPE_JS_URL;
    tag.async = true;
    const fail = () => {
      // Forget the failure so a later attempt (back online) adds a fresh tag.
      tag.remove();
      script = undefined;
      reject(new Error('Stripe’s card form could not be loaded from js.stripe.com. Check your connection and try again.'));
    };
    tag.addEventListener('load', () => (window.Stripe ? resolve(window.Stripe) : fail()));
    tag.addEventListener('error', fail);
    document.head.appendChild(tag);
  });
  return script;
}

/** Stripe.js started with `publishableKey`; rejects when the script cannot be loaded (offline, blocked). */
export async function loadStripe(publishableKey: string): Promise<StripeJs> {
  const Stripe = await loadScript();
  let stripe = instances.get(publishableKey);
  if (!stripe) {
    stripe = Stripe(publishableKey);
    instances.set(publishableKey, stripe);
  }
  return stripe;
}
