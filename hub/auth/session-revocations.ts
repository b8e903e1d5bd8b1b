/**
 * Per user, the newest "sessions valid from" time this hub node knows of: set
 * when this node ends a user's sessions and refreshed from the store at every
 * token check. The socket dispatcher consults it on every event
 * (hub/socket/dispatcher.ts) without a database round trip. Another node's
 * revocation reaches this node's sockets through the adapter's
 * `disconnectSockets`; a reconnect then meets the store's time.
 */
export class SessionRevocations {
  private readonly validFrom = new Map<string, number>();

  note(userId: string, validFrom: number): void {
    if (validFrom > (this.validFrom.get(userId) ?? 0)) this.validFrom.set(userId, validFrom);
  }

  /** Whether a token issued at `issuedAt` belongs to a session that has since been ended. */
  ended(userId: string, issuedAt: number): boolean {
    return issuedAt < (this.validFrom.get(userId) ?? 0);
  }
}
