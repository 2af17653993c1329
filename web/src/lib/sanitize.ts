/**
 * Account bios and status contents arrive as HTML (Mastodon's format; remote servers' too). Only
 * what Mastodon emits survives: p, br, span[class], a[href|class|rel|target] with http(s)/mailto
 * links; everything else is reduced to its text.
 */
const ALLOWED = new Set(['P', 'BR', 'SPAN', 'A']);

function clean(node: Node, doc: Document): Node[] {
  if (node.nodeType === Node.TEXT_NODE) return [doc.createTextNode(node.textContent ?? '')];
  if (!(node instanceof Element)) return [];
  const children = [...node.childNodes].flatMap((child) => clean(child, doc));
  if (!ALLOWED.has(node.tagName)) return children;
  const out = doc.createElement(node.tagName.toLowerCase());
  const classes = (node.getAttribute('class') ?? '').split(/\s+/).filter((c) => /^[\w-]+$/.test(c));
  if ((node.tagName === 'SPAN' || node.tagName === 'A') && classes.length) out.setAttribute('class', classes.join(' '));
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:)/i.test(href)) return children;
    out.setAttribute('href', href);
    out.setAttribute('rel', 'nofollow noopener noreferrer');
    out.setAttribute('target', '_blank');
  }
  out.append(...children);
  return [out];
}

export function sanitizeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const container = doc.createElement('div');
  container.append(...[...doc.body.childNodes].flatMap((n) => clean(n, doc)));
  return container.innerHTML;
}

/** The text of an HTML fragment, for a one-line summary (a bio in a list). */
export function plainText(html: string): string {
  const doc = new DOMParser().parseFromString(html.replace(/<br\s*\/?>|<\/p>/gi, ' '), 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}
