import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../cli/cli-process.ts';
import { slideTexts } from './pptx-slides.ts';

// One store for the file: the sample, loaded by the CLI itself; the last tests tamper with it.
const data = tempDataDir();
afterAll(() => data.remove());

beforeAll(async () => {
  const loaded = await runCli(['load-sample'], data.env);
  expect(loaded.code, loaded.stderr).toBe(0);
}, 90_000);

describe('ccag pack', () => {
  it('writes the CCAG #36 pack as Markdown to stdout, from the section order down to the last page', async () => {
    const { code, stdout, stderr } = await runCli(['pack', '--meeting', '36', '--format', 'md'], data.env);
    expect(code, stderr).toBe(0);
    const headings = stdout.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Cross Code Advisory Group #36',
      '## Agenda',
      '## Minutes and Actions',
      '## Horizon Scanning Log',
      '## REC Releases with Horizon Scanning log changes included',
      '## Reporting Milestone, CCAG Risks and Code Activities',
      '## M7 Delivery Update',
      '## M8 Code Implementation Update',
      '## Summary and Next Steps',
      '## The register behind this pack',
    ]);
    expect(stdout).toContain('| CCAG35-01 | 23/10/2024 |');
    expect(stdout).toContain('RECOMMENDED CLOSED: See item number 4 for update.');
    expect(stdout).not.toContain('UNVERIFIED');
  }, 60_000);

  it('refuses a meeting number that is not one, and a meeting the register does not have', async () => {
    const bad = await runCli(['pack', '--meeting', 'thirty-six'], data.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--meeting: "thirty-six" is not a meeting number such as 36');
    const unknown = await runCli(['pack', '--meeting', '99'], data.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('CCAG #99');
  }, 60_000);
});

// Last: this edits the event store behind the register's back.
describe('ccag pack on a tampered store', () => {
  let target: { position: number | bigint; id: string };

  beforeAll(() => {
    const db = new Database(join(data.dir, 'events.db'));
    target = db.prepare(`SELECT position, id FROM events WHERE stream = 'risk:R920' AND type = 'RiskScoreAssessed'`).get() as typeof target;
    db.prepare(`UPDATE events SET data = json_set(data, '$.to', 11) WHERE position = ?`).run(target.position);
    db.close();
  });

  it('builds no pack: exit 1, naming the first bad event', async () => {
    const out = join(data.dir, 'refused.html');
    const { code, stdout, stderr } = await runCli(['pack', '--meeting', '36', '--out', out], data.env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`event ${target.id} (RiskScoreAssessed) at position ${target.position}`);
    expect(stderr).toContain('--unverified');
    expect(() => readFileSync(out)).toThrow();
  }, 60_000);

  it('with --unverified, builds it with every page saying UNVERIFIED (html, md, pptx)', async () => {
    const html = await runCli(['pack', '--meeting', '36', '--unverified'], data.env);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stderr).toContain('UNVERIFIED');
    const sections = html.stdout.split('<section class="page"').slice(1);
    expect(sections.length).toBe(10);
    for (const section of sections) expect(section).toContain(`UNVERIFIED: FAILED: event ${target.id} (RiskScoreAssessed)`);

    const md = await runCli(['pack', '--meeting', '36', '--unverified', '--format', 'md'], data.env);
    expect(md.code, md.stderr).toBe(0);
    const parts = md.stdout.split('\n## ').slice(1);
    expect(parts.length).toBe(10);
    for (const part of parts) expect(part).toContain('> **UNVERIFIED:**');

    const deck = join(data.dir, 'unverified.pptx');
    const pptx = await runCli(['pack', '--meeting', '36', '--unverified', '--format', 'pptx', '--out', deck], data.env);
    expect(pptx.code, pptx.stderr).toBe(0);
    const slides = await slideTexts(readFileSync(deck));
    expect(slides.length).toBeGreaterThanOrEqual(10);
    for (const [i, texts] of slides.entries())
      expect(
        texts.some((t) => t.startsWith('UNVERIFIED: FAILED: event')),
        `slide ${i + 1}`,
      ).toBe(true);
  }, 90_000);
});
