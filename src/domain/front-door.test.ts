import { describe, expect, it } from 'vitest';
import { DEFAULT_CODES } from './codes.js';
import { classify, TOPIC_CODES, TOPICS, topicForReason } from './front-door.js';

const defaults = (set: 'reason' | 'service_area', code: string) => code in DEFAULT_CODES[set];

describe('topics of the guided form', () => {
  it('map to codes that exist among the default code sets', () => {
    for (const topic of TOPIC_CODES) {
      const t = TOPICS[topic];
      if (t.reason) expect(DEFAULT_CODES.reason, topic).toHaveProperty(t.reason);
      if (t.serviceArea) expect(DEFAULT_CODES.service_area, topic).toHaveProperty(t.serviceArea);
    }
  });

  it('pre-fill the main reason and service area', () => {
    expect(classify('money', defaults)).toEqual({ mainReason: 'income', serviceArea: 'working_age' });
    expect(classify('older_person', defaults)).toEqual({ mainReason: 'ageing_home_care', serviceArea: 'older_people' });
    expect(classify(undefined, defaults)).toEqual({ mainReason: null, serviceArea: null });
  });

  it('are found back from a suggested reason, so triage can suggest a topic', () => {
    for (const topic of TOPIC_CODES) if (TOPICS[topic].reason) expect(topicForReason(TOPICS[topic].reason), topic).toBe(topic);
    expect(topicForReason('service_system_info')).toBeNull();
    expect(topicForReason(null)).toBeNull();
  });

  it('leave out a code the county does not have rather than refuse the contact', () => {
    const noHousing = (set: 'reason' | 'service_area', code: string) => defaults(set, code) && code !== 'housing';
    expect(classify('housing', noHousing)).toEqual({ mainReason: null, serviceArea: 'working_age' });
  });
});
