import type { ReadModelDatabase } from '../projections/read-model/database.ts';
import { statement } from '../projections/read-model/statements.ts';
import type { RegisterQueries } from '../projections/register/queries.ts';
import { DEFAULT_SLICE_MS, yieldToEventLoop } from './core/chunk-pacer.ts';
import { digestOfHeads } from './core/digest.ts';
import type { EventStore, StoredEvent } from './core/event-store.ts';
import { checkEvent, describeBadEvent, type BadEvent, type StreamCursor } from './core/verify.ts';
import { comparePositions, formatPosition, parsePosition, positionOf, type Position } from './core/position.ts';
import { eventLeafHash } from './transparency/leaf.ts';
import { CompactRange } from './transparency/compact-range.ts';
import { verifyTreeHeadSignature } from './transparency/signing-key.ts';
import { StoredTree } from './transparency/stored-tree.ts';
import type { SignedTreeHead } from './transparency/tree-head.ts';

export interface MeetingCheck {
  readonly number: number;
  readonly ok: boolean;
  /** What does not check, in words; absent when ok. */
  readonly problem?: string;
}

export interface VerificationReport {
  readonly ok: boolean;
  /** The log head the report is about ("0" for an empty log). */
  readonly head: string;
  readonly eventsChecked: number;
  readonly streams: number;
  /** The first event, in log order, whose chain or leaf does not check. */
  readonly firstBad?: BadEvent;
  /** Leaves in the read model's Merkle tree, and how many of them were compared with the log. */
  readonly treeSize: number;
  readonly treeLeavesChecked: number;
  /** The Merkle root of the log as recomputed from the store (hex). */
  readonly rootHash: string;
  readonly meetings: readonly MeetingCheck[];
  /** Every problem found, in words (empty when ok). */
  readonly problems: readonly string[];
}

export interface VerifierOptions {
  readonly store: EventStore;
  readonly database: () => ReadModelDatabase;
  readonly queries: RegisterQueries;
  /** The register's public key (raw Ed25519, hex): meeting heads must be signed with it. */
  readonly publicKey: string;
  readonly batchSize?: number;
  /** Longest stretch of work between two yields to the event loop. */
  readonly sliceMs?: number;
  /** The clock slices are timed by (tests count work with it instead). */
  readonly now?: () => number;
}

interface HeldMeeting {
  readonly number: number;
  readonly boundaryPosition: string;
  readonly digest: string;
  readonly treeHead: SignedTreeHead | null;
}

/**
 * Verifies the log against itself (every stream's chain), against the read model's Merkle
 * tree (every leaf and stored node recomputed from the store) and against every held
 * meeting's signed tree head. It keeps what it has walked: the next call reads only the
 * events appended since, and a call at an unchanged head answers from the last report.
 * Work is cut into slices of at most `sliceMs`, so a long log never stalls other requests.
 */
export class LogVerifier {
  private state = freshState();
  private last: VerificationReport | undefined;
  private running: Promise<VerificationReport> | undefined;

  constructor(private readonly options: VerifierOptions) {}

