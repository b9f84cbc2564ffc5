/**
 * The web app's pages, shared by the browser router and the server (which answers each with
 * the app's index.html, so a link to any page works when opened directly).
 */
export const pages = {
  horizonScanning: '/',
  workstreamReports: '/workstream-reports',
  milestones: '/milestones',
  riskThemes: '/risk-themes',
  risks: '/risks',
  actions: '/actions',
  meetings: '/meetings',
  movement: '/movement',
  audit: '/audit',
  signIn: '/sign-in',
} as const;

export type PageName = keyof typeof pages;

/** An item's page: /items/<id>, e.g. /items/risk:R0209. */
export const itemPagePrefix = '/items/';

export const itemPath = (id: string): string => `${itemPagePrefix}${encodeURIComponent(id)}`;
