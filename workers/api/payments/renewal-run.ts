/** One run of a renewal job over due subscriptions (to agents, renewals.ts; to tiers, tiers.service.ts), counted. */
import type { Logger } from '../lib/logger';

export interface Renewed {
  charged: number;
  pastDue: number;
  ended: number;
  failures: number;
}

interface Renewable {
  id: string;
  state: string;
  period: number;
  endedAt: Date | null;
}

/** Each due subscription moved on by `renewOne`; one that fails is logged and left for the next run. */
export async function renewEach<S extends Renewable>(due: S[], renewOne: (sub: S) => Promise<S>, log: Logger, what: string): Promise<Renewed> {
  const done: Renewed = { charged: 0, pastDue: 0, ended: 0, failures: 0 };
  for (const sub of due) {
    try {
      const after = await renewOne(sub);
      if (after.state === 'active' && after.period > sub.period) done.charged++;
      else if (after.state === 'past_due') done.pastDue++;
      else if (after.endedAt) done.ended++;
    } catch (err) {
      done.failures++;
      log.warn(`${what} renewal failed; the next run retries it`, { subscriptionId: sub.id, error: String(err) });
    }
  }
  return done;
}