  /** Concurrent callers share one walk. */
  verify(options: { onProgress?: (checked: number) => void } = {}): Promise<VerificationReport> {
    this.running ??= this.walk(options.onProgress).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async walk(onProgress: ((checked: number) => void) | undefined): Promise<VerificationReport> {
    const { store, queries } = this.options;
    const db = this.options.database();
    if (this.state.db !== db) this.state = { ...freshState(), db };
    // The walk goes as far as the read model's tree: events it has not projected yet are checked next time.
    const tree = new StoredTree(db);
    const treeSize = tree.size();
    const storeHead = await store.headPosition();
    const meetings = heldMeetings(queries);
    const meetingsKey = meetings.map((m) => `${m.number}@${m.boundaryPosition}`).join(',');
    const storeHeadText = storeHead ? formatPosition(storeHead) : '0';
    if (this.last && this.state.storeHead === storeHeadText && this.state.meetingsKey === meetingsKey && this.last.treeSize === treeSize)
      return this.last;

    // A stream-head digest (meetings held before signed heads) is taken as the walk passes its boundary.
    const legacy = meetings.filter((m) => m.treeHead === null && !this.state.meetingResults.has(m.number));
    if (
      !this.state.firstBad &&
      legacy.some((m) => this.state.after && comparePositions(parsePosition(m.boundaryPosition)!, this.state.after) < 0)
    ) {
      this.state = { ...freshState(), db };
    }
    const s = this.state;
    const pending = legacy
      .map((m) => ({ meeting: m, boundary: parsePosition(m.boundaryPosition)! }))
      .sort((a, b) => comparePositions(a.boundary, b.boundary));
    const takeLegacyDigests = (before: Position | undefined) => {
      while (pending.length > 0 && (before === undefined || comparePositions(pending[0]!.boundary, before) < 0)) {
        const { meeting } = pending.shift()!;
        const heads = new Map([...s.cursors].map(([stream, c]) => [stream, c.hash]));
        const recomputed = digestOfHeads(meeting.boundaryPosition, heads);
        s.meetingResults.set(
          meeting.number,
          recomputed === meeting.digest
            ? { number: meeting.number, ok: true }
            : {
                number: meeting.number,
                ok: false,
                problem: `CCAG #${meeting.number}'s recorded digest does not match the log up to position ${meeting.boundaryPosition}`,
              },
        );
      }
    };

    const sliceMs = this.options.sliceMs ?? DEFAULT_SLICE_MS;
    const now = this.options.now ?? (() => performance.now());
    let sliceStart = now();
    /** The stretch since the event loop was last handed back has used its budget. */
    const due = () => now() - sliceStart > sliceMs;
    const handBack = async () => {
      await yieldToEventLoop();
      sliceStart = now();
    };
    const batchSize = this.options.batchSize ?? 500;
    let logEnded = false;
    while (!s.firstBad && s.range.size < treeSize) {
      const batch = await store.readAll({ after: s.after, maxCount: Math.min(batchSize, treeSize - s.range.size) });
      if (batch.length === 0) {
        logEnded = true;
        break;
      }
      // The read's last piece had a stretch of its own: the checks start a new one.
      await handBack();
      // The batch's nodes are compared with the stored ones, read a level at a time (they never change once written).
      const stored = tree.nodesCompletedBy(s.range.size, Math.min(s.range.size + batch.length, treeSize));
      for (const event of batch) {
        takeLegacyDigests(event.position);
        const problem = checkEvent(event, s.cursors.get(event.stream)) ?? this.checkLeaf(event, s, tree, treeSize, stored);
        if (problem) {
          s.firstBad = describeBadEvent(event, problem);
          break;
        }
        s.cursors.set(event.stream, { revision: event.revision, hash: event.metadata['hash'] as string });
        s.after = event.position;
        if (due()) await handBack();
      }
      onProgress?.(s.range.size);
    }
    if (!s.firstBad) takeLegacyDigests(undefined);
    const head = s.after ? formatPosition(s.after) : '0';

    const problems: string[] = [];
    if (s.firstBad) {
      const bad = s.firstBad;
      problems.push(
        `event ${bad.id} (${bad.type}) at position ${bad.position}, stream ${bad.stream} revision ${bad.revision}: ${bad.problem}`,
      );
    } else if (logEnded && treeSize > s.range.size) {
      problems.push(
        `the Merkle tree holds ${treeSize} events but the log only ${s.range.size}: events after position ${s.after ? formatPosition(s.after) : '0'} were removed from the log`,
      );
    }
    for (const meeting of meetings) {
      if (
        meeting.treeHead &&
        !s.meetingResults.has(meeting.number) &&
        meeting.treeHead.treeSize <= Math.min(s.range.size, treeSize) &&
        !s.firstBad
      ) {
        s.meetingResults.set(meeting.number, this.checkSignedMeeting(meeting, meeting.treeHead, tree));
        if (due()) await handBack();
      }
    }
    const meetingChecks = meetings.map(
      (m) =>
        s.meetingResults.get(m.number) ?? {
          number: m.number,
          ok: false,
          problem: `CCAG #${m.number}'s head could not be checked: the log does not verify up to it`,
        },
    );
    for (const check of meetingChecks) if (!check.ok) problems.push(check.problem!);
    s.meetingsKey = meetingsKey;
    s.storeHead = storeHeadText;

    const report: VerificationReport = {
      ok: problems.length === 0,
      head,
      eventsChecked: s.range.size,
      streams: s.cursors.size,
      ...(s.firstBad ? { firstBad: s.firstBad } : {}),
      treeSize,
      treeLeavesChecked: Math.min(s.range.size, treeSize),
      rootHash: s.range.root().toString('hex'),
      meetings: meetingChecks,
      problems,
    };
    this.last = report;
    return report;
  }

  /** Adds the event's leaf to the recomputed tree and compares it, and every node it completes, with the stored tree. */
  private checkLeaf(
    event: StoredEvent,
    s: WalkState,
    tree: StoredTree,
    treeSize: number,
    stored: readonly Map<number, Buffer>[],
  ): string | undefined {
    return s.range.append(eventLeafHash(event), (level, index, node) => {
      if ((index + 1) * 2 ** level > treeSize) return undefined;
      if ((stored[level]?.get(index) ?? tree.node(level, index)).equals(node)) return undefined;
      return level === 0
        ? `the event differs from leaf ${index} of the Merkle tree: its content, recorded time or position changed after it was recorded`
        : `the Merkle tree's node (${level}, ${index}) above this event does not match the log`;
    });
  }

  private checkSignedMeeting(meeting: HeldMeeting, head: SignedTreeHead, tree: StoredTree): MeetingCheck {
    const fail = (problem: string): MeetingCheck => ({ number: meeting.number, ok: false, problem: `CCAG #${meeting.number}: ${problem}` });
    if (!verifyTreeHeadSignature(head, this.options.publicKey)) return fail("its tree head is not signed with the register's key");
    if (tree.root(head.treeSize).toString('hex') !== head.rootHash)
      return fail(`its signed root does not match the log's first ${head.treeSize} events`);
    if (meeting.digest !== head.rootHash) return fail('its recorded digest is not the root of its signed tree head');
    const boundary = boundaryOfSize(this.options.database(), head.treeSize);
    if (boundary !== meeting.boundaryPosition)
      return fail(`its boundary position ${meeting.boundaryPosition} is not the position of event ${head.treeSize} (${boundary})`);
    return { number: meeting.number, ok: true };
  }
}

interface WalkState {
  db: ReadModelDatabase | undefined;
  cursors: Map<string, StreamCursor>;
  after: Position | undefined;
  range: CompactRange;
  firstBad: BadEvent | undefined;
  meetingResults: Map<number, MeetingCheck>;
  meetingsKey: string;
  storeHead: string;
}

function freshState(): WalkState {
  return {
    db: undefined,
    cursors: new Map(),
    after: undefined,
    range: new CompactRange(),
    firstBad: undefined,
    meetingResults: new Map(),
    meetingsKey: '',
    storeHead: '',
  };
}

function heldMeetings(queries: RegisterQueries): HeldMeeting[] {
  return queries
    .items('meeting')
    .map(
      (m) =>
        m.view as unknown as { number: number; boundaryPosition: string | null; digest: string | null; treeHead: SignedTreeHead | null },
    )
    .flatMap((v) =>
      v.boundaryPosition !== null && v.digest !== null
        ? [{ number: v.number, boundaryPosition: v.boundaryPosition, digest: v.digest, treeHead: v.treeHead ?? null }]
        : [],
    )
    .sort((a, b) => a.number - b.number);
}

/** The position of the `size`th event ("0" before the first). */
function boundaryOfSize(db: ReadModelDatabase, size: number): string {
  if (size === 0) return '0';
  const row = statement(db, `SELECT commit_position, prepare_position FROM log WHERE seq = ?`, true).get(size) as
    { commit_position: bigint; prepare_position: bigint } | undefined;
  return row ? formatPosition(positionOf(row.commit_position, row.prepare_position)) : 'none';
}
