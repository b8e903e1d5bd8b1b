import type { User } from '../domain/user';
import { demoUlid } from './demo-ulid';
import { createRandom } from './prng';

/** Printed on the hub's first start; every demo user shares it. */
export const DEMO_PASSWORD = 'demo1234';

const DEMO_STAFF: readonly Omit<User, 'id'>[] = [
  { username: 'agent1', displayName: '王芳 Wang Fang', role: 'agent' },
  { username: 'agent2', displayName: '李强 Li Qiang', role: 'agent' },
  { username: 'agent3', displayName: '陈静 Chen Jing', role: 'agent' },
  { username: 'agent4', displayName: 'Oliver Smith 史密斯', role: 'agent' },
  { username: 'agent5', displayName: 'Emma Taylor 泰勒', role: 'agent' },
  { username: 'supervisor', displayName: '赵敏 Zhao Min (主管)', role: 'supervisor' },
  { username: 'admin', displayName: '系统管理员 Admin', role: 'admin' },
];

/** Fixed ids, so demo interactions can name the agents who handled them on every install. */
export function demoUsers(): User[] {
  const random = createRandom(20_240_101);
  const since = Date.UTC(2024, 0, 1);
  return DEMO_STAFF.map((staff, index) => ({ id: demoUlid(since + index, random.next), ...staff }));
}

export const demoAgentIds = (): string[] =>
  demoUsers()
    .filter((user) => user.role === 'agent')
    .map((user) => user.id);
