import { describe, expect, it } from 'vitest';
import { endForResponse } from '../../../../renderer/softphone/sip-phone';

describe('endForResponse', () => {
  it('tells the hub’s refusals of a dialled number apart by their reason phrase', () => {
    expect(endForResponse(503, 'No Outbound Line')).toBe('no-outbound-line');
    expect(endForResponse(403, 'Destination Not Allowed')).toBe('destination-not-allowed');
    expect(endForResponse(484, 'Address Incomplete')).toBe('not-a-number');
  });

  it('reads the same codes with other phrases as before: a generic refusal or failure', () => {
    expect(endForResponse(403, 'Forbidden')).toBe('rejected');
    expect(endForResponse(403, 'Agents Only')).toBe('rejected');
    expect(endForResponse(503, 'Service Unavailable')).toBe('failed');
    expect(endForResponse(484)).toBe('rejected');
    expect(endForResponse(486, 'Busy Here')).toBe('busy');
    expect(endForResponse(408, 'Request Timeout')).toBe('missed');
  });
});
