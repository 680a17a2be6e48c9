// Wires online ticketing on one node: events and prices, seat counters, reservations,
// booking, payments of reservations, tickets.
import type { Clock } from '../clock/port.js';
import type { Jobs } from '../jobs/port.js';
import type { PromoCodes } from '../promotions/index.js';
import type { Store } from '../store/port.js';
import { BookingService, type PaymentDeps } from './booking.js';
import { EventService } from './events.js';
import { ReservationPayments } from './reservation-payments.js';
import { ReservationBook } from './reservations.js';
import { Seats } from './seats.js';
import { TicketBook, type TicketDeps } from './tickets.js';

export interface TicketingDeps {
  store: Store;
  clock: Clock;
  jobs: Jobs;
  payments: PaymentDeps;
  ticketSecret: string;
  walletOfUser: TicketDeps['walletOfUser'];
  collectiveOf: TicketDeps['collectiveOf'];
  isMember(collectiveId: string, userId: string, at: number): Promise<boolean>;
  promos: PromoCodes;
  holdMs?: number;
}

export interface Ticketing {
  events: EventService;
  seats: Seats;
  reservations: ReservationBook;
  booking: BookingService;
  reservationPayments: ReservationPayments;
  tickets: TicketBook;
}

export async function startTicketing(deps: TicketingDeps): Promise<Ticketing> {
  const { store, clock, jobs, payments } = deps;
  const events = new EventService(store, clock);
  await events.start();
  const seats = new Seats(events.events, events.prices);
  const reservations = new ReservationBook(store, clock, seats);
  await reservations.start();
  const tickets = new TicketBook(store, { clock, jobs, events, secret: deps.ticketSecret, walletOfUser: deps.walletOfUser, collectiveOf: deps.collectiveOf });
  await tickets.start();
  const booking = new BookingService({ clock, events, seats, book: reservations, tickets, payments, isMember: deps.isMember, promos: deps.promos, holdMs: deps.holdMs });
  const reservationPayments = new ReservationPayments({ clock, book: reservations, seats, tickets, payments });
  return { events, seats, reservations, booking, reservationPayments, tickets };
}
