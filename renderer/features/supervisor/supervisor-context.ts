import { createContext, useContext } from 'react';
import type { Role } from '../../../shared/domain/user';
import type { SupervisorBoard } from '../../../shared/protocol/supervisor';
import type { SupervisorClient } from './supervisor-client';

export type SupervisorServices = {
  client: SupervisorClient;
  board: SupervisorBoard;
  role: Role;
  queueName: (queueId: string) => string;
  agentName: (agentId: string) => string;
};

export const SupervisorContext = createContext<SupervisorServices | null>(null);

export function useSupervisor(): SupervisorServices {
  const services = useContext(SupervisorContext);
  if (!services) throw new Error('useSupervisor outside the supervisor area');
  return services;
}
