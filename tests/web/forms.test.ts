import { describe, expect, it } from 'vitest';
import { commandSchemas, itemKinds } from '../../services/items.ts';
import { formsByKind } from '../../services/web/src/forms/catalogue.ts';
import type { ItemKind } from '../../services/web/src/items.ts';

describe('the web app has a form for every command', () => {
  it('offers each command type of each kind of item the register accepts', () => {
    for (const kind of itemKinds) {
      const offered = formsByKind[kind as ItemKind].map((form) => form.commandType).sort();
      expect({ kind, offered }).toEqual({ kind, offered: Object.keys(commandSchemas[kind]!).sort() });
    }
  });
});
