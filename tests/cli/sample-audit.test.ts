import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEvents, runCli, tempDataDir } from './cli-process.ts';

// One register for the whole file: the CCAG #35 -> #36 sample, loaded once by the CLI itself.
const data = tempDataDir();
afterAll(() => data.remove());

interface Meeting {
  number: number;
  boundaryPosition: string | null;
  digest: string | null;
}
/** The held meetings, with the boundary and digest each recorded. */
let meetings: Meeting[] = [];

beforeAll(async () => {
  const loaded = await runCli(['load-sample'], data.env);
  expect(loaded.code, loaded.stderr).toBe(0);
  expect(loaded.stdout).toMatch(/Loaded the CCAG #35 -> #36 sample: \d+ commands, \d+ events written/);
  const exported = await runCli(['export', '--format', 'json', '--kind', 'meeting'], data.env);
  meetings = (JSON.parse(exported.stdout).items.meeting as Meeting[]).filter((m) => m.digest !== null);
}, 90_000);

describe('ccag report movement --from meeting:35 --to meeting:36', () => {
  it('lays out the pack tables in markdown, html and csv, pinned by both meetings digests', async () => {
    const formats = ['markdown', 'html', 'csv'] as const;
    const reports = await Promise.all(
      formats.map((format) => runCli(['report', 'movement', '--from', 'meeting:35', '--to', 'meeting:36', '--format', format], data.env)),
    );
    expect(meetings.map((m) => m.number)).toEqual([35, 36]);
    reports.forEach(({ code, stdout, stderr }, i) => {
      const format = formats[i];
      expect(code, `${format}: ${stderr}`).toBe(0);
      expect(stdout, format).toContain('Score reduced from 20 to 10');
      expect(stdout, format).toContain('New item');
      expect(stdout, format).toContain('Horizon Scanning Log: new');
      expect(stdout, format).toContain('Top Programme Risks related to CCAG');
      for (const meeting of meetings) {
        expect(stdout, format).toContain(meeting.digest!);
        expect(stdout, format).toContain(meeting.boundaryPosition!);
      }
    });
    const [markdown, html] = [reports[0]!.stdout, reports[1]!.stdout];
    // The pack's own row for R920, with its band, and UK dates as the pack prints them.
    expect(markdown).toMatch(/\| R920 \| [^|]+ \| 10 \| Low \| Score reduced from 20 to 10 \|/);
    expect(markdown).toContain('| CCAG35-01 | 23/10/24 |');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<td>Score reduced from 20 to 10</td>');
  }, 60_000);

  it('lists corrections apart from movement, and escapes text in html', async () => {
    const rows = [
      { command: 'CorrectRisk', riskId: 'R202', fields: { score: 15 }, reason: 'Score was keyed wrongly' },
      {
        command: 'RaiseChangeProposal',
        codeBody: 'REC',
        ref: 'R0299',
        title: '<script>alert("x")</script> & more',
        summary: 'Testing escapes',
        raisedOn: '28/11/24',
        mhhsImpact: 'Of interest',
      },
    ];
    const path = join(data.dir, 'after-36.json');
    writeFileSync(path, JSON.stringify(rows));
    const imported = await runCli(['import', path], data.env);
    expect(imported.code, imported.stderr).toBe(0);

    const since36 = (format: string) => runCli(['report', 'movement', '--from', 'meeting:36', '--format', format], data.env);
    const [markdown, html] = await Promise.all([since36('markdown'), since36('html')]);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toMatch(/\| R202 \| RiskCorrected \| score: \d+ → 15 \| Score was keyed wrongly \| cli:cli-test \|/);
    // A correction is not movement: R202 keeps "No change" in the risk table.
    expect(markdown.stdout).toMatch(/\| R202 \| [^|]+ \| 15 \| Low \| No change \|/);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html.stdout).not.toContain('<script>');
  }, 60_000);
});

describe('ccag verify', () => {
  it('passes on the log as written, counting events and streams', async () => {
    const { code, stdout } = await runCli(['verify'], data.env);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`^OK: ${countEvents(data.dir)} events in \\d+ streams verified; Merkle root [0-9a-f]{64}; 2 held meeting heads verify`),
    );
  }, 60_000);
});

describe('ccag events export', () => {
  it('writes one JSON line per event, in log order, straight from the event store', async () => {
    const { code, stdout } = await runCli(['events', 'export'], data.env);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(countEvents(data.dir));
    const events = lines.map((line) => JSON.parse(line));
    expect(Object.keys(events[0])).toEqual(['position', 'stream', 'revision', 'id', 'type', 'data', 'metadata', 'recordedAt']);
    const positions = events.map((e) => Number(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(events.find((e) => e.type === 'RiskScoreAssessed' && e.stream === 'risk:R920')?.data).toMatchObject({ from: 20, to: 10 });
  }, 60_000);
});

describe('ccag rebuild', () => {
  it('rebuilds the read model into the same register, at every point', async () => {
    const views = async () =>
      Promise.all(['meeting:35', 'now'].map((at) => runCli(['export', '--format', 'json', '--at', at], data.env).then((r) => r.stdout)));
    const before = await views();
    const rebuilt = await runCli(['rebuild'], data.env);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain(`from ${countEvents(data.dir)} events`);
    expect(await views()).toEqual(before);
  }, 90_000);
});

describe('ccag load-sample', () => {
  it('writes nothing when the sample is already loaded', async () => {
    const before = countEvents(data.dir);
    const { code, stdout } = await runCli(['load-sample'], data.env);
    expect(code).toBe(0);
    expect(stdout).toContain('0 events written');
    expect(countEvents(data.dir)).toBe(before);
  }, 60_000);
});

// Last: this edits the event store behind the register's back.
describe('ccag verify after tampering', () => {
  it('fails with exit 1 and names the event whose stored data was changed', async () => {
    const db = new Database(join(data.dir, 'events.db'));
    const target = db.prepare(`SELECT position, id FROM events WHERE stream = 'risk:R920' AND type = 'RiskScoreAssessed'`).get() as {
      position: number | bigint;
      id: string;
    };
    db.prepare(`UPDATE events SET data = json_set(data, '$.to', 11) WHERE position = ?`).run(target.position);
    db.close();

    const { code, stdout, stderr } = await runCli(['verify'], data.env);
    expect(code).toBe(1);
    expect(stdout).not.toContain('OK');
    expect(stderr).toContain(`event ${target.id} (RiskScoreAssessed) at position ${target.position}`);
    expect(stderr).toContain('its content was changed after it was written');
  }, 60_000);
});
