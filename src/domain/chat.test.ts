import { describe, expect, it } from 'vitest';
import { chatAcute, estimateWaitMinutes, firstName, MAX_ESTIMATE_MINUTES } from './chat.js';

describe('estimateWaitMinutes', () => {
  it('uses the last hour\'s pace when at least two chats were taken', () => {
    // 12 taken an hour: one every 5 min; third in the queue: 15 min
    expect(estimateWaitMinutes(3, { answeredLastHour: 12, medianWaitSeconds: 30, activeWorkers: 2 })).toBe(15);
    expect(estimateWaitMinutes(1, { answeredLastHour: 7, medianWaitSeconds: null, activeWorkers: 0 })).toBe(9); // 8.57 up
  });
  it('falls back to today\'s median wait spread over the workers', () => {
    expect(estimateWaitMinutes(4, { answeredLastHour: 1, medianWaitSeconds: 300, activeWorkers: 2 })).toBe(10);
    expect(estimateWaitMinutes(1, { answeredLastHour: 0, medianWaitSeconds: 300, activeWorkers: 3 })).toBe(5);
  });
  it('says nothing without recent answers, and never 0 or beyond the cap', () => {
    expect(estimateWaitMinutes(2, { answeredLastHour: 0, medianWaitSeconds: null, activeWorkers: 4 })).toBeNull();
    expect(estimateWaitMinutes(1, { answeredLastHour: 600, medianWaitSeconds: 5, activeWorkers: 4 })).toBe(1);
    expect(estimateWaitMinutes(500, { answeredLastHour: 2, medianWaitSeconds: null, activeWorkers: 1 })).toBe(MAX_ESTIMATE_MINUTES);
    expect(estimateWaitMinutes(0, { answeredLastHour: 10, medianWaitSeconds: 60, activeWorkers: 1 })).toBeNull();
  });
});

describe('firstName', () => {
  it('shows the first name only', () => {
    expect(firstName('Maija Meikäläinen')).toBe('Maija');
    expect(firstName('  Anna-Liisa  Virtanen ')).toBe('Anna-Liisa');
    expect(firstName('')).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});

describe('chatAcute (training examples: lines the detector\'s model flagged alone)', () => {
  it('does not read one or two ordinary words as danger', () => {
    for (const line of ['Kiitos', 'Vastattava', 'Evästeellä', 'Yksityinen asia', 'ok', 'Hei']) expect(chatAcute(line, []).acute, line).toBe(false);
    expect(chatAcute('Kiitos', ['Miten haen toimeentulotukea?']).acute).toBe(false);
  });
  it('reads danger in one line, and in a phrase split over two', () => {
    expect(chatAcute('en halua enää elää', [])).toMatchObject({ acute: true, category: 'suicide' });
    expect(chatAcute('elää enää', ['en halua'])).toMatchObject({ acute: true, category: 'suicide' });
  });
});
