import { describe, expect, it } from 'vitest';
import { DEFAULT_CODES } from './codes.js';
import { providerTypeOf, SERVICE_CLASS_MAPPING, suggestMapping, TARGET_GROUP_MAPPING } from './catalogue.js';

describe('suggested mapping from PTV service classes', () => {
  it('uses only codes of the default code sets', () => {
    for (const [cls, s] of Object.entries(SERVICE_CLASS_MAPPING)) {
      for (const a of s.serviceAreas) expect(DEFAULT_CODES.service_area, cls).toHaveProperty(a);
      for (const r of s.reasons) expect(DEFAULT_CODES.reason, cls).toHaveProperty(r);
    }
    for (const a of Object.values(TARGET_GROUP_MAPPING)) expect(DEFAULT_CODES.service_area).toHaveProperty(a);
  });

  it('prefers the most specific class and falls back to its parent', () => {
    expect(suggestMapping(['P4', 'P4.10'], ['KR1'])).toEqual({ serviceAreas: ['working_age'], reasons: ['income'] });
    expect(suggestMapping(['P5.7'], [])).toEqual({ serviceAreas: ['mental_health_substance'], reasons: ['mental_health', 'substance_use'] });
    expect(suggestMapping(['P5.99'], [])).toEqual({ serviceAreas: ['health'], reasons: ['health_functioning'] });
    expect(suggestMapping(['P25.1'], [])).toEqual({ serviceAreas: [], reasons: [] });
  });

  it('narrows a general social service by its target group', () => {
    expect(suggestMapping(['P4', 'P4.13'], ['KR1', 'KR1.1'])).toEqual({ serviceAreas: ['older_people'], reasons: ['service_system_info'] });
    expect(suggestMapping(['P25.1'], ['KR1.1']).serviceAreas).toEqual([]);
  });
});

describe('provider types', () => {
  it('maps PTV organisation types of v11 and v12, and Kela by its business code', () => {
    expect(providerTypeOf('Municipality')).toBe('municipality');
    expect(providerTypeOf('State', '0246246-0')).toBe('kela');
    expect(providerTypeOf('WellbeingServicesCounty')).toBe('wellbeing_county');
    expect(providerTypeOf('Organization')).toBe('ngo');
    expect(providerTypeOf(undefined)).toBe('other');
  });
});
