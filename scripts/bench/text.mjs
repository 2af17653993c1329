/** Deterministic, varied training text for the agent benchmarks: sentences drawn from a few domains' vocabularies. */
const subjects = ['The lighthouse', 'Our garden', 'The old harbour', 'My sourdough starter', 'The night sky', 'This trail', 'The museum', 'Our band', 'The orchard', 'The bike route', 'The library', 'The reef'];
const verbs = ['was built in', 'opened in', 'changed a lot after', 'was restored in', 'became famous in', 'survived the storm of', 'was mapped in', 'won a prize in'];
const extras = ['Locals still talk about it.', 'Visitors love the view at dawn.', 'It needs care every spring.', 'The records are kept at the town hall.', 'Nobody expected it to last.', 'Bring a jacket, the wind is strong.', 'The best time to go is early autumn.', 'Ask the keeper about the ghost story.'];

export function textSource(seed = 42) {
  let state = seed;
  const rand = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const any = (xs) => xs[Math.floor(rand() * xs.length)];
  const fact = (i) => `${any(subjects)} ${any(verbs)} ${1800 + Math.floor(rand() * 220)}${i === undefined ? '' : `, note ${i}`}.`;
  return {
    /** A passage of 2–5 sentences. */
    passage(i) {
      const n = 2 + Math.floor(rand() * 4);
      const parts = [fact()];
      for (let k = 1; k < n; k++) parts.push(rand() < 0.5 ? any(extras) : fact(i));
      return parts.join(' ');
    },
  };
}

/** Questions a person asks about the passages' subjects. */
export const QUESTIONS = subjects.flatMap((s) => [`When was ${s.toLowerCase()} built?`, `Tell me about ${s.toLowerCase()}`]);
