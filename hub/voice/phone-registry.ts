import type { TaskChannel } from '../../shared/domain/routing';

/** The channels that ring the agent's softphone. */
const RINGS_PHONE: ReadonlySet<TaskChannel> = new Set(['call', 'video']);

/**
 * Whose softphone is registered, as their desktops last said. In memory:
 * after a hub restart desktops reconnect and say again, and until they do
 * nobody is offered calls, which is the safe side.
 */
export class PhoneRegistry {
  private readonly registered = new Set<string>();

  set(userId: string, registered: boolean): void {
    if (registered) this.registered.add(userId);
    else this.registered.delete(userId);
  }

  isRegistered(userId: string): boolean {
    return this.registered.has(userId);
  }

  /** Routing's channel gate: calls and video only reach an agent whose phone can ring. */
  readonly gate = (userId: string, channel: TaskChannel): boolean => !RINGS_PHONE.has(channel) || this.registered.has(userId);
}
