/** Progress for whoever watches the run; stdout carries the JSON lines only. */
export function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} bench ${message}\n`);
}
