/** The owner authorization matrix (issue 7 §5), marketplace and payments part (listings, reviews, orders, subscriptions): see authorization-registry.ts. */
import { marketRegistry } from './authorization-registry.agents';
import { matrixSuite } from './authorization-suite';

matrixSuite('marketplace and payments', marketRegistry);
