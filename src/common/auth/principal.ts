export const ROLES = ['office', 'facilitator', 'attendee', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request, as established from a valid access token and the current database row. */
export interface Principal {
  personId: string;
  sessionId: string;
  roles: Role[];
  unitId: string | null;
}

export type AccessPolicy = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}
