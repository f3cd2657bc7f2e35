import { describe, expect, it } from 'vitest';
import { localised, mapChannel, mapService, mapServiceHours, timeOf } from './ptv.mapper.js';

const id = '06aa9e46-25f9-4a8a-9f66-be317450b933';

describe('the PTV mapper takes real data as it comes', () => {
  it('reads multilingual arrays with nulls, types and missing languages', () => {
    expect(localised([{ language: 'fi', value: 'Nimi', type: 'Name' }, { language: 'sv', value: null, type: 'Name' }, { language: 'en', value: 'Alt', type: 'AlternativeName' }], 'Name')).toEqual({ fi: 'Nimi' });
    expect(localised(null)).toEqual({});
    expect(localised([null, 'x', { language: 'de', value: 'Name' }])).toEqual({});
  });

  it('reads times as PTV wrote them', () => {
    expect(timeOf('09:00:00')).toBe('09:00');
    expect(timeOf('9:30')).toBe('09:30');
    expect(timeOf('24:00:00')).toBe('24:00');
    expect(timeOf('25:00')).toBeNull();
    expect(timeOf(null)).toBeNull();
  });

  it('maps weekly hours: dayTo "" is the one day, a range covers each day, over midnight closes the next day', () => {
    const warnings: string[] = [];
    const hours = mapServiceHours([
      { serviceHourType: 'DaysOfTheWeek', isClosed: false, openingHour: [{ dayFrom: 'Monday', dayTo: '', from: '09:00:00', to: '15:00:00' }] },
      { serviceHourType: 'DaysOfTheWeek', isClosed: false, openingHour: [{ dayFrom: 'Friday', dayTo: 'Sunday', from: '22:00:00', to: '04:00:00' }] },
      { serviceHourType: 'Exceptional', validFrom: '2017-12-24T00:00:00', isClosed: true, openingHour: [] },
      { serviceHourType: 'Exceptional', validFrom: null, isClosed: false, openingHour: [{ from: '00:00:00', to: '00:00:00' }] },
      { serviceHourType: 'DaysOfTheWeek', openingHour: [{ dayFrom: 'Someday', from: '09:00', to: '10:00' }, { dayFrom: 'Tuesday', from: 'noon', to: '10:00' }] },
    ], warnings);
    expect(hours.filter((h) => h.kind === 'weekly').map((h) => `${h.weekday} ${h.opens}-${h.closes}${h.closesNextDay ? '+1' : ''}`))
      .toEqual(['1 09:00-15:00', '5 22:00-04:00+1', '6 22:00-04:00+1', '7 22:00-04:00+1']);
    expect(hours.find((h) => h.kind === 'exception')).toMatchObject({ validFrom: '2017-12-24', validTo: '2017-12-24', closed: true });
    expect(warnings).toEqual([
      'exceptional hours without a date skipped',
      'opening hour with an unknown day "Someday" skipped',
      'opening hour Tuesday noon–10:00 not understood, skipped',
    ]);
  });

  it('refuses an object without an id or a name, and maps a bare service with warnings', () => {
    expect(mapService({ id: 'nope' })).toEqual({ ok: false, error: 'no valid id' });
    expect(mapService({ id, serviceNames: [] })).toEqual({ ok: false, error: 'no name in any language' });
    const bare = mapService({ id, type: 'Mystery', serviceNames: [{ language: 'fi', value: 'Palvelu', type: 'Name' }] });
    expect(bare.ok && bare.value).toMatchObject({ ptvId: id, kind: 'service', name: { fi: 'Palvelu' }, municipalities: [], serviceClasses: [], chargeType: null });
    expect(bare.ok && bare.warnings).toEqual(['unknown service type "Mystery", taken as a service', 'no area: neither nationwide nor any municipality']);
  });

  it('maps a channel’s phones, address and unknown types', () => {
    expect(mapChannel({ id, serviceChannelType: 'Telepathy', serviceChannelNames: [{ language: 'fi', value: 'X', type: 'Name' }] })).toEqual({ ok: false, error: 'unknown channel type "Telepathy"' });
    const c = mapChannel({
      id, serviceChannelType: 'ServiceLocation', serviceChannelNames: [{ language: 'fi', value: 'Sosiaalitoimisto', type: 'Name' }],
      phoneNumbers: [{ type: 'Phone', prefixNumber: '+358', number: '06 325 1111' }, { type: 'Fax', prefixNumber: '+358', number: '063251112' }, { type: 'Phone', prefixNumber: '+358', number: '063251111' }],
      addresses: [{ type: 'Location', streetAddress: { street: [{ language: 'fi', value: 'Kirkkopuistikko' }], streetNumber: '26', postalCode: '65100', postOffice: [{ language: 'fi', value: 'VAASA' }], municipality: { code: '905' } } }],
      webPages: [{ url: 'https://www.vaasa.fi', value: 'Vaasa' }, { url: 'ftp://x' }],
    });
    expect(c.ok && c.value).toMatchObject({
      kind: 'service_location', phones: [{ number: '+35863251111' }],
      address: { streetFi: 'Kirkkopuistikko', number: '26', postalCode: '65100', postOfficeFi: 'VAASA', municipalityCode: '905' },
      urls: [{ url: 'https://www.vaasa.fi', label: 'Vaasa' }],
    });
  });
});
