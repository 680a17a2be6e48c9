import type { Doc } from '../store/port.js';

/** `collective-admin` manages one collective; `operator` runs the whole installation. */
export type Role = 'collective-admin' | 'operator';

export interface Account extends Doc {
  email: string;
  name: string;
  role: Role;
  /** The one collective a collective-admin manages; null for operators. */
  collectiveId: string | null;
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
}

/** Who is making a request: what gateways keep in a session, never the password hash. */
export interface Principal {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  collectiveId: string | null;
}

export function toPrincipal(a: Account): Principal {
  return { accountId: a._id, email: a.email, name: a.name, role: a.role, collectiveId: a.collectiveId };
}
