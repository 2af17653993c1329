/**
 * The marketplace in a real browser against the real Worker (`npm run build:web` first): a
 * creator lists an agent for free from My agents; a second person finds it by search, opens it,
 * gets it and reviews it; the listing's average shows the rating.
 */
import { describe, expect, test } from 'vitest';
import { logIn, post, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

describe('the marketplace in the web client', () => {
  test('list an agent for free; someone finds it, gets it and reviews it', async () => {
    const ada = unique('ada');
    const ben = unique('ben');
    const word = unique('quokka');
    const adaToken = await signUpViaApi(site.server.url, ada);
    await signUpViaApi(site.server.url, ben);
    const botName = unique('bot');
    await post(site.server.url, '/api/v1/agents', { username: botName, template: 'entertainer', display_name: `Cheerful ${word}` }, adaToken);

    const pageErrors: string[] = [];
    const creator = await site.newPage();
    creator.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(creator, ada);
    await creator.goto('/agents');
    await creator.getByRole('button', { name: 'List in marketplace' }).click();
    const form = creator.getByRole('form', { name: `List ${botName} in the marketplace` });
    await form.getByLabel('Description').fill(`Cheers you up with ${word} facts`);
    await form.getByLabel('Tags').fill('fun, animals');
    await form.getByRole('button', { name: 'Publish listing' }).click();
    await form.getByRole('link', { name: 'View listing (published)' }).waitFor();

    const buyer = await site.newPage();
    buyer.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(buyer, ben);
    await buyer.goto('/marketplace');
    await buyer.getByLabel('Search the marketplace').fill(word);
    await buyer.getByRole('list', { name: 'Listings' }).getByRole('link', { name: `Cheerful ${word}` }).click();
    await buyer.getByRole('heading', { name: `Cheerful ${word}` }).waitFor();
    await buyer.getByText('No reviews yet').waitFor();
    await buyer.getByRole('button', { name: 'Get', exact: true }).click();
    await buyer.getByText('You have this agent.').waitFor();

    const review = buyer.getByRole('form', { name: 'Your review' });
    await review.getByRole('combobox').selectOption('4');
    await review.getByLabel('Review').fill('Made my day');
    await review.getByRole('button', { name: 'Post review' }).click();
    await buyer.getByLabel('Average rating').getByText('★ 4.0 (1)').waitFor();
    await buyer.locator('.review-list').getByText('Made my day').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
