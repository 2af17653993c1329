/**
 * HTML to text with workerd's HTMLRewriter (a real streaming parser, not regular expressions):
 * the text nodes in document order, with a line break at each block element, and nothing from
 * script, style, template, noscript, svg or head. Character references are decoded.
 */
const SKIPPED = 'script, style, template, noscript, svg, head';
const BLOCKS = 'p, div, br, li, tr, h1, h2, h3, h4, h5, h6, section, article, header, footer, blockquote, pre, table, ul, ol, dt, dd, hr';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', copy: '©' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[ref.toLowerCase()] ?? m;
  });
}

export async function htmlToText(html: string): Promise<string> {
  const out: string[] = [];
  let skipping = 0;
  const rewriter = new HTMLRewriter()
    .on(SKIPPED, {
      element(el) {
        skipping++;
        el.onEndTag(() => {
          skipping--;
        });
      },
    })
    .on(BLOCKS, {
      element() {
        out.push('\n');
      },
    })
    .onDocument({
      text(t) {
        if (skipping === 0) out.push(t.text);
      },
    });
  await rewriter.transform(new Response(html)).text();
  return decodeEntities(out.join('')).replace(/[ \t]+/g, ' ').replace(/ *\n[\s]*/g, '\n');
}
