/** The county administration's pages (issue 18; integrations and messages: issue 19). */
export const ADMIN_PATHS = {
  home: '/tyo/hallinta',
  lines: '/tyo/hallinta/linjat',
  line: (code: string) => `/tyo/hallinta/linjat/${code}`,
  codes: '/tyo/hallinta/koodit',
  organisation: '/tyo/hallinta/organisaatio',
  users: '/tyo/hallinta/kayttajat',
  user: (id: string) => `/tyo/hallinta/kayttajat/${id}`,
  settings: '/tyo/hallinta/asetukset',
  history: '/tyo/hallinta/historia',
  integrations: '/tyo/hallinta/integraatiot',
  webhook: (id: string) => `/tyo/hallinta/integraatiot/${id}`,
  messages: '/tyo/hallinta/viestit',
  counties: '/tyo/alusta',
};
