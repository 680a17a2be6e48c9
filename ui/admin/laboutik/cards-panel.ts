// The collective's Pass cards as printed batches: paste the CSV the card maker sends
// (`uid,number[,claim_code]`, one card a line; a missing claim code is made by the server), and
// download the file for the printer: number, UID, claim code and QR link of each card not yet
// linked to an account. A bad line refuses the whole batch, and the lines are named.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { formAlert } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { tb } from './messages.js';

interface ImportResult {
  created: number;
  existing: Array<{ line: number; number: string }>;
}

@customElement('cards-panel')
export class CardsPanel extends LitElement {
  @property() collectiveId = '';
  @state() private csv = '';
  @state() private result: ImportResult | undefined;
  @state() private error = '';
  @state() private badLines: Array<{ line: number; reason: string }> = [];
  @state() private busy = false;

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const base = `/api/collectives/${encodeURIComponent(this.collectiveId)}/cards`;
    return html`<section class="panel" data-testid="cards-panel">
      <div class="panel-head">
        <h2>${tb('cards.title')}</h2>
        <a class="button" href="${base}/print.csv" download data-testid="cards-print">${tb('cards.print')}</a>
      </div>
      <p class="muted">${tb('cards.intro')}</p>
      <form novalidate @submit=${this.import}>
        <label for="cards-csv">${tb('cards.csv')}</label>
        <textarea
          id="cards-csv"
          rows="8"
          data-testid="cards-csv"
          placeholder="uid,number,claim_code"
          .value=${this.csv}
          @input=${(e: Event) => (this.csv = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <button type="submit" class="primary" ?disabled=${this.busy || !this.csv.trim()} data-testid="cards-import">${tb('cards.import')}</button>
      </form>
      ${formAlert(this.error, 'cards-error')}
      ${
        this.badLines.length
          ? html`<ul data-testid="cards-bad-lines">
              ${this.badLines.map((l) => html`<li>${tb('cards.badLine', { line: String(l.line), reason: l.reason })}</li>`)}
            </ul>`
          : nothing
      }
      ${
        this.result
          ? html`<p class="badge ok" role="status" data-testid="cards-result">
              ${tb('cards.imported', { created: String(this.result.created), existing: String(this.result.existing.length) })}
            </p>`
          : nothing
      }
    </section>`;
  }

  private readonly import = async (event: Event) => {
    event.preventDefault();
    this.busy = true;
    this.error = '';
    this.badLines = [];
    this.result = undefined;
    try {
      this.result = await api<ImportResult>(`/api/collectives/${encodeURIComponent(this.collectiveId)}/cards/import`, { body: { csv: this.csv } });
      this.csv = '';
    } catch (err) {
      const errors = formErrorsOf(err);
      this.error = errorLine(errors);
      const lines = (err as { details?: { lines?: unknown } }).details?.lines;
      if (Array.isArray(lines)) this.badLines = lines as Array<{ line: number; reason: string }>;
    } finally {
      this.busy = false;
    }
  };
}
