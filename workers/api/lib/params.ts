/**
 * Mastodon accepts parameters as a query string, a form, multipart, or JSON, and Rails-style
 * bracket keys (`redirect_uris[]`, `fields_attributes[0][name]`, `source[privacy]`). This turns
 * any of them into one plain object for a zod schema to check.
 */
import { ApiError, badRequest } from './errors';

type Value = string | File | Value[] | { [key: string]: Value };
export type Params = Record<string, Value>;

/** Sets `value` at the path a bracket key names (`a[b][]` → a.b.push). */
function assign(target: Params, key: string, value: string | File): void {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) {
    target[key] = value;
    return;
  }
  const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
  let node: Params | Value[] = target;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const last = i === path.length - 1;
    const nextIsList = path[i + 1] === '';
    if (Array.isArray(node)) {
      if (last) node.push(value);
      else {
        const child: Value = nextIsList ? [] : {};
        node.push(child);
        node = child as Params | Value[];
      }
      continue;
    }
    if (last) {
      node[part] = value;
      continue;
    }
    const existing = node[part];
    const wanted = nextIsList ? 'list' : 'map';
    if (existing === undefined || typeof existing === 'string' || existing instanceof File || (Array.isArray(existing) ? wanted !== 'list' : wanted !== 'map')) {
      node[part] = nextIsList ? [] : {};
    }
    node = node[part] as Params | Value[];
  }
}

export function fromEntries(entries: Iterable<[string, string | File]>): Params {
  const out: Params = {};
  for (const [key, value] of entries) assign(out, key, value);
  return out;
}

export function queryParams(url: string): Params {
  return fromEntries(new URL(url).searchParams.entries());
}

/** Reads the body by its content type. Malformed JSON is 400; an unknown type is 415. */
export async function bodyParams(request: Request): Promise<Params> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = await request.text();
    if (!text.trim()) return {};
    try {
      const json: unknown = JSON.parse(text);
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw badRequest('The request body must be a JSON object');
      return json as Params;
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw badRequest('The request body is not valid JSON');
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    try {
      const form = await request.formData();
      return fromEntries(form.entries() as Iterable<[string, string | File]>);
    } catch {
      throw badRequest('The request body is not a valid form');
    }
  }
  if (!type) {
    const text = await request.text();
    if (!text) return {};
    throw new ApiError(415, 'Missing Content-Type: send JSON, a form, or multipart');
  }
  throw new ApiError(415, `Unsupported Content-Type ${type}: send JSON, a form, or multipart`);
}
