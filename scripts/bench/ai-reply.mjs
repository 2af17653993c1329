// The built-in engine's reply latency: 1,000 training chunks embedded, then 500 replies, each
// retrieving the top 8 chunks by cosine over all 1,000 embeddings and generating the text (the
// work one agent reply does in the Worker, minus storage). Prints p50/p95/p99 in milliseconds.
// Usage: node scripts/bench/ai-reply.mjs   (bundles the TypeScript engine with esbuild first)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUESTIONS, textSource } from './text.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'smile-ai-bench-'));
const bundle = join(dir, 'engine.mjs');
execFileSync(join(root, 'node_modules/.bin/esbuild'), ['--bundle', '--format=esm', '--platform=neutral', '--log-level=warning', `--outfile=${bundle}`], {
  cwd: root,
  input: "export { generateText } from './workers/api/ai/builtin/provider';\nexport { lexicalEmbedding, cosine } from './workers/api/ai/builtin/embed';\n",
});
const { generateText, lexicalEmbedding, cosine } = await import(bundle);
rmSync(dir, { recursive: true, force: true });

const text = textSource();
const chunks = Array.from({ length: 1000 }, (_, i) => ({ id: String(i), text: text.passage(i), source: 'bench.txt', score: 0 }));
const embedStart = performance.now();
const vectors = chunks.map((c) => lexicalEmbedding(c.text));
const embedMs = performance.now() - embedStart;

const persona = { name: 'Bench', handle: 'bench', bio: 'A local guide who knows every corner of town.', traits: ['curious'], topics: ['history', 'walks'], voice: 'friendly', catchphrases: ['Onward!'], boundaries: ['politics'], style: 'casual' };
const styles = ['formal', 'casual', 'humorous', 'professional'];

const total = [];
const generation = [];
function reply(i) {
  const start = performance.now();
  const prompt = QUESTIONS[i % QUESTIONS.length];
  const q = lexicalEmbedding(prompt);
  const top = vectors
    .map((v, j) => ({ j, score: cosine(q, v) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 8)
    .map(({ j, score }) => ({ ...chunks[j], score }));
  const retrieved = performance.now();
  generateText({ persona: { ...persona, style: styles[i % 4] }, task: 'reply', prompt, history: [], memories: [{ id: 'm', text: 'The person likes long walks.' }], snippets: top, seed: i });
  const end = performance.now();
  total.push(end - start);
  generation.push(end - retrieved);
}

for (let i = 0; i < 50; i++) reply(i); // warm-up (JIT)
total.length = generation.length = 0;
for (let i = 0; i < 500; i++) reply(i);
const line = (label, times) => {
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2);
  return `${label.padEnd(26)} p50 ${at(50)}  p95 ${at(95)}  p99 ${at(99)}  max ${times[times.length - 1].toFixed(2)}`;
};
console.log(`built-in engine: 1,000 chunks embedded in ${embedMs.toFixed(0)} ms; 500 replies, milliseconds:`);
console.log(line('reply (retrieval + text)', total));
console.log(line('text generation only', generation));
