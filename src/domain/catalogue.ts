/**
 * The catalogue's links to our codes, as rules: which service areas and reasons a PTV service
 * class (PTVL "P" codes) or target group (KR codes) suggests. Suggestions only: an editor can
 * change the mapping of any service, and an edited mapping is never overwritten by an import.
 */

export interface Suggestion { serviceAreas: string[]; reasons: string[] }

/** Most specific first: P4.10 wins over P4. */
export const SERVICE_CLASS_MAPPING: Record<string, Suggestion> = {
  'P1': { serviceAreas: ['working_age'], reasons: ['housing'] },
  'P3': { serviceAreas: ['families'], reasons: ['family_relationships'] },
  'P3.4': { serviceAreas: ['families'], reasons: [] },
  'P3.6': { serviceAreas: ['families'], reasons: ['child_concern', 'family_relationships'] },
  'P3.7': { serviceAreas: ['families'], reasons: ['family_relationships'] },
  'P3.8': { serviceAreas: ['families'], reasons: ['child_concern'] },
  'P3.9': { serviceAreas: ['families'], reasons: ['income', 'family_relationships'] },
  'P4': { serviceAreas: [], reasons: ['service_system_info'] },
  'P4.1': { serviceAreas: ['older_people', 'disability'], reasons: ['housing'] },
  'P4.2': { serviceAreas: ['older_people'], reasons: ['ageing_home_care'] },
  'P4.3': { serviceAreas: ['older_people'], reasons: ['ageing_home_care'] },
  'P4.4': { serviceAreas: ['disability'], reasons: ['disability_support'] },
  'P4.5': { serviceAreas: ['disability'], reasons: ['disability_support'] },
  'P4.8': { serviceAreas: ['working_age'], reasons: ['employment_education'] },
  'P4.9': { serviceAreas: ['families'], reasons: ['child_concern'] },
  'P4.10': { serviceAreas: ['working_age'], reasons: ['income'] },
  'P4.11': { serviceAreas: ['working_age'], reasons: ['immigration_integration'] },
  'P4.12': { serviceAreas: [], reasons: ['loneliness_participation'] },
  'P4.13': { serviceAreas: [], reasons: ['service_system_info'] },
  'P5': { serviceAreas: ['health'], reasons: ['health_functioning'] },
  'P5.7': { serviceAreas: ['mental_health_substance'], reasons: ['mental_health', 'substance_use'] },
  'P5.14': { serviceAreas: ['older_people', 'health'], reasons: ['ageing_home_care'] },
  'P7.11': { serviceAreas: [], reasons: ['service_system_info'] },
  'P8.4': { serviceAreas: [], reasons: ['loneliness_participation'] },
  'P10': { serviceAreas: ['working_age'], reasons: ['employment_education'] },
  'P10.6': { serviceAreas: ['working_age'], reasons: ['income', 'benefits_applications'] },
  'P15': { serviceAreas: ['working_age'], reasons: ['income'] },
  'P22': { serviceAreas: ['working_age'], reasons: ['immigration_integration'] },
};

/** Target groups narrow a general social service to its area. */
export const TARGET_GROUP_MAPPING: Record<string, string> = {
  'KR1.1': 'older_people',
  'KR1.2': 'families',
  'KR1.3': 'families',
  'KR1.6': 'disability',
};

function mostSpecific(code: string): Suggestion | undefined {
  for (let c = code; c; c = c.includes('.') ? c.slice(0, c.lastIndexOf('.')) : '') {
    const hit = SERVICE_CLASS_MAPPING[c];
    if (hit) return hit;
  }
  return undefined;
}

/** The service areas and reasons a service's classes and target groups suggest, deduplicated in a stable order. */
export function suggestMapping(serviceClasses: string[], targetGroups: string[]): Suggestion {
  const areas = new Set<string>();
  const reasons = new Set<string>();
  // a general class (P4) says little when a specific one (P4.10) is there
  const specific = serviceClasses.filter((c) => !serviceClasses.some((o) => o !== c && o.startsWith(`${c}.`)));
  for (const code of specific) {
    const s = mostSpecific(code);
    s?.serviceAreas.forEach((a) => areas.add(a));
    s?.reasons.forEach((r) => reasons.add(r));
  }
  const social = serviceClasses.some((c) => c === 'P4' || c.startsWith('P4.') || c.startsWith('P3'));
  if (social) for (const g of targetGroups) { const a = TARGET_GROUP_MAPPING[g]; if (a) areas.add(a); }
  return { serviceAreas: [...areas], reasons: [...reasons] };
}

/** A text in the reader's language, else in Finnish, Swedish or English, whichever there is (PTV texts are often in one language only). */
export function inLanguage(l: Partial<Record<'fi' | 'sv' | 'en', string | null>>, lang: 'fi' | 'sv' | 'en'): string | null {
  return l[lang] ?? l.fi ?? l.sv ?? l.en ?? null;
}

export const PROVIDER_TYPES = ['wellbeing_county', 'municipality', 'state', 'kela', 'employment_services', 'ngo', 'parish', 'private', 'other'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

const KELA_BUSINESS_CODE = '0246246-0';

/** PTV's organisation types (API v11 and v12) as our provider types. */
export function providerTypeOf(ptvType: string | null | undefined, businessCode?: string | null): ProviderType {
  if (businessCode === KELA_BUSINESS_CODE) return 'kela';
  switch (ptvType) {
    case 'Municipality': return 'municipality';
    case 'State': return 'state';
    case 'Region': case 'RegionalOrganization': case 'SotePublic': case 'WellbeingServicesCounty': return 'wellbeing_county';
    case 'Organization': return 'ngo';
    case 'Company': case 'SotePrivate': return 'private';
    default: return 'other';
  }
}
