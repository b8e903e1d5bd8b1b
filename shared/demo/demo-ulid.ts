const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID whose time part is the record's own time and whose random part comes
 * from the demo PRNG, so demo ids are reproducible and sort roughly by time
 * like the ids desktops make.
 */
export function demoUlid(time: number, random: () => number): string {
  let rest = Math.max(0, Math.floor(time));
  let timePart = '';
  for (let i = 0; i < 10; i += 1) {
    timePart = CROCKFORD.charAt(rest % 32) + timePart;
    rest = Math.floor(rest / 32);
  }
  let randomPart = '';
  for (let i = 0; i < 16; i += 1) randomPart += CROCKFORD.charAt(Math.floor(random() * 32));
  return timePart + randomPart;
}
