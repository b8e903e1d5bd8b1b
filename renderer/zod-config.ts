import { z } from 'zod';

// The page's CSP forbids eval, so zod cannot compile its fast parsers anyway;
// saying so up front stops it probing `new Function`, which Chromium reports
// as a CSP violation on every start.
z.config({ jitless: true });
