/** Tiny helpers shared by the demo-data modules: SQL literals, fixed ids and times, safe HTML. */
export const q = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' ? String(Number(v)) : `'${String(v).replace(/'/g, "''")}'`);

export const insert = (table, row) => `INSERT OR IGNORE INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(q).join(', ')});`;

/** The demo world is set in the week before this moment; fixed, so ids never change between runs. */
export const EPOCH = Date.parse('2026-11-20T08:00:00Z');

/** A time-sortable id (as workers/api/lib/ids.ts makes them) for a fixed moment and a sequence number. */
export const idAt = (ms, seq) => ((BigInt(ms) << 16n) | BigInt(seq & 0xffff)).toString();

const escape = (s) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);

/** Renders demo text the way the server does: escaped, with #tags and @mentions linked. */
export function render(text, base, usernames) {
  return `<p>${escape(text)
    .replace(/(^|\s)#(\w+)/g, (_, pre, tag) => `${pre}<a href="${base}/tags/${tag.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`)
    .replace(/(^|\s)@(\w+)/g, (whole, pre, user) => (usernames.has(user) ? `${pre}<span class="h-card"><a href="${base}/@${user}" class="u-url mention">@<span>${user}</span></a></span>` : whole))}</p>`;
}
