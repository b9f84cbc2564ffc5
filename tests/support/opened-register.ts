import { composeRegister, type ComposeOptions } from '../../services/composition.ts';
import type { Register, RegisterInternals } from '../../services/register.ts';

/** The register's facade with the parts it runs on beside it, for tests that check both. */
export type OpenedRegister = Register & RegisterInternals & { close(): Promise<void> };

export async function openRegisterForTest(options: ComposeOptions): Promise<OpenedRegister> {
  const composed = await composeRegister(options);
  return { ...composed.register, ...composed.internals, close: () => composed.close() };
}
