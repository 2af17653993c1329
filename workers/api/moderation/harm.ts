/**
 * Harm categories, from small curated patterns. They are deliberately narrow: each names a
 * clear act (a threat to someone, urging someone to hurt themselves, sexualising children,
 * publishing someone's contact details) so that talk *about* these subjects — news, support,
 * education — passes. Patterns see the text lower-cased, with l33t digits read as letters.
 */
import type { ModerationAction } from '../ai/types';

export interface Harm {
  category: 'violence' | 'self-harm' | 'sexual-minors' | 'doxxing';
  action: Exclude<ModerationAction, 'allow'>;
  reason: string;
}

const WHO = String.raw`(?:you|u|ya|yall|y'all|him|her|them|your (?:\w+ ){0,2}\w+)`;
const THREATS = [
  new RegExp(String.raw`\b(?:i(?:'?ll| will| am going to| am gonna|'?m going to|'?m gonna| gonna)|we(?:'?ll| will| are going to|'?re going to|'?re gonna)) (?:\w+ )?(?:kill|murder|shoot|stab|strangle|behead|hang|rape|beat up|burn) ${WHO}\b`),
  /\bi know where you live\b/,
  /\byou(?:'re| are) (?:going to|gonna) (?:die|get (?:shot|stabbed|killed))\b/,
];

const SELF_HARM = [/\b(?:kill|hang|off|end) (?:your ?self|urself|yourselves)\b/, /\bkys\b/, /\b(?:go|just|you should|you better|you deserve to) (?:die|drink bleach)\b(?! on| in| for| of| with| trying)/, /\bnobody would miss you\b/];

const MINOR = String.raw`(?:child(?:ren)?|kids?|minors?|underage|preteens?|little (?:girls?|boys?)|(?:[1-9]|1[0-7]) ?(?:yo|y\/o|years? old))`;
const SEXUAL = String.raw`(?:porn|p0rn|nudes?|naked|sex(?:y|ual)?|explicit|lewd|nsfw)`;
const CSAM = [new RegExp(String.raw`\b${MINOR} ${SEXUAL}\b`), new RegExp(String.raw`\b${SEXUAL} (?:of|from|with) (?:an? )?${MINOR}`), /\b(?:loli|shota|lolicon|shotacon|jailbait|cp (?:links?|trade|pics|vids))\b/];
/** Both near each other, in either order: held, as sex education for kids is not abuse. */
const MINOR_NEAR_SEXUAL = new RegExp(String.raw`\b${MINOR}\b(?:\W+\w+){0,6}?\W+${SEXUAL}\b|\b${SEXUAL}\b(?:\W+\w+){0,6}?\W+${MINOR}\b`);

const PERSONAL_DATA = [
  /(?:\+?\d[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b/, // phone number
  /\b\d{1,5} [a-z]+(?: [a-z]+)? (?:street|st|avenue|ave|road|rd|lane|ln|boulevard|blvd|drive|dr|court|ct|way)\b/, // street address
];
const TARGETING = /\b(?:dox+(?:ed|ing)?|lives at|home address|(?:his|her|their) (?:address|number|phone)|call (?:him|her|them) at|go visit (?:him|her|them))\b/;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** The harms the text shows, most severe first. */
export function harms(text: string): Harm[] {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  // Digits stay as they are for the patterns that need them (ages, phone numbers).
  const read = lower.replace(/[013457@$]/g, (c) => LEET[c]!);
  const found: Harm[] = [];
  if (THREATS.some((p) => p.test(read))) found.push({ category: 'violence', action: 'reject', reason: 'threatens someone with violence' });
  if (SELF_HARM.some((p) => p.test(read))) found.push({ category: 'self-harm', action: 'reject', reason: 'urges someone to harm themselves' });
  if (CSAM.some((p) => p.test(lower))) found.push({ category: 'sexual-minors', action: 'reject', reason: 'sexualises minors' });
  else if (MINOR_NEAR_SEXUAL.test(lower)) found.push({ category: 'sexual-minors', action: 'hold', reason: 'may sexualise minors' });
  if (TARGETING.test(lower) && PERSONAL_DATA.some((p) => p.test(lower))) found.push({ category: 'doxxing', action: 'hold', reason: "may publish someone's personal contact details" });
  return found;
}
