export const ROLES = ['office', 'facilitator', 'attendee', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request, as established from a valid access token and the current database row. */
export interface Principal {
  personId: string;
  sessionId: string;
  roles: Role[];
  unitId: string | null;
}

export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'roles'; roles: Role[] }
  | { kind: 'roles-or-link'; roles: Role[] };

/** The header that carries the token of a mailed link (`/inscripciones/{id}#token`), for that object only. */
export const LINK_HEADER = 'x-puente-link';

/** Who is asking: a signed-in person, or someone holding the token of a mailed link, checked by the service. */
export interface Asker {
  principal?: Principal;
  linkToken?: string;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}
