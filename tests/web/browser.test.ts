/// <reference lib="dom" />
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../services/server.ts';
import { addToken } from '../../services/api/tokens.ts';
import { loadCcag35To36Sample } from '../../samples/ccag-35-36/load.ts';
import { launchBrowser, openUserContext, screenshotPath, seriousAccessibilityViolations, type UserContext } from '../support/browser.ts';
import { runCli } from '../cli/cli-process.ts';

/*
 * The web app in a real browser (one Chromium for the file, one context per person), against
 * a real register on a real port with the CCAG #35 -> #36 sample loaded. Every context
 * refuses requests to any host but the register's own; no test may make one.
 */

// A loaded machine (two cores, load 30) makes every step slow, none wrong: steps wait for what
// the user would see, each with room to spare, and no test measures time.
vi.setConfig({ testTimeout: 180_000 });
const stepTimeout = 45_000;

let server: RunningServer;
let browser: Browser;
let origin: string;
let dataDir: string;
const tokens: Record<'secretariat' | 'deputy' | 'bscEditor' | 'auditor', string> = {
  secretariat: '',
  deputy: '',
  bscEditor: '',
  auditor: '',
};
const open: UserContext[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ccag-web-'));
  const tokensFile = join(dataDir, 'tokens.json');
  tokens.secretariat = addToken(tokensFile, { principal: 'ccag-secretariat', role: 'secretariat', codeBodies: [] });
  tokens.deputy = addToken(tokensFile, { principal: 'deputy-secretariat', role: 'secretariat', codeBodies: [] });
  tokens.bscEditor = addToken(tokensFile, { principal: 'elexon', role: 'editor', codeBodies: ['BSC'] });
  tokens.auditor = addToken(tokensFile, { principal: 'external-auditor', role: 'auditor', codeBodies: [] });
  server = await startServer({
    env: { NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, READ_MODEL: 'memory', LOG_LEVEL: 'silent' },
    beforeListen: async (register) => void (await loadCcag35To36Sample(register)),
  });
  origin = server.url;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  // No page of any test asked another host for anything, nor logged an error.
  for (const user of open.splice(0)) {
    expect(user.foreignRequests).toEqual([]);
    expect(user.consoleErrors).toEqual([]);
    await user.close();
  }
});

async function as(who: keyof typeof tokens | 'anonymous'): Promise<UserContext> {
  const user = await openUserContext(browser, origin);
  user.context.setDefaultTimeout(stepTimeout);
  open.push(user);
  if (who !== 'anonymous') {
    await user.page.goto(`${origin}/sign-in#token=${encodeURIComponent(tokens[who])}`);
    await user.page.getByTestId('principal').waitFor();
  }
  return user;
}

/** The API, asked directly (not through the UI), for comparing with what the UI shows. */
async function api<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  token = tokens.secretariat,
): Promise<{ data: T; errors?: { extensions?: { code?: string } }[] }> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: T };
}

const logHead = async (): Promise<string> => (await api('{ readModelStatus { head } }')).data.readModelStatus.head;

/** Opens an item's forms and one command's form on its page. */
async function openForm(page: Page, itemId: string, command: string): Promise<ReturnType<Page['locator']>> {
  await page.goto(`${origin}/items/${encodeURIComponent(itemId)}?edit=1`);
  await page.getByRole('group', { name: 'Commands' }).getByRole('button', { name: command, exact: true }).click();
  const form = page.locator('form[data-form]').filter({ has: page.getByRole('heading', { name: command, exact: true }) });
  // The form is on screen (its code loads on demand) before anyone types in it.
  await form.waitFor();
  return form;
}

async function submitAndWait(form: ReturnType<Page['locator']>, label: string): Promise<string> {
  await form.getByRole('button', { name: label, exact: true }).click();
  const saved = form.getByRole('status').filter({ hasText: /Saved|Already saved/ });
  await saved.waitFor();
  return saved.innerText();
}

/** Every view's data has arrived: no "Loading …" left on the page. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: stepTimeout }).toBe(0);
}

/** The texts of one column of the app's tables on the page (every table with that caption prefix). */
async function columnTexts(page: Page, captionPrefix: RegExp, column: number): Promise<string[]> {
  const tables = page.getByRole('table').filter({ has: page.locator('caption', { hasText: captionPrefix }) });
  return tables.locator(`tbody tr:not(.group-row) td:nth-child(${column})`).allInnerTexts();
}

