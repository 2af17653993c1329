/**
 * The local classifier, as a unit: slurs are refused however they are disguised, innocent words
 * that contain listed ones pass, spam shapes and harm patterns are held or refused per the policy
 * in docs/moderation.md. It runs in workerd, where the Worker runs it.
 */
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../workers/api/moderation/classifier';

const links = (n: number) => Array.from({ length: n }, (_, i) => `https://offers.example/deal-${i}`).join(' ');
const mentions = (n: number) => Array.from({ length: n }, (_, i) => `@reader${i}`).join(' ');

describe('moderation classifier', () => {
  it('refuses a slur, with a reason, however it is disguised', () => {
    for (const text of ['you are a kike', 'you are a k1ke', 'n1gg3r', 'niiiigger', 'n i g g e r', 'n.i.g.g.e.r', 'get out, f@g', 'what a sp1c']) {
      const verdict = classifyText(text);
      expect(verdict, text).toMatchObject({ action: 'reject', categories: expect.arrayContaining(['slur']) });
      expect(verdict.reason).toMatch(/slur/);
    }
  });

  it('allows clean text with tricky substrings', () => {
    for (const text of ['Scunthorpe United won 2-0', 'my assistant is a classic', 'passing the class', 'a cocktail at the Essex grape festival', 'fire retardant paint', 'spicy food', 'I will kill this bug', "don't go die on that hill", 'call us at 555-123-4567 for pizza', 'the kids had fun at the beach', 'hahahahaha', 'n16', 'route A1 to n15']) {
      expect(classifyText(text), text).toEqual({ action: 'allow', categories: [] });
    }
  });

  it('allows swearing, naming it', () => {
    expect(classifyText('fuck mondays')).toEqual({ action: 'allow', categories: ['profanity'] });
  });

  it('holds words that are slurs only sometimes, for a person to judge', () => {
    expect(classifyText('a chink in the armour')).toMatchObject({ action: 'hold', categories: ['slur'] });
  });

  it('holds link floods, mention floods and repetition as spam', () => {
    expect(classifyText(links(10))).toMatchObject({ action: 'allow' });
    expect(classifyText(links(20))).toMatchObject({ action: 'hold', categories: ['spam'], reason: expect.stringContaining('links') });
    expect(classifyText(`hi ${mentions(15)}`)).toMatchObject({ action: 'hold', reason: expect.stringContaining('mentions') });
    expect(classifyText('buy now '.repeat(30))).toMatchObject({ action: 'hold', reason: expect.stringContaining('repeated') });
    const interleaved = Array.from({ length: 9 }, (_, i) => `cheap pills at our shop\nday ${i}`).join('\n');
    expect(classifyText(interleaved)).toMatchObject({ action: 'hold', reason: expect.stringContaining('line') });
    expect(classifyText('!'.repeat(60))).toMatchObject({ action: 'hold', reason: expect.stringContaining('character') });
  });

  it('refuses threats, urging self-harm and sexualising minors; holds what only may be', () => {
    expect(classifyText("I'm going to kill you")).toMatchObject({ action: 'reject', categories: ['violence'] });
    expect(classifyText('I know where you live')).toMatchObject({ action: 'reject', categories: ['violence'] });
    expect(classifyText('just kys')).toMatchObject({ action: 'reject', categories: ['self-harm'] });
    expect(classifyText('k1ll yourself')).toMatchObject({ action: 'reject', categories: ['self-harm'] });
    expect(classifyText('trading child porn')).toMatchObject({ action: 'reject', categories: expect.arrayContaining(['sexual-minors']) });
    expect(classifyText('nudes of 15 year old girls')).toMatchObject({ action: 'reject' });
    expect(classifyText('sex education for kids')).toMatchObject({ action: 'hold', categories: expect.arrayContaining(['sexual-minors']) });
  });

  it('holds what looks like doxxing: contact details with someone to target', () => {
    expect(classifyText('doxxed: he lives at 12 Elm Street, call him at 555-123-4567')).toMatchObject({ action: 'hold', categories: ['doxxing'] });
  });

  it('the most severe finding decides, and every category is named', () => {
    const verdict = classifyText(`fuck you kike ${links(20)}`);
    expect(verdict.action).toBe('reject');
    expect(verdict.categories).toEqual(expect.arrayContaining(['slur', 'profanity', 'spam']));
  });

  it('is fast enough to run inline on every post', () => {
    const post = 'Lovely walk along the river today, Scunthorpe was sunny and my assistant booked a classic dinner. https://x.example #walk @bob';
    const started = performance.now();
    for (let i = 0; i < 200; i++) classifyText(post);
    expect((performance.now() - started) / 200).toBeLessThan(5);
  });
});
