/** The kinds of item the web app has views and forms for. */
export type ItemKind = 'changeProposal' | 'workstreamReport' | 'milestone' | 'riskTheme' | 'risk' | 'action' | 'meeting';

/** The kind of item an id names (cp:REC:R0209, risk:R920, ...), as the register's ids are made (schema/ids.ts). */
const kindsByPrefix: Record<string, ItemKind> = {
  cp: 'changeProposal',
  milestone: 'milestone',
  risk: 'risk',
  action: 'action',
  meeting: 'meeting',
  'workstream-report': 'workstreamReport',
  'risk-theme': 'riskTheme',
};

export function kindOfItemId(id: string): ItemKind | undefined {
  return kindsByPrefix[id.split(':', 1)[0] ?? ''];
}
