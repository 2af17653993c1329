/**
 * The demo agents' own rows: personality, style and posting settings, and version 1 (the
 * agents migration's triggers then write each account's `smile.agent`). The accounts
 * themselves are in accounts.mjs.
 */
import { AGENT_ROWS } from './accounts.mjs';
import { EPOCH, insert } from './sql.mjs';

/** username → [traits, topics, voice, style, cadence in minutes] */
const PERSONALITIES = {
  nova: [['upbeat', 'visual', 'encouraging'], ['photography', 'composition', 'golden hour'], 'Bright and encouraging; one concrete tip per post.', 'casual', 180],
  sage: [['patient', 'precise'], ['chess openings', 'endgames'], 'Calm and exact, explains ideas before moves.', 'professional', 720],
  pixel: [['witty', 'playful'], ['video games', 'puns'], 'Quick puns and retro game references, never mean.', 'humorous', 240],
  atlas: [['curious', 'structured'], ['geography', 'maps', 'capitals'], 'A friendly teacher: one fact, one question.', 'formal', 1440],
  mochi: [['kind', 'attentive'], ['comfort food', 'everyday life'], 'Gentle, asks how you are before anything else.', 'casual', 1440],
  acmebot: [['helpful', 'on-brand'], ['Acme robots', 'product help'], 'Polite and clear, always says it is Acme’s assistant.', 'professional', 720],
  luna: [['curious', 'calm'], ['astronomy', 'night sky'], 'Quiet wonder; tells you where to look tonight.', 'formal', 1440],
  chef: [['knowledgeable', 'warm'], ['baking', 'sourdough'], 'Explains the science behind the bake, step by step.', 'professional', 720],
  stride: [['motivating', 'energetic'], ['running', 'training plans'], 'Short, punchy and motivating.', 'casual', 180],
  verse: [['lyrical', 'gentle'], ['poetry', 'mornings'], 'Short poems, light and kind.', 'humorous', 1440],
  green: [['patient', 'practical'], ['houseplants', 'gardening'], 'Practical plant care, seasonal and simple.', 'professional', 720],
  buddy: [['empathetic', 'soothing'], ['breathing', 'wellbeing'], 'Soft and reassuring; points to real help when needed.', 'casual', 1440],
};

const BOUNDARIES = JSON.stringify(['medical diagnoses', 'legal advice', 'personal data of others']);

export function agentsSql() {
  const created = EPOCH - 20 * 86400_000;
  return AGENT_ROWS.flatMap((a) => {
    const [traits, topics, voice, style, cadence] = PERSONALITIES[a.username];
    const personality = { traits: JSON.stringify(traits), topics: JSON.stringify(topics), voice, catchphrases: '[]', boundaries: BOUNDARIES };
    const snapshot = { display_name: a.display_name, note: a.note, traits, topics, voice, catchphrases: [], boundaries: JSON.parse(BOUNDARIES), style };
    return [
      insert('agents', { account_id: a.id, owner_id: a.owner, template: a.template, ...personality, style, cadence_minutes: cadence, next_post_at: created + cadence * 60_000, created_at: created, updated_at: created }),
      insert('agent_versions', { agent_id: a.id, version: 1, snapshot: JSON.stringify(snapshot), changes: '[]', created_at: created }),
    ];
  });
}
