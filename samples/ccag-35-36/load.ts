import type { Caller } from '../../services/access.ts';
import type { Register, WriteOutcome } from '../../services/register.ts';
import { meetingId } from '../../schema/ids.ts';
import { ccag35To36Steps } from './data.ts';
import type { SampleStep } from './steps.ts';

export interface LoadSampleOptions {
  /** Who the history is recorded as; defaults to a secretariat principal, 'secretariat (sample)'. */
  readonly caller?: Caller;
  /** Called after each command with how many of the sample's commands are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LoadSampleResult {
  /** The sample's commands handled (all of them, whether or not they wrote anything). */
  readonly commands: number;
  /** Events this call wrote: 0 when the sample was already loaded. */
  readonly events: number;
}

export const sampleCaller: Caller = { principal: 'secretariat (sample)', role: 'secretariat', codeBodies: [] };

/**
 * Loads the CCAG #35 -> #36 history through the same commands a user runs. Every command
 * carries an idempotency key derived from the sample, so loading it again writes nothing;
 * a meeting already held is not held again (its digest would differ, as the log has grown).
 * A register that already holds different versions of these items refuses the sample at
 * the first command that conflicts.
 */
export async function loadCcag35To36Sample(register: Register, options: LoadSampleOptions = {}): Promise<LoadSampleResult> {
  const caller = options.caller ?? sampleCaller;
  const total = ccag35To36Steps.length;
  let events = 0;
  let done = 0;
  for (const step of ccag35To36Steps) {
    const outcome = await run(register, step, caller);
    events += outcome?.result.events.length ?? 0;
    done++;
    options.onProgress?.(done, total);
  }
  return { commands: done, events };
}

async function run(register: Register, step: SampleStep, caller: Caller): Promise<WriteOutcome | undefined> {
  const options = { effectiveAt: step.effectiveAt, reason: step.reason, idempotencyKey: step.idempotencyKey };
  switch (step.type) {
    case 'command':
      return register.execute(step.kind, step.commandType, step.input, caller, options);
    case 'holdMeeting': {
      const meeting = register.itemsAt.item(meetingId(step.number));
      if (meeting?.view['status'] === 'Held') return undefined;
      return register.holdMeeting({ number: step.number, heldOn: step.heldOn }, caller, options);
    }
    default: {
      const _exhaustive: never = step;
      return _exhaustive;
    }
  }
}
