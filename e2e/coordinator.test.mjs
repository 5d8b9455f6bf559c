// A municipality's trainee coordinator logs in, opens the cohort and sees the employers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, logIn, seriousA11yViolations } from './browser.mjs';

test('coordinator logs in, opens the cohort and sees the participating employers', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ locale: 'nb-NO' });
    await page.goto(`${BASE_URL}/login`);
    // Demo mode lists the demo logins on the login page.
    assert.match(await page.textContent('body'), /koordinator@example\.org/);
    await logIn(page, 'koordinator@example.org');
    // The home page lists the coordinator's cohort; follow it.
    await page.getByRole('link', { name: /Kull 5/ }).first().click();
    await page.waitForURL(/\/cohorts\/\d+/);
    const body = await page.textContent('main');
    assert.match(body, /69\u00a0000\u00a0kr|69 000 kr/);
    assert.match(body, /17\.11\.2010/);
    assert.match(body, /Bærum kommune/);
    assert.match(body, /Trondheim kommune/);
    assert.deepEqual(await seriousA11yViolations(page), []);
  } finally {
    await browser.close();
  }
});

test('a wrong password shows a translated error and keeps the e-mail typed', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ locale: 'nb-NO' });
    await page.goto(`${BASE_URL}/login`);
    await page.getByLabel(/e-post/i).fill('koordinator@example.org');
    await page.getByLabel(/passord/i).fill('feil-passord');
    await page.getByRole('button', { name: /logg inn/i }).click();
    assert.match(await page.textContent('main'), /feil|stemmer ikke/i);
    assert.equal(await page.getByLabel(/e-post/i).inputValue(), 'koordinator@example.org');
    assert.deepEqual(await seriousA11yViolations(page), []);
  } finally {
    await browser.close();
  }
});

test('a stranger to the cohort gets a 404 page, not the data', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    await logIn(page, 'trainee@example.org');
    // Find a cohort of the other operator through the coordinator-free API listing is not
    // possible for a trainee; instead, walk ids until one answers 404.
    let saw404 = false;
    for (let id = 1; id <= 8 && !saw404; id++) {
      const response = await page.goto(`${BASE_URL}/cohorts/${id}`);
      if (response.status() === 404) saw404 = true;
    }
    assert.ok(saw404, 'the trainee could open every cohort');
  } finally {
    await browser.close();
  }
});
