import type { z } from 'zod';
import type { HubError } from '../../shared/protocol/errors';

/** zod's issues as field paths a person (and the desktop's form) can act on. */
export function invalidPayload(error: z.ZodError, what: string): HubError {
  return {
    code: 'invalid-payload',
    message: `${what} is not valid: ${error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
    issues: error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  };
}
