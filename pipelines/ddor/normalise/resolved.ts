/**
 * The one result shape every normaliser returns. A resolver either gives a value (with a `note`
 * when it had to guess, so a reviewer can check the guess) or says precisely why it could not.
 * Callers turn notes and reasons into Findings; the resolvers themselves stay pure.
 */

export type Resolved<T> =
  | { ok: true; value: T; note?: string }
  | { ok: false; reason: string };

export function resolved<T>(value: T, note?: string): Resolved<T> {
  return note === undefined ? { ok: true, value } : { ok: true, value, note };
}

export function unresolved<T = never>(reason: string): Resolved<T> {
  return { ok: false, reason };
}
