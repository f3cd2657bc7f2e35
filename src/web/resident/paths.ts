/** The public site's pages: Finnish paths (the canonical language), the language is ?lang=. */
export const PUBLIC_PATHS = {
  home: '/',
  contact: '/yhteydenotto',
  callback: '/soittopyynto',
  professional: '/ammattilaiselle',
  accessibility: '/saavutettavuus',
  chat: '/chat',
  /** The feedback form; its token comes in the address's fragment (`#t=…`, never sent to the server) or from sessionStorage. */
  feedback: '/palaute',
} as const;
