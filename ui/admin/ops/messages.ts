// Words of the operators' screens (job queues, ledger verification).
import { translator } from '../../shared/i18n.js';

const fr = {
  'queues.title': 'Files de tâches',
  'queues.intro': 'Travaux en arrière-plan de toute l’installation. Une tâche en échec reste listée jusqu’à ce qu’elle soit relancée.',
  'queues.refresh': 'Actualiser',
  'queues.waiting': 'En attente',
  'queues.active': 'En cours',
  'queues.delayed': 'Différées',
  'queues.completed': 'Terminées',
  'queues.failed': 'En échec',
  'queues.noFailed': 'Aucune tâche en échec.',
  'queues.shown': '{shown} affichées sur {count}.',
  'queues.job': 'Tâche',
  'queues.error': 'Erreur',
  'queues.attempts': 'Essais',
  'queues.data': 'Données',
  'queues.retry': 'Relancer',
  'queues.retried': 'Tâche {id} relancée.',
  'queue.stripe': 'Paiements (Stripe)',
  'queue.email': 'E-mails (billets, liens)',
  'queue.settlement': 'Règlements entre collectifs',
  'queue.z-closing': 'Clôture Z nocturne',

  'ledger.title': 'Vérification du registre',
  'ledger.intro': 'Relit tout le registre : chaque monnaie somme à zéro, chaînes de hachage intactes, aucun solde négatif, instantanés conformes.',
  'ledger.run': 'Vérifier maintenant',
  'ledger.running': 'Vérification…',
  'ledger.ok': 'Registre intègre',
  'ledger.broken': 'Registre en erreur',
  'ledger.rows': 'Lignes : {rows} · portefeuilles : {chains}',
  'ledger.checkedAt': 'Vérifié le {at} en {ms} ms',
  'ledger.errors': 'Erreurs',
  'ledger.warnings': 'Avertissements',
};

const en: Record<keyof typeof fr, string> = {
  'queues.title': 'Job queues',
  'queues.intro': 'Background work of the whole installation. A failed job stays listed until it is retried.',
  'queues.refresh': 'Refresh',
  'queues.waiting': 'Waiting',
  'queues.active': 'Active',
  'queues.delayed': 'Delayed',
  'queues.completed': 'Completed',
  'queues.failed': 'Failed',
  'queues.noFailed': 'No failed job.',
  'queues.shown': '{shown} shown of {count}.',
  'queues.job': 'Job',
  'queues.error': 'Error',
  'queues.attempts': 'Attempts',
  'queues.data': 'Data',
  'queues.retry': 'Retry',
  'queues.retried': 'Job {id} retried.',
  'queue.stripe': 'Payments (Stripe)',
  'queue.email': 'Emails (tickets, links)',
  'queue.settlement': 'Settlement between collectives',
  'queue.z-closing': 'Nightly Z closing',

  'ledger.title': 'Ledger verification',
  'ledger.intro': 'Reads the whole ledger: every asset sums to zero, hash chains intact, no negative balance, snapshots consistent.',
  'ledger.run': 'Verify now',
  'ledger.running': 'Verifying…',
  'ledger.ok': 'Ledger sound',
  'ledger.broken': 'Ledger in error',
  'ledger.rows': 'Rows: {rows} · wallets: {chains}',
  'ledger.checkedAt': 'Checked on {at} in {ms} ms',
  'ledger.errors': 'Errors',
  'ledger.warnings': 'Warnings',
};

export type OpsKey = keyof typeof fr;
export const to = translator<OpsKey>({ fr, en });

/** A queue's name in words (unknown queues keep their id). */
export function queueLabel(name: string): string {
  const key = `queue.${name}` as OpsKey;
  return key in fr ? to(key) : name;
}
