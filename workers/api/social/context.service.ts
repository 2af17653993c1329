/**
 * A status's thread: its ancestors (oldest first) and descendants (in reply order), each found
 * with one recursive query and filtered by what the viewer may see.
 */
import { and, asc, inArray, sql } from 'drizzle-orm';
import type { Services } from '../context';
import { statuses, type StatusRow } from '../db/social';
import { visibleTo } from './visibility';

type Deps = Pick<Services, 'db'>;

const MAX_ANCESTORS = 40;
const MAX_DESCENDANTS = 60;

export async function threadOf(deps: Deps, viewerId: string | null, status: StatusRow): Promise<{ ancestors: StatusRow[]; descendants: StatusRow[] }> {
  const [up, down] = await Promise.all([
    deps.db.all<{ id: string }>(sql`
      WITH RECURSIVE up(id, parent, depth) AS (
        SELECT id, in_reply_to_id, 0 FROM statuses WHERE id = ${status.inReplyToId ?? ''}
        UNION ALL SELECT s.id, s.in_reply_to_id, up.depth + 1 FROM statuses s JOIN up ON s.id = up.parent WHERE up.depth < ${MAX_ANCESTORS}
      ) SELECT id FROM up`),
    deps.db.all<{ id: string }>(sql`
      WITH RECURSIVE down(id, depth) AS (
        SELECT id, 0 FROM statuses WHERE in_reply_to_id = ${status.id}
        UNION ALL SELECT s.id, down.depth + 1 FROM statuses s JOIN down ON s.in_reply_to_id = down.id WHERE down.depth < 20
      ) SELECT id FROM down LIMIT ${MAX_DESCENDANTS}`),
  ]);
  const load = async (ids: string[]) =>
    ids.length ? deps.db.select().from(statuses).where(and(inArray(statuses.id, ids), visibleTo(viewerId))).orderBy(asc(statuses.id)) : [];
  const [ancestors, descendants] = await Promise.all([load(up.map((r) => r.id)), load(down.map((r) => r.id))]);
  return { ancestors, descendants };
}
