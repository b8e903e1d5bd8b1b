import { describe, expect, it } from 'vitest';
import { isAgentOnCall, mayHearRecording } from '../../../../hub/attachments/recording-access';

const VIP = 'Q-VIP';
const GENERAL = 'Q-GENERAL';

describe('who may hear a call recording', () => {
  const recording = { queueId: VIP, agentId: 'A1' };

  it('lets supervisors and administrators hear every recording', () => {
    expect(mayHearRecording({ id: 'S', role: 'supervisor', queueIds: [] }, recording)).toBe(true);
    expect(mayHearRecording({ id: 'AD', role: 'admin', queueIds: [] }, { queueId: null, agentId: 'A1' })).toBe(true);
  });

  it('lets an agent hear recordings of their queues and of their own calls, and no others', () => {
    expect(mayHearRecording({ id: 'A2', role: 'agent', queueIds: [GENERAL, VIP] }, recording)).toBe(true);
    expect(mayHearRecording({ id: 'A1', role: 'agent', queueIds: [] }, recording)).toBe(true);
    expect(mayHearRecording({ id: 'A3', role: 'agent', queueIds: [GENERAL] }, recording)).toBe(false);
    expect(mayHearRecording({ id: 'A3', role: 'agent', queueIds: [GENERAL] }, { queueId: null, agentId: 'A1' })).toBe(false);
  });
});

describe('who is the agent on a call', () => {
  it('is the one who answered, or the one its task is offered or assigned to', () => {
    expect(isAgentOnCall('A1', { agentId: 'A1' }, null)).toBe(true);
    expect(isAgentOnCall('A1', { agentId: null }, { offeredTo: 'A1', assignedTo: null })).toBe(true);
    expect(isAgentOnCall('A1', { agentId: null }, { offeredTo: null, assignedTo: 'A1' })).toBe(true);
    expect(isAgentOnCall('A2', { agentId: 'A1' }, { offeredTo: null, assignedTo: 'A1' })).toBe(false);
    expect(isAgentOnCall('A2', { agentId: null }, null)).toBe(false);
  });
});
