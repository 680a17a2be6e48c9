// Wires memberships and subscriptions on one node: products, members, online orders.
import type { Clock } from '../clock/port.js';
import type { Jobs } from '../jobs/port.js';
import type { Store } from '../store/port.js';
import { Members, type MemberDeps } from './members.js';
import { MembershipOrders } from './orders.js';
import { MembershipProducts } from './products.js';

export interface MembershipsDeps {
  store: Store;
  clock: Clock;
  jobs: Jobs;
  findOrCreateUser: MemberDeps['findOrCreateUser'];
  userOfWallet: MemberDeps['userOfWallet'];
  collectiveName: MemberDeps['collectiveName'];
  collectiveLang?: MemberDeps['collectiveLang'];
}

export interface Memberships {
  products: MembershipProducts;
  members: Members;
  orders: MembershipOrders;
}

export async function startMemberships(deps: MembershipsDeps): Promise<Memberships> {
  const { store, clock, jobs } = deps;
  const products = new MembershipProducts(store, clock);
  await products.start();
  const members = new Members(store, { clock, jobs, products, findOrCreateUser: deps.findOrCreateUser, userOfWallet: deps.userOfWallet, collectiveName: deps.collectiveName, collectiveLang: deps.collectiveLang });
  await members.start();
  const orders = new MembershipOrders(store, { clock, products, members });
  await orders.start();
  return { products, members, orders };
}
