// Limits on everything (TigerStyle): named with their unit last, shared by gateways and core.
export const limits = {
  maxAmountCents: 100_000_00, // one movement never exceeds 100,000.00
  maxSaleLines: 100,
  maxQtyPerLine: 1_000,
  mailboxLength: 1_000,
  actorCallTimeoutMs: 5_000,
  httpBodyBytes: 100_000,
  socketPayloadBytes: 16_000,
  // A Socket.IO frame may exceed a command's limit, so a command a bit too large still reaches
  // the app's check and is answered PAYLOAD_TOO_LARGE (above this the transport drops the socket).
  socketFrameBytes: 64_000,
  pageSize: 200,
} as const;

/** A client-generated transaction id (the idempotency key of every money command). */
export const txIdPattern = /^[A-Za-z0-9_.:-]{8,80}$/;
