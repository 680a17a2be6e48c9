// The Mailer port and its two adapters (nodemailer): SMTP in production (SMTP_URL), and in
// embedded mode an outbox folder of .eml files (`${DATA_DIR}/outbox/`) that any mail client
// opens, so a demo shows real messages without sending any.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { newId } from '../../core/shared/ids.js';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

const smtpTimeoutMs = 15_000;

export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(
    { url: options.url, connectionTimeout: smtpTimeoutMs, greetingTimeout: smtpTimeoutMs, socketTimeout: smtpTimeoutMs },
    { from: options.from },
  );
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transport.sendMail(toNodemailer(message));
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}

/** Writes each message as `<time>-<id>.eml` in `dir` (created if missing). */
export function createOutboxMailer(options: { dir: string; from: string }): Mailer & { readonly dir: string } {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from: options.from });
  return {
    kind: 'outbox',
    dir: options.dir,
    async send(message) {
      const info = await transport.sendMail(toNodemailer(message));
      await mkdir(options.dir, { recursive: true });
      const file = join(options.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId()}.eml`);
      await writeFile(file, info.message as Buffer);
      return { messageId: info.messageId };
    },
    async close() {},
  };
}

/** SMTP when SMTP_URL is set, otherwise the outbox folder under DATA_DIR. */
export function mailerFromConfig(config: { SMTP_URL?: string; MAIL_FROM: string; DATA_DIR: string }): Mailer {
  if (config.SMTP_URL) return createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM });
  return createOutboxMailer({ dir: join(config.DATA_DIR, 'outbox'), from: config.MAIL_FROM });
}

function toNodemailer(message: MailMessage) {
  return {
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  };
}
