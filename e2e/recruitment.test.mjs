// Recruitment in the browser: the public advert, and an applicant who fills in, uploads and
// sends an application to the open demo cohort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, logIn, seriousA11yViolations } from './browser.mjs';

// A small valid PDF (header, one empty page, trailer with %%EOF).
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

// The open cohort of the demo ("Kull 21") found through the public programme page.
async function openCohortAdvert(page) {
  for (let id = 1; id <= 4; id++) {
    const response = await page.goto(`${BASE_URL}/advert/programmes/${id}`);
    if (response.status() !== 200) continue;
    const link = page.getByRole('link', { name: /Kull 21/ });
    if ((await link.count()) > 0) {
      await link.first().click();
      await page.waitForURL(/\/advert\/cohorts\/\d+/);
      return;
    }
  }
  throw new Error('no programme advert lists Kull 21');
}

test('the public advert shows confirmed employers, a countdown and job postings', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ locale: 'nb-NO' });
    await openCohortAdvert(page);
    const main = await page.textContent('main');
    assert.match(main, /Bærum kommune/);
    assert.match(main, /dager igjen|Siste dag/);
    assert.ok(await page.getByRole('link', { name: /Søk nå/ }).first().isVisible());
    const postings = await page.$$eval('script[type="application/ld+json"]', (nodes) =>
      nodes.map((n) => JSON.parse(n.textContent)),
    );
    assert.ok(postings.length >= 1, 'no JSON-LD on the advert');
    assert.equal(postings[0]['@type'], 'JobPosting');
    assert.ok(postings[0].hiringOrganization.name);
    assert.deepEqual(await seriousA11yViolations(page), []);
  } finally {
    await browser.close();
  }
});

test('an applicant fills in, uploads a CV and sends the application', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ locale: 'nb-NO' });
    await logIn(page, 'soker@example.org');
    await openCohortAdvert(page);
    await page.getByRole('link', { name: /Søk nå/ }).first().click();
    await page.waitForURL(/\/apply\/cohorts\/\d+/);

    await page.getByLabel('Fornavn', { exact: true }).fill('Sara');
    await page.getByLabel('Etternavn', { exact: true }).fill('Søker');
    await page.getByLabel('Fødselsdato', { exact: true }).fill('14.03.1998');
    await page.getByLabel('Telefon', { exact: true }).fill('91234567');
    await page.getByLabel('Adresse', { exact: true }).fill('Storgata 1');
    await page.getByLabel('Postnummer', { exact: true }).fill('0155');
    await page.getByLabel('Poststed', { exact: true }).fill('Oslo');
    await page.getByLabel('Nåværende stilling').fill('Masterstudent');
    await page.getByLabel('Motivasjonsbrev', { exact: true }).fill('Jeg vil jobbe med samfunnsplanlegging i en kommune.');

    // A file that only pretends to be a PDF is refused; what was typed stays.
    await page.setInputFiles('#cv', {
      name: 'cv.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf at all'),
    });
    await page.getByRole('button', { name: 'Lagre utkast' }).click();
    assert.match(await page.textContent('main'), /PDF/);
    assert.equal(await page.getByLabel('Fornavn', { exact: true }).inputValue(), 'Sara');

    await page.setInputFiles('#cv', { name: 'cv.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Lagre utkast' }).click();
    assert.match(await page.textContent('main'), /cv\.pdf/);

    // An education entry and a first-choice employer, then send.
    const year = page.locator('input[name^="edu_year_"]').last();
    if ((await page.locator('input[name^="edu_year_"]').count()) > 0 && !(await year.inputValue())) {
      await page.locator('select[name^="edu_degree_"]').last().selectOption('master');
      await page.locator('input[name^="edu_field_"]').last().fill('Samfunnsgeografi');
      await page.locator('input[name^="edu_institution_"]').last().fill('Universitetet i Oslo');
      await year.fill('2024');
    }
    const firstChoice = page.locator('select[name^="pref_"]').first();
    await firstChoice.selectOption('1');
    await page.getByRole('button', { name: 'Send søknad' }).click();
    await page.waitForURL(/\/receipt/);
    const receipt = await page.textContent('main');
    assert.match(receipt, /Kvittering/);
    assert.match(receipt, /S\d+-\d+/);
    assert.match(receipt, /Sara Søker/);
    assert.deepEqual(await seriousA11yViolations(page), []);
  } finally {
    await browser.close();
  }
});
