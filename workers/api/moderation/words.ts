/**
 * Word lists, through `obscenity`: its English data set and recommended transformers catch
 * the usual disguises (l33t digits, repeated letters, confusable Unicode) while its whitelist
 * keeps words like "Scunthorpe", "assistant" and "classic" clean. The policy on top of it is
 * ours (docs/moderation.md): slurs are refused, slurs that are also ordinary words elsewhere are
 * held for a person to judge, and everything else on the list is allowed — people swear.
 */
import { DataSet, RegExpMatcher, englishDataset, englishRecommendedTransformers, pattern } from 'obscenity';

type Meta = { originalWord: string };

/** Slurs that are not used otherwise: the post is refused. */
const SLURS = new Set(['abeed', 'africoon', 'arabush', 'beaner', 'boonga', 'chingchong', 'fag', 'gook', 'kike', 'nigger', 'spic', 'tranny', 'wetback']);
/** Slurs that are also ordinary words or reclaimed ("a chink in the armour", Spanish "negro"): held for review. */
const AMBIGUOUS_SLURS = new Set(['abo', 'chink', 'dyke', 'negro', 'retard', 'spastic']);
/** Sexual words: allowed, but named, so a second check (minors) can combine with them. */
const SEXUAL = new Set(['anal', 'bestiality', 'blowjob', 'buttplug', 'cum', 'deepthroat', 'dildo', 'doggystyle', 'double penetration', 'ejaculate', 'felch', 'fellatio', 'finger bang', 'fisting', 'gangbang', 'handjob', 'hentai', 'incest', 'jerk off', 'jizz', 'lubejob', 'masturbate', 'orgasm', 'orgy', 'porn', 'semen', 'sex']);

/** Slurs missing from obscenity's set, as whole words only ("spicy" is not "spic"). */
const extra = (word: string) => (d: DataSet<Meta>) => d.addPhrase((p) => p.setMetadata({ originalWord: word }).addPattern(pattern`|${word}|`));

const dataset = [extra('spic'), extra('wetback'), extra('gook'), extra('beaner')].reduce((d, add) => add(d), new DataSet<Meta>().addAll(englishDataset));
const built = dataset.build();
const matcher = new RegExpMatcher({
  ...built,
  // Words obscenity's whitelist lacks, which hold a listed word ("fire retardant").
  whitelistedTerms: [...(built.whitelistedTerms ?? []), 'retardant', 'retardation', 'penistone'],
  ...englishRecommendedTransformers,
});

export type WordClass = 'slur' | 'ambiguous-slur' | 'sexual' | 'profanity';

function classOf(word: string): WordClass {
  if (SLURS.has(word)) return 'slur';
  if (AMBIGUOUS_SLURS.has(word)) return 'ambiguous-slur';
  if (SEXUAL.has(word)) return 'sexual';
  return 'profanity';
}

/**
 * Letters spelled out with spaces or dots ("n i g g e r", "k.i.k.e") joined back into words.
 * Only runs of three or more single characters are joined, so ordinary text stays as it is.
 */
export function joinSpelledOut(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])(?:[\p{L}\p{N}@$!|][\s.\-_*·•]+){2,}[\p{L}\p{N}@$!|](?![\p{L}\p{N}])/gu, (run) => run.replace(/[\s.\-_*·•]+/g, ''));
}

/**
 * Read as l33t, short codes turn into words ("n16" into "nig"): a match written with at least as
 * many digits as letters is a code or a number, not a disguised word ("n1gg3r" still counts).
 */
function mostlyDigits(written: string): boolean {
  const digits = written.replace(/\D/g, '').length;
  return digits > 0 && digits >= written.replace(/[^\p{L}]/gu, '').length;
}

/** The classes of listed words found in the text (as written, and with spelled-out words joined). */
export function listedWords(text: string): Set<WordClass> {
  const found = new Set<WordClass>();
  const joined = joinSpelledOut(text);
  for (const variant of joined === text ? [text] : [text, joined]) {
    for (const match of matcher.getAllMatches(variant)) {
      if (mostlyDigits(variant.slice(match.startIndex, match.endIndex + 1))) continue;
      found.add(classOf(dataset.getPayloadWithPhraseMetadata(match).phraseMetadata!.originalWord));
    }
  }
  return found;
}
