/**
 * Profiles are moderated inline, field by field, when they are written. A profile has no
 * "pending" version to show its owner while others see the old one, so anything the classifier
 * would not allow — refused or held — is a 422 on the field, and the owner rewords it at once.
 */
import { invalidField } from '../lib/errors';
import { classifyText } from './classifier';

export interface ProfileText {
  display_name?: string | undefined;
  note?: string | undefined;
  fields_attributes?: { name: string; value: string }[] | undefined;
}

/** Throws a 422 naming the first field the classifier does not allow. */
export function screenProfile(body: ProfileText): void {
  const fields: [string, string | undefined][] = [
    ['display_name', body.display_name],
    ['note', body.note],
    ['fields_attributes', body.fields_attributes?.map((f) => `${f.name}\n${f.value}`).join('\n')],
  ];
  for (const [field, text] of fields) {
    if (!text) continue;
    const verdict = classifyText(text);
    if (verdict.action !== 'allow') throw invalidField(field, verdict.reason ?? 'was refused by moderation', 'ERR_MODERATION');
  }
}
