// The Lease port: one live actor per id across nodes. A lease is a key held by one owner
// until it expires unless renewed. Every grant carries a fencing token that only grows, so a
// holder that lost its lease can be told apart. The lease is an optimisation of placement:
// correctness never depends on it (the store's unique indexes are the final guard).

export interface LeaseGrant {
  key: string;
  owner: string;
  fence: number;
}

export interface Lease {
  /** Takes the lease if free (or already ours); null when another owner holds it. */
  acquire(key: string, owner: string, ttlMs: number): Promise<LeaseGrant | null>;
  /** Extends our lease; false when it was lost (expired and maybe taken by another). */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Renews many of our leases in one round trip (a node hosts thousands of actors); one answer per key. */
  renewMany(keys: string[], owner: string, ttlMs: number): Promise<boolean[]>;
  release(key: string, owner: string): Promise<void>;
  holder(key: string): Promise<string | null>;
  close(): Promise<void>;
}
