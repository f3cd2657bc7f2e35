/** The public site's pages: Finnish paths (the canonical language), the language is ?lang=. */
export const PUBLIC_PATHS = {
  home: '/',
  contact: '/yhteydenotto',
  callback: '/soittopyynto',
  professional: '/ammattilaiselle',
  accessibility: '/saavutettavuus',
} as const;
