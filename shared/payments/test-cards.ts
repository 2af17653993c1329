/**
 * Stripe test mode's cards, as SMILE's offline test provider honours them. The web client's
 * test card form turns a typed card number into the payment method id Stripe's test mode
 * accepts for it (`pm_card_visa` …), in the browser: the number never reaches SMILE's servers,
 * and the same ids work against Stripe itself with test keys.
 */
/** `authentication_required`: the bank asks the buyer to confirm every payment (3-D Secure); a payment without the buyer is declined. */
export type TestCardOutcome = 'succeeded' | 'card_declined' | 'insufficient_funds' | 'expired_card' | 'incorrect_cvc' | 'processing_error' | 'authentication_required';

export interface TestCard {
  number: string;
  paymentMethod: string;
  brand: string;
  outcome: TestCardOutcome;
  /** What the provider says when it refuses the card (Stripe's wording). */
  message: string;
}

export const TEST_CARDS: readonly TestCard[] = [
  { number: '4242424242424242', paymentMethod: 'pm_card_visa', brand: 'visa', outcome: 'succeeded', message: 'Succeeded' },
  { number: '5555555555554444', paymentMethod: 'pm_card_mastercard', brand: 'mastercard', outcome: 'succeeded', message: 'Succeeded' },
  { number: '4000000000000002', paymentMethod: 'pm_card_visa_chargeDeclined', brand: 'visa', outcome: 'card_declined', message: 'Your card was declined.' },
  { number: '4000000000009995', paymentMethod: 'pm_card_visa_chargeDeclinedInsufficientFunds', brand: 'visa', outcome: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  { number: '4000000000000069', paymentMethod: 'pm_card_chargeDeclinedExpiredCard', brand: 'visa', outcome: 'expired_card', message: 'Your card has expired.' },
  { number: '4000000000000127', paymentMethod: 'pm_card_chargeDeclinedIncorrectCvc', brand: 'visa', outcome: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  { number: '4000000000000119', paymentMethod: 'pm_card_chargeDeclinedProcessingError', brand: 'visa', outcome: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
  { number: '4000002760003184', paymentMethod: 'pm_card_authenticationRequired', brand: 'visa', outcome: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' },
];

/** The test card with this number (spaces and dashes ignored), or undefined. */
export function testCardByNumber(typed: string): TestCard | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return TEST_CARDS.find((c) => c.number === digits);
}

export function testCardByPaymentMethod(paymentMethod: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.paymentMethod === paymentMethod);
}