describe('signing in', () => {
  it('follows the link `ccag token create --login-url` prints, keeps the token out of the URL, and signs out', async () => {
    const cli = await runCli(['token', 'create', '--principal', 'link-reader', '--role', 'reader', '--login-url', origin], {
      DATA_DIR: dataDir,
    });
    expect(cli.code).toBe(0);
    const link = cli.stdout.trim();
    expect(link).toMatch(new RegExp(`^${origin}/sign-in#token=ccag_`));
    const user = await as('anonymous');
    const { page } = user;
    await page.goto(link);
    await expect.poll(() => page.getByTestId('principal').textContent()).toBe('link-reader');
    expect(await page.getByTestId('role').textContent()).toBe('reader');
    expect(page.url()).toBe(`${origin}/`);
    expect(await page.evaluate(() => sessionStorage.getItem('ccag.token'))).toBe(decodeURIComponent(link.split('#token=')[1]!));
    // A reader sees no edit controls.
    await page.getByRole('table', { name: 'Existing' }).waitFor();
    expect(await page.getByRole('link', { name: /^Edit / }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Not signed in (reading only).').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('ccag.token'))).toBeNull();
    // Pasting a token works too; a made-up one is refused in words.
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel('Bearer token').fill('ccag_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'did not accept' }).waitFor();
    await page.getByLabel('Bearer token').fill(tokens.auditor);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('principal').textContent()).toBe('external-auditor');
  });
});

describe('the secretariat month, through the UI only', () => {
  it('closes actions, raises one, changes statuses and dates, re-assesses, corrects, holds the meeting; movement says so', async () => {
    const { page } = await as('secretariat');
    for (const ref of ['CCAG35-01', 'CCAG35-02', 'CCAG35-03', 'CCAG35-04']) {
      const form = await openForm(page, `action:${ref}`, 'Close');
      await submitAndWait(form, 'Close');
    }

    await page.goto(`${origin}/actions`);
    await page.getByRole('button', { name: 'Raise an action' }).click();
    const raise = page.locator('form[data-form=raiseAction]');
    await raise.getByLabel('Reference').fill('CCAG36-01');
    await raise.getByLabel('Raised on').fill('27/11/24');
    await expect.poll(() => raise.getByText('Read as 27 November 2024').count()).toBe(1);
    await raise.getByLabel('Action', { exact: false }).first().fill('Code bodies to confirm their M8 release dates');
    await raise.getByLabel('Owner (party)').fill('Code Bodies');
    await raise.getByLabel('Due').fill('18/12/24');
    await submitAndWait(raise, 'Raise an action');

    const status = await openForm(page, 'cp:REC:R0209', 'Change status');
    await status.getByLabel('Status').selectOption('Approved');
    await status.getByLabel(/^Reason/).fill('Authority approved the change on 11/12/2024');
    await submitAndWait(status, 'Change status');

    const decision = await openForm(page, 'cp:REC:R0202', 'Set decision date');
    await decision.getByLabel('Decision date').fill('Q1 2025');
    await expect.poll(() => decision.getByText(/^Read as Q1 2025/).count()).toBe(1);
    await submitAndWait(decision, 'Set decision date');

    const assess = await openForm(page, 'risk:R485', 'Re-assess score');
    await assess.getByLabel('Score').fill('15');
    await submitAndWait(assess, 'Re-assess score');

    const correct = await openForm(page, 'cp:BSC:P478', 'Correct (data-entry fix)');
    const title = (await api('{ changeProposal(id: "cp:BSC:P478") { title } }')).data.changeProposal.title as string;
    await correct.getByLabel('Title').fill(`${title} (corrected)`);
    await correct.getByLabel(/^Reason/).fill('Title mistyped when the pack was entered');
    await submitAndWait(correct, 'Correct (data-entry fix)');

    const hold = await openForm(page, 'meeting:37', 'Hold the meeting');
    await hold.getByLabel('Held on').fill('18/12/24');
    await hold.getByRole('button', { name: 'Hold the meeting', exact: true }).click();
    await hold.getByRole('alertdialog').getByText('freezes the register').waitFor();
    const preview = hold.getByTestId('freeze-preview');
    await preview.waitFor();
    const previewText = await preview.innerText();
    await hold.getByRole('button', { name: 'Confirm: hold the meeting' }).click();
    const held = hold.getByRole('status').filter({ hasText: 'Frozen at boundary position' });
    await held.waitFor();
    const meeting37 = (await api('{ meetings { number boundaryPosition digest } }')).data.meetings.find(
      (m: { number: number }) => m.number === 37,
    );
    expect(await held.innerText()).toContain(`boundary position ${meeting37.boundaryPosition}, digest ${meeting37.digest}`);
    expect(previewText).toContain(`boundary position ${meeting37.boundaryPosition} (`);
    expect(previewText).toContain(`digest ${meeting37.digest},`);

    await page.goto(`${origin}/movement?from=meeting:36&to=meeting:37`);
    await page.getByRole('heading', { name: 'Corrections (data-entry fixes, not movement)' }).waitFor();
    await page.screenshot({ path: screenshotPath('movement-36-37'), fullPage: true });
    const movement = (
      await api(`{ movement(from: {meeting: 36}, to: {meeting: 37}) {
        horizonScanning { existing { id summary } } risks { id summary } actions { id summary } corrections { id fields { field to } } } }`)
    ).data.movement;
    const line = async (id: string) => (await page.locator(`li[data-item="${id}"] .summary`).first().innerText()).trim();
    const apiLine = (list: { id: string; summary: string[] }[], id: string) => list.find((m) => m.id === id)!.summary.join('; ');
    for (const ref of ['CCAG35-01', 'CCAG35-02', 'CCAG35-03', 'CCAG35-04']) {
      expect(await line(`action:${ref}`)).toBe(apiLine(movement.actions, `action:${ref}`));
      expect(await line(`action:${ref}`)).toMatch(/Closed/);
    }
    expect(await line('action:CCAG36-01')).toBe(apiLine(movement.actions, 'action:CCAG36-01'));
    expect(await line('action:CCAG36-01')).toBe('New');
    expect(await line('risk:R485')).toBe('Score increased from 12 to 15');
    expect(await line('cp:REC:R0209')).toBe(apiLine(movement.horizonScanning.existing, 'cp:REC:R0209'));
    expect(await line('cp:REC:R0209')).toMatch(/Approved/);
    expect(await line('cp:REC:R0202')).toMatch(/Q1 2025/);
    expect(await line('cp:REC:R0202')).toBe(apiLine(movement.horizonScanning.existing, 'cp:REC:R0202'));
    // The correction is listed apart, not as movement of P478.
    expect(await line('cp:BSC:P478')).toBe('No change');
    const correction = page.locator('.corrections li[data-item="cp:BSC:P478"]');
    expect(await correction.innerText()).toContain(`title corrected from “${title}” to “${title} (corrected)”`);
    expect(movement.corrections).toEqual([{ id: 'cp:BSC:P478', fields: [{ field: 'title', to: `${title} (corrected)` }] }]);
    // The API agrees with the UI's tables too.
    const actions = (await api('{ actions { ref status } }')).data.actions as { ref: string; status: string }[];
    expect(actions.filter((a) => a.ref.startsWith('CCAG35-')).map((a) => a.status)).toEqual(['Closed', 'Closed', 'Closed', 'Closed']);
    expect(actions.find((a) => a.ref === 'CCAG36-01')).toEqual({ ref: 'CCAG36-01', status: 'Open' });
  }, 300_000);
});

describe('an editor scoped to BSC', () => {
  it('sees edit controls on BSC items only, and a forged REC write from its session is refused with nothing written', async () => {
    const { page } = await as('bscEditor');
    await page.getByRole('table', { name: 'Existing' }).waitFor();
    await page
      .getByRole('link', { name: /^Edit / })
      .first()
      .waitFor();
    const editable = (
      await page.getByRole('link', { name: /^Edit / }).evaluateAll((links) => links.map((l) => l.getAttribute('aria-label')))
    ).map((l) => l!.replace(/^Edit /, ''));
    const bsc = ((await api('{ changeProposals(filter: {codeBodies: ["BSC"]}) { ref } }')).data.changeProposals as { ref: string }[]).map(
      (cp) => cp.ref,
    );
    expect(editable.length).toBeGreaterThan(0);
    expect(editable.sort()).toEqual(bsc.sort());
    await page.goto(`${origin}/milestones`);
    await page.getByRole('table', { name: 'Milestones by workstream' }).waitFor();
    await page
      .getByRole('link', { name: /^Edit / })
      .first()
      .waitFor();
    const milestoneEdits = await page.getByRole('link', { name: /^Edit / }).count();
    const bscMilestones = ((await api('{ milestones(filter: {workstreams: ["BSC-M8"]}) { id } }')).data.milestones as unknown[]).length;
    expect(milestoneEdits).toBe(bscMilestones);
    // A REC item's page offers no forms.
    await page.goto(`${origin}/items/cp:REC:R0209`);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    expect(await page.getByRole('button', { name: 'Change this item' }).count()).toBe(0);

    const before = await logHead();
    const forged = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('ccag.token')}` },
        body: JSON.stringify({
          query: 'mutation { changeChangeProposalStatus(input: {codeBody: "REC", ref: "R0201", status: "Approved"}) { version } }',
        }),
      });
      return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    });
    expect(forged.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await logHead()).toBe(before);
    expect((await api('{ changeProposal(id: "cp:REC:R0201") { status } }')).data.changeProposal.status).toBe('Under Development');
  });
});

describe('an auditor at ?at=meeting:35', () => {
  it('sees every table as the API has it at that meeting, editing off, and history with actor and reason', async () => {
    const { page } = await as('auditor');
    const at = { meeting: 35 };
    const expected = (
      await api(
        `query($at: Point) { changeProposals(at: $at) { ref status } milestones(at: $at) { ref key status } risks(at: $at) { ref score } actions(at: $at) { ref status } }`,
        { at },
        tokens.auditor,
      )
    ).data;

    await page.goto(`${origin}/?at=meeting:35`);
    await page.getByText('You are looking at the past').waitFor();
    // No meeting was held before #35: there is no "new since" split.
    await page.getByRole('table', { name: 'Change proposals' }).waitFor();
    const refs = await columnTexts(page, /^(New since|Existing|Change proposals)/, 1);
    const statuses = await columnTexts(page, /^(New since|Existing|Change proposals)/, 7);
    expect(new Map(refs.map((r, i) => [r, statuses[i]]))).toEqual(
      new Map(expected.changeProposals.map((cp: { ref: string; status: string }) => [cp.ref, cp.status])),
    );
    expect(await page.getByRole('link', { name: /^Edit / }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Register' }).getByRole('link', { name: 'Risks' }).click();
    expect(page.url()).toContain('at=meeting');
    await page.getByRole('table', { name: 'CCAG risks' }).waitFor();
    const riskRefs = await columnTexts(page, /^CCAG risks/, 1);
    const scores = await columnTexts(page, /^CCAG risks/, 3);
    expect(new Map(riskRefs.map((r, i) => [r, Number(scores[i])]))).toEqual(
      new Map(expected.risks.map((r: { ref: string; score: number }) => [r.ref, r.score])),
    );

    await page.goto(`${origin}/milestones?at=meeting:35`);
    await page.getByRole('table', { name: 'Milestones by workstream' }).waitFor();
    expect((await columnTexts(page, /^Milestones/, 1)).length).toBe(expected.milestones.length);

    await page.goto(`${origin}/actions?at=meeting:35`);
    await page.getByRole('table', { name: 'CCAG actions' }).waitFor();
    const actionRefs = await columnTexts(page, /^CCAG actions/, 1);
    const actionStatuses = await columnTexts(page, /^CCAG actions/, 7);
    expect(new Map(actionRefs.map((r, i) => [r, actionStatuses[i]]))).toEqual(
      new Map(expected.actions.map((a: { ref: string; status: string }) => [a.ref, a.status])),
    );
    expect(await page.getByRole('link', { name: /^Edit / }).count()).toBe(0);

    // Meetings too: as they stood at #35 (#36 not yet held, #37 not yet scheduled).
    const meetingsThen = (await api('query($at: Point) { meetings(at: $at) { number status boundaryPosition } }', { at }, tokens.auditor))
      .data.meetings as { number: number; status: string; boundaryPosition: string | null }[];
    await page.goto(`${origin}/meetings?at=meeting:35`);
    await page.getByRole('table', { name: 'CCAG meetings' }).waitFor();
    const meetingRows = async () => {
      const numbers = await columnTexts(page, /^CCAG meetings/, 1);
      const meetingStatuses = await columnTexts(page, /^CCAG meetings/, 3);
      const boundaries = await columnTexts(page, /^CCAG meetings/, 6);
      return numbers.map((n, i) => ({
        number: Number(n.replace('CCAG #', '')),
        status: meetingStatuses[i],
        boundaryPosition: boundaries[i] || null,
      }));
    };
    const byNumber = (list: { number: number }[]) => [...list].sort((a, b) => a.number - b.number);
    await expect.poll(async () => byNumber(await meetingRows()), { timeout: stepTimeout }).toEqual(byNumber(meetingsThen));
    // #36 was held after #35: at #35 it is not.
    expect(meetingsThen.find((m) => m.number === 36)?.status).not.toBe('Held');

    await page.goto(`${origin}/items/${encodeURIComponent('cp:REC:R0209')}?at=meeting:35`);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    expect(await page.getByRole('button', { name: 'Change this item' }).count()).toBe(0);
    const first = page.locator('.timeline li').first();
    await first.waitFor();
    expect(await first.locator('.actor').innerText()).toBe('secretariat (sample)');
    expect(await first.locator('.reason').innerText()).toContain('Horizon Scanning Log (REC, existing)');
    // Events after meeting 35 are not part of the register as it stood then.
    expect(await page.getByText(/later events? not shown/).count()).toBe(1);
  });
});

describe('two people editing the same risk', () => {
  it('the second sees CONFLICT with the other change, re-applies, and the log has exactly the confirmed writes', async () => {
    const alice = await as('secretariat');
    const bob = await as('deputy');
    const historyBefore = (await api('{ history(id: "risk:R920") { type } }')).data.history.length as number;
    const aliceForm = await openForm(alice.page, 'risk:R920', 'Re-assess score');
    const bobForm = await openForm(bob.page, 'risk:R920', 'Re-assess score');
    await aliceForm.getByLabel('Score').fill('14');
    await submitAndWait(aliceForm, 'Re-assess score');

    // Bob's open form hears of Alice's change before he sends his.
    await bobForm.getByText('ccag-secretariat changed this item').waitFor();
    await bobForm.getByLabel('Score').fill('11');
    await bobForm.getByRole('button', { name: 'Re-assess score', exact: true }).click();
    const conflict = bobForm.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('score: 10 → 14');
    await bob.page.screenshot({ path: screenshotPath('conflict') });
    expect((await api('{ risk(id: "risk:R920") { score } }')).data.risk.score).toBe(14);
    await conflict.getByRole('button', { name: 'Re-apply my edit' }).click();
    await bobForm.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const history = (await api('{ history(id: "risk:R920") { type actor data } }')).data.history as {
      type: string;
      actor: string;
      data: { to: number };
    }[];
    expect(history.length).toBe(historyBefore + 2);
    expect(history.slice(-2).map((e) => [e.actor, e.data.to])).toEqual([
      ['ccag-secretariat', 14],
      ['deputy-secretariat', 11],
    ]);
  });
});

describe('live', () => {
  it('an edit in one context appears in the other without a reload', async () => {
    const watcher = await as('auditor');
    await watcher.page.goto(`${origin}/risks`);
    await watcher.page.getByText('Live', { exact: true }).waitFor();
    const row = watcher.page.getByRole('row').filter({ has: watcher.page.getByRole('link', { name: 'R966', exact: true }) });
    expect(await row.locator('td').nth(2).innerText()).toBe('9');
    await watcher.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const editor = await as('secretariat');
    const form = await openForm(editor.page, 'risk:R966', 'Re-assess score');
    await form.getByLabel('Score').fill('22');
    await submitAndWait(form, 'Re-assess score');

    await expect.poll(() => row.locator('td').nth(2).innerText(), { timeout: stepTimeout }).toBe('22');
    expect(await watcher.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });
});

describe('bad input', () => {
  it('an impossible date and a score of 31 show field errors, and nothing is written', async () => {
    const { page } = await as('secretariat');
    const before = await logHead();
    await page.goto(`${origin}/risks`);
    await page.getByRole('button', { name: 'Raise a risk' }).click();
    const form = page.locator('form[data-form=raiseRisk]');
    await form.getByLabel('Risk ID').fill('R999');
    await form.getByLabel('Description').fill('There is a risk that the test finds a bug');
    await form.getByLabel('Score').fill('31');
    await form.getByLabel('Mitigation plan').fill('Fix it');
    await form.getByLabel('Raised on').fill('31/02/2025');
    await form.getByRole('button', { name: 'Raise a risk', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'correct the fields' }).waitFor();
    const scoreError = await form.locator('[data-error-for=score]').innerText();
    const dateError = await form.locator('[data-error-for=raisedOn]').innerText();
    expect(scoreError).toMatch(/30/);
    expect(dateError).not.toBe('');
    expect(await form.getByLabel('Score').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Raised on').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByText('Not a date the register can read').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('bad-input') });
    expect(await logHead()).toBe(before);
    expect((await api('{ risk(id: "risk:R999") { id } }')).data.risk).toBeNull();
  });
});

describe('the forms the server alone can refuse, and the CP timeline forms', () => {
  it('a related CP the register does not hold is marked at that field with nothing written; key dates and release are set', async () => {
    const { page } = await as('secretariat');
    const before = await logHead();
    const relate = await openForm(page, 'risk:R485', 'Relate to change proposals');
    // Well-formed, so the browser's schema passes it: only the server knows the register lacks it.
    await relate.getByLabel('Add related CPs').fill('cp:REC:R0209, cp:REC:R9999');
    await relate.getByRole('button', { name: 'Relate to change proposals', exact: true }).click();
    await relate.getByRole('alert').filter({ hasText: 'The register refused the input' }).waitFor();
    expect(await relate.locator('[data-error-for=add]').innerText()).toMatch(/R9999/);
    expect(await relate.locator('[data-error-for=remove]').innerText()).toBe('');
    expect(await relate.getByLabel('Add related CPs').getAttribute('aria-invalid')).toBe('true');
    expect(await logHead()).toBe(before);

    const keyDates = await openForm(page, 'cp:REC:R0098', 'Set key dates');
    await keyDates.getByLabel('Key dates').fill('Implementation: Q1 2025\nGo-live: TBC');
    await submitAndWait(keyDates, 'Set key dates');
    const release = await openForm(page, 'cp:REC:R0098', 'Assign to release');
    await release.getByLabel('Release').fill('June 2025 Release');
    await submitAndWait(release, 'Assign to release');
    const cp = (await api('{ changeProposal(id: "cp:REC:R0098") { keyDates { event date { text } } release } }')).data.changeProposal;
    expect(cp).toEqual({
      keyDates: [
        { event: 'Implementation', date: { text: 'Q1 2025' } },
        { event: 'Go-live', date: { text: 'TBC' } },
      ],
      release: 'June 2025 Release',
    });
  });
});

describe('the browser keeps the last head it verified', () => {
  it('stores the head on the first visit, proves the log only grew after a write, and shows a tampered head as a failure', async () => {
    const { page } = await as('secretariat');
    const notice = page.getByTestId('head-check');
    const key = `ccag.keptHead.${origin}`;
    // Signing in was this browser's first visit; start it again from nothing kept. That visit's
    // check keeps its head when it ends, so it must have ended before the head is removed.
    await notice.waitFor();
    await page.evaluate((k) => localStorage.removeItem(k), key);
    await page.goto(`${origin}/`);
    await notice.filter({ hasText: 'First visit' }).waitFor();
    const kept = async () =>
      JSON.parse((await page.evaluate((k) => localStorage.getItem(k), key)) ?? 'null') as { treeSize: number; rootHash: string };
    const first = await kept();
    expect(first).toEqual((await api('{ treeHead { treeSize rootHash } }')).data.treeHead);

    // Written while this browser is away: an open page would hear of it live and check (and keep) the new head at once.
    await page.goto('about:blank');
    const written = await api(
      'mutation { addChangeProposalUpdate(input: { codeBody: "REC", ref: "R0098", on: "2024-11-20", text: "Chased by the secretariat" }) { position } }',
    );
    expect(written.errors).toBeUndefined();
    await page.goto(`${origin}/`);
    await notice.filter({ hasText: `only grown since you last looked (from ${first.treeSize} to ${first.treeSize + 1} events` }).waitFor();
    expect((await kept()).treeSize).toBe(first.treeSize + 1);

    // A head this register never had at that size: the proof from it cannot verify.
    await page.evaluate(([k, head]) => localStorage.setItem(k!, head!), [key, JSON.stringify({ ...first, rootHash: 'ab'.repeat(32) })]);
    await page.reload();
    await notice.filter({ hasText: 'does not extend the one you last looked at' }).waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect((await kept()).rootHash).toBe('ab'.repeat(32));
  });
});

describe('the pack content views', () => {
  it('workstream reports and risk themes show the sample rows as the API has them, each with its page and history', async () => {
    const { page } = await as('secretariat');
    const { workstreamReports, riskThemes } = (
      await api('{ workstreamReports { id workstream meeting rag } riskThemes { id theme status } }')
    ).data as {
      workstreamReports: { id: string; workstream: string; meeting: number; rag: string }[];
      riskThemes: { id: string; theme: string; status: string }[];
    };
    expect(workstreamReports.length).toBeGreaterThan(0);
    expect(riskThemes.length).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Register' }).getByRole('link', { name: 'Workstream reports' }).click();
    await page.getByRole('table', { name: 'Code workstream summaries' }).waitFor();
    const reportRows = async () => {
      const table = /^Code workstream summaries/;
      const [workstreams, meetings, rags] = await Promise.all([1, 2, 3].map((c) => columnTexts(page, table, c)));
      return workstreams!.map((w, i) => `${w} ${meetings![i]} ${rags![i]}`).sort();
    };
    const expectedReports = workstreamReports.map((r) => `${r.workstream} CCAG #${r.meeting} ${r.rag}`).sort();
    await expect.poll(reportRows, { timeout: stepTimeout }).toEqual(expectedReports);
    await expect
      .poll(() => page.locator('.count').first().innerText(), { timeout: stepTimeout })
      .toContain(String(workstreamReports.length));
    // Filtered by RAG: only that status's rows stay.
    const rag = workstreamReports[0]!.rag;
    await page.getByRole('combobox', { name: /^RAG/ }).selectOption(rag);
    await expect.poll(reportRows, { timeout: stepTimeout }).toEqual(expectedReports.filter((r) => r.endsWith(` ${rag}`)));

    await page.getByRole('navigation', { name: 'Register' }).getByRole('link', { name: 'Risk themes' }).click();
    await page.getByRole('table', { name: 'Top programme risks related to CCAG: themes' }).waitFor();
    const themeRows = async () => {
      const table = /^Top programme risks/;
      const [themes, statuses] = await Promise.all([1, 4].map((c) => columnTexts(page, table, c)));
      return themes!.map((t, i) => `${t} ${statuses![i]}`).sort();
    };
    await expect.poll(themeRows, { timeout: stepTimeout }).toEqual(riskThemes.map((t) => `${t.theme} ${t.status}`).sort());

    // Each row leads to the item's page: its fields, its forms, its history.
    await page.getByRole('link', { name: riskThemes[0]!.theme, exact: true }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('dd[data-field=theme]').innerText()).toBe(riskThemes[0]!.theme);
    await page.getByRole('button', { name: 'Change this item' }).waitFor();

    const report = workstreamReports[0]!;
    await page.goto(`${origin}/items/${encodeURIComponent(report.id)}`);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('dd[data-field=rag]').innerText()).toBe(report.rag);
  });
});

describe('offline and accessible', () => {
  const views = [
    ['horizon-scanning', '/', 'Horizon Scanning Log'],
    ['workstream-reports', '/workstream-reports', 'Workstream reports'],
    ['milestones', '/milestones', 'Milestones'],
    ['risk-themes', '/risk-themes', 'Risk themes'],
    ['risks', '/risks', 'Risks'],
    ['actions', '/actions', 'Actions'],
    ['meetings', '/meetings', 'Meetings'],
    ['movement', '/movement', 'Movement'],
    ['audit', '/audit', 'Audit'],
    ['item', '/items/cp%3AREC%3AR0209', 'R0209'],
    ['past', '/?at=meeting:35', 'Horizon Scanning Log'],
    ['sign-in', '/sign-in', 'Sign in'],
  ] as const;

  it('every main view loads from the register alone and has no serious or critical axe-core violations', async () => {
    const { page } = await as('secretariat');
    for (const [name, path, heading] of views) {
      await page.goto(`${origin}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
      await settled(page);
      await page.screenshot({ path: screenshotPath(name), fullPage: false });
      expect(await seriousAccessibilityViolations(page), name).toEqual([]);
    }
    // Forms too: an item's edit panel with a form open.
    await openForm(page, 'risk:R202', 'Re-assess score');
    expect(await seriousAccessibilityViolations(page), 'form').toEqual([]);
  }, 300_000);

  it('GraphiQL works offline: its docs explorer loads the schema, and the headers pane carries the token', async () => {
    const { page } = await as('auditor');
    await page.goto(`${origin}/graphiql`);
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.getByText('Root Types').waitFor();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    expect(await page.locator('.graphiql-editor-tool').innerText()).toContain(`Bearer ${tokens.auditor}`);
    await page.screenshot({ path: screenshotPath('graphiql') });
  });
});
