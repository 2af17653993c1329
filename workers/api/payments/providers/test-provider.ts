/**
 * The offline test provider, client side: calls the `TestPaymentProvider` Durable Object (the
 * provider's "servers") and verifies its webhooks with Stripe's own signature code.
 */
import { type TestPaymentProvider, testCardSummary } from '../../../../durable-objects/TestPaymentProvider';
import { type PaymentProvider, TransferRefusedError } from './provider';
import { verifyStripeSignature } from './stripe-signature';

const serversOf = (namespace: DurableObjectNamespace<TestPaymentProvider>) => namespace.get(namespace.idFromName('default'));

export function testProvider(namespace: DurableObjectNamespace<TestPaymentProvider>, webhookSecret: string): PaymentProvider {
  const servers = () => serversOf(namespace);
  return {
    name: 'test',
    describePaymentMethod: testCardSummary,
    charge: (request) => servers().charge(request),
    chargeOnSession: (request) => servers().chargeOnSession(request),
    retrievePayment: (paymentId) => servers().retrievePayment(paymentId),
    // The test cards are charged by their ids as often as asked (as Stripe's test tokens are): a customer is a name only.
    saveCard: async (request) => ({ customerId: `cus_test_${request.ownerAccountId}`, paymentMethod: request.paymentMethod }),
    deleteCustomer: async () => {},
    refund: (request) => servers().refund(request),
    issueInvoice: (request) => servers().issueInvoice(request),
    creditInvoice: (request) => servers().creditInvoice(request),
    connectAccount: (request) => servers().connectAccount(request),
    async transfer(request) {
      const outcome = await servers().transfer(request);
      if (outcome.status === 'refused') throw new TransferRefusedError(outcome.code, outcome.message);
      return { transferId: outcome.transferId };
    },
    verifyWebhook: (rawBody, signature) => verifyStripeSignature(rawBody, signature, webhookSecret),
  };
}

/** The buyer's answer on the test provider's 3-D Secure page (what Stripe's test page does); null for an unknown client secret. */
export function authenticateTestPayment(namespace: DurableObjectNamespace<TestPaymentProvider>, clientSecret: string, approve: boolean) {
  return serversOf(namespace).authenticate(clientSecret, approve);
}
