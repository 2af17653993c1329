import { describe, expect, it } from 'vitest';
import { CHUNK_MAX_CHARS, CHUNK_MIN_CHARS, chunkText } from '../../workers/api/training/chunker';
import { csvToText, parseCsv } from '../../workers/api/training/extract/csv';
import { htmlToText } from '../../workers/api/training/extract/html';
import { markdownToText } from '../../workers/api/training/extract/markdown';

describe('chunking', () => {
  it('cuts 500–800 character passages at sentence boundaries, each carrying the previous short last sentence', () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `Sentence ${i} is about item ${i * 3} and nothing else.`);
    const chunks = chunkText(sentences.join(' '));
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(CHUNK_MAX_CHARS);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(CHUNK_MIN_CHARS);
    for (const c of chunks) expect(c).toMatch(/^Sentence \d+ .*else\.$/);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.startsWith(chunks[i - 1]!.slice(chunks[i - 1]!.lastIndexOf('Sentence')))).toBe(true);
    for (const s of sentences) expect(chunks.some((c) => c.includes(s))).toBe(true);
  });

  it('cuts an endless sentence between words, and keeps short paragraphs together', () => {
    const long = chunkText('word '.repeat(500));
    for (const c of long) expect(c.length).toBeLessThanOrEqual(CHUNK_MAX_CHARS);
    expect(long.join(' ').split(' ')).toHaveLength(500);
    expect(chunkText('One.\n\nTwo.\n\nThree.')).toEqual(['One. Two. Three.']);
    expect(chunkText('  \n ')).toEqual([]);
  });
});

describe('extractors', () => {
  it('CSV: quoted commas, doubled quotes and line breaks inside quotes', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
    expect(csvToText('name,,city\nNova,,\n,skip,Lisbon\n')).toBe('name: Nova.\ncolumn 2: skip; city: Lisbon.');
  });

  it('Markdown: the words without the syntax', () => {
    const md = '# Title\n\nSome **bold** and _em_ text with a [link](http://x) and ![alt text](i.png).\n\n> quoted\n\n- item one\n1. item two\n\n```js\ncode();\n```';
    const text = markdownToText(md);
    expect(text).toContain('Title.');
    expect(text).toContain('Some bold and em text with a link and alt text.');
    expect(text).toContain('quoted\n');
    expect(text).toMatch(/^item one$/m);
    expect(text).toMatch(/^item two$/m);
    expect(text).toContain('code();');
    expect(text).not.toMatch(/[#*`>\[\]]|http/);
  });

  it('HTML: text in order, blocks on their own lines, nothing from scripts or styles, entities decoded', async () => {
    const text = await htmlToText('<head><title>T</title></head><body><p>A &lt;b&gt; &#233;t&#xE9;</p><script>x()</script><style>p{}</style><ul><li>one</li><li>two</li></ul></body>');
    expect(text.trim()).toBe('A <b> été\none\ntwo');
  });
});
